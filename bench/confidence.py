"""Fit the detector's confidence model on the labelled training items, and write it.

    python -m bench.confidence            fit, report cross-validated figures, write the model
    python -m bench.confidence --dry      fit and report only

Every alert the rules produce on the training items (bench/labels/heldout.jsonl,
bench/labels/train-*.jsonl, the shared dev.jsonl, and the fresh-N.jsonl batches once their
untuned scores were taken; never a sealed batch) is
one sample: its signals (bot/detect/confidence.py) and whether the labels hold its
(country, service, action). A logistic regression (scikit-learn, L2) weighs the signals;
5-fold cross-validation, grouped by item, says how well the weights carry to items they were
not fitted on, and picks the two thresholds:
  drop    the score below which an alert is not reported: the one that maximises F1 of the
          cross-validated alerts (recall lost to it counts), but never above DROP_CAP: an
          unsure alert should wait for a moderator (review) rather than vanish;
  review  the score below which an alert waits for a moderator: REVIEW, a calibrated odds of
          3 to 2 that it is right (logistic regression is calibrated on its training data;
          the cross-validated precision of the alerts on either side is printed).
The model is written to bot/detect/vocab/confidence.toml (data; about 50 numbers).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TRAINING = [
    ROOT / "bench" / "labels" / "heldout.jsonl",
    *sorted((ROOT / "bench" / "labels").glob("train-*.jsonl")),
    ROOT.parent / "shared" / "corpus" / "dev.jsonl",
    # Every fresh batch and its ordinary companion, once its untuned score was recorded
    # (bench/README.md, bench/labels/README.md): seen data now. A sealed batch is never here.
    *sorted((ROOT / "bench" / "labels").glob("fresh-*.jsonl")),
]
OUTPUT = ROOT / "bot" / "detect" / "vocab" / "confidence.toml"
REVIEW = 0.6
DROP_CAP = 0.3
L2 = 1.0  # scikit-learn's C: the inverse of the regularisation strength


def samples(paths: Sequence[Path]) -> tuple[list[dict[str, float]], list[int], list[str]]:
    """(features, correct?, item id) of every alert the rules produce on the labelled items."""
    from bot.core.models import ItemText
    from bot.detect import Detector
    from bot.detect.confidence import Confidence, features

    detector = Detector.load()
    detector.confidence = Confidence()  # every candidate, unscored
    rows: list[dict[str, float]] = []
    correct: list[int] = []
    groups: list[str] = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            gold = {(a["country"], a["service"], a["action"]) for a in item["alerts"]}
            text = ItemText(item["id"], item.get("title", ""), item["summary"], item.get("lang"))
            for alert in detector.detect(text):
                assert alert.evidence is not None
                rows.append(features(alert.evidence.signals))
                correct.append(int((alert.country, alert.service, alert.action) in gold))
                groups.append(item["id"])
    return rows, correct, groups


def fit(rows: list[dict[str, float]], correct: list[int], groups: list[str]) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    vectoriser = DictVectorizer(sparse=False)
    x = vectoriser.fit_transform(rows)
    model = LogisticRegression(C=L2, max_iter=2000)
    held = cross_val_predict(
        model, x, correct, groups=groups, cv=GroupKFold(n_splits=5), method="predict_proba"
    )[:, 1]
    model.fit(x, correct)
    drop = min(_best_f1(held, correct), DROP_CAP)
    review = REVIEW
    above, below = _kept(held, correct, review), _kept([-s for s in held], correct, -review)
    print(
        f"at review {review}: precision {above[0] / max(1, sum(above)):.3f} above "
        f"({sum(above)} alerts), {below[0] / max(1, sum(below)):.3f} below ({sum(below)})"
    )
    print(
        f"{len(correct)} candidate alerts, {sum(correct)} right; "
        f"cross-validated AUC {roc_auc_score(correct, held):.3f}"
    )
    print(f"drop below {drop:.2f}, review below {review:.2f}")
    weights = dict(zip(vectoriser.get_feature_names_out(), model.coef_[0], strict=True))
    return {"bias": float(model.intercept_[0]), "weights": weights, "drop": drop, "review": review}


def _kept(scores: Sequence[float], correct: Sequence[int], at: float) -> tuple[int, int]:
    kept = [c for s, c in zip(scores, correct, strict=True) if s >= at]
    return sum(kept), len(kept) - sum(kept)


def _best_f1(scores: Sequence[float], correct: Sequence[int]) -> float:
    """The threshold that maximises F1 among the candidates (those it drops count as lost)."""
    total = sum(correct)
    best, best_at = -1.0, 0.0
    for at in [i / 100 for i in range(0, 96)]:
        tp, fp = _kept(scores, correct, at)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / total if total else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if round(at * 100) % 5 == 0:
            print(f"  at {at:.2f}: P {p:.3f}, R of the candidates {r:.3f}, F1 {f1:.3f}")
        if f1 > best:
            best, best_at = f1, at
    return best_at


def write(model: dict[str, Any], path: Path) -> None:
    lines = [
        "# The detector's confidence model: weights of the signals of an alert's evidence",
        "# (bot/detect/confidence.py). Written by `python -m bench.confidence` from the",
        "# labelled training items; edit by refitting, not by hand.",
        "",
        f"bias = {model['bias']:.4f}",
        "",
        "[thresholds]",
        f"drop = {model['drop']:.2f}  # below: not reported",
        f"review = {model['review']:.2f}  # below: waits for a moderator",
        "",
        "[weights]",
    ]
    for name, weight in sorted(model["weights"].items()):
        if abs(weight) >= 0.005:
            lines.append(f'"{name}" = {weight:.4f}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry", action="store_true", help="report only, write nothing")
    args = parser.parse_args()
    model = fit(*samples([path for path in TRAINING if path.is_file()]))
    if not args.dry:
        write(model, OUTPUT)


if __name__ == "__main__":
    main()

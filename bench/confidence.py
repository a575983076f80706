"""Fit the detector's confidence model on the labelled training items, and write it.

    python -m bench.confidence            fit, report cross-validated figures, write the model
    python -m bench.confidence --dry      fit and report only

Every alert the rules produce on the training items (bench/labels/heldout.jsonl,
bench/labels/train-*.jsonl, the shared dev.jsonl, and the fresh-N.jsonl batches once their
untuned scores were taken; never a sealed batch) is
one sample: its signals and the words around it (bot/detect/confidence.py: `features`,
`word_features`) and whether the labels hold its (country, service, action). A logistic
regression (scikit-learn, L2) weighs them; 5-fold cross-validation, grouped by item, says how
well the weights carry to items they were not fitted on, and picks the two thresholds:
  drop    the score below which an alert is not reported: the one that maximises F1 of the
          cross-validated alerts (recall lost to it counts), but never above DROP_CAP: an
          unsure alert should wait for a moderator (review) rather than vanish;
  review  the score below which an alert waits for a moderator: REVIEW, a calibrated odds of
          3 to 2 that it is right (logistic regression is calibrated on its training data;
          the cross-validated precision of the alerts on either side is printed).
The signals' weights are written to bot/detect/vocab/confidence.toml (about 50 numbers), the
words' to confidence_words.toml beside it: only those that weigh at least WORD_FLOOR (about
14,500 of 110,000; keeping the rest moved F1 in the --batches test by under 0.001).

    python -m bench.confidence --batches   also: each fresh batch scored by a model fitted
                                           without it, with and without the words

The second is the honest test of the words: a fresh batch's items tell happenings no other
file holds, so a model fitted without the batch has never seen them.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
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
# scikit-learn's C, the inverse of the regularisation strength: 0.3 beat 1 and 3 with the
# words, in the --batches test (fifteenth session)
L2 = 0.3
WORD_FLOOR = 0.05  # words weighing less are left out of the file


@dataclass
class Samples:
    """Every candidate alert: its features, whether it is right, its item and its file; and
    each file's count of labelled alerts, found or not."""

    rows: list[dict[str, float]]
    correct: list[int]
    items: list[str]
    files: list[str]
    gold: dict[str, int]


def samples(paths: Sequence[Path]) -> Samples:
    """The features of every alert the rules produce on the labelled items."""
    from bot.core.models import ItemText
    from bot.detect import Detector
    from bot.detect.confidence import AlertText, Confidence, features, word_features

    detector = Detector.load()
    detector.confidence = Confidence()  # every candidate, unscored
    detector.fallback = None  # the rules alone: the fallback has a model of its own
    found = Samples([], [], [], [], {})
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            gold = {(a["country"], a["service"], a["action"]) for a in item["alerts"]}
            found.gold[path.name] = found.gold.get(path.name, 0) + len(item["alerts"])
            text = ItemText(item["id"], item.get("title", ""), item["summary"], item.get("lang"))
            language = detector.language(text)
            for alert in detector.detect(text):
                assert alert.evidence is not None and language is not None
                words = AlertText(
                    alert.evidence.sentence,
                    text.title,
                    text.summary,
                    language.code,
                    alert.service,
                    alert.action,
                )
                found.rows.append(features(alert.evidence.signals) | word_features(words))
                found.correct.append(int((alert.country, alert.service, alert.action) in gold))
                found.items.append(f"{path.name}:{item['id']}")
                found.files.append(path.name)
    return found


def fit(found: Samples) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    rows, correct, groups = found.rows, found.correct, found.items
    vectoriser = DictVectorizer()
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


def by_batch(found: Samples, drop: float) -> None:
    """Each fresh batch (with its ordinary items) scored by models fitted without it: the
    signals alone, and with the words, against every candidate kept ("no drop"). F1 counts
    the gold alerts no candidate found as missed. Only the model is unseen: the rules that
    made the candidates were written with each batch's errors in view, once its untuned
    score was taken (bench/README.md has those)."""
    batch = [_batch(name) for name in found.files]
    gold: dict[int, int] = {}
    for name, count in found.gold.items():
        if (number := _batch(name)) is not None:
            gold[number] = gold.get(number, 0) + count
    counts = {"no drop": _all_kept(found.correct, batch)}
    for label, words in (("signals", False), ("with words", True)):
        rows = [{k: v for k, v in row.items() if words or "=" not in k} for row in found.rows]
        counts[label] = _unseen(rows, found.correct, batch, drop)
    numbers = sorted(counts["no drop"])
    groups = [("all", numbers), ("before fresh-50", [n for n in numbers if n < 50])]
    groups += [(f"fresh-{n}", [n]) for n in numbers if n >= 50]
    for name, members in groups:
        figures = []
        for label, per_batch in counts.items():
            tp = sum(per_batch[n][0] for n in members)
            fp = sum(per_batch[n][1] for n in members)
            p, r = tp / max(1, tp + fp), tp / max(1, sum(gold[n] for n in members))
            figures.append(f"{label} P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.4f}")
        print(f"{name}, unseen: " + "; ".join(figures))


def _all_kept(correct: list[int], batch: list[int | None]) -> dict[int, tuple[int, int]]:
    """(right, wrong) alerts in each fresh batch with none dropped: every candidate."""
    kept: dict[int, tuple[int, int]] = {}
    for number in sorted({b for b in batch if b is not None}):
        right = [c for c, b in zip(correct, batch, strict=True) if b == number]
        kept[number] = (sum(right), len(right) - sum(right))
    return kept


def _unseen(
    rows: list[dict[str, float]], correct: list[int], batch: list[int | None], drop: float
) -> dict[int, tuple[int, int]]:
    """(right, wrong) alerts kept in each fresh batch by a model fitted without it."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    kept: dict[int, tuple[int, int]] = {}
    for number in sorted({b for b in batch if b is not None}):
        train = [i for i, b in enumerate(batch) if b != number]
        test = [i for i, b in enumerate(batch) if b == number]
        vectoriser = DictVectorizer()
        model = LogisticRegression(C=L2, max_iter=3000)
        model.fit(vectoriser.fit_transform([rows[i] for i in train]), [correct[i] for i in train])
        scores = model.predict_proba(vectoriser.transform([rows[i] for i in test]))[:, 1]
        right = [correct[i] for i, score in zip(test, scores, strict=True) if score >= drop]
        kept[number] = (sum(right), len(right) - sum(right))
    return kept


def _batch(name: str) -> int | None:
    match = re.match(r"fresh-(?:ordinary-)?(\d+)\.jsonl$", name)
    return int(match.group(1)) if match else None


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
    signals = {k: w for k, w in model["weights"].items() if "=" not in k and abs(w) >= 0.005}
    words = {k: w for k, w in model["weights"].items() if "=" in k and abs(w) >= WORD_FLOOR}
    lines = [
        "# The detector's confidence model: weights of the signals of an alert's evidence",
        "# (bot/detect/confidence.py); the words' weights are in confidence_words.toml.",
        "# Written by `python -m bench.confidence` from the labelled training items; edit by",
        "# refitting, not by hand.",
        "",
        f"bias = {model['bias']:.4f}",
        "",
        "[thresholds]",
        f"drop = {model['drop']:.2f}  # below: not reported",
        f"review = {model['review']:.2f}  # below: waits for a moderator",
        "",
        "[weights]",
        *(f'"{name}" = {weight:.4f}' for name, weight in sorted(signals.items())),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = [
        "# The confidence model's words (bot/detect/confidence.py, word_features): w= a word of",
        "# the alert's sentence, b= two neighbouring ones, t= of the headline, s= of the body;",
        "# svc=, act=, lang= what the alert says. Written by `python -m bench.confidence`.",
        "",
        "[words]",
        *weight_lines(words),
    ]
    words_path = path.with_name("confidence_words.toml")
    words_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} and {words_path.name} ({len(words)} words)")


def weight_lines(weights: dict[str, float]) -> list[str]:
    """TOML lines `"name" = weight`, sorted by name (names quoted as JSON, which TOML reads)."""
    return [
        f"{json.dumps(name, ensure_ascii=False)} = {weight:.3f}"
        for name, weight in sorted(weights.items())
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry", action="store_true", help="report only, write nothing")
    parser.add_argument("--batches", action="store_true", help="also score each fresh batch unseen")
    args = parser.parse_args()
    found = samples([path for path in TRAINING if path.is_file()])
    model = fit(found)
    if args.batches:
        by_batch(found, model["drop"])
    if not args.dry:
        write(model, OUTPUT)


if __name__ == "__main__":
    main()

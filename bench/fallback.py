"""Fit the detector's fallback model (bot/detect/fallback.py) on what the rules miss, and write it.

    python -m bench.fallback            fit on every labelled file, write the model
    python -m bench.fallback --dry      fit and report only
    python -m bench.fallback --batches  also: each fresh batch scored by a model fitted
                                        without it (the honest test; slower)

A sample is an item of the training files (bench/confidence.py's TRAINING: never a sealed
batch) in which the rules, with the packaged confidence model, report nothing, but which has
an action word and a country: the fallback's one candidate (`Detector.proposal`). It is right
when the labels hold its (country, service, action). A logistic regression (scikit-learn, L2,
C=1) weighs the candidate's features: the item's words, the kinds of cue in it, where its
country came from. Fit it after the confidence model (bench/confidence.py): a refit there
changes which items the rules report nothing in.

THRESHOLD, the score from which a candidate is reported, was picked by the --batches test
on fresh-40 to 107 (nineteenth session, 1,889 candidates, 227 of them right): at 0.4, 44
right alerts more and 22 wrong, no ordinary item alerted; at 0.3, 68 and 41 with one
ordinary item; at 0.5, 42 and 17. The rules on the same batches: 1,711 right, 325 wrong,
790 missed (with the confidence model in-sample). The twentieth session's test, on fresh-40
to 115 after its rules and refit (2,099 candidates, 194 right): at 0.4, 22 right and 15 wrong;
at 0.3, 31 and 24; at 0.5, 13 and 6. Its untuned score on fresh-108 to 115: 5 right of 13.
The twenty-first session's, on fresh-40 to 123: at 0.4, 24 right and 16 wrong; at 0.3, 32 and
23; at 0.5, 17 and 7. Untuned on fresh-116 to 123 it made no alert. The twenty-second
session's, on fresh-40 to 139 (2,570 candidates, 211 right): at 0.4, 27 right and 17 wrong;
at 0.3, 39 and 29; at 0.5, 21 and 9. Untuned on fresh-132 to 139: 6 alerts, 4 right.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from bench.confidence import ROOT, TRAINING, weight_lines

OUTPUT = ROOT / "bot" / "detect" / "vocab" / "fallback.toml"
THRESHOLD = 0.4
C = 1.0
FLOOR = 0.05  # features weighing less are left out of the file
_BATCH = re.compile(r"fresh-(?:ordinary-)?(\d+)\.jsonl")
_FIRST_TESTED = 40  # --batches scores fresh-40 on (the earlier ones are small or older)


def samples(paths: list[Path]) -> list[dict[str, Any]]:
    """Every item's fallback candidate: its features, whether it is right, its file."""
    from bot.core.models import ItemText
    from bot.detect import Detector

    detector = Detector.load()
    detector.fallback = None  # the rules alone
    found = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            text = ItemText(item["id"], item.get("title", ""), item["summary"], item.get("lang"))
            proposal = detector.proposal(text)
            if proposal is None:
                continue
            gold = {(a["country"], a["service"], a["action"]) for a in item["alerts"]}
            right = (proposal.country, proposal.service, proposal.action) in gold
            found.append(
                {
                    "features": dict(proposal.features),
                    "right": int(right),
                    "file": path.name,
                    "ordinary": item.get("note") == "ordinary",
                }
            )
    return found


def fit(rows: list[dict[str, Any]]) -> tuple[float, dict[str, float]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer()
    x = vectoriser.fit_transform([row["features"] for row in rows])
    model = LogisticRegression(C=C, max_iter=3000)
    model.fit(x, [row["right"] for row in rows])
    names = vectoriser.get_feature_names_out()
    return float(model.intercept_[0]), dict(zip(names, map(float, model.coef_[0]), strict=True))


def by_batch(rows: list[dict[str, Any]]) -> None:
    """Each fresh batch's candidates scored by a model fitted without it: the alerts the
    fallback would add at several thresholds."""
    from bot.detect.fallback import ItemModel

    numbers = {_batch(row["file"]) for row in rows}
    batches = sorted(b for b in numbers if b is not None and b >= _FIRST_TESTED)
    scored: list[tuple[float, dict[str, Any]]] = []
    for batch in batches:
        bias, weights = fit([row for row in rows if _batch(row["file"]) != batch])
        model = ItemModel(bias, weights)
        scored += [
            (model.assess(row["features"])[0], row) for row in rows if _batch(row["file"]) == batch
        ]
    right = sum(row["right"] for _, row in scored)
    print(f"{len(scored)} candidates in fresh-{_FIRST_TESTED} on, {right} right")
    for at in (0.2, 0.3, 0.4, 0.5, 0.6):
        kept = [row for score, row in scored if score >= at]
        gained = sum(row["right"] for row in kept)
        ordinary = sum(row["ordinary"] for row in kept)
        print(
            f"  at {at}: {gained} right alerts more, {len(kept) - gained} wrong "
            f"({ordinary} on ordinary items)"
        )


def _batch(name: str) -> int | None:
    match = _BATCH.fullmatch(name)
    return int(match.group(1)) if match else None


def write(bias: float, weights: dict[str, float], path: Path) -> None:
    kept = {name: weight for name, weight in weights.items() if abs(weight) >= FLOOR}
    lines = [
        "# The detector's fallback model (bot/detect/fallback.py): weights of an item's features",
        "# (t= a headline word, tb= two neighbouring ones, s= a body word, ct=/cb= a kind of cue",
        "# in the headline/body, src= where its country came from). Written by",
        "# `python -m bench.fallback` from the labelled training items; refit, never edit.",
        "",
        f"bias = {bias:.4f}",
        f"threshold = {THRESHOLD:.2f}  # a candidate scoring this or more is reported",
        "",
        "[weights]",
        *weight_lines(kept),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(kept)} of {len(weights)} features)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry", action="store_true", help="report only, write nothing")
    parser.add_argument("--batches", action="store_true", help="also score each fresh batch unseen")
    args = parser.parse_args()
    rows = samples([path for path in TRAINING if path.is_file()])
    print(f"{len(rows)} candidates, {sum(row['right'] for row in rows)} right")
    if args.batches:
        by_batch(rows)
    if not args.dry:
        write(*fit(rows), OUTPUT)


if __name__ == "__main__":
    main()

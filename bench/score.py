"""Score the detector against labelled items (default: the shared dev corpus).

    python bench/score.py                         classify dev.jsonl here, then score
    blockwatch classify < dev.jsonl | python bench/score.py --labels dev.jsonl
    python bench/score.py --errors                also list false positives / negatives

Alerts are scored as (item, country, service, action) triples: precision, recall and F1
overall and per language. Event grouping is scored pairwise: two items grouped together by
the labels and by the output count as a true pair. Alerts may carry a "scope" (full or
partial: one feature or region); how often the found ones get it right is reported too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

DEFAULT_LABELS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"
Triple = tuple[str, str, str]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (1.0 when there was nothing to find and nothing found)."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def triples(alerts: Iterable[dict[str, Any]]) -> set[Triple]:
    return {(a["country"], a["service"], a["action"]) for a in alerts}


def pairs(groups: dict[str, Any]) -> set[tuple[str, str]]:
    """Unordered item pairs that share a non-null group id."""
    members: dict[Any, list[str]] = defaultdict(list)
    for item_id, group in groups.items():
        if group is not None:
            members[group].append(item_id)
    return {tuple(sorted(pair)) for ids in members.values() for pair in combinations(ids, 2)}  # type: ignore[misc]


def classify_here(labels: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    """Run the detector in-process on the labelled items; returns outputs and items/second."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bot.classify import classify_lines
    from bot.match import Detector

    detector = Detector.load()
    lines = [json.dumps(item, ensure_ascii=False) for item in labels]
    rounds = 20  # the corpus is small: repeat it for a stable speed figure
    list(classify_lines(lines, detector))  # warm up: a running service has its caches filled
    # CPU time of this process, not wall time: "items per second on one core" should not
    # depend on what else the machine is running.
    start = time.process_time()
    for _ in range(rounds):
        out = list(classify_lines(lines, detector, explain=True))
    elapsed = time.process_time() - start
    return [json.loads(line) for line in out], rounds * len(lines) / elapsed


def report(labels: list[dict[str, Any]], output: list[dict[str, Any]], errors: bool) -> None:
    got = {row["id"]: row for row in output if row.get("id") is not None}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    mistakes: list[str] = []
    for item in labels:
        gold = triples(item["alerts"])
        row = got.get(item["id"], {"alerts": []})
        found = triples(row["alerts"])
        for scope in ("all", item.get("lang", "?")):
            c = counts[scope]
            c[0] += len(gold & found)
            c[1] += len(found - gold)
            c[2] += len(gold - found)
        if errors and gold != found:
            mistakes.append(_mistake(item, row, gold, found))
    print(f"{'scope':<6} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for scope in ["all", *sorted(k for k in counts if k != "all")]:
        tp, fp, fn = counts[scope]
        p, r, f = prf(tp, fp, fn)
        print(f"{scope:<6} {p:6.3f} {r:6.3f} {f:6.3f}  {tp:3d} {fp:3d} {fn:3d}")
    gold_pairs = pairs({item["id"]: item.get("event") for item in labels})
    got_pairs = pairs({item["id"]: got.get(item["id"], {}).get("event") for item in labels})
    p, r, f = prf(len(gold_pairs & got_pairs), len(got_pairs - gold_pairs),
                  len(gold_pairs - got_pairs))
    print(f"events pairwise  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
          f"({len(gold_pairs)} gold pairs, {len(got_pairs)} found)")
    agree, total = scope_agreement(labels, got)
    if total:
        print(f"scope (full/partial) right on {agree} of {total} found gold alerts")
    for line in mistakes:
        print(line)


def scope_agreement(
    labels: list[dict[str, Any]], got: dict[str, dict[str, Any]]
) -> tuple[int, int]:
    """Of the gold alerts found, how many got the gold scope ("full" when unlabelled)."""
    agree = total = 0
    for item in labels:
        found = {(a["country"], a["service"], a["action"]): a.get("scope", "full")
                 for a in got.get(item["id"], {}).get("alerts", [])}
        for alert in item["alerts"]:
            triple = (alert["country"], alert["service"], alert["action"])
            if triple in found:
                total += 1
                agree += found[triple] == alert.get("scope", "full")
    return agree, total


def _mistake(
    item: dict[str, Any], row: dict[str, Any], gold: set[Triple], found: set[Triple]
) -> str:
    """One item's false positives (with evidence) and false negatives (with its text)."""
    lines = [f"\n{item['id']} [{item.get('lang')}] {item.get('note') or ''}"]
    for triple in sorted(found - gold):
        evidence: dict[str, Any] = next((a.get("evidence", {}) for a in row["alerts"]
                                         if triples([a]) == {triple}), {})
        lines.append(f"  FP {triple}: {json.dumps(evidence, ensure_ascii=False)}")
    for triple in sorted(gold - found):
        lines.append(f"  FN {triple}: {item.get('title', '')[:100]} | {item['summary'][:200]}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--errors", action="store_true", help="list false positives/negatives")
    args = parser.parse_args()
    labels = [json.loads(line) for line in args.labels.read_text("utf-8").splitlines() if line]
    if sys.stdin.isatty() or not _stdin_has_data():
        output, speed = classify_here(labels)
        print(f"speed: {speed:,.0f} items/second (one core, in-process)")
    else:
        output = [json.loads(line) for line in sys.stdin if line.strip()]
    report(labels, output, args.errors)


def _stdin_has_data() -> bool:
    """Whether something is piped in (a pipe or file), as opposed to an empty/closed stdin."""
    import os
    import stat

    mode = os.fstat(sys.stdin.fileno()).st_mode
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


if __name__ == "__main__":
    main()

"""Score the detector against labelled items (default: the shared dev corpus).

    python -m bench.score                              classify dev.jsonl here, then score
    python -m bench.score --labels A.jsonl --labels B.jsonl    several files as one set
    blockwatch classify < dev.jsonl | python -m bench.score --labels dev.jsonl
    python -m bench.score --errors                     also list false positives / negatives
    python -m bench.score --drop 0                     every candidate, none dropped as unsure
    python -m bench.score --rules-only                 without the fallback (bot/detect/fallback.py)

Alerts are scored as (item, country, service, action) triples: precision, recall and F1
overall and per language. Then what a subscriber feels:
  - event-level recall: the share of labelled happenings (gold `event` ids) that got at least
    one correct alert from at least one of their items;
  - false alarms per 1,000 ordinary items: items labelled `note: ordinary` (plain news, no
    block) that got any alert; and hard negatives (every other note) alerted, per note;
  - recall per pattern: each gold alert is tagged by the shape of its item (a list of
    services, a country outside the home region, a title naming the service but no action
    word of the body's...), computed from the labels, so that every batch reports the same
    rows without anyone tagging items by hand.
Event grouping is scored pairwise: two items grouped together by the labels and by the output
count as a true pair. Alerts may carry a "scope" (full or partial: one feature or region); how
often the found ones get it right is reported too.
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
Item = dict[str, Any]

# Blockwatch's home region and neighbours: the rest of the world is "outside".
HOME = frozenset(
    ["RU", "BY", "UA", "KZ", "UZ", "TM", "KG", "TJ", "AZ", "AM", "GE", "MN", "TR", "IR", "AF"]
)


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


def classify_here(
    labels: list[Item], rounds: int, drop: float | None = None, rules_only: bool = False
) -> tuple[list[Item], float]:
    """Run the detector in-process on the labelled items; returns outputs and items/second.
    `drop`: the confidence below which an alert is not reported, instead of the model's;
    `rules_only`: without the fallback's alerts."""
    from dataclasses import replace

    from bot.detect import Detector
    from bot.detect.classify import classify_lines

    detector = Detector.load()
    if drop is not None:
        detector.confidence = replace(detector.confidence, drop=drop)
    if rules_only:
        detector.fallback = None
    lines = [json.dumps(item, ensure_ascii=False) for item in labels]
    classify_lines(lines, detector)  # warm up: a running service has its caches filled
    # CPU time of this process, not wall time: "items per second on one core" should not
    # depend on what else the machine is running.
    start = time.process_time()
    for _ in range(rounds):
        out = classify_lines(lines, detector, explain=True).output
    elapsed = time.process_time() - start
    return [json.loads(line) for line in out], rounds * len(lines) / elapsed


def patterns(item: Item) -> list[str]:
    """The shapes of a positive item that the detector has found hard (issue 14's list)."""
    tags = []
    alerts = item["alerts"]
    actions = {a["action"] for a in alerts}
    if any(
        sum(a["action"] == act and a["country"] == c for a in alerts) > 1
        for act in actions
        for c in {a["country"] for a in alerts}
    ):
        tags.append("list of services")
    if any(a["country"] not in HOME for a in alerts):
        tags.append("outside the home region")
    if any(a.get("scope") == "partial" for a in alerts):
        tags.append("partial (feature, region)")
    if "unblock" in actions:
        tags.append("unblock")
    if "throttle" in actions:
        tags.append("throttle")
    if not item.get("title"):
        tags.append("no title")
    return tags


def report(labels: list[Item], output: list[Item], errors: bool) -> None:
    got = {row["id"]: row for row in output if row.get("id") is not None}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    mistakes: list[str] = []
    for item in labels:
        gold = triples(item["alerts"])
        found = triples(got.get(item["id"], {"alerts": []})["alerts"])
        scopes = ["all", f"lang {item.get('lang', '?')}"]
        scopes += [f"pattern: {tag}" for tag in (patterns(item) if gold else [])]
        for scope in scopes:
            c = counts[scope]
            c[0] += len(gold & found)
            c[1] += len(found - gold)
            c[2] += len(gold - found)
        if errors and gold != found:
            mistakes.append(_mistake(item, got.get(item["id"], {"alerts": []}), gold, found))
    print(f"{'scope':<34} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for scope in ["all", *sorted(k for k in counts if k != "all")]:
        tp, fp, fn = counts[scope]
        p, r, f = prf(tp, fp, fn)
        print(f"{scope:<34} {p:6.3f} {r:6.3f} {f:6.3f}  {tp:3d} {fp:3d} {fn:3d}")
    _happenings(labels, got)
    _negatives(labels, got)
    gold_pairs = pairs({item["id"]: item.get("event") for item in labels})
    got_pairs = pairs({item["id"]: got.get(item["id"], {}).get("event") for item in labels})
    p, r, f = prf(
        len(gold_pairs & got_pairs), len(got_pairs - gold_pairs), len(gold_pairs - got_pairs)
    )
    print(
        f"events pairwise  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
        f"({len(gold_pairs)} gold pairs, {len(got_pairs)} found)"
    )
    agree, total = scope_agreement(labels, got)
    if total:
        print(f"scope (full/partial) right on {agree} of {total} found gold alerts")
    for line in mistakes:
        print(line)


def _happenings(labels: list[Item], got: dict[str, Item]) -> None:
    """Event-level recall: a happening counts as told when any item of it got any of its
    (country, service, action) triples right."""
    told: dict[str, bool] = {}
    for item in labels:
        event = item.get("event")
        if event is None or not item["alerts"]:
            continue
        hit = bool(triples(item["alerts"]) & triples(got.get(item["id"], {"alerts": []})["alerts"]))
        told[event] = told.get(event, False) or hit
    if told:
        print(
            f"event-level recall {sum(told.values()) / len(told):.3f} "
            f"({sum(told.values())} of {len(told)} happenings told)"
        )


def _negatives(labels: list[Item], got: dict[str, Item]) -> None:
    """False alarms on items with nothing to report: plain news per 1,000, traps per note."""
    alerted: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in labels:
        if item["alerts"]:
            continue
        note = item.get("note") or "(no note)"
        alerted[note][1] += 1
        alerted[note][0] += bool(got.get(item["id"], {"alerts": []})["alerts"])
    ordinary = alerted.pop("ordinary", [0, 0])
    if ordinary[1]:
        print(
            f"false alarms per 1,000 ordinary items {1000 * ordinary[0] / ordinary[1]:.1f} "
            f"({ordinary[0]} of {ordinary[1]})"
        )
    if alerted:
        total = [sum(v[0] for v in alerted.values()), sum(v[1] for v in alerted.values())]
        by_note = ", ".join(f"{note} {a}/{n}" for note, (a, n) in sorted(alerted.items()))
        print(f"hard negatives alerted {total[0]} of {total[1]}: {by_note}")


def scope_agreement(labels: list[Item], got: dict[str, Item]) -> tuple[int, int]:
    """Of the gold alerts found, how many got the gold scope ("full" when unlabelled)."""
    agree = total = 0
    for item in labels:
        found = {
            (a["country"], a["service"], a["action"]): a.get("scope", "full")
            for a in got.get(item["id"], {}).get("alerts", [])
        }
        for alert in item["alerts"]:
            triple = (alert["country"], alert["service"], alert["action"])
            if triple in found:
                total += 1
                agree += found[triple] == alert.get("scope", "full")
    return agree, total


def _mistake(item: Item, row: Item, gold: set[Triple], found: set[Triple]) -> str:
    """One item's false positives (with evidence) and false negatives (with its text)."""
    lines = [f"\n{item['id']} [{item.get('lang')}] {item.get('note') or ''}"]
    for triple in sorted(found - gold):
        evidence: dict[str, Any] = next(
            (a.get("evidence", {}) for a in row["alerts"] if triples([a]) == {triple}), {}
        )
        lines.append(f"  FP {triple}: {json.dumps(evidence, ensure_ascii=False)}")
    lines.extend(
        f"  FN {triple}: {item.get('title', '')[:100]} | {item['summary'][:200]}"
        for triple in sorted(gold - found)
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--labels",
        type=Path,
        action="append",
        help="a labelled JSON-lines file; repeat to score several as one set",
    )
    parser.add_argument("--errors", action="store_true", help="list false positives/negatives")
    parser.add_argument(
        "--rounds",
        type=int,
        default=20,
        help="classify the set this many times for the speed figure",
    )
    parser.add_argument("--lang", action="append", help="only items in this language; repeat")
    parser.add_argument(
        "--drop",
        type=float,
        help="report alerts down to this confidence (0: all) instead of the model's threshold",
    )
    parser.add_argument("--rules-only", action="store_true", help="without the fallback's alerts")
    args = parser.parse_args()
    labels = [
        json.loads(line)
        for path in (args.labels or [DEFAULT_LABELS])
        for line in path.read_text("utf-8").splitlines()
        if line
    ]
    if args.lang:
        labels = [item for item in labels if item.get("lang") in args.lang]
    if sys.stdin.isatty() or not _stdin_has_data():
        output, speed = classify_here(labels, args.rounds, args.drop, args.rules_only)
        print(f"speed: {speed:,.0f} items/second (one core, in-process); {len(labels)} items")
    else:
        output = [json.loads(line) for line in sys.stdin if line.strip()]
    print(fallback_line(labels, output))
    report(labels, output, args.errors)


def fallback_line(labels: list[Item], output: list[Item]) -> str:
    """How many alerts the fallback made (signal "fallback", seen with --explain output), and
    how many of them the labels hold: its share of a score, told apart from the rules'."""
    from bot.detect.fallback import FALLBACK_SIGNAL

    made = right = 0
    for item, out in zip(labels, output, strict=False):
        gold = {(a["country"], a["service"], a["action"]) for a in item["alerts"]}
        for alert in out.get("alerts", []):
            if FALLBACK_SIGNAL in (alert.get("evidence") or {}).get("signals", ()):
                made += 1
                right += (alert["country"], alert["service"], alert["action"]) in gold
    return f"fallback: {made} alerts, {right} of them right"


def _stdin_has_data() -> bool:
    """Whether something is piped in (a pipe or file), as opposed to an empty/closed stdin."""
    import os
    import stat

    mode = os.fstat(sys.stdin.fileno()).st_mode
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


if __name__ == "__main__":
    main()

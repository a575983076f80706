"""Changing the detector's action words: what a change means, and what it would do. Pure.

The words live in bot/detect/vocab/lang/<language>.toml; moderators' changes are an overlay kept in
the database (one row per word), so a list is the file's words minus those removed plus those
added. `plan` turns "add" or "remove" into the row to write or to delete; `dry_run` runs the
detector before and after the change over stored items and tells which alerts would appear or
vanish.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.core.models import Alert, Entry, EventKey, ItemText
from bot.core.moderation import VocabChange
from bot.detect import Detector
from bot.detect.pattern_index import Lexicon
from bot.detect.patterns import pattern_regex
from bot.detect.text import key
from bot.detect.vocab_files import ActionOverlay

LISTS: tuple[str, ...] = ("block", "block_weak", "throttle", "unblock")
MAX_PATTERN = 60
# Letters of any script, digits, and the pattern syntax: * ... # ' - and spaces.
_PATTERN = re.compile(r"^[\w*#' .\-]+$")


@dataclass(frozen=True, slots=True)
class Plan:
    """What one "add" or "remove" does to the overlay."""

    write: VocabChange | None = None  # the row to record
    undo: VocabChange | None = None  # the row to delete: the word is back as the file has it
    refusal: str | None = None  # why nothing is to be done


@dataclass(frozen=True, slots=True)
class Difference:
    item: Entry
    alert: Alert


@dataclass(frozen=True, slots=True)
class DryRun:
    items: int
    added: tuple[Difference, ...]  # alerts the change would make
    removed: tuple[Difference, ...]  # alerts it would lose


def pattern_problem(pattern: str) -> str | None:
    """Why a typed pattern cannot be a vocabulary pattern; None when it can."""
    if not pattern or len(pattern) > MAX_PATTERN:
        return f"a pattern is 1 to {MAX_PATTERN} characters"
    if not _PATTERN.match(pattern) or not re.search(r"[^\W\d_]", pattern):
        return "a pattern is words (letters), with * for any ending and ... for a gap"
    try:
        Lexicon([(pattern, True)], key)
        re.compile(pattern_regex(pattern, key))  # a Lexicon compiles it only on first use
    except (ValueError, re.error) as exc:
        return f"not a pattern: {exc}"
    return None


def plan(
    op: Literal["add", "remove"],
    language: str,
    name: str,
    pattern: str,
    file_words: Sequence[str],
    changes: Sequence[VocabChange],
    moderator: int,
    at: datetime,
) -> Plan:
    """The overlay change that makes `pattern` be in (add) or out of (remove) the list."""
    in_file = next((word for word in file_words if key(word) == key(pattern)), None)
    mine = next(
        (
            c
            for c in changes
            if (c.language, c.list) == (language, name) and key(c.pattern) == key(pattern)
        ),
        None,
    )
    present = (in_file is not None and (mine is None or mine.added)) or (
        mine is not None and mine.added
    )
    if (op == "add") == present:
        where = "in" if present else "not in"
        return Plan(refusal=f"{pattern} is {where} {language} {name} already")
    if mine is not None:  # the word is back to what the file says
        return Plan(undo=mine)
    return Plan(write=VocabChange(language, name, in_file or pattern, op == "add", moderator, at))


def overlay_of(changes: Sequence[VocabChange]) -> ActionOverlay:
    """The changes as bot.detect.vocab_files takes them: (language, list) → (added, removed)."""
    grouped: dict[tuple[str, str], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for change in changes:
        added, removed = grouped[(change.language, change.list)]
        (added if change.added else removed).append(change.pattern)
    return {where: (tuple(a), tuple(r)) for where, (a, r) in grouped.items()}


def changed(changes: Sequence[VocabChange], planned: Plan) -> list[VocabChange]:
    """The overlay as it would be after the plan."""
    target = planned.write or planned.undo
    if target is None:
        return list(changes)
    kept = [
        c
        for c in changes
        if (c.language, c.list, c.pattern) != (target.language, target.list, target.pattern)
    ]
    return kept + ([planned.write] if planned.write else [])


def dry_run(before: Detector, after: Detector, items: Sequence[Entry]) -> DryRun:
    """Which alerts each item would gain or lose (CPU work: call it in a worker thread)."""
    added: list[Difference] = []
    removed: list[Difference] = []
    for item in items:
        text = _text(item)
        old = _by_key(before.detect(text))
        new = _by_key(after.detect(text))
        added += [Difference(item, new[k]) for k in new.keys() - old.keys()]
        removed += [Difference(item, old[k]) for k in old.keys() - new.keys()]
    return DryRun(len(items), tuple(added), tuple(removed))


def _by_key(alerts: Sequence[Alert]) -> Mapping[EventKey, Alert]:
    return {alert.key: alert for alert in alerts}


def _text(entry: Entry) -> ItemText:
    return ItemText(
        id=entry.key,
        title=entry.title,
        summary=entry.summary,
        language=entry.language,
        published=entry.published,
        country_hint=entry.country_hint,
    )

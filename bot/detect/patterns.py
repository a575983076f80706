"""Word patterns as moderators write them in bot/detect/vocab/*.toml: their syntax, the regex of
each, and the words of a sentence they are matched against (searching a list of them is
bot.detect.pattern_index's Lexicon).

Pattern syntax (case and script lookalikes do not matter; text is normalised the same way):

    block           the whole word "block" only
    заблокир*       any word starting with "заблокир" (заблокировал, заблокирован, ...)
    *sperre         any word ending with "sperre" (Internetsperre): German compounds
    lift* ... ban   "lift*", then up to six other words, then "ban" ("lifted its two-year ban")
    may #           "may" then a number ("May 12"); # alone stands for a number
    no longer available   consecutive words

Among patterns matching at the same word the longest match wins ("google play" over
"google"); patterns match whole words, so "блокир*" never matches inside "разблокировать".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

GAP = "..."  # the "any few words" token


def _marks() -> str:
    """Combining marks of the scripts that write them inside words, as regex class ranges.

    Python's \\w leaves marks out, yet in Devanagari, Bengali, Thai or Burmese they sit inside
    every word ("व्हाट्सएप"): without them a word falls apart at each vowel sign, and so do word
    counts and boundaries. Dropping the marks instead merged words ("पेरू", Peru, became
    "पर", on). Only the scripts' own blocks are scanned: a class of every mark in Unicode made
    each pattern's regex slow to compile.
    """
    blocks = [
        (0x0300, 0x036F),
        (0x0483, 0x0489),
        (0x0591, 0x05C7),
        (0x0610, 0x061A),
        (0x064B, 0x065F),
        (0x0670, 0x0670),
        (0x06D6, 0x06ED),
        (0x0900, 0x0DFF),
        (0x0E00, 0x0FFF),
        (0x1000, 0x109F),
        (0x135D, 0x135F),
        (0x1780, 0x17FF),
    ]
    ranges: list[tuple[int, int]] = []
    for low, high in blocks:
        for code in range(low, high + 1):
            if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1] = (ranges[-1][0], code)
                else:
                    ranges.append((code, code))
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


MARKS = _marks()
W = f"[\\w{MARKS}]"  # a word character: \\w, or a combining mark inside a word
NOT_W = f"[^\\w{MARKS}]|_"  # between words
_GAP_RE = f"(?:(?:{NOT_W})+{W}+){{0,6}}?(?:{NOT_W})+"  # up to six words between pattern words
# Between consecutive pattern words: spaces, hyphens, quotes, dots ("vk.com"), but no comma
# or bracket: "Facebook, Messenger" is a list of two services, not "Facebook Messenger".
_SEP_RE = f"(?:[^\\w{MARKS},;()،؛、]|_)+"
WORD = re.compile(f"{W}+")  # a word of a sentence: what patterns start at


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """One match of a list in a sentence: where, what text, and the label of its pattern."""

    start: int
    end: int
    text: str
    label: T


def word_regex(word: str) -> str:
    """One pattern word as a regex fragment: `*` at either end stands for more word letters,
    `#` alone for a number."""
    if word == "#":
        return f"(?<!{W})\\d+(?!{W})"
    head, tail = word.startswith("*"), word.endswith("*") and len(word) > 1
    core = re.escape(word.strip("*"))
    left = f"{W}*" if head else f"(?<!{W})"
    # A word ending in an apostrophe (French "n'") must not demand a boundary after it.
    right = f"{W}*" if tail else (f"(?!{W})" if WORD.fullmatch(word.strip("*")[-1:]) else "")
    return f"{left}{core}{right}"


def pattern_regex(pattern: str, normalise: Callable[[str], str]) -> str:
    """A whole pattern as a regex fragment (words joined by separators or gaps)."""
    parts: list[str] = []
    pending = _SEP_RE
    for word in normalise(pattern).split():
        if word == GAP:
            pending = _GAP_RE
            continue
        if parts:
            parts.append(pending)
        parts.append(word_regex(word))
        pending = _SEP_RE
    if not parts:
        raise ValueError(f"empty pattern {pattern!r}")
    return "".join(parts)


def tokens(text: str) -> list[tuple[int, str]]:
    """(start, word) of every word of a text: computed once per sentence, shared by lexicons."""
    return [(match.start(), match.group()) for match in WORD.finditer(text)]


# A word with at least one letter, matched from its first letter on: each word still counts
# once (the digits before its first letter are skipped), and at the spaces and numbers between
# words the match fails at once, where a pattern starting with `W*` took a third longer.
# An English possessive ("Radio Liberty's website") is part of its word.
_LETTERED = re.compile(f"[^\\W\\d_]{W}*(?:'s\\b)?")


def words_between(text: str, start: int, end: int) -> int:
    """How many words lie between two positions of a sentence (0 when adjacent). Numbers do
    not count: "on 10 March 2021" is as close as "on 10 March"."""
    if end <= start:
        return 0
    return len(_LETTERED.findall(text, start, end))


def labelled(patterns: Sequence[str], label: T) -> list[tuple[str, T]]:
    """Pair every pattern of a list with the same label."""
    return [(pattern, label) for pattern in patterns]

"""Words for scripts written without spaces between them: Chinese, Japanese, Thai, Burmese,
and Korean's particles glued to nouns.

The scanner (bot.detect.scan) matches patterns at word starts, and a word is a run of letters:
"俄罗斯封锁了WhatsApp" is one word to it, and "러시아에서" (in Russia) never starts with the
pattern "러시아". A language file that sets `[language] segment = N` has its text cut into the
words its own vocabulary knows before anything is matched: at each position the longest known
word wins ("封锁", "俄罗斯"), and what no pattern knows is cut into pieces of N characters, so
that the engine's distances (3, 6, 10 words) still count roughly words. The known words are
every word of the language's patterns (actions, cues, its names of services and places) and
CLDR's country names in the language: what the detector cannot match anyway needs no boundary.

Only runs of these scripts are touched; Latin names and numbers stay as written. A full stop
of these scripts ("。") gets a space after it, so that sentences split there, and the
enumeration comma ("、") becomes a comma, which joins a list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from bot.detect.text import key

# Scripts written without spaces between words (Hangul too: its particles are glued on).
_SCRIPTS = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uac00-\ud7af"  # Hangul syllables
)
_RUN = re.compile(f"[{_SCRIPTS}]+")
_IN_SCRIPT = re.compile(f"[{_SCRIPTS}]")
_FULL_STOP = re.compile(r"\s*。\s*")
_LIST_COMMA = "、"  # the enumeration comma: a list's comma to the engine
_PATTERN_SYNTAX = re.compile(r"\s+|\.\.\.|\*|#")


class Segmenter:
    """Cuts a text's runs of unspaced scripts into the words a vocabulary knows. The words
    are gathered on first use (CLDR's names are read lazily, as bot.detect.places does)."""

    def __init__(self, patterns: Callable[[], Iterable[str]], chunk: int) -> None:
        self._patterns = patterns
        self._chunk = chunk
        self._words: frozenset[str] | None = None
        # first character -> the lengths of the known words that start with it, longest first:
        # only those are tried at a position (a Thai actor's name runs to 34 characters).
        self._lengths: dict[str, tuple[int, ...]] = {}

    def split(self, text: str) -> str:
        """`text` with spaces between the known words of its unspaced runs."""
        if _IN_SCRIPT.search(text) is None:
            return text
        if self._words is None:
            self._words = known_words(self._patterns())
            self._lengths = _lengths_by_first(self._words)
        spaced = _RUN.sub(lambda run: f" {self._cut(run.group())} ", text.replace(_LIST_COMMA, ","))
        return " ".join(_FULL_STOP.sub("。 ", spaced).split())

    def _cut(self, run: str) -> str:
        words, unknown, at = [], "", 0
        while at < len(run):
            word = self._longest_at(run, at)
            if word:
                words += _pieces(unknown, self._chunk)
                words.append(word)
                unknown, at = "", at + len(word)
            else:
                unknown, at = unknown + run[at], at + 1
        words += _pieces(unknown, self._chunk)
        return " ".join(words)

    def _longest_at(self, run: str, at: int) -> str:
        """The longest known word at `at` that ends where a letter does: a Thai or Burmese
        vowel sign belongs to the letter before it ("ไม่" is no "ไม")."""
        assert self._words is not None
        for length in self._lengths.get(run[at], ()):
            candidate = run[at : at + length]
            fits = len(candidate) == length and not _mark_at(run, at + length)
            if fits and candidate in self._words:
                return candidate
        return ""


def known_words(patterns: Iterable[str]) -> frozenset[str]:
    """Every word of the patterns (pattern syntax taken out) written in an unspaced script."""
    words = set()
    for pattern in patterns:
        for word in _PATTERN_SYNTAX.split(key(pattern)):
            for run in _RUN.findall(word):
                words.add(run)
    return frozenset(words)


def _lengths_by_first(words: frozenset[str]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for word in words:
        lengths.setdefault(word[0], set()).add(len(word))
    return {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}


def _pieces(unknown: str, chunk: int) -> list[str]:
    """`unknown` in pieces of `chunk` letters, each letter with the marks that follow it."""
    letters: list[str] = []
    for char in unknown:
        if letters and unicodedata.category(char).startswith("M"):
            letters[-1] += char
        else:
            letters.append(char)
    return ["".join(letters[i : i + chunk]) for i in range(0, len(letters), chunk)]


def _mark_at(run: str, at: int) -> bool:
    return at < len(run) and unicodedata.category(run[at]).startswith("M")

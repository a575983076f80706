"""One pass over a sentence for every lexicon of a language.

A sentence is matched against four lexicons (actions, cues, services, countries). Walking its
words once per lexicon repeated the same dictionary look-up four times per word, and most
words start no pattern at all. The scanner walks the words once and remembers, per distinct
word, which lexicons have a pattern that can start there; each lexicon then only sees its own
few candidate words.

(A single regex of all first words, as a trie, was tried as a prefilter: Python's regex
engine ran it slower than the plain word loop, and compiling it cost half a second.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from bot.detect.pattern_index import MEMO_SIZE
from bot.detect.patterns import W

Words = list[tuple[int, str]]  # (start, word): the candidate words of one lexicon
_WORD = re.compile(f"{W}+")


class Candidates(Protocol):
    def candidates(self, word: str) -> list[Any]:
        """The patterns that may start at `word` (empty: none)."""
        ...


class Scanner:
    """Finds, in one pass, the words of a sentence where each lexicon may match."""

    def __init__(self, lexicons: Sequence[Candidates]) -> None:
        self._lexicons = tuple(lexicons)
        # word -> indices of the lexicons with a pattern that can start at it (empty: none)
        self._memo: dict[str, tuple[int, ...]] = {}

    def scan(self, text: str) -> tuple[Words, ...]:
        """For each lexicon, the (start, word) pairs of `text` (normalised) worth trying."""
        found: tuple[Words, ...] = tuple([] for _ in self._lexicons)
        memo = self._memo  # the hot loop: most words are remembered and start nothing
        for match in _WORD.finditer(text):
            word = match.group()
            owners = memo.get(word)
            if owners is None:
                owners = self._owners(word)
            if owners:
                start = match.start()
                for index in owners:
                    found[index].append((start, word))
        return found

    def _owners(self, word: str) -> tuple[int, ...]:
        owners = tuple(i for i, lex in enumerate(self._lexicons) if lex.candidates(word))
        if len(self._memo) > MEMO_SIZE:
            self._memo.clear()
        self._memo[word] = owners
        return owners

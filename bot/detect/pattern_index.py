"""Lexicon: a list's labelled patterns, indexed for finding them in sentences.

The pattern syntax and its regexes are bot.detect.patterns; this is the search, apart
because it is the detector's hot path: patterns are indexed by the first letters of their
first word, each sentence word is tested against the few that can start there (plain string
tests, remembered per word), and a pattern's regex is compiled only when a text first shows
its first word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from bot.detect.patterns import GAP, WORD, Hit, pattern_regex, tokens

T = TypeVar("T")

PREFIX = 3  # letters of a first word used to index patterns
MEMO_SIZE = 50_000  # distinct words whose candidate patterns are remembered


class Lexicon(Generic[T]):
    """Labelled patterns; `find` returns the non-overlapping hits, leftmost then longest.

    One big alternation would be tried at every position of every sentence (Python's regex
    engine has no trie), so patterns are indexed by the first letters of their first word and
    only the few that can start at a given word are tried there.
    """

    def __init__(self, entries: Iterable[tuple[str, T]], normalise: Callable[[str], str]) -> None:
        unique: dict[str, T] = {}
        for pattern, label in entries:
            unique.setdefault(" ".join(normalise(pattern).split()), label)
        # Longest first: at one position the first pattern that fits wins.
        ordered = sorted(unique.items(), key=lambda item: (-len(item[0]), item[0]))
        self.patterns: tuple[str, ...] = tuple(pattern for pattern, _ in ordered)
        self._normalise = normalise
        self._index: dict[str, list[_Candidate[T]]] = {}
        self._anywhere: list[_Candidate[T]] = []  # "*suffix" first words
        for pattern, label in ordered:
            first = pattern.split()[0]
            # A one-word pattern of word letters matches exactly the token its first-word
            # test accepted: no regex run needed at match time (None), the hot path.
            single = len(pattern.split()) == 1 and WORD.fullmatch(first.strip("*")) is not None
            compiled = (
                _first_word_test(first),
                None if single else pattern,
                label,
                _needle(pattern),
            )
            if first.startswith("*"):
                self._anywhere.append(compiled)
            else:
                # Index by the word letters the sentence tokens will show ("по-прежнему": "по").
                lead = WORD.match(first)
                self._index.setdefault(lead.group()[:PREFIX] if lead else "", []).append(compiled)
        self._short = any(len(prefix) < PREFIX for prefix in self._index)
        # The letters some token must show for any pattern to fit there ("" for a number:
        # then every text passes): a text holding none of them has no hit (see search).
        self._firsts = tuple(sorted({_first_word_test(p.split()[0])[1] for p in self.patterns}))
        # Words repeat across items: remember each word's candidates (bounded, see candidates).
        self._memo: dict[str, list[_Option[T]]] = {}
        # Regexes are compiled when a text first shows their first word: a gazetteer has tens
        # of thousands of patterns, and compiling them all took 4 s of a 5 s start-up.
        self._regexes: dict[str, re.Pattern[str]] = {}

    def __len__(self) -> int:
        return len(self.patterns)

    def candidates(self, word: str) -> list[_Option[T]]:
        """The patterns whose first word fits `word` (regex None: the word alone matches)."""
        cached = self._memo.get(word)
        if cached is not None:
            return cached
        indexed = list(self._index.get(word[:PREFIX], ()))
        if self._short:
            # Shorter prefixes only: a word shorter than PREFIX is its own word[:PREFIX], and
            # listing its patterns twice ("la": "la habana" ...) doubled the work at each "la".
            for size in range(1, min(PREFIX, len(word))):
                indexed += self._index.get(word[:size], ())
        # Only patterns whose first word fits this word are worth a regex run at its position.
        found = [
            (self._regex(pattern), label, needle)
            for test, pattern, label, needle in indexed + self._anywhere
            if _fits(test, word)
        ]
        if len(self._memo) > MEMO_SIZE:
            self._memo.clear()
        self._memo[word] = found
        return found

    def _regex(self, pattern: str | None) -> re.Pattern[str] | None:
        if pattern is None:
            return None
        regex = self._regexes.get(pattern)
        if regex is None:
            regex = self._regexes[pattern] = re.compile(pattern_regex(pattern, self._normalise))
        return regex

    def find(
        self, text: str, words: Sequence[tuple[int, str]] | None = None, *, first: bool = False
    ) -> list[Hit[T]]:
        """Hits in `text` (already normalised), left to right; only the first if `first`.

        `words` are the (start, word) pairs of `text` when the caller has them already.
        """
        hits: list[Hit[T]] = []
        end = 0
        memo = self._memo  # the hot loop: most words are remembered, most have no candidates
        for start, word in words if words is not None else tokens(text):
            candidates = memo.get(word)
            if candidates is None:
                candidates = self.candidates(word)
            if not candidates or start < end:
                continue
            hit = _longest(text, start, word, candidates)
            if hit is not None:
                hits.append(hit)
                end = hit.end
                if first:
                    break
        return hits

    def search(self, text: str) -> bool:
        """Whether any pattern occurs in `text`. A service's context words are sought in a
        whole item, mostly in vain: a substring test of each first word's letters rules out
        most items before the walk over every word of them."""
        if not any(letters in text for letters in self._firsts):
            return False
        return bool(self.find(text, first=True))


# pattern (None: the token alone is the match), label, and a literal the text must contain
# for the pattern to have a chance ("" for none): `needle in text` is far cheaper than a
# failed regex run, and most multi-word patterns fail on their later words.
_Option = tuple[re.Pattern[str] | None, T, str]
# How a token must look for a pattern to start there: ("=", "block") the word itself, ("^",
# "заблокир") a word starting so, ("$", "sperre") ending so, ("~", "x") containing it, ("#", "")
# a number. Plain string tests: a regex each cost more to compile than all the matching.
_Test = tuple[str, str]
# the test, the pattern (None: the token alone is the match), label and needle
_Candidate = tuple[_Test, str | None, T, str]


def _needle(pattern: str) -> str:
    """The longest literal of a pattern's later words ("в своем" -> "своем")."""
    literals = [word.strip("*") for word in pattern.split()[1:] if word not in (GAP, "#")]
    return max(literals, key=len, default="")


def _first_word_test(first: str) -> _Test:
    """What a sentence token must be for a pattern starting with `first` to have a chance
    there (tokens are runs of word letters: "l'accès" starts with the token "l")."""
    if first == "#":
        return ("#", "")
    body = first.strip("*")
    lead = WORD.match(body)
    letters = lead.group() if lead else ""
    whole = lead is not None and lead.end() == len(body)  # no apostrophe or dot inside
    head = first.startswith("*")
    tail = first.endswith("*") and len(first) > 1 and whole
    return (
        {(False, False): "=", (False, True): "^", (True, False): "$"}.get((head, tail), "~"),
        letters,
    )


def _fits(test: _Test, word: str) -> bool:
    mode, letters = test
    if mode == "=":
        return word == letters
    if mode == "^":
        return word.startswith(letters)
    if mode == "$":
        return word.endswith(letters)
    if mode == "~":
        return letters in word
    return word.isdecimal()  # what \d matches


def _longest(text: str, start: int, word: str, candidates: list[_Option[T]]) -> Hit[T] | None:
    """The longest candidate match at `start` (where the token `word` begins), as a hit."""
    best: Hit[T] | None = None
    for regex, label, needle in candidates:
        if regex is None:
            end = start + len(word)
            if best is None or end > best.end:
                best = Hit(start, end, word, label)
            continue
        if needle not in text:
            continue
        match = regex.match(text, start)
        if match and (best is None or match.end() > best.end):
            best = Hit(start, match.end(), match.group(), label)
    return best

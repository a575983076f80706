"""bot.detect.patterns and bot.detect.pattern_index helpers rewritten for speed: same answers as
the plain versions."""

from __future__ import annotations

import re

import pytest

from bot.detect.pattern_index import Lexicon
from bot.detect.patterns import W, pattern_regex, tokens, words_between

# The first words_between: every word with a letter, matched from the word's start, with an
# English possessive's "'s".
_PLAIN_LETTERED = re.compile(f"{W}*[^\\W\\d_]{W}*(?:'s\\b)?")


def plain_words_between(text: str, start: int, end: int) -> int:
    return 0 if end <= start else len(_PLAIN_LETTERED.findall(text, start, end))


SENTENCES = [
    "telegram was blocked on 10 march 2021 in russia",
    "roskomnadzor blocked vk.com, ok.ru and 1,500 other sites (2024-05-28)",
    "2021-yil 2-iyul kuni 4g internet o'chirildi",  # digits glued to letters
    "abc123 123abc 12_34 _x_ __ 7",  # underscores and digits inside words
    "व्हाट्सएप पर प्रतिबंध लगाया गया",  # Devanagari: combining marks inside words
    "واتساب محظور في إيران منذ 2019.",
    "  -- ... ,,, ",  # no word at all
    "x",
    "azerbaijan restricts access to radio liberty's website",  # a possessive
]


def spans(text: str) -> list[tuple[int, int]]:
    """Every (start, end) of a short text, and the usual ones of a long one: between word
    boundaries, from and to the middle of words, reversed and empty."""
    n = len(text)
    if n <= 40:
        return [(a, b) for a in range(-1, n + 2) for b in range(-1, n + 2)]
    cuts = sorted({0, n, *range(0, n, 3), *(m.start() for m in re.finditer(r"\b", text))})
    return [(a, b) for a in cuts for b in cuts]


@pytest.mark.parametrize("text", SENTENCES)
def test_words_between_counts_as_the_plain_regex(text: str) -> None:
    for start, end in spans(text):
        assert words_between(text, start, end) == plain_words_between(text, start, end), text[
            start:end
        ]


@pytest.mark.parametrize(
    ("text", "start", "end", "count"),
    [
        ("blocked telegram", 7, 8, 0),  # adjacent
        ("blocked on 10 march 2021 telegram", 7, 25, 2),  # numbers do not count
        ("blocked 4g internet", 7, 19, 2),  # a word with a digit does
        ("blocked telegram", 3, 12, 2),  # from and to the middle of words
        ("व्हाट्सएप पर", 0, 12, 2),  # marks stay inside their word
        ("block radio liberty's website", 5, 22, 2),  # a possessive is part of its word
        ("bloque l'accès", 6, 14, 2),  # a French elided article is a word of its own
    ],
)
def test_words_between_examples(text: str, start: int, end: int, count: int) -> None:
    assert words_between(text, start, end) == count


def test_candidates_of_a_short_word_list_each_pattern_once() -> None:
    lexicon = Lexicon(
        [("la habana", "CU"), ("la paz", "BO"), ("l'union", "x"), ("laos", "LA")], str.casefold
    )
    found = lexicon.candidates("la")
    assert len(found) == 2  # "la habana", "la paz": "l'union" needs "l", "laos" is longer
    assert len(lexicon.candidates("l")) == 1
    assert [hit.label for hit in lexicon.find("la paz, la habana y laos")] == ["BO", "CU", "LA"]


@pytest.mark.parametrize(
    ("patterns", "text", "found"),
    [
        (["messenger*", "app"], "the messengers were down", True),
        (["messenger*", "app"], "it happened again", False),  # "app" inside a word only
        (["messenger*", "app"], "nothing to see", False),  # no first word's letters at all
        (["*sperre"], "die internetsperre", True),
        (["video call*"], "video was shown", False),
        (["may #"], "on may 12", True),
    ],
)
def test_search_is_find_first(patterns: list[str], text: str, found: bool) -> None:
    lexicon = Lexicon([(pattern, True) for pattern in patterns], str.casefold)
    assert lexicon.search(text) is found
    assert bool(lexicon.find(text, first=True)) is found


def plain_find(patterns: list[str], text: str) -> list[tuple[int, int, str]]:
    """Every pattern tried at every word, the longest kept, hits never overlapping."""
    regexes = [(re.compile(pattern_regex(p, str.casefold)), p) for p in patterns]
    hits: list[tuple[int, int, str]] = []
    end = 0
    for start, _ in tokens(text):
        if start < end:
            continue
        matches = [(m.end(), p) for r, p in regexes if (m := r.match(text, start))]
        if matches:
            end, label = max(matches, key=lambda match: match[0])
            hits.append((start, end, label))
    return hits


# Several patterns start with one word, with gaps and of different lengths: the longest wins.
SHARED_FIRST = ["internet shut*", "internet ... restored", "internet access", "the ministry", "the"]


@pytest.mark.parametrize(
    "text",
    [
        "the internet access was cut and the internet restored by the ministry",
        "internet users saw internet shutdowns, then internet access",
        "no hit here: internets, internetwork",
        "the the internet",
    ],
)
def test_find_is_every_pattern_tried_at_every_word(text: str) -> None:
    lexicon = Lexicon([(pattern, pattern) for pattern in SHARED_FIRST], str.casefold)
    found = [(hit.start, hit.end, hit.label) for hit in lexicon.find(text)]
    assert found == plain_find(SHARED_FIRST, text)

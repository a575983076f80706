"""Where hits sit relative to each other in one sentence: order, gaps, what lies between."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.detect.patterns import Hit, words_between


def follows(text: str, first: Hit[Any], second: Hit[Any], window: int) -> bool:
    """Whether `second` comes after `first` with at most `window` words between them."""
    return first.end <= second.start and words_between(text, first.end, second.start) <= window


def between(first: Hit[Any], second: Hit[Any]) -> tuple[int, int]:
    """The stretch of text between two hits, in whichever order they come."""
    if first.end <= second.start:
        return first.end, second.start
    return second.end, max(second.end, first.start)


def gap_words(text: str, first: Hit[Any], second: Hit[Any]) -> int:
    """Words between two hits, in whichever order they come."""
    return words_between(text, *between(first, second))


def any_between(first: Hit[Any], second: Hit[Any], hits: Sequence[Hit[Any]]) -> bool:
    """Whether one of `hits` starts between two hits."""
    start, end = between(first, second)
    return any(start <= hit.start < end for hit in hits)

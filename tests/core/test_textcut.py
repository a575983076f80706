"""bot/core/textcut.py `clean`: its fast path for printable text drops exactly what the filter
does."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from bot.core.textcut import clean


def by_character(text: str) -> str:
    """What `clean` means, one character at a time (its slow path, spelled out)."""
    kept = "".join(
        char
        for char in text
        if char == "\u200d"
        or char.isspace()
        or unicodedata.category(char) not in {"Cc", "Cf", "Cs"}
    )
    return " ".join(kept.split())


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("plain words", "plain words"),
        ("  runs \t of\r\n\n whitespace  ", "runs of whitespace"),
        ("Кириллица\u00a0и\u2028разделители\u2029строк", "Кириллица и разделители строк"),
        ("a\x00b\x07c\x1bd\x7fe\x9f", "abcde"),  # control characters (Cc)
        ("a\x85b", "a b"),  # NEL: a control character that is also whitespace
        ("soft\xadhyphen zero\u200bwidth \ufeffbom", "softhyphen zerowidth bom"),  # Cf
        ("bidi \u202eoverride\u202c and \u2066isolate\u2069", "bidi override and isolate"),
        ("tag\U000e0041\U000e007f", "tag"),  # astral format characters
        ("lone \ud800surrogate", "lone surrogate"),  # Cs
        ("a \u200b b", "a b"),  # dropped between spaces: one space, not two
        ("👨\u200d👩\u200d👧 family", "👨\u200d👩\u200d👧 family"),  # ZWJ holds emoji together
        ("private \ue000 use", "private \ue000 use"),  # other "other" categories are kept
        ("unassigned \U000e0080", "unassigned \U000e0080"),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_clean(text: str, cleaned: str) -> None:
    assert clean(text) == cleaned == by_character(text)


# Every control, format and surrogate code point is in these planes (the others are letters,
# symbols, private use and unassigned, which the fast path keeps as the filter does).
@pytest.mark.parametrize("plane", [0, 1, 14])
def test_clean_agrees_with_the_filter_for_every_code_point(plane: int) -> None:
    for code in range(plane * 0x10000, (plane + 1) * 0x10000):
        char = chr(code)
        text = f"a{char}b {char}"
        assert clean(text) == by_character(text), hex(code)


def test_the_planes_checked_hold_every_character_clean_drops() -> None:
    dropped = {
        code >> 16
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in {"Cc", "Cf", "Cs"}
    }
    assert dropped <= {0, 1, 14}

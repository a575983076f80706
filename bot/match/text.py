"""Text preparation: one canonical form for matching, sentences, and a cheap language guess.

Two forms of the same sentence travel together: the cleaned text (original case, shown to
moderators as evidence) and its key (case-folded, lookalikes repaired) that patterns match.
"""

from __future__ import annotations

import re
import unicodedata

# Typographic variants that carry no meaning for us, mapped to one plain character each.
_TRANSLATE = str.maketrans({
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "‹": '"', "›": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'", "ʼ": "'", "ʻ": "'",
    "–": "-", "—": "-", "―": "-", "−": "-", "‐": "-", "‑": "-",
    "\u00a0": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\u00ad": "", "\u0307": "",
})

# Latin and Cyrillic letters that look alike (lower case): "Disсord" with a Cyrillic "с",
# "заблoкирoвали" with Latin "o" are written to dodge filters or by sloppy keyboards.
_LAT = "aceopxykmtiј"
_CYR = "асеорхукмтії"
_TO_LATIN = str.maketrans(_CYR[:-1], _LAT[:-1])
_TO_CYRILLIC = str.maketrans(_LAT[:-1], _CYR[:-1])
_MIXED_PAIR = re.compile(r"[a-z][а-яёіїєґ]|[а-яёіїєґ][a-z]")  # cheap test first
_MIXED = re.compile(r"\w*(?:[a-z][а-яёіїєґ]|[а-яёіїєґ][a-z])\w*")
_LATIN_LETTER = re.compile(r"[a-z]")
_CYRILLIC_LETTER = re.compile(r"[а-яёіїєґ]")


_SPACES = re.compile(r"[ \t\r\f\v]+")


def clean(text: str) -> str:
    """NFKC, plain quotes and dashes, single spaces: the form evidence sentences are shown in."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _SPACES.sub(" ", text).strip()


def _fix_mixed(match: re.Match[str]) -> str:
    word = match.group()
    latin = len(_LATIN_LETTER.findall(word))
    cyrillic = len(_CYRILLIC_LETTER.findall(word))
    return word.translate(_TO_LATIN if latin >= cyrillic else _TO_CYRILLIC)


def key(text: str) -> str:
    """The matching form: cleaned, case-folded, mixed-script words put into one script."""
    return fold(clean(text))


def fold(cleaned: str) -> str:
    """`key` of a text that went through `clean` already."""
    folded = cleaned.casefold()
    if "\u0307" in folded:  # casefold turns Turkish "İ" into "i" + a combining dot
        folded = folded.replace("\u0307", "")
    return _MIXED.sub(_fix_mixed, folded) if _MIXED_PAIR.search(folded) else folded


# A sentence ends at . ! ? … (maybe followed by closing quotes) before a space, or at a newline.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\s*\n+\s*")
_INITIALS = re.compile(r"(?:^|[\s(])(?:[A-ZА-Я]\.){2,}$")  # U.S.  Ж.Д.
_SHORT_WORD = re.compile(r"(?:^|[\s(])[^\W\d]{1,4}\.$")  # "Dec." before "13"


def sentences(text: str) -> list[str]:
    """Split cleaned text into sentences, keeping abbreviations ("Dec. 13", "U.S. law") whole."""
    pieces = [piece for piece in _BOUNDARY.split(text) if piece and piece.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and _continues(merged[-1], piece):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece.strip())
    return merged


def _continues(previous: str, piece: str) -> bool:
    """Whether a split was a false one: after an abbreviation, or before a lower-case word."""
    first = piece[:1]
    if first.islower() or _INITIALS.search(previous):
        return True
    return first.isdigit() and _SHORT_WORD.search(previous) is not None


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def years(text: str) -> list[int]:
    """Four-digit years (1950-2099) named in a text."""
    return [int(year) for year in _YEAR.findall(text)]


# A day number shortly before the year: "12 février 2026", "August 9, 2024", "4 January 2022".
_FULL_DATE = re.compile(r"(?<!\d)\d{1,2}(?!\d)(?:\W+[^\W\d]+)?\W+(19[5-9]\d|20\d\d)(?!\d)")


def full_date_years(text: str) -> set[int]:
    """Years written as part of a full date (day, month, year) in a text."""
    return {int(year) for year in _FULL_DATE.findall(text)}

"""Text preparation: one canonical form for matching, sentences, and a cheap language guess.

Two forms of the same sentence travel together: the cleaned text (original case, shown to
moderators as evidence) and its key (case-folded, lookalikes repaired) that patterns match.
"""

from __future__ import annotations

import re
import unicodedata

# Typographic variants that carry no meaning for us, mapped to one plain character each.
_PLAIN = {
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "‹": '"',
    "›": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "`": "'",
    "´": "'",
    "ʼ": "'",
    "ʻ": "'",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
    "‐": "-",
    "‑": "-",
    "\u00a0": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u00ad": "",
    "\u0307": "",
}
# str.translate looks every character up in a dict (slow on long non-ASCII text); a regex
# finds the few variants in C and only those are replaced.
_VARIANT = re.compile("[" + re.escape("".join(_PLAIN)) + "]")

# Latin and Cyrillic letters that look alike (lower case): "Disсord" with a Cyrillic "с",
# "заблoкирoвали" with Latin "o" are written to dodge filters or by sloppy keyboards.
_LAT = "aceopxykmtiј"
_CYR = "асеорхукмтії"
_TO_LATIN = str.maketrans(_CYR[:-1], _LAT[:-1])
_TO_CYRILLIC = str.maketrans(_LAT[:-1], _CYR[:-1])
# The cheap test first, as two regexes: each starts with one letter class, which the regex
# engine skips to, where it tried both branches of one alternation at every character.
_LATIN_CYRILLIC = re.compile(r"[a-z][а-яёіїєґ]")
_CYRILLIC_LATIN = re.compile(r"[а-яёіїєґ][a-z]")
_MIXED = re.compile(r"\w*(?:[a-z][а-яёіїєґ]|[а-яёіїєґ][a-z])\w*")
_LATIN_LETTER = re.compile(r"[a-z]")
_CYRILLIC_LETTER = re.compile(r"[а-яёіїєґ]")


# Runs of two or more blanks, or a blank other than a space: a single space is left alone
# (rewriting every one of them was most of the cost of cleaning).
_SPACES = re.compile(r"[ \t\r\f\v]{2,}|[\t\r\f\v]")


# Arabic-script vowel points (harakat, tanween, sukun, the dagger alif) and the tatweel that
# stretches a word: the press writes them now and then ("موقعاً", "حُجِبَ"), the vocabulary
# without them, so matching drops them ("موقعاً" = "موقعا"). The shadda (U+0651) stays: it
# tells verbs apart ("تعطّل", disables, from "تعطل", breaks down).
_VOWEL_POINTS = re.compile(
    "[\u0610-\u061a\u064b-\u0650\u0652-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]"
)


def clean(text: str) -> str:
    """NFKC, plain quotes and dashes, single spaces: the form evidence sentences are shown in."""
    text = _VARIANT.sub(_plain, unicodedata.normalize("NFKC", text))
    # Most texts have no double space and no tab or other control character (isprintable is
    # False for those): the regex, which tries a match at every space, is then left out.
    if "  " in text or not text.isprintable():
        text = _SPACES.sub(" ", text)
    return text.strip()


def _plain(match: re.Match[str]) -> str:
    return _PLAIN[match.group()]


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
    if folded.isascii():
        return folded
    folded = _VOWEL_POINTS.sub("", folded)
    if not (_LATIN_CYRILLIC.search(folded) or _CYRILLIC_LATIN.search(folded)):
        return folded
    return _MIXED.sub(_fix_mixed, folded)


# A sentence ends at . ! ? … ؟ or another script's full stop (। ۔ ։ ። ။ 。), maybe followed by
# closing quotes, which are dropped, before a space, or at a newline (split on first). A full
# stop glued to a capital after a lower-case word ("этди.Таъкидланишича") is an end too: feeds
# lose spaces; "U.S.Army", "vk.com" and initials are not cut (checked in _pieces). Every
# branch starts with the punctuation, so the regex engine can skip straight to it.
_BOUNDARY = re.compile(r"[.!?…؟।॥۔։።။。](?:[\"')\]]*\s+|(?=(?P<glued>[^\W\d_])[^\W\d_]))")
_LEAD_WORD = re.compile(r"[^\W\d_]+")
_DOMAIN_END = 4  # letters of a site's domain ending glued after a dot ("Ru", "Info")
_INITIALS = re.compile(r"(?:^|[\s(])(?:[A-ZА-Я]\.){2,}$")  # U.S.  Ж.Д.
_SHORT_WORD = re.compile(r"(?:^|[\s(])[^\W\d]{1,4}\.$")  # "Dec." before "13"
_ORDINAL = re.compile(r"(?:^|\s)\d{1,3}\.$")  # tr "10." before "Sulh", de "21." before "Februar"


def sentences(text: str, *, ordinals: bool = False) -> list[str]:
    """Split cleaned text into sentences, keeping abbreviations ("Dec. 13", "U.S. law") whole;
    with `ordinals`, a number with a full stop too ("Ankara 10. Sulh Ceza Hakimliği")."""
    merged: list[str] = []
    for piece in _pieces(text):
        if merged and (
            _continues(merged[-1], piece) or (ordinals and _ORDINAL.search(merged[-1]) is not None)
        ):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _pieces(text: str) -> list[str]:
    """The text cut at every sentence end, stripped, empty pieces left out."""
    pieces: list[str] = []
    for line in text.split("\n"):
        start = 0
        for end in _BOUNDARY.finditer(line):
            glued = end.group("glued")
            if glued and not _glued_end(line, end.start(), glued):
                continue
            pieces.append(line[start : end.start() + 1].strip())
            start = end.end()
        pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def _glued_end(line: str, stop: int, following: str) -> bool:
    """Whether a full stop with no space after it ends a sentence: three letters before it,
    the last one lower case, and a capital after it ("этди.Таъкидланишича"), unless what
    follows is a short word, a site's domain ending ("«Фергана.Ru»", "Vesti.Kz")."""
    before = line[max(0, stop - 3) : stop]
    if not (len(before) == 3 and before.isalpha() and before[-1].islower() and following.isupper()):
        return False
    after = _LEAD_WORD.match(line, stop + 1)
    return after is not None and len(after.group()) > _DOMAIN_END


def _continues(previous: str, piece: str) -> bool:
    """Whether a split was a false one: after an abbreviation, or before a lower-case word."""
    first = piece[:1]
    if first.islower() or _INITIALS.search(previous):
        return True
    return first.isdigit() and _SHORT_WORD.search(previous) is not None


# A dateline opens a report with the newsroom's city in capitals: "MOSCOW, August 13. /TASS/.",
# "ISLAMABAD (AP) -", "АСТАНА.KAZINFORM -", "TOShKENT, 2 fev - Sputnik." (Uzbek "Sh").
# Three capitals first, four letters at least (service names like "IMO" or "VPN" are shorter).
_DATELINE = re.compile(r"[A-ZА-ЯЁЎҚҒҲ]{3}[^\W\d_]+(?=\s*[,.:(]|\s+-\s)")
# Arabic script has no capitals: one or two words, then a dash and the agency with a colon
# ("لندن - وكالات:") or the agency in brackets and a dash ("دمشق (رويترز) -").
_DATELINE_ARABIC = re.compile(
    r"[\u0621-\u064a]+(?: [\u0621-\u064a]+)?(?=\s+-\s+[\u0621-\u064a]+\s*:|\s*\([^)]{1,25}\)\s*-)"
)


def split_dateline(cleaned: str, folded: str) -> tuple[str, str]:
    """The key of a report's first sentence with its dateline blanked out, and the dateline
    (folded; "" if none). The city where a report was written is not where things happened
    ("ASTANA. Kazinform - the internet was switched off in Afghanistan")."""
    match = _DATELINE.match(cleaned) or _DATELINE_ARABIC.match(cleaned)
    if match is None:
        return folded, ""
    return " " * match.end() + folded[match.end() :], folded[: match.end()]


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def years(text: str) -> list[int]:
    """Four-digit years (1950-2099) named in a text."""
    return [int(year) for year in _YEAR.findall(text)]


# A day number shortly before the year: "12 février 2026", "August 9, 2024", "4 January 2022";
_FULL_DATE = re.compile(r"(?<!\d)\d{1,2}(?!\d)(?:\W+[^\W\d]+)?\W+(19[5-9]\d|20\d\d)(?!\d)")
# Year first (Turkic, Persian, ISO): "2021 yilning 2 iyul", "2021-yil 2-iyul", "2024-05-28".
_FULL_DATE_YEAR_FIRST = re.compile(
    r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)(?:\W+[^\W\d]+){0,2}\W+\d{1,2}(?!\d)"
)


def full_date_years(text: str) -> set[int]:
    """Years written as part of a full date (day, month, year) in a text."""
    return {
        int(year) for regex in (_FULL_DATE, _FULL_DATE_YEAR_FIRST) for year in regex.findall(text)
    }


# A Latin word of four letters or more, not part of a domain, address or path.
LATIN_WORD = re.compile(r"(?<![\w.@/-])[a-z][a-z0-9]{3,}(?![\w.@/-])")
_LATIN = re.compile(r"[a-z]")
_LETTER = re.compile(r"[^\W\d_]")


def latin_in_other_script(text: str) -> bool:
    """Whether a text (key form) written mostly in another script holds a Latin word: a
    foreign name, perhaps (bot.detect.foreign)."""
    if text.isascii() or LATIN_WORD.search(text) is None:
        return False
    return len(_LATIN.findall(text)) * 2 <= len(_LETTER.findall(text))

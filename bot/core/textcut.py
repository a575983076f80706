"""Small pure text helpers for rendering: cleaning, sentence excerpts, safe trimming, lengths.

Feed text arrives with stray newlines, tabs and control characters; none of it may reach a
mail header, a terminal or Telegram's HTML parser unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

ELLIPSIS = "…"
_SCAN_FACTOR = 4  # raw characters read per character kept: room for collapsed whitespace

# A sentence ends at . ! ? or … followed by whitespace; CJK full stops need no space after them.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])")


def clean(text: str) -> str:
    """Collapse all whitespace runs to one space and drop control and format characters.

    Zero-width joiners are kept: they hold emoji sequences together.
    """
    collapsed = " ".join(text.split())
    # Printable means no character of any "other" category (nor a separator, but split took
    # those): nothing to drop. That is nearly all feed text, and one C-level pass, where the
    # character-by-character filter below costs a Python call per character.
    if collapsed.isprintable():
        return collapsed
    kept = (
        char
        for char in text
        if char == "\u200d"
        or unicodedata.category(char) not in {"Cc", "Cf", "Cs"}
        or char.isspace()
    )
    return " ".join("".join(kept).split())


def shorten(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, at a word boundary when one is near, adding …."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    inside_word = not text[limit - 1].isspace()
    if inside_word and space >= limit // 2:  # back to a word boundary, if that loses little
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


def clip(text: str, limit: int) -> str:
    """`text` cleaned and shortened to `limit` characters, reading only a bounded prefix.

    Cleaning only ever shrinks text, so a prefix a few times the limit almost always suffices;
    it keeps rendering linear even for a feed that sends a megabyte of title.
    """
    return shorten(clean(text[: limit * _SCAN_FACTOR + 64]), limit)


def sentences(text: str) -> list[str]:
    """Split cleaned text into sentences (good enough for news prose, not for abbreviations)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def excerpt(text: str, max_sentences: int, max_chars: int) -> str:
    """The first `max_sentences` sentences of `text`, cleaned and no longer than `max_chars`."""
    if max_sentences <= 0 or max_chars <= 0:
        return ""
    prefix = clean(text[: max_chars * _SCAN_FACTOR + 64])
    return shorten(" ".join(sentences(prefix)[:max_sentences]), max_chars)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts: astral characters (emoji) count 2."""
    return len(text.encode("utf-16-le")) // 2


def web_url(url: str | None, max_len: int) -> str | None:
    """`url` if it is a plain http(s) URL of sane length, else None (then it is not shown).

    Other schemes (javascript:, data:, tg:) are never worth a subscriber's click, and
    whitespace or control characters inside a URL would break lines and markup.
    """
    if not url or len(url) > max_len or clean(url) != url or " " in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced [ in the host
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url

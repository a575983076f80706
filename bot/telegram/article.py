"""A report read in the chat: the alert's "Read here" button, and the article as messages. Pure.

    article_messages(article, asked, language)    -> [HTML, ...]  (the whole text)
    opening_messages(asked, language, why)        -> [HTML]       (its opening, and why)

The article keeps its words and language; our labels are in the chat's. Paragraphs are packed
into as few messages as Telegram's 4096 UTF-16 units allow (bot/telegram/pack.py), a paragraph
longer than a message cut between words; at most ARTICLE_CHARS of text, as by mail, with a note
of what was left. Links inside the text are marked [n] and listed at the end.
"""

from __future__ import annotations

import html
from typing import Literal

from bot.core.article import Article, AskedSource
from bot.core.textcut import clip, excerpt, web_url
from bot.telegram.catalogues import translate, translate_n
from bot.telegram.pack import Section, pack

__all__ = [
    "ARTICLE_CHARS",
    "READ_PREFIX",
    "Why",
    "article_messages",
    "opening_messages",
    "read_data",
]

ARTICLE_CHARS = 60 * 1024  # characters of text, about 15 messages at most
_PIECE = 3500  # characters: a paragraph longer than this is cut between words
_URL = 900

Why = Literal["terms", "unavailable"]


READ_PREFIX = "ra"  # bot/telegram/chat/read.ReadPress: "ra:<entries.id>"


def read_data(entry_id: int) -> str:
    """The "Read here" button's callback data, as ReadPress packs it; made here without
    aiogram, which alerts are rendered without (it costs ~130 MB, bot/app.py)."""
    return f"{READ_PREFIX}:{entry_id}"


def article_messages(article: Article, asked: AskedSource, language: str) -> list[str]:
    head = [f"<b>{html.escape(clip(article.title or asked.title, 500))}</b>"]
    if article.author:
        head.append(
            html.escape(translate(language, "By {author}", author=clip(article.author, 200)))
        )
    if article.published:
        head.append(html.escape(clip(article.published, 40)))
    head.append(_source_link(asked))
    kept: list[str] = []
    size = 0
    for paragraph in article.paragraphs:
        if kept and size + len(paragraph) > ARTICLE_CHARS:
            break
        kept.append(paragraph)
        size += len(paragraph)
    sections = [Section(tuple(head))]
    sections += [Section((html.escape(piece),)) for p in kept for piece in _pieces(p)]
    left = len(article.paragraphs) - len(kept)
    if left:
        note = translate_n(
            language,
            "The article goes on for {count} more paragraph: the link at the top leads to it.",
            "The article goes on for {count} more paragraphs: the link at the top leads to it.",
            left,
        )
        sections.append(Section((f"<i>{html.escape(note)}</i>",)))
    links = _links(article, kept, language)
    if links:
        sections.append(Section(links))
    return pack(sections)


def opening_messages(asked: AskedSource, language: str, why: Why) -> list[str]:
    if why == "terms":
        note = translate(
            language,
            "{source} does not allow its articles to be sent on whole, so here are the "
            "opening sentences; the link leads to the rest.",
            source=clip(asked.source, 60),
        )
    else:
        note = translate(
            language,
            "The article could not be fetched just now, so here are its opening "
            "sentences. Try again later, or open the link.",
        )
    lines = [
        f"<i>{html.escape(note)}</i>",
        "",
        f"<b>{html.escape(clip(asked.title, 500))}</b>",
        html.escape(excerpt(asked.summary, 4, 900)),
        _source_link(asked),
    ]
    return pack([Section(tuple(lines))])


def _source_link(asked: AskedSource) -> str:
    name = html.escape(clip(asked.source, 60))
    url = web_url(asked.link, _URL)
    return f'<a href="{html.escape(url, quote=True)}">{name}</a>' if url else name


def _pieces(paragraph: str) -> list[str]:
    """A paragraph in pieces of at most _PIECE characters, cut between words."""
    pieces: list[str] = []
    rest = paragraph
    while len(rest) > _PIECE:
        cut = rest.rfind(" ", 0, _PIECE)
        cut = cut if cut > 0 else _PIECE
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip()
    return [*pieces, rest]


def _links(article: Article, kept: list[str], language: str) -> tuple[str, ...]:
    text = " ".join(kept)
    lines = [
        f"[{n}] {html.escape(url)}"
        for n, url in enumerate(article.links, 1)
        if f"[{n}]" in text and len(url) <= _URL
    ]
    if not lines:
        return ()
    return (html.escape(translate(language, "Links in the article:")), *lines)

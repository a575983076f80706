"""A report asked for by mail ("ARTICLE 2"), as a light plain-text mail. Pure.

    article_mail(article, asked, subscriber, mirrors)    -> OutgoingMessage   (the whole text)
    opening_mail(asked, subscriber, mirrors, why)        -> OutgoingMessage   (its opening only)

The article keeps its own words and language; our lines (the byline labels, the notes, the
footer) are in the reader's. Plain text, format=flowed (bot/mail/flowed.py), no images: at most
ARTICLE_BYTES of body, so a longer article is cut after the last paragraph that fits, with a
note of how much was left. Links inside the text are marked "[n]" and listed at the end, each
marked as in alerts when the reader's country blocks its site, with the mirror where one is
known (bot/mail/render.link_lines, bot/mail/mirrors.toml).
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from bot.core.article import Article, AskedSource
from bot.core.models import OutgoingMessage, Subscriber
from bot.core.textcut import clip, excerpt, web_url
from bot.mail.flowed import body, fixed, flowed
from bot.mail.i18n import MailWords
from bot.mail.mirrors import Mirrors
from bot.mail.render import ARTICLE_HINT, link_lines

__all__ = ["ARTICLE_BYTES", "Why", "article_mail", "opening_mail"]

ARTICLE_BYTES = 60 * 1024  # body bytes: a minute and a half at 5 kbit/s
_URL = 900  # characters: SMTP lines end at 998 octets
_SUBJECT = 200

Why = Literal["terms", "unavailable"]


def article_mail(
    article: Article,
    asked: AskedSource,
    subscriber: Subscriber,
    mirrors: Mirrors,
    limit: int = ARTICLE_BYTES,
) -> OutgoingMessage:
    """The article whole, or cut at a paragraph to fit `limit` bytes of body."""
    _ = MailWords.of(subscriber.language)
    title = article.title or asked.title
    head = _head(_, title, asked, subscriber, mirrors, article.author, article.published)
    head = [*head, *_licence(_, asked, mirrors)]
    footer = _footer(_)
    kept: list[list[str]] = []
    paragraphs = list(article.paragraphs)
    for index, paragraph in enumerate(paragraphs):
        trial = [*kept, flowed(paragraph)]
        rest = paragraphs[index + 1 :]
        note = _cut_note(_, rest) if rest else []
        blocks = [head, *trial, note, _links(_, article, trial, subscriber, mirrors)]
        if kept and len(body(blocks, footer).encode("utf-8")) > limit:
            break
        kept = trial
    left = paragraphs[len(kept) :]
    blocks = [head, *kept, _cut_note(_, left), _links(_, article, kept, subscriber, mirrors)]
    return OutgoingMessage(text=body(blocks, footer), subject=_subject(title))


def opening_mail(
    asked: AskedSource, subscriber: Subscriber, mirrors: Mirrors, why: Why
) -> OutgoingMessage:
    """The report's opening sentences and its link (and mirror), with why that is all."""
    _ = MailWords.of(subscriber.language)
    if why == "terms":
        note = _(
            "{source} does not allow its articles to be sent on whole, so here are the "
            "opening sentences; the link below leads to the rest.",
            source=clip(asked.source, 60),
        )
    else:
        note = _(
            "The article could not be fetched just now, so here are its opening "
            "sentences. Try again later, or open the link below."
        )
    head = _head(_, asked.title, asked, subscriber, mirrors, None, None)
    opening = excerpt(asked.summary, 4, 900)
    blocks = [flowed(note), head, flowed(opening) if opening else []]
    return OutgoingMessage(text=body(blocks, _footer(_)), subject=_subject(asked.title))


def _head(
    _: MailWords,
    title: str,
    asked: AskedSource,
    subscriber: Subscriber,
    mirrors: Mirrors,
    author: str | None,
    published: str | None,
) -> list[str]:
    lines = flowed(clip(title, 500))
    if author:
        lines += flowed(_("By {author}", author=clip(author, 200)))
    if published:
        lines += flowed(_("Published {date}", date=clip(published, 40)))
    url = web_url(asked.link, _URL)
    return [*lines, *link_lines(_, "", clip(asked.source, 60), url, mirrors, subscriber)]


def _licence(_: MailWords, asked: AskedSource, mirrors: Mirrors) -> list[str]:
    """The licence the outlet publishes under, as its terms ask of a copy (CC BY: name it and
    link to it); nothing where the mirrors file names none."""
    site = mirrors.site_of(asked.link) if asked.link else None
    if site is None or site.licence is None or site.licence_url is None:
        return []
    return flowed(
        _(
            "Published by {source} under {licence} ({url}); the text as extracted from its page.",
            source=clip(asked.source, 60),
            licence=site.licence,
            url=site.licence_url,
        )
    )


def _cut_note(_: MailWords, left: list[str]) -> list[str]:
    if not left:
        return []
    size = max(1, round(sum(len(p.encode("utf-8")) for p in left) / 1024))
    return flowed(
        "[…] "
        + _.plural(
            "The article goes on for {n} more paragraph ({size} KB), left out to "
            "keep this mail light: the link at the top leads to it.",
            "The article goes on for {n} more paragraphs ({size} KB), left out to "
            "keep this mail light: the link at the top leads to it.",
            len(left),
            n=len(left),
            size=size,
        )
    )


def _links(
    _: MailWords,
    article: Article,
    kept: list[list[str]],
    subscriber: Subscriber,
    mirrors: Mirrors,
) -> list[str]:
    """The links the kept paragraphs mark, by their numbers."""
    text = " ".join(line for block in kept for line in block)
    lines: list[str] = []
    for number, url in enumerate(article.links, 1):
        if f"[{number}]" not in text:
            continue
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        lines += link_lines(_, f"[{number}] ", host, url, mirrors, subscriber)
    return [fixed(_("Links in the article:")), *lines] if lines else []


def _footer(_: MailWords) -> list[str]:
    return flowed(_(ARTICLE_HINT))


def _subject(title: str) -> str:
    return f"[Blockwatch] {clip(title, _SUBJECT)}"

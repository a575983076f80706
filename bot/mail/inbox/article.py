"""ARTICLE by mail: a source of one of our mails, sent as text (bot/mail/article.py).

    ArticleAnswers(store, reader, mirrors).answer(command, subscriber, mail, language) -> Reply

Not a proxy: only a numbered source of a mail we sent to this subscriber can be asked for
(storage: mail_sources), by its number. A reply names its mail in In-Reply-To / References; a
new mail, or a reply to anything else, means the subscriber's latest mail with sources.
`ARTICLE` alone picks the one source of a one-source mail. The whole text goes only for feeds
marked full_text (the outlet's terms); otherwise, or when the page cannot be fetched, the
opening sentences and the link. Logs name the subscriber id and the number, never an address.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from email.message import EmailMessage

from bot.core.article import AskedSource
from bot.core.errors import FetchError
from bot.core.models import OutgoingMessage, Subscriber
from bot.mail.article import article_mail, opening_mail
from bot.mail.flowed import body, flowed
from bot.mail.i18n import MailWords
from bot.mail.inbox.commands import MailCommand
from bot.mail.inbox.replies import PREFIX
from bot.mail.mirrors import Mirrors
from bot.ports import ArticleReader, MailStorage

__all__ = ["ArticleAnswers"]

log = logging.getLogger(__name__)


class ArticleAnswers:
    def __init__(self, store: MailStorage, reader: ArticleReader | None, mirrors: Mirrors) -> None:
        self._store = store
        self._reader = reader  # None: no fetching configured; openings only
        self._mirrors = mirrors

    async def answer(
        self, command: MailCommand, subscriber: Subscriber, mail: EmailMessage, language: str
    ) -> tuple[OutgoingMessage, bool]:
        """The answer, and whether it carries an article (counted against articles_per_day)."""
        reader = replace(subscriber, language=language)
        _ = MailWords.of(language)
        found = await self._store.mail_sources(subscriber.id, _referenced(mail))
        if found is None:
            found = await self._store.mail_sources(subscriber.id, [])
        if found is None:
            log.info("subscriber %d: ARTICLE, but no mail of ours with sources", subscriber.id)
            return _note(_, _no_mail(_)), False
        sources = found[1]
        asked = _pick(sources, command.number)
        if asked is None:
            log.info("subscriber %d: ARTICLE %s, no such source", subscriber.id, command.number)
            return _note(_, _which(_, sources, command.number)), False
        return await self._send(asked, reader), True

    async def _send(self, asked: AskedSource, reader: Subscriber) -> OutgoingMessage:
        if not asked.full_text:
            log.info("subscriber %d: ARTICLE %d, opening only (terms)", reader.id, asked.number)
            return opening_mail(asked, reader, self._mirrors, "terms")
        if asked.link is None or self._reader is None:
            log.info("subscriber %d: ARTICLE %d, no page to fetch", reader.id, asked.number)
            return opening_mail(asked, reader, self._mirrors, "unavailable")
        try:
            article = await self._reader.article(asked.link)
        except FetchError as exc:
            log.info(
                "subscriber %d: ARTICLE %d, opening only: %s", reader.id, asked.number, exc.reason
            )
            return opening_mail(asked, reader, self._mirrors, "unavailable")
        log.info("subscriber %d: ARTICLE %d, the whole text", reader.id, asked.number)
        return article_mail(article, asked, reader, self._mirrors)


def _referenced(mail: EmailMessage) -> list[str]:
    """Message-IDs the mail answers: In-Reply-To first, then References newest first."""
    in_reply = str(mail.get("In-Reply-To", "")).split()
    references = str(mail.get("References", "")).split()
    return list(dict.fromkeys(found for found in [*in_reply, *reversed(references)]))[:20]


def _pick(sources: tuple[AskedSource, ...], number: int | None) -> AskedSource | None:
    if number is None:
        return sources[0] if len(sources) == 1 and sources[0].number == 1 else None
    return next((source for source in sources if source.number == number), None)


def _no_mail(_: MailWords) -> list[str]:
    return flowed(
        _(
            "ARTICLE works in a reply to one of our alerts or digests of the last 30 "
            "days: write ARTICLE and the number of a source listed there, e.g. ARTICLE 1. "
            "We found no such mail sent to this address."
        )
    )


def _which(_: MailWords, sources: tuple[AskedSource, ...], number: int | None) -> list[str]:
    last = max(source.number for source in sources)
    if number is None:
        text = _(
            "That mail lists sources 1 to {last}: write ARTICLE and the number of the "
            "one you want, e.g. ARTICLE 1.",
            last=last,
        )
    else:
        text = _(
            "That mail has no source {number}: its sources are numbered 1 to {last}. "
            "Write ARTICLE and one of those numbers.",
            number=number,
            last=last,
        )
    return flowed(text)


def _note(_: MailWords, text: list[str]) -> OutgoingMessage:
    what = _("which article?")
    return OutgoingMessage(text=body([text]), subject=f"{PREFIX} {what}")

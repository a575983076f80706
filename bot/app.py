"""The composition root: the one place that reads settings and wires the parts together."""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TextIO

from bot.config import Settings
from bot.core.models import EventReport, FeedSpec
from bot.core.ooni_trust import TrustRule
from bot.core.review import ReviewRule
from bot.delivery.console import render_console
from bot.detect import Detector
from bot.feeds.articles import ArticleDesk
from bot.feeds.desk import FeedDesk, seed_registry
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.mail.imap import ImapSettings, Mailbox
from bot.mail.inbox.limits import ReplyLimits
from bot.mail.inbox.reader import MailInbox
from bot.mail.links import MailIdentity
from bot.mail.mirrors import load_mirrors
from bot.mail.render import EmailRenderer
from bot.mail.smtp import EmailSender, SmtpSettings
from bot.mail.tls import TlsContexts
from bot.moderation.announcement import (
    email_announcement,
    telegram_announcement,
    with_announcements,
)
from bot.moderation.gate import ReviewGate
from bot.moderation.word_changes import overlay_of
from bot.ooni.book import FigureBook
from bot.ooni.client import OoniClient, OoniLimits
from bot.ooni.targets import load_ooni_vocab
from bot.pipeline import Pipeline
from bot.ports import (
    Clock,
    DeliveryChannel,
    FigureLookup,
    MailStorage,
    ModerationStorage,
    Notify,
    OoniAnswers,
    utc_now,
)
from bot.telegram.digest import render_telegram_digest
from bot.telegram.pacing import Reserve
from bot.telegram.render import render_telegram
from storage.open import open_store
from storage.store import Store

if TYPE_CHECKING:  # aiogram costs ~130 MB: imported only when a bot token is set
    from aiogram import Bot, Dispatcher

    from bot.moderation.notify import ReviewDesk

log = logging.getLogger(__name__)

# A news page is rarely over 1 MB of HTML; one asked for by mail must not wait a minute.
ARTICLE_LIMITS = FetchLimits(total_timeout=30.0, max_body_bytes=2 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class App:
    settings: Settings
    feeds: list[FeedSpec]
    store: Store
    pipeline: Pipeline
    bot: Bot | None  # both None without TELEGRAM_BOT_TOKEN
    dispatcher: Dispatcher | None
    inbox: MailInbox | None = None  # commands by mail: IMAP_URL and SMTP_URL both set
    review_desk: ReviewDesk | None = None  # sends held events' cards to moderators
    feed_desk: FeedDesk | None = None  # the feed registry's changes (always set by open_app)
    clock: Clock = utc_now  # what every part was given: the service's jobs and parts read it too
    ooni: FigureBook | None = None  # OONI's figures (OONI_API_URL); None: turned off


@asynccontextmanager
async def open_app(
    settings: Settings, *, clock: Clock = utc_now, out: TextIO = sys.stdout
) -> AsyncIterator[App]:
    """Build every part from the settings; close them all on the way out."""
    async with AsyncExitStack() as stack:
        store = await open_store(
            settings.database, claim_lease=timedelta(seconds=settings.claim_lease)
        )
        stack.push_async_callback(store.close)
        # The database holds the feeds; feeds.toml seeds it (bot/feeds/desk.py).
        async with store.exclusive("seed"):  # instances starting at once seed it once
            feeds = await seed_registry(store, settings.feeds_path, clock())
        fetcher = Fetcher.open(allowed=settings.allow_hosts)  # public addresses, and these
        stack.push_async_callback(fetcher.close)
        # Articles asked for (ARTICLE by mail, "Read here"): the feeds' guards, a smaller cap.
        pages = Fetcher.open(ARTICLE_LIMITS, allowed=settings.allow_hosts)
        stack.push_async_callback(pages.close)
        articles = ArticleDesk(pages, store, clock)
        bot, dispatcher, telegram = _telegram(settings, store, store.send_budget("telegram"))
        if bot is not None:
            stack.push_async_callback(bot.session.close)
        ooni = _ooni(settings, clock, store)
        if ooni is not None:
            stack.push_async_callback(ooni.close)
        figures = ooni.figure if ooni is not None else None
        if dispatcher is not None and figures is not None:
            dispatcher["figures"] = figures  # /status shows them per service
        # One TLS context per trust setting for the process: alerts, answers and the mailbox.
        tls = TlsContexts()
        channels = _channels(settings, telegram, await store.mail_secret(), tls)
        if not channels:
            log.info("no TELEGRAM_BOT_TOKEN and no SMTP_URL: printing new events, not sending")
        # Held events wait for a moderator's tap: only when there is one, on Telegram.
        moderated = bot is not None and bool(settings.moderators or await store.moderators())
        # The files' vocabulary with the moderators' changes to it (/vocab).
        detector = Detector.load(overlay=overlay_of(await store.vocab_changes()))
        feed_desk = FeedDesk(store, fetcher, detector, clock)
        if dispatcher is not None:
            dispatcher["feed_desk"] = feed_desk  # for the moderators' /feeds and /addfeed
            dispatcher["detector"] = detector  # /vocab changes the pipeline's own at once
            dispatcher["articles"] = articles  # the alerts' "Read here"
        pipeline = Pipeline(
            store,
            fetcher,
            detector,
            channels,
            clock,
            on_new_event=None if channels else _printer(out),
            review=ReviewGate(
                store,
                ReviewRule(min_confidence=detector.confidence.review),
                figures,
                ooni.vocab.trust if ooni is not None else TrustRule(),
            )
            if moderated
            else None,
            notify_moderators=_moderator_notice(bot, store, settings),
            figures=figures,
        )
        yield App(
            settings,
            feeds,
            store,
            pipeline,
            bot,
            dispatcher,
            _inbox(settings, store, clock, articles, tls, figures),
            _review_desk(settings, store, bot, clock, figures) if moderated else None,
            feed_desk=feed_desk,
            clock=clock,
            ooni=ooni,
        )


def _telegram(
    settings: Settings, store: ModerationStorage, budget: Reserve | None
) -> tuple[Bot | None, Dispatcher | None, DeliveryChannel | None]:
    """The bot, its dispatcher and its delivery channel, when TELEGRAM_BOT_TOKEN is set;
    `budget`: the pace shared with the other instances on the database (PostgreSQL)."""
    if settings.telegram_token is None:
        return None, None, None
    from bot.telegram.pacing import Pacer
    from bot.telegram.sender import TelegramSender, make_bot

    bot = make_bot(settings.telegram_token, settings.telegram_api_url)
    dispatcher = build_dispatcher(store, settings.moderators)
    sender = TelegramSender(bot, Pacer(shared=budget) if budget is not None else None)
    channel = DeliveryChannel(sender, render_telegram, render_telegram_digest)
    return bot, dispatcher, with_announcements(channel, telegram_announcement)


def build_dispatcher(
    store: ModerationStorage, moderators: frozenset[int], **data: Any
) -> Dispatcher:
    """Every command and button; `store`, `moderators` and `data` reach handlers as workflow
    data.

    The moderators' router comes first: the subscribers' answers any button it does not know
    as out of date, which would swallow the moderators' buttons.
    """
    from aiogram import Dispatcher

    from bot.moderation import build_moderation_router
    from bot.telegram.chat.handlers import build_router

    dispatcher = Dispatcher(store=store, moderators=moderators, **data)
    dispatcher.include_router(build_moderation_router())
    dispatcher.include_router(build_router())
    return dispatcher


def _moderator_notice(
    bot: Bot | None, store: ModerationStorage, settings: Settings
) -> Notify | None:
    """Alerts a channel refused for their content are told to the moderators, with a bot."""
    if bot is None:
        return None
    from bot.moderation.feeds.alarm import moderator_notifier  # aiogram: only with a bot

    return moderator_notifier(bot, store, settings.moderators)


def _review_desk(
    settings: Settings,
    store: ModerationStorage,
    bot: Bot | None,
    clock: Clock,
    figures: FigureLookup | None,
) -> ReviewDesk | None:
    from bot.moderation.notify import ReviewDesk

    if bot is None:
        return None
    return ReviewDesk(store, bot, settings.moderators, clock, figures)


def _channels(
    settings: Settings, telegram: DeliveryChannel | None, mail_secret: bytes, tls: TlsContexts
) -> list[DeliveryChannel]:
    channels = [telegram] if telegram is not None else []
    if settings.smtp_url is not None:
        smtp = SmtpSettings.from_url(settings.smtp_url, settings.mail_from)
        identity = _identity(settings, smtp, mail_secret)
        email = EmailRenderer(identity, load_mirrors())
        channel = DeliveryChannel(EmailSender(smtp, contexts=tls), email.alert, email.digest)
        channels.append(with_announcements(channel, email_announcement(identity)))
    return channels


def _identity(settings: Settings, smtp: SmtpSettings, secret: bytes) -> MailIdentity:
    """Alerts come from MAIL_FROM, whose mailbox (IMAP_URL) takes the commands."""
    address = smtp.envelope_from
    return MailIdentity(address.rpartition("@")[2], address, settings.public_url, secret)


def _ooni(settings: Settings, clock: Clock, answers: OoniAnswers) -> FigureBook | None:
    """OONI's figures beside alerts, unless OONI_API_URL is set empty."""
    if not settings.ooni_api_url:
        return None
    limits = OoniLimits(requests_per_hour=settings.ooni_requests_per_hour)
    client = OoniClient(
        settings.ooni_api_url,
        limits,
        allowed=settings.allow_hosts,
        clock=clock,
        answers=answers,
    )
    return FigureBook(client, load_ooni_vocab(), clock)


def _inbox(
    settings: Settings,
    store: MailStorage,
    clock: Clock,
    articles: ArticleDesk,
    tls: TlsContexts,
    figures: FigureLookup | None = None,
) -> MailInbox | None:
    """Commands by mail: read at IMAP_URL, answered through SMTP_URL from MAIL_FROM."""
    if settings.imap_url is None:
        return None
    if settings.smtp_url is None:
        log.warning("IMAP_URL is set but SMTP_URL is not: mail commands cannot be answered")
        return None
    smtp = SmtpSettings.from_url(settings.smtp_url, settings.mail_from)
    imap = ImapSettings.from_url(settings.imap_url)
    # People write to MAIL_FROM's address: the mailbox IMAP_URL reads.
    own = {smtp.envelope_from, *([imap.username] if "@" in imap.username else [])}
    return MailInbox(
        Mailbox(imap, ssl_context=tls.system() if imap.tls != "none" else None),
        store,
        EmailSender(smtp, contexts=tls),
        clock,
        own_addresses=own,
        reply_to=smtp.envelope_from,
        limits=ReplyLimits(
            per_hour=settings.mail_replies_per_hour,
            articles_per_day=settings.mail_articles_per_day,
        ),
        articles=articles,
        figures=figures,
    )


def _printer(out: TextIO) -> Callable[[EventReport], None]:
    def print_event(report: EventReport) -> None:
        print(render_console(report), file=out, flush=True)

    return print_event

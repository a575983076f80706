"""The composition root: the one place that reads settings and wires the parts together."""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

from aiogram import Bot, Dispatcher

from bot.config import Settings
from bot.deliver import Clock
from bot.email import EmailSender, SmtpSettings
from bot.feeds_config import load_feeds
from bot.fetch import Fetcher
from bot.handlers import build_router
from bot.match import Detector
from bot.models import EventReport, FeedSpec
from bot.pipeline import DeliveryChannel, Pipeline
from bot.render import render_console, render_email, render_telegram
from bot.telegram import TelegramSender, make_bot
from storage.sqlite import SQLiteStorage

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class App:
    settings: Settings
    feeds: list[FeedSpec]
    store: SQLiteStorage
    pipeline: Pipeline
    bot: Bot | None  # None without TELEGRAM_BOT_TOKEN
    dispatcher: Dispatcher


@asynccontextmanager
async def open_app(
    settings: Settings, *, clock: Clock = utc_now, out: TextIO = sys.stdout
) -> AsyncIterator[App]:
    """Build every part from the settings; close them all on the way out."""
    feeds = load_feeds(settings.feeds_path)
    async with AsyncExitStack() as stack:
        store = await SQLiteStorage.open(settings.db_path)
        stack.push_async_callback(store.close)
        fetcher = Fetcher.open()
        stack.push_async_callback(fetcher.close)
        bot = make_bot(settings.telegram_token, settings.telegram_api_url) \
            if settings.telegram_token else None
        if bot is not None:
            stack.push_async_callback(bot.session.close)
        channels = _channels(settings, bot)
        if not channels:
            log.info("no TELEGRAM_BOT_TOKEN and no SMTP_URL: printing new events, not sending")
        pipeline = Pipeline(
            store, fetcher, Detector.load(), channels, clock,
            on_new_event=None if channels else _printer(out),
        )
        dispatcher = Dispatcher(store=store)
        dispatcher.include_router(build_router())
        yield App(settings, feeds, store, pipeline, bot, dispatcher)


def _channels(settings: Settings, bot: Bot | None) -> list[DeliveryChannel]:
    channels = []
    if bot is not None:
        channels.append(DeliveryChannel(TelegramSender(bot), render_telegram))
    if settings.smtp_url is not None:
        smtp = SmtpSettings.from_url(settings.smtp_url, settings.mail_from)
        channels.append(DeliveryChannel(EmailSender(smtp), render_email))
    return channels


def _printer(out: TextIO) -> Callable[[EventReport], None]:
    def print_event(report: EventReport) -> None:
        print(render_console(report), file=out, flush=True)

    return print_event

"""Issue 20: one story, one message. Real parts throughout: feeds served over HTTP by the local
feed server, the real detector and pipeline on a real SQLite store, aiogram's client against the
Bot API stand-in, aiosmtplib against aiosmtpd.

A report that names three services places three events (they stay per service, for the boards);
each instant subscriber gets one Telegram message and one mail that name all three, whatever
languages the story was reported in; the mail's Message-ID stands for all three, so the unblock of
any of them, weeks later, threads under it; a follow-up report adds no message.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from aiogram import Bot

from bot.core.models import FeedSpec, Preferences
from bot.delivery.stats import DeliveryStats
from bot.detect import Detector
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.mail.links import MailIdentity
from bot.mail.mirrors import load_mirrors
from bot.mail.render import EmailRenderer
from bot.mail.smtp import EmailSender, SmtpSettings
from bot.pipeline import Pipeline
from bot.ports import DeliveryChannel
from bot.telegram.digest import render_telegram_digest
from bot.telegram.pacing import Limits, Pacer
from bot.telegram.render import TELEGRAM_LIMIT, render_telegram, telegram_length
from bot.telegram.sender import TelegramSender
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.feedbuilder import Item, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock
from tests.support.reports import parse
from tests.support.smtpserver import ReceivedMail, SmtpServer

CHAT, RUSSIAN_CHAT = 1001, 1002
MAILBOX = "reader@example.uz"
THREE = "X (Twitter), WeChat and VKontakte"


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.open(FetchLimits(connect_timeout=2, total_timeout=5), allowed=LOOPBACK) as f:
        yield f


@pytest.fixture
async def readers(store: SQLiteStorage) -> None:
    """Instant readers of Uzbekistan: an English chat, a Russian chat and a mailbox."""
    await store.subscribe("telegram", str(CHAT), ["UZ"])
    await store.subscribe("telegram", str(RUSSIAN_CHAT), ["UZ"], language="ru")
    await store.subscribe("email", MAILBOX, ["UZ"])


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def pipeline(
    store: SQLiteStorage,
    fetcher: Fetcher,
    detector: Detector,
    bot: Bot,
    smtp_server: SmtpServer,
    clock: ManualClock,
) -> Pipeline:
    """Both channels as bot/app.py wires them, on a clock the tests move."""
    identity = MailIdentity("blockwatch.test", "alerts@blockwatch.test", None, b"k" * 32)
    mail = EmailRenderer(identity, load_mirrors())
    smtp = SmtpSettings.from_url(smtp_server.url, "Blockwatch <alerts@blockwatch.test>")
    channels = [
        DeliveryChannel(
            TelegramSender(bot, Pacer(Limits().scaled(0.05))),
            render_telegram,
            render_telegram_digest,
        ),
        DeliveryChannel(EmailSender(smtp), mail.alert, mail.digest),
    ]
    return Pipeline(store, fetcher, detector, channels, clock)


class Feeds:
    """Named feeds on the feed server, each serving the items given last, and the cycles of
    the service over them: poll every feed, then deliver, at a time the test sets."""

    def __init__(self, server: FeedServer, pipeline: Pipeline, clock: ManualClock) -> None:
        self.server, self.pipeline, self.clock = server, pipeline, clock
        self.specs: dict[str, FeedSpec] = {}

    def serve(self, name: str, language: str, *items: Item) -> None:
        url = self.server.feed(f"/{name.lower()}.xml", rss(name, list(items), language=language))
        self.specs[name] = FeedSpec(name, url, language, interval=timedelta(minutes=5))

    async def cycle(self, at: datetime) -> tuple[DeliveryStats, int]:
        """One poll of every feed and one delivery run at `at`; the number of new events."""
        self.clock.now = at
        outcomes = await self.pipeline.poll_all(list(self.specs.values()))
        new = sum(len(outcome.new_events) for outcome in outcomes)
        return await self.pipeline.deliver(), new


@pytest.fixture
def feeds(feed_server: FeedServer, pipeline: Pipeline, clock: ManualClock) -> Feeds:
    return Feeds(feed_server, pipeline, clock)


def item(guid: str, title: str, summary: str, at: datetime) -> Item:
    return Item(guid, title, summary, at - timedelta(minutes=20), f"https://news.example/{guid}")


UNBLOCKED = (
    "Uzbekistan unblocks Twitter, WeChat and VKontakte",
    "The authorities of Uzbekistan have lifted the blocks on Twitter, WeChat and VKontakte, "
    "users in Tashkent say.",
)
UNBLOCKED_RU = (
    "Узбекистан разблокировал Twitter, WeChat и ВКонтакте",
    "Власти Узбекистана сняли блокировку с Twitter, WeChat и ВКонтакте, сообщают пользователи.",
)


def mails_to(server: SmtpServer, address: str) -> list[ReceivedMail]:
    return [mail for mail in server.received if mail.rcpt_tos == [address]]


def words(mail: ReceivedMail) -> str:
    return " ".join(mail.message.get_content().split())


@pytest.mark.usefixtures("readers")
async def test_a_three_service_report_is_one_message_and_one_mail_for_each_reader(
    feeds: Feeds,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
) -> None:
    feeds.serve("Ozodlik", "en", item("oz-1", *UNBLOCKED, NOW))
    stats, new = await feeds.cycle(NOW)

    assert new == 3  # three events, as the boards and moderation need them
    assert stats.sent == 9 and stats.failed == stats.retrying == 0  # 3 rows x 3 readers
    [english] = bot_api.texts_to(CHAT)
    assert parse(english).text.startswith(f"🇺🇿 Uzbekistan: {THREE} unblocked\n")
    assert parse(english).text.count("users in Tashkent say") == 1
    assert telegram_length(english) <= TELEGRAM_LIMIT
    [russian] = bot_api.texts_to(RUSSIAN_CHAT)
    assert parse(russian).text.startswith(
        "🇺🇿 Узбекистан: X (Twitter), WeChat и VKontakte — разблокировка\n"
    )
    [mail] = mails_to(smtp_server, MAILBOX)
    assert mail.message["Subject"] == f"[Blockwatch] Uzbekistan: {THREE} unblocked"
    assert words(mail).count("users in Tashkent say") == 1
    assert len(smtp_server.received) == 1 and len(bot_api.sent) == 2

    # every row marked by the one message that carried it, which its lead event names
    mailbox = await store.subscriber("email", MAILBOX)
    assert mailbox is not None
    ids = [event.id for event in await store.recent_events("UZ", 10)]
    assert await store.message_events(mailbox.id, ids) == dict.fromkeys(ids, min(ids))
    again, _ = await feeds.cycle(NOW + timedelta(minutes=5))
    assert again.sent == 0 and len(smtp_server.received) == 1 and len(bot_api.sent) == 2


@pytest.mark.usefixtures("readers")
async def test_two_languages_one_cycle_one_message_with_both_sources_and_a_late_one_adds_none(
    feeds: Feeds,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
) -> None:
    feeds.serve("Ozodlik", "en", item("oz-1", *UNBLOCKED, NOW))
    feeds.serve("Kun.uz", "ru", item("kun-1", *UNBLOCKED_RU, NOW))
    stats, new = await feeds.cycle(NOW)

    assert new == 3 and stats.sent == 9
    [message] = [parse(text).text for text in bot_api.texts_to(CHAT)]
    assert message.startswith(f"🇺🇿 Uzbekistan: {THREE} unblocked\n")
    sources = message.split("\n")[-2:]
    assert sorted(sources) == sorted(["Source: Ozodlik", "Also reported by Kun.uz"]) or sorted(
        sources
    ) == sorted(["Source: Kun.uz", "Also reported by Ozodlik"])
    [mail] = mails_to(smtp_server, MAILBOX)
    text = words(mail)
    assert text.count("] Ozodlik") == 1 and text.count("] Kun.uz") == 1

    # A third outlet an hour later: it joins the three events (a source more), and is no news.
    feeds.serve(
        "Gazeta",
        "en",
        item("gz-1", "Uzbekistan unblocks Twitter, WeChat and VKontakte", "Users confirm it.", NOW),
    )
    later, new = await feeds.cycle(NOW + timedelta(hours=1))
    assert new == 0 and later.sent == 0
    assert len(bot_api.sent) == 2 and len(smtp_server.received) == 1
    assert {event.source_count for event in await store.recent_events("UZ", 10)} == {3}


@pytest.mark.usefixtures("readers")
async def test_the_unblock_of_one_service_threads_under_the_mail_that_told_the_block_of_three(
    feeds: Feeds, bot_api: BotAPI, smtp_server: SmtpServer
) -> None:
    blocked = (
        "Uzbekistan blocks Twitter, WeChat and VKontakte",
        "The authorities of Uzbekistan have blocked Twitter, WeChat and VKontakte, users say.",
    )
    feeds.serve("Ozodlik", "en", item("oz-block", *blocked, NOW))
    _, new = await feeds.cycle(NOW)
    [block] = mails_to(smtp_server, MAILBOX)
    assert new == 3 and block.message["Subject"] == f"[Blockwatch] Uzbekistan: {THREE} blocked"

    # Weeks later WeChat comes back, then VKontakte: neither is the block mail's lead (Twitter)
    for n, (service, name) in enumerate([("wechat", "WeChat"), ("vkontakte", "VKontakte")], 1):
        when = NOW + timedelta(days=20 * n)
        unblocked = (f"Uzbekistan unblocks {name}", f"Authorities in Uzbekistan unblocked {name}.")
        feeds.serve("Ozodlik", "en", item(f"oz-{service}", *unblocked, when))
        _, new = await feeds.cycle(when)
        unblock = mails_to(smtp_server, MAILBOX)[-1]
        assert new == 1
        assert unblock.message["Subject"] == f"[Blockwatch] Uzbekistan: {name} unblocked"
        assert unblock.message["In-Reply-To"] == block.message["Message-ID"]
        assert unblock.message["References"] == block.message["Message-ID"]
    assert len(mails_to(smtp_server, MAILBOX)) == 3 and len(bot_api.texts_to(CHAT)) == 3


async def test_a_digest_tells_a_story_under_one_heading(
    feeds: Feeds,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
) -> None:
    daily_chat = await store.subscribe("telegram", "2001", ["UZ"])
    await store.set_preferences(daily_chat.id, Preferences(frequency="daily", digest_hour=8))
    daily_mail = await store.subscribe("email", "daily@example.uz", ["UZ"])
    await store.set_preferences(daily_mail.id, Preferences(frequency="daily", digest_hour=8))
    telegram_blocked = ("Uzbekistan blocks Telegram", "Telegram was blocked in Uzbekistan today.")
    feeds.serve("Ozodlik", "en", item("oz-1", *UNBLOCKED, NOW))
    feeds.serve("Kun.uz", "en", item("kun-tg", *telegram_blocked, NOW - timedelta(hours=3)))
    await feeds.cycle(NOW)
    assert bot_api.sent == [] and smtp_server.received == []  # due at 08:00 tomorrow

    stats, _ = await feeds.cycle(NOW.replace(hour=8) + timedelta(days=1))
    assert stats.sent == 8  # four events, two readers
    [digest] = [parse(text).text for text in bot_api.texts_to(2001)]
    assert digest.startswith("Daily digest: 4 events\n\n")
    assert f"🇺🇿 Uzbekistan: {THREE} unblocked\n" in digest
    assert "🇺🇿 Uzbekistan: Telegram blocked\n" in digest
    assert digest.count("🇺🇿") == 2  # two stories, two headings
    [mail] = mails_to(smtp_server, "daily@example.uz")
    body = mail.message.get_content()
    assert mail.message["Subject"] == "[Blockwatch] digest: 4 events"
    assert body.count("== Uzbekistan: ") == 2
    assert f"== Uzbekistan: {THREE} unblocked ==" in " ".join(body.split())

"""Issue 12, items 3, 5 and 6: a channel in trouble is paused, not hammered, and never holds up
the other channel; a message refused for its content fails alone, nobody is unsubscribed.

Real parts throughout: the Pipeline and deliver_due on a real SQLite store, aiogram's real
client against the Bot API stand-in (tests/support/botapi.py), aiosmtplib against aiosmtpd
(tests/support/smtpserver.py), and a bare TCP server that never says a word for a hanging SMTP
server.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import pytest
from aiogram import Bot

from bot.core.models import Alert, Entry, OutgoingMessage, Subscriber
from bot.core.records import NewEntry, Placement
from bot.core.story import Story
from bot.delivery.stats import DeliveryStats
from bot.detect import Detector
from bot.feeds.fetch import Fetcher
from bot.mail.links import MailIdentity
from bot.mail.mirrors import Mirrors
from bot.mail.render import EmailRenderer
from bot.mail.smtp import EmailSender, SmtpSettings
from bot.moderation.feeds.alarm import moderator_notifier
from bot.pipeline import Pipeline
from bot.ports import DeliveryChannel, Renderer
from bot.telegram.pacing import Limits, Pacer
from bot.telegram.render import render_telegram
from bot.telegram.sender import REQUEST_TIMEOUT, TelegramSender, make_bot
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.manualclock import NOW, ManualClock
from tests.support.smtpserver import SmtpServer

LATER = NOW + timedelta(hours=2)  # past any backoff of a first or second failed try
CHATS = [3001, 3002, 3003]
MAIL = "reader@example.org"
MODERATOR = 777
IDENTITY = MailIdentity("blockwatch.test", "alerts@blockwatch.test", None, b"k" * 32)
# The Bot API client's request timeout in these tests: short, so a hang costs little; the
# tests compare against it by ordering (did the email go before Telegram gave up?), not by
# measuring time. 2 s lost that race once at a load average of 9 (one SMTP exchange took
# longer); 6 s leaves room.
TELEGRAM_TIMEOUT = 6.0


@pytest.fixture
async def telegram_bot(bot_api: BotAPI) -> AsyncIterator[Bot]:
    bot = make_bot(bot_api.token, bot_api.base_url, timeout=TELEGRAM_TIMEOUT)
    yield bot
    await bot.session.close()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.open() as opened:  # unused: these tests only deliver
        yield opened


@pytest.fixture
async def owed(store: SQLiteStorage) -> SQLiteStorage:
    """Three Telegram chats and one mailbox, each owed one alert."""
    for chat in CHATS:
        await store.subscribe("telegram", str(chat), ["TM"])
    await store.subscribe("email", MAIL, ["TM"])
    await news(store, "imo", hours_ago=2)  # a story of its own, before any news a test adds
    return store


async def news(store: SQLiteStorage, service: str, *, hours_ago: int = 0) -> None:
    entry = Entry(
        feed_url="https://a.example/rss",
        key=service,
        title=f"{service} blocked",
        summary=f"Turkmenistan has blocked {service}.",
        published=NOW - timedelta(hours=hours_ago),
        source="A",
    )
    await store.record_entries(
        [NewEntry(entry, (Placement(Alert("TM", service, "block"), None),))], now=NOW
    )


def pipeline(
    store: SQLiteStorage,
    fetcher: Fetcher,
    bot: Bot,
    smtp_url: str,
    clock: ManualClock,
    render: Renderer = render_telegram,
) -> Pipeline:
    telegram = DeliveryChannel(TelegramSender(bot, Pacer(Limits().scaled(0.05))), render)
    email = DeliveryChannel(
        EmailSender(SmtpSettings.from_url(smtp_url, "alerts@blockwatch.test")),
        EmailRenderer(IDENTITY, Mirrors(())).alert,
    )
    return Pipeline(
        store,
        fetcher,
        Detector.load(),
        [telegram, email],
        clock,
        notify_moderators=moderator_notifier(bot, store, frozenset({MODERATOR})),
    )


def sends(api: BotAPI) -> int:
    """sendMessage requests that reached the stand-in, answered or not."""
    return sum(method.lower() == "sendmessage" for method in api.methods())


async def attempts(store: SQLiteStorage, channel: str) -> list[int]:
    """Attempts of the channel's pending rows, all due by LATER."""
    rows = await store.due_deliveries(channel, LATER, 100)  # type: ignore[arg-type]
    return [row.attempts for row in rows]


async def until(condition: Callable[[], object]) -> None:
    # The servers signal nothing: looking at what they recorded is all there is.
    while not condition():  # noqa: ASYNC110
        await asyncio.sleep(0.01)


# --- item 3: a reply that is not the Bot API's JSON --------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),  # a proxy
        (200, "\x00garbage\xff", "text/plain"),
        (200, '{"ok": true, "result": 42}', "application/json"),  # JSON, but not a Message
    ],
)
async def test_an_unreadable_bot_api_reply_pauses_telegram_and_email_still_goes(
    owed: SQLiteStorage,
    fetcher: Fetcher,
    telegram_bot: Bot,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    status: int,
    body: str,
    content_type: str,
) -> None:
    for chat in CHATS:
        bot_api.fail_raw(chat, status, body, content_type=content_type)
    clock = ManualClock(NOW)
    run = pipeline(owed, fetcher, telegram_bot, smtp_server.url, clock)

    stats = await run.deliver()  # before issue 12: ClientDecodeError escaped from here

    assert [rcpt for mail in smtp_server.received for rcpt in mail.rcpt_tos] == [MAIL]
    assert sends(bot_api) == 1  # the channel paused after its first unreadable reply
    assert await owed.due_deliveries("telegram", NOW, 100) == []  # backing off...
    assert await attempts(owed, "telegram") == [1, 1, 1]  # ...each row one attempt further
    assert (stats.sent, stats.retrying, stats.deferred, stats.down) == (
        1,
        3,
        3,
        frozenset({"telegram"}),
    )

    bot_api.clear_faults()  # the proxy is fixed
    clock.now = LATER
    again = await run.deliver()
    assert again.sent == 3 and again.down == frozenset()
    assert sorted(message.chat_id for message in bot_api.sent) == CHATS
    assert len(smtp_server.received) == 1  # and the mail was not sent twice


# --- item 5: a Bot API that never answers --------------------------------------------------------


async def test_a_hanging_bot_api_costs_one_timeout_and_email_does_not_wait_for_it(
    owed: SQLiteStorage,
    fetcher: Fetcher,
    telegram_bot: Bot,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
) -> None:
    for chat in CHATS:
        bot_api.hang(chat)
    run = pipeline(owed, fetcher, telegram_bot, smtp_server.url, ManualClock(NOW))

    delivering = asyncio.create_task(run.deliver())
    await asyncio.wait_for(until(lambda: smtp_server.received), 60)  # a stuck test's bound
    # The mail was accepted before Telegram's timeout ran out: it did not wait behind it.
    # (Before issue 12 it went after every chat's timeout: 61 s each.)
    assert bot_api.given_up == 0 and not delivering.done()

    await news(owed, "signal")  # news found meanwhile: the service delivers again at once
    again = asyncio.create_task(run.deliver())
    await asyncio.wait_for(until(lambda: len(smtp_server.received) == 2), 60)
    assert bot_api.given_up == 0  # that mail did not wait for the hung run either

    stats, paused = await asyncio.wait_for(asyncio.gather(delivering, again), 60)
    await asyncio.wait_for(until(lambda: bot_api.given_up), 10)  # the stand-in notices
    assert (sends(bot_api), bot_api.given_up) == (1, 1)  # ONE timeout, not one per chat
    # The news too was due when Telegram was found down: deferred with the rest, untried.
    assert await attempts(owed, "telegram") == [1, 1, 1, 1, 1, 1]
    # Each mail went once; which run took the second one is a race (the first run's email lane
    # may find it due before the second run claims it), so only the total is fixed.
    assert (stats.sent + paused.sent, len(smtp_server.received)) == (2, 2)
    assert (stats.deferred, stats.down) == (6, frozenset({"telegram"}))
    assert paused.down == frozenset({"telegram"})


async def test_a_channel_found_down_is_left_alone_until_its_pause_passes(
    owed: SQLiteStorage,
    fetcher: Fetcher,
    telegram_bot: Bot,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
) -> None:
    for chat in CHATS:
        bot_api.fail(chat, 502, "Bad Gateway", times=None)
    clock = ManualClock(NOW)
    run = pipeline(owed, fetcher, telegram_bot, smtp_server.url, clock)
    await run.deliver()
    assert sends(bot_api) == 1

    clock.now += timedelta(seconds=10)  # the service's next delivery job: within the pause
    await news(owed, "signal")  # even with news owed now
    paused = await run.deliver()
    assert sends(bot_api) == 1  # Telegram left alone
    assert paused.down == frozenset({"telegram"}) and paused.sent == 1  # the news, by mail

    clock.now += timedelta(seconds=25)  # past the first pause (30 s): one probe, still down
    await run.deliver()
    assert sends(bot_api) == 2
    assert sorted(await attempts(owed, "telegram")) == [1, 1, 1, 2, 2, 2]  # backoff grows

    clock.now += timedelta(seconds=40)  # the second pause is longer (1 min)
    await run.deliver()
    assert sends(bot_api) == 2

    bot_api.clear_faults()
    clock.now = LATER
    assert (await run.deliver()).sent == 6
    assert [len(bot_api.texts_to(chat)) for chat in CHATS] == [2, 2, 2]


# --- the other way round: SMTP in trouble, Telegram goes on -----------------------------------


class StallingSmtp:
    """A bare TCP server speaking just enough SMTP, then silent from `stall_at` on ("" for its
    greeting, "RCPT" at the first RCPT TO) until the client hangs up."""

    def __init__(self, stall_at: str) -> None:
        self.stall_at = stall_at.encode()
        self.connections = 0
        self.server: asyncio.Server | None = None

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._session, "127.0.0.1", 0)
        return f"smtp://127.0.0.1:{self.server.sockets[0].getsockname()[1]}?timeout=1"

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        if self.stall_at:
            writer.write(b"220 stalling.test ESMTP\r\n")
            while (line := await reader.readline()) and not line.startswith(self.stall_at):
                writer.write(b"250 ok\r\n")
        await reader.read()  # silent until the client hangs up
        writer.close()


@pytest.mark.parametrize("stall_at", ["", "RCPT"])
async def test_a_stalling_smtp_server_pauses_email_after_one_timeout_and_telegram_goes_on(
    owed: SQLiteStorage,
    fetcher: Fetcher,
    telegram_bot: Bot,
    bot_api: BotAPI,
    stall_at: str,
) -> None:
    await owed.subscribe("email", "second@example.org", ["TM"])
    await owed.subscribe("email", "third@example.org", ["TM"])
    await news(owed, "skype")  # 2 alerts for each of 3 chats; 4 owed to 3 mailboxes
    async with (smtp := StallingSmtp(stall_at)) as smtp_url:
        stats = await pipeline(owed, fetcher, telegram_bot, smtp_url, ManualClock(NOW)).deliver()
    assert len(bot_api.sent) == 6 and stats.sent == 6
    # One timeout for the whole channel, not one per mailbox: a connection per mailbox at once
    # (SMTP_URL's default 4 connections), none opened again after the timeout.
    assert smtp.connections <= 3
    assert await attempts(owed, "email") == [1, 1, 1, 1]
    assert stats.down == frozenset({"email"}) and stats.deferred == 4


# --- item 6: a 400 about the message is not about the chat ---------------------------------------


async def test_a_message_telegram_cannot_parse_fails_alone_and_the_moderators_are_told(
    owed: SQLiteStorage,
    fetcher: Fetcher,
    telegram_bot: Bot,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    reason = "can't parse entities: Can't find end of the entity starting at byte offset 12"
    for chat in CHATS:  # a rendering bug: every chat that gets this alert refuses it
        bot_api.fail(chat, 400, f"Bad Request: {reason}")
    run = pipeline(owed, fetcher, telegram_bot, smtp_server.url, ManualClock(NOW))

    with caplog.at_level(logging.INFO):
        stats = await run.deliver()

    assert (stats.sent, stats.failed, len(stats.refusals)) == (1, 3, 3)  # the mail went
    for chat in CHATS:  # before issue 12 each of them was set inactive
        subscriber = await owed.subscriber("telegram", str(chat))
        assert subscriber is not None and subscriber.active
    assert await attempts(owed, "telegram") == []  # marked failed: not retried forever
    (notice,) = bot_api.texts_to(MODERATOR)  # once, for all three
    assert "3 messages" in notice and reason in notice.replace("&#x27;", "'")
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any(reason in line and "events [1]" in line for line in warnings)
    said = " ".join(
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.INFO and r.name.startswith(("bot", "storage"))
    )
    assert not any(str(chat) in said for chat in CHATS) and MAIL not in said

    await news(owed, "signal")  # the next alert to those chats goes out
    assert (await run.deliver()).sent == 4
    assert [len(bot_api.texts_to(chat)) for chat in CHATS] == [1, 1, 1]


async def test_a_renderer_that_fails_on_one_event_costs_that_message_not_the_channel(
    owed: SQLiteStorage,
    fetcher: Fetcher,
    telegram_bot: Bot,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
) -> None:
    """A rendering bug on one event (here: any event about IMO) fails that event's messages and
    tells the moderators; the channel stays up and the other events go out. IMO and Signal,
    blocked at once, are one story: when it cannot be rendered, each event is tried alone."""
    await news(owed, "signal", hours_ago=2)  # with the fixture's IMO block: one story

    def fragile(story: Story, subscriber: Subscriber | None = None) -> OutgoingMessage:
        if any(report.event.service == "imo" for report in story.reports):
            raise KeyError("a catalogue entry this event's words need")
        return render_telegram(story, subscriber)

    run = pipeline(owed, fetcher, telegram_bot, smtp_server.url, ManualClock(NOW), render=fragile)
    stats = await run.deliver()

    assert stats.down == frozenset()
    assert (stats.sent, stats.failed, len(stats.refusals)) == (2 + 3, 3, 3)  # mail: both events
    assert [len(bot_api.texts_to(chat)) for chat in CHATS] == [1, 1, 1]  # the signal alert
    (notice,) = bot_api.texts_to(MODERATOR)
    assert "could not be rendered (KeyError)" in notice
    assert await attempts(owed, "telegram") == []  # failed, not retried forever


@pytest.mark.parametrize(
    "refuse",
    [
        lambda api, chat: api.block(chat),  # 403 "bot was blocked by the user"
        lambda api, chat: api.fail(chat, 400, "Bad Request: chat not found"),
    ],
)
async def test_a_chat_that_is_gone_still_stops_its_alerts(
    owed: SQLiteStorage,
    fetcher: Fetcher,
    telegram_bot: Bot,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    refuse: Callable[[BotAPI, int], None],
) -> None:
    refuse(bot_api, CHATS[0])
    stats = await pipeline(owed, fetcher, telegram_bot, smtp_server.url, ManualClock(NOW)).deliver()
    assert (stats.sent, stats.failed, stats.refusals) == (3, 1, ())
    gone = await owed.subscriber("telegram", str(CHATS[0]))
    assert gone is not None and not gone.active
    assert sorted(message.chat_id for message in bot_api.sent) == CHATS[1:]
    assert bot_api.texts_to(MODERATOR) == []  # nothing for the moderators to fix


async def test_the_service_s_bot_gives_up_on_a_request_after_20_seconds_not_60() -> None:
    bot = make_bot("1:x")  # as bot/app.py makes it
    try:
        assert bot.session.timeout == REQUEST_TIMEOUT == 20
    finally:
        await bot.session.close()


def test_stats_add_up_what_each_channel_says() -> None:
    telegram = DeliveryStats(retrying=3, deferred=3, down=frozenset({"telegram"}))
    email = DeliveryStats(sent=1)
    assert telegram + email == DeliveryStats(
        sent=1, retrying=3, deferred=3, down=frozenset({"telegram"})
    )

"""ARTICLE by mail, end to end over real servers: feeds and article pages on a local HTTP
server, the pipeline, alerts through aiosmtpd, the reader's replies through dovecot.

A subscriber in Turkmenistan gets an alert whose sources are numbered; "ARTICLE n" in a reply
brings that source's article as plain text (its page's navigation, comments and scripts left
out) when its feed is marked full_text, and only the opening sentences otherwise."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.detect import Detector
from bot.feeds.articles import ArticleDesk
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.mail.imap import ImapSettings, Mailbox
from bot.mail.inbox.limits import ReplyLimits
from bot.mail.inbox.reader import InboxStats, MailInbox
from storage.sqlite import SQLiteStorage
from tests.support.articlepages import LEFT_OUT, outlets_report
from tests.support.feedserver import FeedServer
from tests.support.imapserver import ImapServer
from tests.support.loopback import LOOPBACK
from tests.support.mailchat import PERSON, SERVICE, ask, deliver, mail, reply_to, sender, words
from tests.support.manualclock import NOW, ManualClock
from tests.support.smtpserver import ReceivedMail, SmtpServer

HTML = "text/html; charset=utf-8"
OPEN = "Global Voices"  # CC BY: full_text = true
CLOSED = "Azatlyk"  # all rights reserved: the opening only


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.open(FetchLimits(2, 2), allowed=LOOPBACK) as opened:
        yield opened


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


def inbox(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    fetcher: Fetcher,
    clock: ManualClock,
    articles_per_day: int = 20,
) -> MailInbox:
    """The inbox as bot/app.py wires it, with ARTICLE's desk."""
    return MailInbox(
        Mailbox(ImapSettings.from_url(f"{imap_server.url}?timeout=5")),
        store,
        sender(smtp_server),
        clock,
        own_addresses={SERVICE},
        reply_to=SERVICE,
        limits=ReplyLimits(articles_per_day=articles_per_day),
        articles=ArticleDesk(fetcher, store, clock),
    )


async def alert(
    feed_server: FeedServer,
    store: SQLiteStorage,
    fetcher: Fetcher,
    detector: Detector,
    smtp_server: SmtpServer,
    clock: ManualClock,
    outlets: tuple[str, ...] = (OPEN, CLOSED),
    *,
    subscribed: bool = False,
) -> ReceivedMail:
    """The outlets report IMO blocked (their pages on the feed server); one poll, one
    delivery: the subscriber's alert."""
    if not subscribed:
        await store.subscribe("email", PERSON, ["TM"])
    terms = {name: name == OPEN for name in outlets}
    await outlets_report(feed_server, store, fetcher, detector, clock, terms)
    sent = await deliver(store, smtp_server, when=clock())
    assert len(sent) == 1
    return sent[0]


def number_of(received: ReceivedMail, outlet: str) -> int:
    """The number the alert gave `outlet`'s source: "[2] Azatlyk"."""
    lines = received.message.get_content().splitlines()
    found = next(
        (re.fullmatch(rf"\[(\d+)\] {outlet}", line) for line in lines if outlet in line), None
    )
    assert found is not None, received.message.get_content()
    return int(found.group(1))


async def test_article_in_a_reply_brings_the_report_as_light_plain_text(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    feed_server: FeedServer,
    store: SQLiteStorage,
    fetcher: Fetcher,
    detector: Detector,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    chat = inbox(imap_server, smtp_server, store, fetcher, clock)
    confirmation = await ask(imap_server, chat, smtp_server, mail("SUBSCRIBE TM"))
    await ask(imap_server, chat, smtp_server, reply_to(confirmation))  # the double opt-in
    received = await alert(
        feed_server, store, fetcher, detector, smtp_server, clock, subscribed=True
    )
    number = number_of(received, OPEN)
    caplog.set_level(logging.INFO)
    answer = await ask(imap_server, chat, smtp_server, reply_to(received, f"ARTICLE {number}"))
    text = words(answer)
    assert answer.message["Subject"] == "[Blockwatch] Turkmenistan blocks IMO messenger"
    assert "readers in Ashgabat told our correspondent on Monday" in text
    assert "only expensive international calls are left" in text  # the whole text
    assert not [word for word in LEFT_OUT if word in text]
    assert "Links in the article:" in text and "Soltan Achilova" in text
    assert answer.message.get_content_type() == "text/plain"
    assert answer.message.get_param("format") == "flowed"
    assert answer.message.get_content_charset() == "utf-8"
    assert answer.message["Content-Transfer-Encoding"] in ("8bit", "7bit")
    assert answer.message["In-Reply-To"]  # threaded under the reader's mail
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot."))
    assert f"subscriber 1: ARTICLE {number}, the whole text" in logged
    assert PERSON not in logged and "Ashgabat" not in logged


async def test_a_feed_without_full_text_gets_its_opening_and_why(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    feed_server: FeedServer,
    store: SQLiteStorage,
    fetcher: Fetcher,
    detector: Detector,
    clock: ManualClock,
) -> None:
    received = await alert(feed_server, store, fetcher, detector, smtp_server, clock)
    chat = inbox(imap_server, smtp_server, store, fetcher, clock)
    reply = reply_to(received, f"ARTICLE {number_of(received, CLOSED)}")
    text = words(await ask(imap_server, chat, smtp_server, reply))
    assert "Azatlyk does not allow its articles to be sent on whole" in text
    assert "Authorities in Turkmenistan have blocked the IMO messenger." in text
    assert "A fifth sentence" not in text and "readers in Ashgabat" not in text
    assert feed_server.requests["/2/imo.html"] == 0  # not even fetched


async def test_an_unknown_number_and_a_stranger_are_told_what_works(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    feed_server: FeedServer,
    store: SQLiteStorage,
    fetcher: Fetcher,
    detector: Detector,
    clock: ManualClock,
) -> None:
    received = await alert(feed_server, store, fetcher, detector, smtp_server, clock)
    chat = inbox(imap_server, smtp_server, store, fetcher, clock)
    text = words(await ask(imap_server, chat, smtp_server, reply_to(received, "ARTICLE 9")))
    assert "That mail has no source 9: its sources are numbered 1 to 2." in text
    text = words(await ask(imap_server, chat, smtp_server, reply_to(received, "ARTICLE")))
    assert "That mail lists sources 1 to 2" in text
    stranger = mail("ARTICLE 1", writer="Someone <someone@example.org>")
    imap_server.deliver(stranger)
    assert await chat.poll() == InboxStats(answered=1)
    assert smtp_server.received[-1].rcpt_tos == ["someone@example.org"]
    assert "not subscribed" in words(smtp_server.received[-1])
    assert not [path for path in feed_server.requests if path.endswith(".html")]


async def test_a_new_mail_asks_about_the_latest_alert_and_one_source_needs_no_number(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    feed_server: FeedServer,
    store: SQLiteStorage,
    fetcher: Fetcher,
    detector: Detector,
    clock: ManualClock,
) -> None:
    await alert(feed_server, store, fetcher, detector, smtp_server, clock, outlets=(OPEN,))
    chat = inbox(imap_server, smtp_server, store, fetcher, clock)
    text = words(await ask(imap_server, chat, smtp_server, mail("makala")))
    assert "readers in Ashgabat" in text
    assert "Makaladaky salgylar:" in text  # our own lines in Turkmen, the article as written


async def test_the_daily_limit_of_articles_holds_and_the_page_is_not_fetched_over_it(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    feed_server: FeedServer,
    store: SQLiteStorage,
    fetcher: Fetcher,
    detector: Detector,
    clock: ManualClock,
) -> None:
    received = await alert(feed_server, store, fetcher, detector, smtp_server, clock)
    chat = inbox(imap_server, smtp_server, store, fetcher, clock, articles_per_day=2)
    for number in (1, 2):
        await ask(imap_server, chat, smtp_server, reply_to(received, f"ARTICLE {number}"))
    before = len(smtp_server.received), sum(feed_server.requests.values())
    imap_server.deliver(reply_to(received, "ARTICLE 1"))
    assert await chat.poll() == InboxStats(limited=1)
    assert (len(smtp_server.received), sum(feed_server.requests.values())) == before
    text = words(await ask(imap_server, chat, smtp_server, reply_to(received, "HELP")))
    assert "ARTICLE 2 - the report itself" in text  # other answers go on
    clock.now += timedelta(days=1, minutes=1)
    await ask(imap_server, chat, smtp_server, reply_to(received, "ARTICLE 1"))

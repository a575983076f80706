"""Commands by mail, end to end: a real dovecot holds the service's mailbox, aiosmtpd takes the
answers. A person subscribes, confirms by replying, gets an alert, changes frequency, asks for
the status and stops, all by mail; robots and SMTP failures change nothing."""

from __future__ import annotations

import email.policy
import logging
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import open_app
from bot.config import Settings
from bot.core.models import OutgoingMessage
from bot.mail.imap import KEYWORD
from bot.mail.inbox.reader import InboxStats, MailInbox
from storage.sqlite import SQLiteStorage
from tests.support.imapserver import ImapServer
from tests.support.loopback import LOOPBACK
from tests.support.mailchat import (
    PERSON,
    SERVICE,
    ask,
    deliver,
    inbox_for,
    mail,
    record,
    reply_to,
    words,
)
from tests.support.manualclock import NOW
from tests.support.smtpserver import SmtpServer


@pytest.fixture
def inbox(imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage) -> MailInbox:
    return inbox_for(imap_server, smtp_server, store)


async def test_the_whole_conversation_by_mail(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    request = mail("SUBSCRIBE TM RU")
    confirmation = await ask(imap_server, inbox, smtp_server, request)
    assert "[confirm:" in confirmation.message["Subject"]
    assert "just reply" in words(confirmation)
    assert "просто ответьте на это письмо" in words(confirmation)  # and the other languages
    assert confirmation.message["In-Reply-To"] == email.message_from_bytes(request)["Message-ID"]
    assert confirmation.message["Auto-Submitted"] == "auto-replied"
    assert confirmation.message["Reply-To"] == SERVICE
    waiting = await store.subscriber("email", PERSON)
    assert waiting is not None and not waiting.confirmed and waiting.countries == {"TM", "RU"}

    done = await ask(imap_server, inbox, smtp_server, reply_to(confirmation))
    assert "Confirmed" in done.message.get_content()
    subscriber = await store.subscriber("email", PERSON)
    assert subscriber is not None and subscriber.confirmed and subscriber.language == "en"

    await record(store, "imo", "block")
    [alert] = await deliver(store, smtp_server)
    assert alert.rcpt_tos == [PERSON]
    assert "A block of imo in Turkmenistan. Nobody said why." in alert.raw.decode()
    assert alert.message["Reply-To"] == SERVICE and "mailto:" in alert.message["List-Unsubscribe"]
    assert alert.message["List-Unsubscribe-Post"] is None  # no PUBLIC_URL: no one-click link

    daily = await ask(imap_server, inbox, smtp_server, mail("Re: Blockwatch", "DAILY"))
    assert "every day" in daily.message.get_content()
    subscriber = await store.subscriber("email", PERSON)
    assert subscriber is not None and subscriber.prefs.frequency == "daily"

    await record(store, "whatsapp", "throttle")
    await record(store, "imo", "unblock")
    assert await deliver(store, smtp_server) == []  # nothing before the digest hour
    [digest] = await deliver(store, smtp_server, when=NOW.replace(hour=8) + timedelta(days=1))
    assert "digest: 2 events" in digest.message["Subject"]
    text = digest.message.get_content()
    assert "WhatsApp throttled" in text and "IMO unblocked" in text

    status = await ask(imap_server, inbox, smtp_server, mail("status"))
    assert "Turkmenistan: IMO blocked" in status.message.get_content()

    # A reply to an alert proves the mailbox is theirs: it acts at once. Turkmen words make
    # Turkmen the answer's language, and the subscriber's from now on.
    fewer = await ask(imap_server, inbox, smtp_server, reply_to(alert, "Türkmenistan bes"))
    assert "Siz henizem Russiýa (RU) barada duýduryş alýarsyňyz" in words(fewer)
    subscriber = await store.subscriber("email", PERSON)
    assert subscriber is not None and subscriber.countries == {"RU"}
    assert subscriber.language == "tk"
    # A fresh STOP could come from anyone: the address confirms it with a plain reply.
    asked = await ask(imap_server, inbox, smtp_server, mail("STOP"))
    assert "[stop:" in asked.message["Subject"] and "jogap beriň" in words(asked)
    assert await store.subscriber("email", PERSON) is not None
    stopped = await ask(imap_server, inbox, smtp_server, reply_to(asked))
    assert "salgyňyz pozuldy" in words(stopped)
    assert await store.subscriber("email", PERSON) is None


async def test_each_mail_is_answered_once(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    first = imap_server.deliver(mail("HELP", message_id="<once@example.tm>"))
    assert await inbox.poll() == InboxStats(answered=1)
    assert await inbox.poll() == InboxStats()
    assert imap_server.flags(first) == {KEYWORD}
    # The same mail again (a copy, or a crash before the keyword was stored): not answered.
    copy = imap_server.deliver(mail("HELP", message_id="<once@example.tm>"))
    assert await inbox.poll() == InboxStats(ignored=1)
    assert imap_server.flags(copy) == {KEYWORD}
    assert len(smtp_server.received) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto_Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"From": f"Blockwatch <{SERVICE}>"},
        {"From": "MAILER-DAEMON@example.tm", "Content_Type": "multipart/report"},
    ],
)
async def test_robots_and_ourselves_get_no_answer(
    imap_server: ImapServer,
    inbox: MailInbox,
    smtp_server: SmtpServer,
    headers: dict[str, str],
) -> None:
    raw = email.message_from_bytes(mail("SUBSCRIBE TM"), policy=email.policy.default)
    for name, value in headers.items():
        del raw[name.replace("_", "-")]
        raw[name.replace("_", "-")] = value
    uid = imap_server.deliver(raw.as_bytes(policy=email.policy.SMTP))
    assert await inbox.poll() == InboxStats(ignored=1)
    assert smtp_server.received == [] and imap_server.flags(uid) == {KEYWORD}


async def test_smtp_trouble_leaves_the_command_for_the_next_poll(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    smtp_server.reject(PERSON, "451 4.3.0 try later")
    uid = imap_server.deliver(mail("SUBSCRIBE TM"))
    stats = await inbox.poll()
    assert stats == InboxStats(waiting=1) and imap_server.flags(uid) == set()
    smtp_server.clear_faults()
    assert await inbox.poll() == InboxStats(answered=1)
    assert len(smtp_server.received) == 1 and imap_server.flags(uid) == {KEYWORD}


async def test_a_stranger_cannot_confirm_with_a_made_up_token(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    await ask(imap_server, inbox, smtp_server, mail("SUBSCRIBE TM"))
    answer = await ask(imap_server, inbox, smtp_server, mail("Re: [confirm:AAAAAAAAAAAAAAAAAAAA]"))
    assert "no longer valid" in answer.message.get_content()
    subscriber = await store.subscriber("email", PERSON)
    assert subscriber is not None and not subscriber.confirmed


async def test_logs_hold_no_address_and_no_text(
    imap_server: ImapServer,
    inbox: MailInbox,
    smtp_server: SmtpServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    await ask(imap_server, inbox, smtp_server, mail("SUBSCRIBE TM", "my secret words"))
    # Everything logged but the test SMTP server's own log ("mail.log").
    logged = "\n".join(
        record.getMessage() for record in caplog.records if not record.name.startswith("mail.")
    )
    assert "subscribe command" in logged
    assert PERSON not in logged and "aman" not in logged.lower() and "secret" not in logged


def test_outgoing_message_headers_default_to_none() -> None:
    assert OutgoingMessage(text="x").headers == {}


async def test_the_app_wires_the_inbox_from_the_settings(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    feeds = tmp_path / "feeds.toml"
    feeds.write_text('[[feed]]\nname = "A"\nurl = "http://127.0.0.1:9/rss"\nlanguage = "en"\n')
    settings = Settings(
        db_path=tmp_path / "app.db",
        feeds_path=feeds,
        smtp_url=smtp_server.url,
        mail_from=f"Blockwatch <{SERVICE}>",
        imap_url=imap_server.url,
        allow_hosts=LOOPBACK,
    )
    async with open_app(settings) as app:
        assert app.inbox is not None
        imap_server.deliver(mail("HELP"))
        assert await app.inbox.poll() == InboxStats(answered=1)
    assert smtp_server.received[-1].message["Reply-To"] == SERVICE
    async with open_app(replace(settings, smtp_url=None)) as app:
        assert app.inbox is None  # nothing to answer with


@pytest.mark.parametrize(
    ("subject", "answer"),
    [
        ("SUBSCRIBE", "Which countries?"),
        ("DAILY", "This address is not subscribed."),
        ("STOP", "This address is not subscribed."),
        ("hello, what is this?", "Write one of these in the subject"),
        ("STATUS TM", "Turkmenistan:\n- nothing recorded"),
    ],
)
async def test_a_stranger_gets_helpful_answers(
    imap_server: ImapServer,
    inbox: MailInbox,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    subject: str,
    answer: str,
) -> None:
    reply = await ask(imap_server, inbox, smtp_server, mail(subject))
    assert answer in reply.message.get_content().replace("\r\n", "\n")
    assert await store.subscriber("email", PERSON) is None


async def test_an_unreachable_mailbox_waits_for_the_next_poll(
    imap_server: ImapServer,
    inbox: MailInbox,
    smtp_server: SmtpServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    imap_server.stop()
    assert await inbox.poll() == InboxStats()
    assert "mailbox not read" in caplog.text and imap_server.password not in caplog.text
    assert smtp_server.received == []

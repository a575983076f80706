"""Commands by mail, end to end: a real dovecot holds the service's mailbox, aiosmtpd takes the
answers. A person subscribes, confirms by replying, gets an alert, changes frequency, asks for
the status and stops, all by mail; robots and SMTP failures change nothing."""

from __future__ import annotations

import email.policy
import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from imapserver import ImapServer
from smtpserver import ReceivedMail, SmtpServer

from bot.app import open_app
from bot.config import Settings
from bot.deliver import deliver_due
from bot.email import EmailSender, SmtpSettings
from bot.mail_inbox import InboxStats, MailInbox
from bot.mail_links import MailIdentity
from bot.mail_render import EmailRenderer
from bot.mailbox import KEYWORD, ImapSettings, Mailbox
from bot.mirrors import load_mirrors
from bot.models import Action, Alert, Entry, OutgoingMessage
from storage.protocol import Placement
from storage.sqlite import SQLiteStorage

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PERSON = "aman@example.tm"
SERVICE = "alerts@blockwatch.test"
RENDER = EmailRenderer(MailIdentity("blockwatch.test", SERVICE, None, b"k" * 32), load_mirrors())


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStorage]:
    storage = await SQLiteStorage.open(tmp_path / "inbox.db")
    yield storage
    await storage.close()


@pytest.fixture
async def inbox(
    imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage
) -> AsyncIterator[MailInbox]:
    mailbox = Mailbox(ImapSettings.from_url(f"{imap_server.url}?timeout=5"))
    yield MailInbox(mailbox, store, sender(smtp_server), lambda: NOW,
                    own_addresses={SERVICE}, reply_to=SERVICE)
    await mailbox.close()


def sender(server: SmtpServer) -> EmailSender:
    return EmailSender(SmtpSettings.from_url(server.url, f"Blockwatch <{SERVICE}>"))


def mail(subject: str, body: str = "", *, message_id: str | None = None, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = f"Aman <{PERSON}>"
    message["To"] = SERVICE
    message["Subject"] = subject
    message["Message-ID"] = message_id or email.utils.make_msgid(domain="example.tm")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes(policy=email.policy.SMTP)


def reply_to(received: ReceivedMail, body: str = "") -> bytes:
    """What a mail client sends on Reply: the subject with Re:, threading, the quote."""
    original = received.message
    quoted = "\n".join(f"> {line}" for line in original.get_content().splitlines())
    return mail(f"Re: {original['Subject']}", f"{body}\n\nOn Monday, Blockwatch wrote:\n{quoted}",
                In_Reply_To=str(original["Message-ID"]), References=str(original["Message-ID"]))


async def ask(imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer,
              raw: bytes) -> ReceivedMail:
    """Deliver one mail to the service, poll once, return the one answer it sent."""
    before = len(smtp_server.received)
    imap_server.deliver(raw)
    assert await inbox.poll() == InboxStats(answered=1)
    assert len(smtp_server.received) == before + 1
    answer = smtp_server.received[-1]
    assert answer.rcpt_tos == [PERSON]
    return answer


async def test_the_whole_conversation_by_mail(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    request = mail("SUBSCRIBE TM RU")
    confirmation = await ask(imap_server, inbox, smtp_server, request)
    assert "[confirm:" in confirmation.message["Subject"]
    words = " ".join(confirmation.message.get_content().split())
    assert "just reply" in words and "просто ответьте на это письмо" in words  # and Turkmen
    assert confirmation.message["In-Reply-To"] == email.message_from_bytes(request)["Message-ID"]
    assert confirmation.message["Auto-Submitted"] == "auto-replied"
    assert confirmation.message["Reply-To"] == SERVICE
    waiting = await store.subscriber("email", PERSON)
    assert waiting is not None and not waiting.confirmed and waiting.countries == {"TM", "RU"}

    done = await ask(imap_server, inbox, smtp_server, reply_to(confirmation))
    assert "Confirmed" in done.message.get_content()
    subscriber = await store.subscriber("email", PERSON)
    assert subscriber is not None and subscriber.confirmed

    await record(store, "imo", "block")
    sent = await deliver_due(store, sender(smtp_server), RENDER.alert, lambda: NOW)
    assert sent.sent == 1
    alert = smtp_server.received[-1]
    assert alert.rcpt_tos == [PERSON]
    assert "A block of imo in Turkmenistan. Nobody said why." in alert.raw.decode()
    assert alert.message["Reply-To"] == SERVICE and "mailto:" in alert.message["List-Unsubscribe"]
    assert alert.message["List-Unsubscribe-Post"] is None  # no PUBLIC_URL: no one-click link

    daily = await ask(imap_server, inbox, smtp_server, mail("Re: Blockwatch", "ЕЖЕДНЕВНО"))
    assert "every day" in daily.message.get_content()
    subscriber = await store.subscriber("email", PERSON)
    assert subscriber is not None and subscriber.prefs.frequency == "daily"

    await record(store, "whatsapp", "throttle")
    await record(store, "imo", "unblock")
    before = len(smtp_server.received)
    early = await deliver_due(store, sender(smtp_server), RENDER.alert, lambda: NOW,
                              render_digest=RENDER.digest)
    assert early.sent == 0  # nothing before the digest hour
    next_morning = NOW.replace(hour=8) + timedelta(days=1)
    await deliver_due(store, sender(smtp_server), RENDER.alert, lambda: next_morning,
                      render_digest=RENDER.digest)
    [digest] = smtp_server.received[before:]
    assert "digest: 2 events" in digest.message["Subject"]
    text = digest.message.get_content()
    assert "WhatsApp throttled" in text and "IMO unblocked" in text

    status = await ask(imap_server, inbox, smtp_server, mail("status"))
    assert "Turkmenistan: IMO blocked" in status.message.get_content()

    fewer = await ask(imap_server, inbox, smtp_server, mail("Türkmenistan bes"))  # Turkmen
    assert "still get alerts about Russia (RU)" in fewer.message.get_content()
    stopped = await ask(imap_server, inbox, smtp_server, mail("Re: Blockwatch", "STOP"))
    assert "deleted" in stopped.message.get_content()
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


@pytest.mark.parametrize("headers", [
    {"Auto_Submitted": "auto-replied"},
    {"Precedence": "bulk"},
    {"From": f"Blockwatch <{SERVICE}>"},
    {"From": "MAILER-DAEMON@example.tm", "Content_Type": "multipart/report"},
])
async def test_robots_and_ourselves_get_no_answer(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer,
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
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    await ask(imap_server, inbox, smtp_server, mail("SUBSCRIBE TM", "my secret words"))
    # Everything logged but the test SMTP server's own log ("mail.log").
    logged = "\n".join(record.getMessage() for record in caplog.records
                       if not record.name.startswith("mail."))
    assert "subscribe command" in logged
    assert PERSON not in logged and "aman" not in logged.lower() and "secret" not in logged


async def record(store: SQLiteStorage, service: str, action: Action) -> None:
    """A fresh report of a new event in Turkmenistan, as the pipeline stores it."""
    entry = Entry(feed_url="https://a.example/rss", key=f"{service}-{action}",
                  title=f"{service} {action} in Turkmenistan",
                  summary=f"A {action} of {service} in Turkmenistan. Nobody said why.",
                  published=NOW, source="A", link="https://azathabar.com/a/1.html")
    await store.record_entry(entry, [Placement(Alert("TM", service, action), None)], now=NOW,
                             notify=True)


def test_outgoing_message_headers_default_to_none() -> None:
    assert OutgoingMessage(text="x").headers == {}


async def test_the_app_wires_the_inbox_from_the_settings(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    feeds = tmp_path / "feeds.toml"
    feeds.write_text('[[feed]]\nname = "A"\nurl = "http://127.0.0.1:9/rss"\nlanguage = "en"\n')
    settings = Settings(db_path=tmp_path / "app.db", feeds_path=feeds, smtp_url=smtp_server.url,
                        mail_from=f"Blockwatch <{SERVICE}>", imap_url=imap_server.url)
    async with open_app(settings) as app:
        assert app.inbox is not None
        imap_server.deliver(mail("HELP"))
        assert await app.inbox.poll() == InboxStats(answered=1)
    assert smtp_server.received[-1].message["Reply-To"] == SERVICE
    async with open_app(replace(settings, smtp_url=None)) as app:
        assert app.inbox is None  # nothing to answer with


@pytest.mark.parametrize(("subject", "answer"), [
    ("SUBSCRIBE", "Which countries?"),
    ("DAILY", "This address is not subscribed."),
    ("STOP", "This address is not subscribed."),
    ("hello, what is this?", "Write one of these in the subject"),
    ("STATUS TM", "Turkmenistan:\n- nothing recorded"),
])
async def test_a_stranger_gets_helpful_answers(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage,
    subject: str, answer: str,
) -> None:
    reply = await ask(imap_server, inbox, smtp_server, mail(subject))
    assert answer in reply.message.get_content().replace("\r\n", "\n")
    assert await store.subscriber("email", PERSON) is None


async def test_an_unreachable_mailbox_waits_for_the_next_poll(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    imap_server.stop()
    assert await inbox.poll() == InboxStats()
    assert "mailbox not read" in caplog.text and imap_server.password not in caplog.text
    assert smtp_server.received == []

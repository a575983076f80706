"""A person talking to the service by mail, for tests: their mails, their replies, the answers.

The service's mailbox is a real dovecot (tests/support/imapserver.py) and its SMTP server a real
aiosmtpd
(tests/support/smtpserver.py); these helpers only write the mails a person's client would write.
"""

from __future__ import annotations

import email.policy
import email.utils
from datetime import datetime
from email.message import EmailMessage

from bot.core.models import Action, Alert, Entry
from bot.core.records import NewEntry, Placement
from bot.delivery.outbox import deliver_due
from bot.mail.imap import ImapSettings, Mailbox
from bot.mail.inbox.reader import InboxStats, MailInbox
from bot.mail.links import MailIdentity
from bot.mail.mirrors import load_mirrors
from bot.mail.render import EmailRenderer
from bot.mail.smtp import EmailSender, SmtpSettings
from storage.sqlite import SQLiteStorage
from storage.store import Store
from tests.support.imapserver import ImapServer
from tests.support.manualclock import NOW
from tests.support.smtpserver import ReceivedMail, SmtpServer

PERSON = "aman@example.tm"
SERVICE = "alerts@blockwatch.test"


def sender(server: SmtpServer) -> EmailSender:
    return EmailSender(SmtpSettings.from_url(server.url, f"Blockwatch <{SERVICE}>"))


def inbox_for(
    imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage, query: str = ""
) -> MailInbox:
    """The service's inbox as bot/app.py wires it; `query` adds IMAP_URL options."""
    mailbox = Mailbox(ImapSettings.from_url(f"{imap_server.url}?timeout=5{query}"))
    return MailInbox(
        mailbox, store, sender(smtp_server), lambda: NOW, own_addresses={SERVICE}, reply_to=SERVICE
    )


def mail(
    subject: str,
    body: str = "",
    *,
    message_id: str | None = None,
    writer: str = f"Aman <{PERSON}>",
    **headers: str,
) -> bytes:
    """A mail to the service, as a person's client sends it (header_name: Header-Name)."""
    message = EmailMessage()
    message["From"] = writer
    message["To"] = SERVICE
    message["Subject"] = subject
    message["Message-ID"] = message_id or email.utils.make_msgid(domain="example.tm")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes(policy=email.policy.SMTP)


def reply_to(received: ReceivedMail, body: str = "", **headers: str) -> bytes:
    """What a mail client sends on Reply: the subject with Re:, threading, the quote."""
    original = received.message
    quoted = "\n".join(f"> {line}" for line in original.get_content().splitlines())
    return mail(
        f"Re: {original['Subject']}",
        f"{body}\n\nOn Monday, Blockwatch wrote:\n{quoted}",
        In_Reply_To=str(original["Message-ID"]),
        References=str(original["Message-ID"]),
        **headers,
    )


async def ask(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, raw: bytes
) -> ReceivedMail:
    """Deliver one mail to the service, poll once, return the one answer it sent."""
    before = len(smtp_server.received)
    imap_server.deliver(raw)
    assert await inbox.poll() == InboxStats(answered=1)
    assert len(smtp_server.received) == before + 1
    answer = smtp_server.received[-1]
    assert answer.rcpt_tos == [PERSON]
    return answer


def words(received: ReceivedMail) -> str:
    """The body's text with format=flowed lines rejoined: what a reader reads."""
    return " ".join(received.message.get_content().split())


async def record(store: Store, service: str, action: Action, *, when: datetime = NOW) -> None:
    """A fresh report of a new event in Turkmenistan, as the pipeline stores it."""
    entry = Entry(
        feed_url="https://a.example/rss",
        key=f"{service}-{action}-{when:%j}",
        title=f"{service} {action} in Turkmenistan",
        summary=f"A {action} of {service} in Turkmenistan. Nobody said why.",
        published=when,
        source="A",
        link="https://azathabar.com/a/1.html",
    )
    placements = (Placement(Alert("TM", service, action), None),)
    await store.record_entries([NewEntry(entry, placements)], now=when)


async def renderer(store: SQLiteStorage) -> EmailRenderer:
    """Alerts as bot/app.py renders them: signed with the store's secret, so a reply to one
    is recognised as coming from its reader."""
    identity = MailIdentity("blockwatch.test", SERVICE, None, await store.mail_secret())
    return EmailRenderer(identity, load_mirrors())


async def deliver(
    store: SQLiteStorage, smtp_server: SmtpServer, *, when: datetime = NOW
) -> list[ReceivedMail]:
    """One delivery run (alerts and due digests); the mails it sent."""
    before = len(smtp_server.received)
    render = await renderer(store)
    await deliver_due(
        store, sender(smtp_server), render.alert, lambda: when, render_digest=render.digest
    )
    return smtp_server.received[before:]

"""Issue 12, items 2 and 8: hostile mail against the real mailbox (dovecot) and SMTP (aiosmtpd).

Item 2: a `From:` whose encoded word hides CR/LF, and a mail of 2,000 nested multipart/mixed
parts, used to raise out of the inbox (ValueError, RecursionError): never marked handled, and
`run --once` exited 1 before polling a feed, on every later run. Now each such mail is marked
handled with a logged reason, and the rest of the batch and of the cycle goes on.
"""

from __future__ import annotations

import asyncio
import email.policy
import logging
import os
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from feedbuilder import Item, feeds_toml, rss
from feedserver import FeedServer
from imapserver import ImapServer
from mailchat import PERSON, SERVICE, mail, sender
from smtpserver import SmtpServer

from bot.mail_bounds import costly
from bot.mail_inbox import InboxStats, MailInbox
from bot.mailbox import KEYWORD, ImapSettings, Mailbox
from storage.sqlite import SQLiteStorage

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def crlf_from(message_id: str = "<crlf@example.tm>") -> bytes:
    """RFC 2047 lets an encoded word carry any byte: here a CR LF inside the display name."""
    return (b"From: =?utf-8?q?Aman=0D=0AX-Injected=3A_yes?= <aman@example.tm>\r\n"
            b"To: " + SERVICE.encode() + b"\r\nSubject: HELP\r\n"
            b"Message-ID: " + message_id.encode() + b"\r\n\r\nHELP\r\n")


def nested_multipart(depth: int = 2000) -> bytes:
    """`depth` multipart/mixed parts, each the only part of the one before (138 KB)."""
    lines = [f"From: Aman <{PERSON}>", f"To: {SERVICE}", "Subject: HELP",
             "Message-ID: <nested@example.tm>", "MIME-Version: 1.0"]
    for level in range(depth):
        lines += [f'Content-Type: multipart/mixed; boundary="b{level}"', "", f"--b{level}"]
    lines += ["Content-Type: text/plain", "", "HELP"]
    lines += [f"--b{level}--" for level in reversed(range(depth))]
    return "\r\n".join(lines).encode() + b"\r\n"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStorage]:
    storage = await SQLiteStorage.open(tmp_path / "faults.db")
    yield storage
    await storage.close()


def inbox(imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage) -> MailInbox:
    mailbox = Mailbox(ImapSettings.from_url(f"{imap_server.url}?timeout=5"))
    return MailInbox(mailbox, store, sender(smtp_server), lambda: START,
                     own_addresses={SERVICE}, reply_to=SERVICE)


def logged(caplog: pytest.LogCaptureFixture, level: int = logging.INFO) -> str:
    """What our code logged at `level` or above (not the test SMTP server's own "mail.log")."""
    return "\n".join(record.getMessage() for record in caplog.records
                     if record.levelno >= level and not record.name.startswith("mail."))


# --- item 2: poison mails -----------------------------------------------------------------


async def test_poison_mails_are_marked_handled_and_the_good_one_is_answered(
    imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    poison = [imap_server.deliver(crlf_from()), imap_server.deliver(nested_multipart())]
    good = imap_server.deliver(mail("HELP"))
    stats = await inbox(imap_server, smtp_server, store).poll()
    assert stats == InboxStats(answered=1, unreadable=2)
    assert [imap_server.flags(uid) for uid in [*poison, good]] == [{KEYWORD}] * 3
    [answer] = smtp_server.received
    assert answer.rcpt_tos == [PERSON] and "Write one of these" in answer.message.get_content()
    text = logged(caplog)
    assert f"mail {poison[0]} not answered: unreadable (ValueError)" in text
    assert f"mail {poison[1]} not answered: too many MIME parts" in text
    assert "aman" not in text.lower() and "Injected" not in text
    assert await inbox(imap_server, smtp_server, store).poll() == InboxStats()  # all done


@pytest.mark.parametrize("header", [
    b"From: a" + b"." * 60_000 + b"@example.tm",  # 17.5 s in the address parser, unbounded
    b"Message-ID: <a" + b"." * 60_000 + b"@example.tm>",
    b"From: " + b"(" * 30_000 + b"aman@example.tm",  # nested comments: RecursionError
    b"Content-Type: text/plain" + b"; a=b" * 12_000,
])
async def test_costly_headers_are_refused_before_they_are_parsed(
    imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage, header: bytes,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    uid = imap_server.deliver(header + b"\r\nSubject: HELP\r\n\r\nHELP\r\n")
    good = imap_server.deliver(mail("HELP"))
    started = asyncio.get_running_loop().time()
    stats = await inbox(imap_server, smtp_server, store).poll()
    assert asyncio.get_running_loop().time() - started < 2
    assert stats.answered == 1 and stats.answered + stats.ignored + stats.unreadable == 2
    assert imap_server.flags(uid) == {KEYWORD} == imap_server.flags(good)
    assert f"mail {uid} not answered:" in logged(caplog)


@pytest.mark.parametrize(("header", "error"), [
    (b"From: .@", "IndexError"),
    # Bugs of the stdlib's header parser itself, found by fuzzing From and Sender:
    (b"From: =?:;<", "AttributeError"),
    (b"From: \\@[  ", "UnboundLocalError"),
    (b"Sender: (a).b@<a", "TypeError"),
])
async def test_what_the_parser_raises_costs_that_mail_only(
    imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage, header: bytes,
    error: str, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    uid = imap_server.deliver(header + b"\r\nSubject: HELP\r\n\r\nHELP\r\n")
    good = imap_server.deliver(mail("HELP"))
    assert await inbox(imap_server, smtp_server, store).poll() == \
        InboxStats(answered=1, unreadable=1)
    assert imap_server.flags(uid) == {KEYWORD} == imap_server.flags(good)
    assert f"mail {uid} not answered: unreadable ({error})" in logged(caplog)


async def test_a_message_id_that_is_not_utf8_is_stored_escaped(
    imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage,
) -> None:
    """SQLite refused the Message-ID as the parser gave it (lone surrogates): UnicodeError."""
    odd = mail("HELP", message_id="<odd@example.tm>").replace(b"<odd", b"<\xff\xfeodd")
    first, good = imap_server.deliver(odd), imap_server.deliver(mail("HELP"))
    box = inbox(imap_server, smtp_server, store)
    assert await box.poll() == InboxStats(answered=2)
    assert imap_server.flags(first) == {KEYWORD} == imap_server.flags(good)
    imap_server.deliver(odd)  # a copy: recognised, not answered twice
    assert await box.poll() == InboxStats(ignored=1)


def rich_mail() -> bytes:
    """What a mail client really sends: text and HTML, an attachment, a long Cc, Received and
    DKIM-Signature fields, a thread in References. The bounds must not refuse it."""
    message = EmailMessage()
    message["From"] = f"Aman Amanov <{PERSON}>"
    message["To"] = SERVICE
    message["Cc"] = ", ".join(f"Friend {n} <friend.number.{n}@example.tm>" for n in range(60))
    message["Subject"] = "Re: Blockwatch: how to use it"
    message["Message-ID"] = "<rich@example.tm>"
    message["References"] = " ".join(f"<{n}.thread@example.tm>" for n in range(10))
    message["DKIM-Signature"] = "v=1; a=rsa-sha256; d=example.tm; b=" + "A" * 700
    message.set_content("SUBSCRIBE TM\n\nAman")
    message.add_alternative("<p>SUBSCRIBE TM</p><p>Aman</p>", subtype="html")
    message.add_attachment(b"%PDF-1.4 " * 200, maintype="application", subtype="pdf",
                           filename="passport scan, please ignore.pdf")
    received = "".join(f"Received: from mx{n}.example.tm by mx{n + 1}.example.tm with ESMTPS; "
                       "Mon, 23 Nov 2026 09:00:00 +0000\r\n" for n in range(12))
    return received.encode() + message.as_bytes(policy=email.policy.SMTP)


async def test_an_ordinary_rich_mail_is_within_the_bounds(
    imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage,
) -> None:
    raw = rich_mail()
    assert costly(raw) is None and len(raw) > 8000
    imap_server.deliver(raw)
    assert await inbox(imap_server, smtp_server, store).poll() == InboxStats(answered=1)
    assert "[confirm:" in smtp_server.received[0].message["Subject"]


NEWS = Item("tm-imo", "Turkmenistan blocks IMO messenger",
            "Authorities in Turkmenistan have blocked the IMO messenger.",
            datetime.now(UTC) - timedelta(hours=1))


def run_once_env(tmp_path: Path, feed_server: FeedServer, imap_server: ImapServer,
                 smtp_server: SmtpServer, **extra: str) -> dict[str, str]:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(feeds_toml([("News", feed_server.feed("/n.xml", rss("N", [NEWS])),
                                       "en")]))
    return {
        **os.environ, "BLOCKWATCH_DB": str(tmp_path / "blockwatch.db"),
        "BLOCKWATCH_FEEDS": str(feeds_file), "IMAP_URL": f"{imap_server.url}?timeout=5",
        "SMTP_URL": smtp_server.url, "MAIL_FROM": f"Blockwatch <{SERVICE}>",
        "BLOCKWATCH_ALLOW_HOSTS": "127.0.0.1",  # the feed server is on loopback
        "PYTHONPATH": str(Path(__file__).parents[2]), **extra,
    }


async def run_once(env: dict[str, str], cwd: Path) -> tuple[int, str]:
    cycle = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--once", env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(cycle.communicate(), timeout=90)
    assert cycle.returncode is not None
    return cycle.returncode, stderr.decode()


@pytest.mark.slow
async def test_run_once_survives_poison_mails_and_polls_the_feed(
    tmp_path: Path, feed_server: FeedServer, imap_server: ImapServer, smtp_server: SmtpServer,
) -> None:
    poison = [imap_server.deliver(crlf_from()), imap_server.deliver(nested_multipart())]
    good = imap_server.deliver(mail("HELP"))
    env = run_once_env(tmp_path, feed_server, imap_server, smtp_server)
    code, stderr = await run_once(env, tmp_path)
    assert code == 0, stderr
    assert feed_server.requests["/n.xml"] == 1
    assert [imap_server.flags(uid) for uid in [*poison, good]] == [{KEYWORD}] * 3
    assert [answer.rcpt_tos for answer in smtp_server.received] == [[PERSON]]
    assert f"mail {poison[0]} not answered: unreadable (ValueError)" in stderr
    assert f"mail {poison[1]} not answered: too many MIME parts" in stderr
    assert PERSON not in stderr and "Traceback" not in stderr

"""Issue 12, items 2 and 8: hostile mail against the real mailbox (dovecot) and SMTP (aiosmtpd).

Item 2: a `From:` whose encoded word hides CR/LF, and a mail of 2,000 nested multipart/mixed
parts, used to raise out of the inbox (ValueError, RecursionError): never marked handled, and
`run --once` exited 1 before polling a feed, on every later run. Now each such mail is marked
handled with a logged reason, and the rest of the batch and of the cycle goes on.
Item 8: 70 forged mails got 70 answers (40 to one victim), and a naive autoresponder looped with
us forever. Now replies are limited per address, per hour overall, confirmations once a day per
address, and a correspondent that answers every reply within moments is cut off.
"""

from __future__ import annotations

import asyncio
import email.policy
import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.errors import ConfigError
from bot.mail.imap import KEYWORD, ImapSettings, Mailbox
from bot.mail.inbox.bounds import costly
from bot.mail.inbox.limits import ReplyLimits
from bot.mail.inbox.reader import InboxStats, MailInbox
from storage.sqlite import SQLiteStorage
from tests.support.command import environment, finished, start
from tests.support.feedbuilder import feeds_toml, imo_blocked, rss
from tests.support.feedserver import FeedServer
from tests.support.imapserver import ImapServer
from tests.support.mailchat import PERSON, SERVICE, deliver, mail, record, reply_to, sender
from tests.support.manualclock import NOW, ManualClock
from tests.support.smtpserver import SmtpServer

VICTIM = "victim@example.org"


def crlf_from(message_id: str = "<crlf@example.tm>") -> bytes:
    """RFC 2047 lets an encoded word carry any byte: here a CR LF inside the display name."""
    return (
        b"From: =?utf-8?q?Aman=0D=0AX-Injected=3A_yes?= <aman@example.tm>\r\n"
        b"To: " + SERVICE.encode() + b"\r\nSubject: HELP\r\n"
        b"Message-ID: " + message_id.encode() + b"\r\n\r\nHELP\r\n"
    )


def nested_multipart(depth: int = 2000) -> bytes:
    """`depth` multipart/mixed parts, each the only part of the one before (138 KB)."""
    lines = [
        f"From: Aman <{PERSON}>",
        f"To: {SERVICE}",
        "Subject: HELP",
        "Message-ID: <nested@example.tm>",
        "MIME-Version: 1.0",
    ]
    for level in range(depth):
        lines += [f'Content-Type: multipart/mixed; boundary="b{level}"', "", f"--b{level}"]
    lines += ["Content-Type: text/plain", "", "HELP"]
    lines += [f"--b{level}--" for level in reversed(range(depth))]
    return "\r\n".join(lines).encode() + b"\r\n"


def inbox(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    clock: Callable[[], datetime] | None = None,
    limits: ReplyLimits | None = None,
) -> MailInbox:
    mailbox = Mailbox(ImapSettings.from_url(f"{imap_server.url}?timeout=5"))
    return MailInbox(
        mailbox,
        store,
        sender(smtp_server),
        clock or (lambda: NOW),
        own_addresses={SERVICE},
        reply_to=SERVICE,
        limits=limits or ReplyLimits(),
    )


def logged(caplog: pytest.LogCaptureFixture, level: int = logging.INFO) -> str:
    """What our code logged at `level` or above (not the test SMTP server's own "mail.log")."""
    return "\n".join(
        record.getMessage()
        for record in caplog.records
        if record.levelno >= level and not record.name.startswith("mail.")
    )


# --- item 2: poison mails -----------------------------------------------------------------


async def test_poison_mails_are_marked_handled_and_the_good_one_is_answered(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
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


@pytest.mark.parametrize(
    "header",
    [
        b"From: a" + b"." * 60_000 + b"@example.tm",  # 17.5 s in the address parser, unbounded
        b"Message-ID: <a" + b"." * 60_000 + b"@example.tm>",
        b"From: " + b"(" * 30_000 + b"aman@example.tm",  # nested comments: RecursionError
        b"Content-Type: text/plain" + b"; a=b" * 12_000,
    ],
)
async def test_costly_headers_are_refused_before_they_are_parsed(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    header: bytes,
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


@pytest.mark.parametrize(
    ("header", "error"),
    [
        (b"From: .@", "IndexError"),
        # Bugs of the stdlib's header parser itself, found by fuzzing From and Sender:
        (b"From: =?:;<", "AttributeError"),
        (b"From: \\@[  ", "UnboundLocalError"),
        (b"Sender: (a).b@<a", "TypeError"),
    ],
)
async def test_what_the_parser_raises_costs_that_mail_only(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    header: bytes,
    error: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    uid = imap_server.deliver(header + b"\r\nSubject: HELP\r\n\r\nHELP\r\n")
    good = imap_server.deliver(mail("HELP"))
    assert await inbox(imap_server, smtp_server, store).poll() == InboxStats(
        answered=1, unreadable=1
    )
    assert imap_server.flags(uid) == {KEYWORD} == imap_server.flags(good)
    assert f"mail {uid} not answered: unreadable ({error})" in logged(caplog)


async def test_a_message_id_that_is_not_utf8_is_stored_escaped(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
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
    message.add_attachment(
        b"%PDF-1.4 " * 200,
        maintype="application",
        subtype="pdf",
        filename="passport scan, please ignore.pdf",
    )
    received = "".join(
        f"Received: from mx{n}.example.tm by mx{n + 1}.example.tm with ESMTPS; "
        "Mon, 23 Nov 2026 09:00:00 +0000\r\n"
        for n in range(12)
    )
    return received.encode() + message.as_bytes(policy=email.policy.SMTP)


async def test_an_ordinary_rich_mail_is_within_the_bounds(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
) -> None:
    raw = rich_mail()
    assert costly(raw) is None and len(raw) > 8000
    imap_server.deliver(raw)
    assert await inbox(imap_server, smtp_server, store).poll() == InboxStats(answered=1)
    assert "[confirm:" in smtp_server.received[0].message["Subject"]


NEWS = imo_blocked(datetime.now(UTC) - timedelta(hours=1))


def run_once_env(
    tmp_path: Path,
    feed_server: FeedServer,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    **extra: str,
) -> dict[str, str]:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(
        feeds_toml([("News", feed_server.feed("/n.xml", rss("N", [NEWS])), "en")])
    )
    return environment(
        tmp_path,
        IMAP_URL=f"{imap_server.url}?timeout=5",
        SMTP_URL=smtp_server.url,
        MAIL_FROM=f"Blockwatch <{SERVICE}>",
        **extra,
    )


async def run_once(env: dict[str, str]) -> tuple[int, str]:
    cycle = await start(env, "run", "--once")
    stderr = await finished(cycle, 90)
    assert cycle.returncode is not None
    return cycle.returncode, stderr


@pytest.mark.slow
async def test_run_once_survives_poison_mails_and_polls_the_feed(
    tmp_path: Path,
    feed_server: FeedServer,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
) -> None:
    poison = [imap_server.deliver(crlf_from()), imap_server.deliver(nested_multipart())]
    good = imap_server.deliver(mail("HELP"))
    env = run_once_env(tmp_path, feed_server, imap_server, smtp_server)
    code, stderr = await run_once(env)
    assert code == 0, stderr
    assert feed_server.requests["/n.xml"] == 1
    assert [imap_server.flags(uid) for uid in [*poison, good]] == [{KEYWORD}] * 3
    assert [answer.rcpt_tos for answer in smtp_server.received] == [[PERSON]]
    assert f"mail {poison[0]} not answered: unreadable (ValueError)" in stderr
    assert f"mail {poison[1]} not answered: too many MIME parts" in stderr
    assert PERSON not in stderr and "Traceback" not in stderr


# --- item 8: answers to forged senders, and mail loops ------------------------------------


def subjects_to(smtp_server: SmtpServer, address: str) -> list[str]:
    return [
        str(answer.message["Subject"])
        for answer in smtp_server.received
        if answer.rcpt_tos == [address]
    ]


async def poll_all(box: MailInbox) -> list[InboxStats]:
    """Poll until the mailbox has nothing unhandled (a poll reads at most 50 mails)."""
    polls = [await box.poll()]
    while polls[-1] != InboxStats():
        polls.append(await box.poll())
    return polls


FORGED = ["SUBSCRIBE TM", "HELP", "STOP", "STATUS TM"]


async def test_seventy_forged_mails_get_answers_within_the_limits(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    clock = ManualClock(NOW)
    box = inbox(imap_server, smtp_server, store, clock, ReplyLimits(per_hour=30))
    uids = [imap_server.deliver(mail(FORGED[n % 4], writer=VICTIM)) for n in range(40)]
    uids += [imap_server.deliver(mail("HELP", writer=f"p{n}@example.net")) for n in range(30)]
    await poll_all(box)
    assert all(imap_server.flags(uid) == {KEYWORD} for uid in uids)  # every one handled
    to_victim = subjects_to(smtp_server, VICTIM)
    assert len(to_victim) == 8  # per address and hour
    assert len(smtp_server.received) == 30  # per hour in all
    assert sum("[confirm:" in subject for subject in to_victim) == 1
    assert sum("[stop:" in subject for subject in to_victim) == 1
    assert "not answered: rate limited" in logged(caplog) and VICTIM not in logged(caplog)

    # Hours later the same day: the victim's day fills up; still one confirmation a day.
    for hours in (2, 4, 6):
        clock.now = NOW + timedelta(hours=hours)
        for n in range(12):
            imap_server.deliver(mail(FORGED[n % 4], writer=VICTIM))
        await poll_all(box)
    to_victim = subjects_to(smtp_server, VICTIM)
    assert len(to_victim) == 20  # per address and day
    assert sum("[confirm:" in subject for subject in to_victim) == 1
    # The next day, a request to confirm may go again: the person may have lost the first.
    clock.now = NOW + timedelta(days=1, hours=1)
    imap_server.deliver(mail("SUBSCRIBE TM", writer=VICTIM))
    await poll_all(box)
    assert "[confirm:" in subjects_to(smtp_server, VICTIM)[-1]
    assert len(subjects_to(smtp_server, VICTIM)) == 21
    # The counts name no address, and only the last day's answers are kept.
    clock.now = NOW + timedelta(days=2, hours=7)
    imap_server.deliver(mail("HELP", writer=VICTIM))
    await poll_all(box)
    with closing(sqlite3.connect(db_path)) as db:
        rows = [
            str(row)
            for table in ("mail_replies", "mail_correspondents")
            for row in db.execute(f"SELECT * FROM {table}")
        ]
    assert len(rows) == 1 and not any("example" in row for row in rows)  # the last answer


async def test_a_command_over_the_limits_still_acts(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
) -> None:
    """A STOP that proves its sender (a reply to our alert) stops, answer or no answer."""
    await store.subscribe("email", PERSON, ["TM"])
    await record(store, "imo", "block")
    [alert] = await deliver(store, smtp_server)
    box = inbox(imap_server, smtp_server, store)
    for _ in range(8):
        imap_server.deliver(mail("HELP"))
    await poll_all(box)
    assert len(subjects_to(smtp_server, PERSON)) == 1 + 8
    imap_server.deliver(reply_to(alert, "STOP"))
    assert await box.poll() == InboxStats(limited=1)
    assert await store.subscriber("email", PERSON) is None
    assert len(subjects_to(smtp_server, PERSON)) == 1 + 8


async def test_an_autoresponder_that_answers_every_answer_is_cut_off(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A naive vacation responder: no Auto-Submitted, no References, answers in a moment.
    INTERNALDATE is the real time, so is the clock here (shifted to jump a day)."""
    caplog.set_level(logging.INFO)
    robot, shift = "sam@example.org", [timedelta()]
    box = inbox(imap_server, smtp_server, store, lambda: datetime.now(UTC) + shift[0])
    imap_server.deliver(mail("HELP", writer=f"Sam <{robot}>"))
    for _ in range(12):  # cycles
        answered = len(subjects_to(smtp_server, robot))
        await box.poll()
        if len(subjects_to(smtp_server, robot)) > answered:
            last = subjects_to(smtp_server, robot)[-1]
            imap_server.deliver(
                mail(f"Re: {last}", "I am out of the office until Monday.", writer=f"Sam <{robot}>")
            )
    assert len(subjects_to(smtp_server, robot)) == 5  # the first, and 4 answers to the robot
    assert "not answered: rate limited: it answers each of our answers" in logged(caplog)
    # A day later the address is answered again.
    shift[0] = timedelta(days=1, minutes=1)
    imap_server.deliver(mail("HELP", writer=f"Sam <{robot}>"))
    assert await box.poll() == InboxStats(answered=1)


async def test_an_answer_put_off_for_ever_stops_holding_up_the_inbox(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Anyone can write from an address our SMTP server answers "451 try later" for ever (its
    domain's DNS failing, say): that mail, oldest first, used to hold every later one."""
    caplog.set_level(logging.INFO)
    smtp_server.reject(VICTIM, "451 4.4.3 try later")
    stuck = imap_server.deliver(mail("HELP", writer=VICTIM))
    good = imap_server.deliver(mail("HELP"))
    box = inbox(imap_server, smtp_server, store)
    assert [await box.poll() for _ in range(2)] == [InboxStats(waiting=2)] * 2
    assert await box.poll() == InboxStats(answered=2)  # the third time, it is given up
    assert imap_server.flags(stuck) == {KEYWORD} == imap_server.flags(good)
    assert [answer.rcpt_tos for answer in smtp_server.received] == [[PERSON]]
    assert f"mail {stuck}: help command" in logged(caplog)
    assert "answer put off 3 times, given up" in logged(caplog)


@pytest.mark.slow
async def test_run_once_keeps_to_the_hourly_limit_it_is_given(
    tmp_path: Path,
    feed_server: FeedServer,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
) -> None:
    uids = [imap_server.deliver(mail("HELP", writer=f"p{n}@example.net")) for n in range(6)]
    env = run_once_env(
        tmp_path, feed_server, imap_server, smtp_server, BLOCKWATCH_MAIL_REPLIES_PER_HOUR="3"
    )
    code, stderr = await run_once(env)
    assert code == 0, stderr
    assert len(smtp_server.received) == 3
    assert all(imap_server.flags(uid) == {KEYWORD} for uid in uids)
    assert stderr.count("not answered: rate limited: 3 answers an hour in all") == 3


def test_the_hourly_limit_setting_is_checked() -> None:
    assert Settings.from_env({}, dotenv=None).mail_replies_per_hour == ReplyLimits().per_hour
    with pytest.raises(ConfigError, match="BLOCKWATCH_MAIL_REPLIES_PER_HOUR"):
        Settings.from_env({"BLOCKWATCH_MAIL_REPLIES_PER_HOUR": "lots"}, dotenv=None)

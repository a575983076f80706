"""should_answer on real-world-shaped mail: people get answers; robots, lists, bounces don't."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

import pytest

from bot.mail.inbox.loops import MAX_OWN_REFERENCES, should_answer

OWN = {"Alerts@Blockwatch.example", "commands@blockwatch.example"}
PERSON = "From: Aman <aman@example.tm>\nTo: alerts@blockwatch.example\nSubject: SUBSCRIBE TM\n"


def parse(headers: str, body: str = "SUBSCRIBE TM\n") -> EmailMessage:
    message = email.message_from_string(f"{headers}\n{body}", policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def own_ids(count: int) -> str:
    return " ".join(f"<{n}.reply@blockwatch.example>" for n in range(count))


DSN = """\
From: Mail Delivery System <MAILER-DAEMON@mx.example.tm>
To: alerts@blockwatch.example
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.tm
Final-Recipient: rfc822; gone@example.tm
Action: failed
Status: 5.1.1
--B--
"""

# (case, extra headers, answer?, reason fragment)
CASES = [
    ("a person", "", True, "person"),
    (
        "a person's reply to our confirmation",
        "In-Reply-To: <1.confirm@blockwatch.example>\nReferences: <1.confirm@blockwatch.example>\n",
        True,
        "person",
    ),
    ("Auto-Submitted: no is a person", "Auto-Submitted: no\n", True, "person"),
    (
        "a long human thread with others' ids",
        f"References: {own_ids(2)} " + " ".join(f"<{n}@mail.example.tm>" for n in range(20)) + "\n",
        True,
        "person",
    ),
    ("vacation reply (RFC 3834)", "Auto-Submitted: auto-replied\n", False, "auto-replied"),
    (
        "auto-generated with parameters",
        "Auto-Submitted: Auto-Generated; owner-email=x@y\n",
        False,
        "auto-generated",
    ),
    ("Precedence bulk", "Precedence: bulk\n", False, "Precedence: bulk"),
    ("Precedence junk", "Precedence: JUNK\n", False, "Precedence: junk"),
    ("Precedence list", "Precedence: list\n", False, "Precedence: list"),
    ("mailing list", "List-Id: Turkmen news <news.lists.example.tm>\n", False, "List-Id"),
    ("newsletter", "List-Unsubscribe: <mailto:unsub@news.example>\n", False, "List-Unsubscribe"),
    ("Exchange out of office", "X-Auto-Response-Suppress: All\n", False, "X-Auto-Response"),
    ("old vacation program", "X-Autoreply: yes\n", False, "X-Autoreply"),
    ("X-Autorespond", "X-Autorespond: 1\n", False, "X-Autorespond"),
    ("bounce: null Return-Path", "Return-Path: <>\n", False, "null envelope sender"),
    ("a person's Return-Path", "Return-Path: <aman@example.tm>\n", True, "person"),
    ("our own mail coming back", "Sender: ALERTS@blockwatch.example\n", False, "ourselves"),
    ("our own Return-Path", "Return-Path: <commands@blockwatch.example>\n", False, "ourselves"),
    ("X-Loop names us", "X-Loop: commands@blockwatch.example\n", False, "X-Loop"),
    ("X-Loop of someone else", "X-Loop: list@lists.example\n", True, "person"),
    ("loop at the limit", f"References: {own_ids(MAX_OWN_REFERENCES)}\n", True, "person"),
    (
        "loop beyond the limit",
        f"References: {own_ids(MAX_OWN_REFERENCES + 1)}\n",
        False,
        "reply loop",
    ),
]


@pytest.mark.parametrize(
    ("extra", "answer", "reason"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_should_answer(extra: str, answer: bool, reason: str) -> None:
    answered, why = should_answer(parse(PERSON + extra), OWN)
    assert answered is answer and reason in why


@pytest.mark.parametrize(
    ("sender", "answer"),
    [
        ("MAILER-DAEMON@mx.example.tm", False),
        ("postmaster@example.tm", False),
        ("noreply@bank.example", False),
        ("no-reply@accounts.example", False),
        ("do-not-reply@shop.example", False),
        ("bounces+12345@mailer.example", False),
        ("Postmaster <POSTMASTER@example.tm>", False),
        ("noreen@example.tm", True),  # a name that starts like a robot's
        ("postmaster.general@example.tm", False),
        ("aman.bounce@example.tm", True),
    ],
)
def test_robot_senders(sender: str, answer: bool) -> None:
    headers = PERSON.replace("From: Aman <aman@example.tm>", f"From: {sender}")
    assert should_answer(parse(headers), OWN)[0] is answer


def test_delivery_status_notification() -> None:
    assert should_answer(parse(DSN, ""), OWN) == (False, "automated sender address")
    # Some MTAs send DSNs from an ordinary-looking address: the report itself still tells.
    disguised = DSN.replace("MAILER-DAEMON@mx.example.tm", "mail@mx.example.tm")
    assert should_answer(parse(disguised, ""), OWN) == (
        False,
        "multipart/report (a delivery or read report)",
    )


def test_read_receipt_from_a_person_is_not_answered() -> None:
    receipt = PERSON + (
        "MIME-Version: 1.0\nContent-Type: multipart/report; "
        'report-type=disposition-notification; boundary="R"\n'
    )
    body = (
        "--R\nContent-Type: text/plain\n\nRead.\n--R\n"
        "Content-Type: message/disposition-notification\n\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\n--R--\n"
    )
    assert should_answer(parse(receipt, body), OWN) == (
        False,
        "multipart/report (a delivery or read report)",
    )


def test_no_sender_is_not_answered() -> None:
    assert should_answer(parse("To: alerts@blockwatch.example\nSubject: HELP\n"), OWN) == (
        False,
        "no sender address",
    )


def test_reasons_never_hold_an_address() -> None:
    for _, extra, _, _ in CASES:
        assert "@" not in should_answer(parse(PERSON + extra), OWN)[1]

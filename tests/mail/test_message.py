"""bot/mail/message.py: headers written in their wire form read back as the text we meant."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from bot.core.models import OutgoingMessage
from bot.mail.message import MAX_LINE, build_message, encoded_words, folded

MAIL_FROM = "Blockwatch <alerts@blockwatch.example>"
LONG_CYRILLIC = (
    "[Blockwatch] Туркменистан: IMO — блокировка; Россия: доступ в интернет —"
    " замедление, WhatsApp — блокировка"
)
LIST_UNSUBSCRIBE = (
    "<mailto:alerts@blockwatch.example?subject=STOP>,"
    " <https://blockwatch.example/unsubscribe/1-AOXO6melXH2StLLbT8Ev>"
)
REFERENCES = " ".join(f"<alert.{n}.hdoegxlb@blockwatch.example>" for n in range(9))


def sent(mail: EmailMessage, *, utf8: bool = False) -> bytes:
    """The bytes aiosmtplib puts on the wire for `mail`."""
    return mail.as_bytes(policy=policy.SMTPUTF8 if utf8 else policy.SMTP)


def received(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def header_lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


# --- folded: ASCII folded at its spaces --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "wire"),
    [
        ("Subject", "[Blockwatch] digest: 3 events", "[Blockwatch] digest: 3 events"),
        (
            "List-Unsubscribe",
            LIST_UNSUBSCRIBE,
            "<mailto:alerts@blockwatch.example?subject=STOP>,\n"
            " <https://blockwatch.example/unsubscribe/1-AOXO6melXH2StLLbT8Ev>",
        ),
        ("X", "a" * (MAX_LINE - 3), "a" * (MAX_LINE - 3)),  # "X: " and the word: 78 exactly
        ("X", "a " + "b" * (MAX_LINE - 1), "a\n " + "b" * (MAX_LINE - 1)),  # " b…": 78
        ("X", "a" * (MAX_LINE - 2), None),  # a word that fits no line: encoded words needed
        ("X", "a " + "b" * MAX_LINE, None),
        ("Subject", "Туркменистан", None),  # not ASCII
        ("Subject", "", None),  # "Subject: " would end in a space
    ],
)
def test_folded(name: str, value: str, wire: str | None) -> None:
    assert folded(name, value) == wire


@pytest.mark.parametrize(
    "value",
    [
        "word " * 40,
        REFERENCES,
        LIST_UNSUBSCRIBE,
        "x",
        "a" * 60 + " " + "b" * 70,
    ],
)
def test_folded_lines_fit_and_unfold_to_the_value(value: str) -> None:
    wire = folded("References", value)
    assert wire is not None
    lines = f"References: {wire}".split("\n")
    assert all(len(line) <= MAX_LINE for line in lines)
    assert all(line.startswith(" ") for line in lines[1:])
    assert "".join(lines) == f"References: {' '.join(value.split())}"


# --- encoded_words: non-ASCII subjects -------------------------------------------------------


@pytest.mark.parametrize(
    "subject",
    [
        "[Blockwatch] Туркменистан: IMO — блокировка",  # Python's own folder loses a space here
        LONG_CYRILLIC,
        "[Blockwatch] Türkmenistan: IMO bökdeldi",
        "emoji 🚫 and    spaces",
    ],
)
def test_encoded_subject_round_trips_and_fits(subject: str) -> None:
    wire = encoded_words("Subject", subject)
    assert wire.isascii()
    lines = f"Subject: {wire}".split("\n")
    assert all(len(line) <= MAX_LINE for line in lines)
    raw = f"Subject: {wire}\n\nbody\n".replace("\n", "\r\n").encode("ascii")
    assert received(raw)["Subject"] == subject


# --- build_message -------------------------------------------------------------------------


def test_headers_read_back_as_given_in_order() -> None:
    message = OutgoingMessage(
        "Власти Туркменистана заблокировали IMO.\n",
        LONG_CYRILLIC,
        headers={
            "Message-ID": "<alert.1.hdoegxlb@blockwatch.example>",
            "In-Reply-To": "<alert.0@b.example>",
            "References": REFERENCES,
            "List-Id": "Blockwatch alerts <alerts.blockwatch.example>",
            "reply-to": "alerts@blockwatch.example",
            "List-Unsubscribe": LIST_UNSUBSCRIBE,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    raw = sent(
        build_message(
            MAIL_FROM, "reader@example.org", message, "blockwatch.example", eight_bit=True
        )
    )
    mail = received(raw)
    assert list(mail.keys()) == [
        "From",
        "To",
        "Subject",
        "Date",
        "Auto-Submitted",
        "Message-ID",
        "In-Reply-To",
        "References",
        "List-Id",
        "reply-to",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "Content-Transfer-Encoding",
        "Content-Type",
        "MIME-Version",
    ]
    assert mail["From"] == MAIL_FROM and mail["From"].addresses[0].display_name == "Blockwatch"
    assert mail["To"] == "reader@example.org" and mail["Subject"] == LONG_CYRILLIC
    assert mail["Date"].datetime.tzinfo is not None
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["Message-ID"] == "<alert.1.hdoegxlb@blockwatch.example>"
    assert mail["References"] == REFERENCES and mail["In-Reply-To"] == "<alert.0@b.example>"
    assert mail["Reply-To"] == "alerts@blockwatch.example"
    assert mail["List-Unsubscribe"] == LIST_UNSUBSCRIBE
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.get_content_type() == "text/plain" and mail.get_param("format") == "flowed"
    assert mail["Content-Transfer-Encoding"] == "8bit" and mail["MIME-Version"] == "1.0"
    assert all(len(line) <= MAX_LINE for line in header_lines(raw))
    assert mail.get_content().replace("\r\n", "\n") == message.text  # 8bit: CRLF as sent


@pytest.mark.parametrize(
    ("mail_from", "name", "address"),
    [
        (MAIL_FROM, "Blockwatch", "alerts@blockwatch.example"),
        ("alerts@blockwatch.example", "", "alerts@blockwatch.example"),
        (
            '"Blockwatch, alerts" <alerts@blockwatch.example>',
            "Blockwatch, alerts",
            "alerts@blockwatch.example",
        ),
        ("Блокировки <alerts@blockwatch.example>", "Блокировки", "alerts@blockwatch.example"),
    ],
)
def test_from_with_a_display_name(mail_from: str, name: str, address: str) -> None:
    raw = sent(
        build_message(
            mail_from,
            "reader@example.org",
            OutgoingMessage("x\n", "s"),
            "blockwatch.example",
            eight_bit=True,
        )
    )
    assert raw.isascii()  # a non-ASCII display name is encoded, not sent as UTF-8
    [sender] = received(raw)["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (name, address)


def test_a_non_ascii_address_travels_as_utf8_when_the_server_takes_it() -> None:
    raw = sent(
        build_message(
            MAIL_FROM,
            "читатель@пример.рф",
            OutgoingMessage("x\n", "s"),
            "blockwatch.example",
            eight_bit=True,
        ),
        utf8=True,
    )
    assert received(raw)["To"] == "читатель@пример.рф"


def test_our_own_headers_are_replaced_whatever_their_case() -> None:
    message = OutgoingMessage(
        "x\n",
        "two\n  lines",
        headers={
            "auto-submitted": "auto-replied",
            "MESSAGE-ID": "<reply.1@blockwatch.example>",
            "Content-Type": "text/html",
            "Content-Transfer-Encoding": "quoted-printable",
        },
    )
    mail = received(
        sent(
            build_message(MAIL_FROM, "r@example.org", message, "blockwatch.example", eight_bit=True)
        )
    )
    assert mail.get_all("Auto-Submitted") == ["auto-replied"]
    assert mail.get_all("Message-ID") == ["<reply.1@blockwatch.example>"]
    assert mail["Subject"] == "two lines"  # a line break would be a ValueError
    # The body's headers describe the body built here, whatever the headers asked.
    assert mail.get_all("Content-Type") == ['text/plain; charset="utf-8"; format="flowed"']
    assert mail.get_all("Content-Transfer-Encoding") == ["7bit"]


def test_every_message_gets_its_own_message_id() -> None:
    built = [
        build_message(
            MAIL_FROM,
            "r@example.org",
            OutgoingMessage("x\n", "s"),
            "blockwatch.example",
            eight_bit=True,
        )
        for _ in range(3)
    ]
    ids = {mail["Message-ID"] for mail in built}
    assert len(ids) == 3 and all(i.endswith("@blockwatch.example>") for i in ids)


@pytest.mark.parametrize(
    ("text", "eight_bit", "encoding"),
    [
        ("plain ascii\n", True, "7bit"),
        ("plain ascii\n", False, "7bit"),
        ("Власти Туркменистана.\r\nЖители.\n", True, "8bit"),
        ("Власти Туркменистана.\r\nЖители.\n", False, "base64"),
        ("Ж" * 600 + "\n", True, "base64"),  # 1200 octets: too long a line for 8bit
        ("a" * 999 + "\n", True, "base64"),
        ("no final newline", True, "7bit"),
        ("", True, "7bit"),
    ],
)
def test_body_travels_in_its_encoding_and_reads_back(
    text: str, eight_bit: bool, encoding: str
) -> None:
    raw = sent(
        build_message(
            MAIL_FROM,
            "r@example.org",
            OutgoingMessage(text, "s"),
            "blockwatch.example",
            eight_bit=eight_bit,
        )
    )
    mail = received(raw)
    assert mail["Content-Transfer-Encoding"] == encoding
    expected = "\n".join(text.splitlines()) + "\n"  # as EmailMessage.set_content stores it
    assert mail.get_content().replace("\r\n", "\n") == expected
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    if encoding != "8bit":
        assert raw.isascii()

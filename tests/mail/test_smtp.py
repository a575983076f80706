"""The SMTP adapter against a real aiosmtpd server on 127.0.0.1 (fixture smtp_server)."""

from __future__ import annotations

import logging
from typing import Any

import aiosmtplib
import pytest

from bot.core.errors import (
    ConfigError,
    ConnectionLimitError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)
from bot.core.models import OutgoingMessage
from bot.mail.smtp import EmailSender, SmtpSettings, build_message, delivery_error
from tests.support.smtpserver import SmtpServer, free_port

MAIL_FROM = "Blockwatch <alerts@blockwatch.example>"
CYRILLIC = "Власти Туркменистана заблокировали IMO.\nЖители Ашхабада сообщают о сбоях.\n"
MESSAGE = OutgoingMessage(text=CYRILLIC, subject="[Blockwatch] Turkmenistan: IMO blocked")


def sender_for(server: SmtpServer, url: str | None = None) -> EmailSender:
    return EmailSender(SmtpSettings.from_url(url or f"{server.url}?timeout=5", MAIL_FROM))


# --- settings from SMTP_URL -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host", "port", "tls", "username", "password"),
    [
        ("smtp://localhost", "localhost", 25, "none", None, None),
        ("smtp://relay:2525", "relay", 2525, "none", None, None),
        ("smtp://u:p@mail.example:587", "mail.example", 587, "starttls", "u", "p"),
        ("smtp://mail.example:587?starttls=0", "mail.example", 587, "none", None, None),
        ("smtp://mail.example:2525?starttls=1", "mail.example", 2525, "starttls", None, None),
        (
            "smtps://u%40x.org:p%40ss%3Aw%2Frd@mail.example",
            "mail.example",
            465,
            "implicit",
            "u@x.org",
            "p@ss:w/rd",
        ),
        ("SMTPS://u@mail.example:1465", "mail.example", 1465, "implicit", "u", None),
        ("smtp://[::1]:25", "::1", 25, "none", None, None),
    ],
)
def test_from_url(
    url: str, host: str, port: int, tls: str, username: str | None, password: str | None
) -> None:
    settings = SmtpSettings.from_url(url, MAIL_FROM)
    assert (settings.host, settings.port, settings.tls) == (host, port, tls)
    assert (settings.username, settings.password) == (username, password)
    assert settings.envelope_from == "alerts@blockwatch.example"


@pytest.mark.parametrize(
    "url",
    [
        "http://user:s3cret@mail.example",
        "smtp://user:s3cret@",
        "smtp://user:s3cret@h:99999",
        "smtp://user:s3cret@h:port",
        "smtp://user:s3cret@h/path",
        "smtps://user:s3cret@h?starttls=1",
        "smtp://user:s3cret@h?starttls=maybe",
        "smtp://user:s3cret@h?tls=1",
        "smtp://user:s3cret@h?timeout=0",
        "smtp://user:s3cret@h?timeout=soon",
    ],
)
def test_from_url_rejects_bad_urls_without_echoing_the_password(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        SmtpSettings.from_url(url, MAIL_FROM)
    assert caught.value.field == "SMTP_URL"
    assert "s3cret" not in str(caught.value)


def test_from_url_rejects_bad_mail_from_and_hides_password_in_repr() -> None:
    with pytest.raises(ConfigError):
        SmtpSettings.from_url("smtp://h", "Blockwatch")
    assert "s3cret" not in repr(SmtpSettings.from_url("smtp://u:s3cret@h", MAIL_FROM))


# --- sending ------------------------------------------------------------------------------------


async def test_batch_uses_one_connection_and_sends_complete_headers(
    smtp_server: SmtpServer,
) -> None:
    recipients = [f"user{n}@example.org" for n in range(3)]
    async with sender_for(smtp_server).batch() as batch:
        for address in recipients:
            await batch.send(address, MESSAGE)

    assert smtp_server.connections == 1
    assert [mail.rcpt_tos for mail in smtp_server.received] == [[a] for a in recipients]
    mail = smtp_server.received[0]
    headers = mail.message
    assert mail.mail_from == "alerts@blockwatch.example"
    assert headers["From"] == MAIL_FROM
    assert headers["To"] == recipients[0]
    assert headers["Subject"] == MESSAGE.subject
    assert headers["Date"].datetime.tzinfo is not None
    assert headers["Message-ID"].endswith("@blockwatch.example>")
    assert headers["Auto-Submitted"] == "auto-generated"
    assert smtp_server.ehlo_names == ["blockwatch.example"]
    ids = {m.message["Message-ID"] for m in smtp_server.received}
    assert len(ids) == 3


async def test_cyrillic_body_travels_as_8bit_utf8(smtp_server: SmtpServer) -> None:
    async with sender_for(smtp_server).batch() as batch:
        await batch.send("user@example.org", MESSAGE)

    mail = smtp_server.received[0]
    assert "BODY=8BITMIME" in mail.mail_options
    assert mail.message["Content-Transfer-Encoding"] == "8bit"
    assert mail.message.get_content_type() == "text/plain"
    assert mail.message.get_content_charset() == "utf-8"
    assert CYRILLIC.replace("\n", "\r\n").encode("utf-8") in mail.raw  # raw, not encoded
    assert mail.message.get_content().replace("\r\n", "\n") == CYRILLIC


async def test_without_8bitmime_the_body_is_base64_never_quoted_printable(
    smtp_server: SmtpServer,
) -> None:
    smtp_server.eight_bit_mime = False
    async with sender_for(smtp_server).batch() as batch:
        await batch.send("user@example.org", MESSAGE)

    mail = smtp_server.received[0]
    assert mail.message["Content-Transfer-Encoding"] == "base64"
    assert mail.raw.isascii()
    assert mail.message.get_content() == CYRILLIC


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ("451 4.3.0 try later", TemporaryDeliveryError),
        ("452 4.2.2 mailbox full", TemporaryDeliveryError),
        ("550 5.1.1 no such user", PermanentDeliveryError),
        ("553 5.1.3 bad address", PermanentDeliveryError),
    ],
)
async def test_refused_recipient_fails_alone_and_the_batch_goes_on(
    smtp_server: SmtpServer, reply: str, error: type[Exception]
) -> None:
    smtp_server.reject("gone@example.org", reply)
    async with sender_for(smtp_server).batch() as batch:
        await batch.send("first@example.org", MESSAGE)
        with pytest.raises(error) as caught:
            await batch.send("gone@example.org", MESSAGE)
        await batch.send("last@example.org", MESSAGE)

    assert type(caught.value) is error
    assert caught.value.__cause__ is not None  # raised from the aiosmtplib error
    assert reply in str(caught.value)
    assert [m.rcpt_tos for m in smtp_server.received] == [
        ["first@example.org"],
        ["last@example.org"],
    ]
    assert smtp_server.connections == 1


async def test_addresses_stay_out_of_reasons_and_info_logs(
    smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    address = "dissident@example.org"
    smtp_server.reject(address, f"550 5.1.1 <{address}>: Recipient address rejected")
    caplog.set_level(logging.DEBUG)
    async with sender_for(smtp_server).batch() as batch:
        with pytest.raises(PermanentDeliveryError) as caught:
            await batch.send(address, MESSAGE)

    assert address not in caught.value.reason
    assert "<address>" in caught.value.reason
    ours = [r for r in caplog.records if r.name.startswith("bot.")]  # not the test server's
    assert any(address in r.getMessage() for r in ours if r.levelno == logging.DEBUG)
    assert not [r for r in ours if r.levelno > logging.DEBUG and address in r.getMessage()]


async def test_dropped_connection_is_temporary_and_the_next_send_reconnects(
    smtp_server: SmtpServer,
) -> None:
    smtp_server.drop_on("drop@example.org")
    async with sender_for(smtp_server).batch() as batch:
        await batch.send("a@example.org", MESSAGE)
        with pytest.raises(TemporaryDeliveryError):
            await batch.send("drop@example.org", MESSAGE)
        await batch.send("b@example.org", MESSAGE)
        await batch.send("c@example.org", MESSAGE)

    assert [m.rcpt_tos[0] for m in smtp_server.received] == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    assert [m.connection for m in smtp_server.received] == [1, 2, 2]


async def test_server_down_fails_the_batch_as_temporary() -> None:
    settings = SmtpSettings.from_url(f"smtp://127.0.0.1:{free_port()}?timeout=5", MAIL_FROM)
    with pytest.raises(TemporaryDeliveryError) as caught:
        async with EmailSender(settings).batch():
            pytest.fail("the batch must not open without a server")
    assert caught.value.channel == "email"
    assert isinstance(caught.value.__cause__, OSError | aiosmtplib.SMTPException)


async def test_server_gone_mid_batch_fails_the_rest_fast(
    smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[int] = []
    connect = aiosmtplib.SMTP.connect

    async def counting_connect(self: aiosmtplib.SMTP, **kwargs: Any) -> aiosmtplib.SMTPResponse:
        attempts.append(1)
        return await connect(self, **kwargs)

    monkeypatch.setattr(aiosmtplib.SMTP, "connect", counting_connect)
    smtp_server.drop_on("drop@example.org")
    async with sender_for(smtp_server).batch() as batch:
        with pytest.raises(TemporaryDeliveryError):
            await batch.send("drop@example.org", MESSAGE)
        await smtp_server.close()  # the reconnect below is refused
        for address in ("a@example.org", "b@example.org", "c@example.org"):
            with pytest.raises(TemporaryDeliveryError, match="cannot use SMTP server"):
                await batch.send(address, MESSAGE)
    assert len(attempts) == 2  # the batch's own connect, then one failed reconnect: no more


async def test_login_with_percent_encoded_credentials() -> None:
    server = SmtpServer(credentials=("bw", "p@ss:w/rd"))
    await server.start()
    try:
        good = sender_for(server, f"smtp://bw:p%40ss%3Aw%2Frd@127.0.0.1:{server.port}")
        async with good.batch() as batch:
            await batch.send("user@example.org", MESSAGE)
        bad = sender_for(server, f"smtp://bw:wrong@127.0.0.1:{server.port}")
        with pytest.raises(TemporaryDeliveryError, match="535"):
            async with bad.batch():
                pass
    finally:
        await server.close()
    assert len(server.received) == 1


async def test_unusable_address_is_permanent_and_the_batch_goes_on(
    smtp_server: SmtpServer,
) -> None:
    odd = OutgoingMessage(text="body\n", subject="two\nlines")
    async with sender_for(smtp_server).batch() as batch:
        for address in (
            "a@example.org\r\nRCPT TO:<x@evil.test>",
            "b <c>@example.org",
            "Name <n@example.org>",
            "no-at-sign",
            "a@example.org>",
            "",
        ):
            with pytest.raises(PermanentDeliveryError):
                await batch.send(address, MESSAGE)
        await batch.send("ok@example.org", odd)
    assert [m.rcpt_tos for m in smtp_server.received] == [["ok@example.org"]]
    assert smtp_server.received[0].message["Subject"] == "two lines"


# --- pure parts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "eight_bit", "encoding"),
    [
        ("plain ascii\n", True, "7bit"),
        (CYRILLIC, True, "8bit"),
        (CYRILLIC, False, "base64"),
        ("Ж" * 600 + "\n", True, "base64"),  # 1200 octets: too long a line for 8bit
    ],
)
def test_body_encoding(text: str, eight_bit: bool, encoding: str) -> None:
    mail = build_message(
        MAIL_FROM, "u@example.org", OutgoingMessage(text, "s"), "bw.example", eight_bit=eight_bit
    )
    assert mail["Content-Transfer-Encoding"] == encoding
    assert mail.get_content() == text


@pytest.mark.parametrize(
    ("exc", "error"),
    [
        (aiosmtplib.SMTPServerDisconnected("gone"), TemporaryDeliveryError),
        (aiosmtplib.SMTPReadTimeoutError("slow"), TemporaryDeliveryError),
        (ConnectionResetError(), TemporaryDeliveryError),
        (aiosmtplib.SMTPSenderRefused(550, "sender not allowed", "a@b"), TemporaryDeliveryError),
        (aiosmtplib.SMTPDataError(421, "closing"), ConnectionLimitError),
        (aiosmtplib.SMTPDataError(554, "rejected as spam"), PermanentDeliveryError),
        (
            aiosmtplib.SMTPRecipientsRefused(
                [aiosmtplib.SMTPRecipientRefused(450, "greylisted", "u@x.org")]
            ),
            TemporaryDeliveryError,
        ),
        (
            aiosmtplib.SMTPRecipientsRefused(
                [aiosmtplib.SMTPRecipientRefused(550, "unknown", "u@x.org")]
            ),
            PermanentDeliveryError,
        ),
        (aiosmtplib.SMTPNotSupported("SMTPUTF8"), PermanentDeliveryError),
        (ValueError("bad characters"), PermanentDeliveryError),
    ],
)
def test_delivery_error_mapping(exc: Exception, error: type[Exception]) -> None:
    mapped = delivery_error(exc, "u@x.org")
    assert type(mapped) is error
    assert mapped.channel == "email"
    assert "u@x.org" not in mapped.reason


@pytest.mark.parametrize(
    "subject",
    [
        "[Blockwatch] Туркменистан: IMO — блокировка",  # Python's own folder loses a space here
        "[Blockwatch] Россия: доступ в интернет — замедление",
        "Blockwatch: подтвердите отписку ответом на письмо [stop:AAAAAAAAAAAAAAAA:TM:RU]",
        "[Blockwatch] Türkmenistan: IMO bökdeldi",
        "[Blockwatch] plain ASCII " + "word " * 20,
    ],
)
async def test_subjects_arrive_as_written(smtp_server: SmtpServer, subject: str) -> None:
    async with sender_for(smtp_server).batch() as batch:
        await batch.send("aman@example.tm", OutgoingMessage(text="x", subject=subject))
    [received] = smtp_server.received
    assert received.message["Subject"] == " ".join(subject.split())
    header = received.raw.split(b"\r\n\r\n")[0]
    assert max(len(line) for line in header.split(b"\r\n")) <= 78

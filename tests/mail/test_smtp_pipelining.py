"""PIPELINING (RFC 2920) against a real aiosmtpd server, offering it or not: a message's MAIL,
RCPT and DATA go in one write where it is offered, and every refusal maps to the same delivery
error either way (bot/mail/pipelining.py beside aiosmtplib's own sendmail)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiosmtplib.protocol import SMTPProtocol

from bot.core.errors import (
    ConnectionLimitError,
    DeliveryError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)
from bot.core.models import OutgoingMessage
from bot.mail.smtp import EmailSender, SmtpSettings
from tests.support.smtpserver import SmtpServer

MAIL_FROM = "Blockwatch <alerts@blockwatch.example>"
MESSAGE = OutgoingMessage(text="IMO is blocked.\n", subject="[Blockwatch] Turkmenistan: IMO")


@pytest.fixture(params=[True, False], ids=["offered", "not-offered"])
async def server(request: pytest.FixtureRequest) -> AsyncIterator[SmtpServer]:
    running = SmtpServer(pipelining=request.param)
    await running.start()
    try:
        yield running
    finally:
        await running.close()


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every write of the client to its connection, as it went."""
    seen: list[bytes] = []
    write = SMTPProtocol.write

    def recording(protocol: SMTPProtocol, data: bytes) -> None:
        seen.append(data)
        write(protocol, data)

    monkeypatch.setattr(SMTPProtocol, "write", recording)
    return seen


def sender(server: SmtpServer, options: str = "") -> EmailSender:
    return EmailSender(SmtpSettings.from_url(f"{server.url}?timeout=5{options}", MAIL_FROM))


def sent_to(server: SmtpServer) -> list[str]:
    return [rcpt for mail in server.received for rcpt in mail.rcpt_tos]


async def test_the_envelope_goes_in_one_write_where_the_server_offers_pipelining(
    server: SmtpServer, writes: list[bytes]
) -> None:
    addresses = ["a@example.org", "b@example.org"]
    async with sender(server).batch() as batch:
        for address in addresses:
            await batch.send(address, MESSAGE)

    grouped = [  # MAIL FROM (with its SIZE and BODY), RCPT TO and DATA: one write
        data
        for data in writes
        if data.startswith(b"MAIL FROM:<alerts@blockwatch.example> ")
        and data.endswith(b"\r\nDATA\r\n")
    ]
    expected = [f"\r\nRCPT TO:<{address}>\r\nDATA\r\n".encode() for address in addresses]
    assert [data[data.index(b"\r\n") :] for data in grouped] == (
        expected if server.pipelining else []
    )
    if not server.pipelining:  # one command a write, each reply waited for
        assert writes.count(b"DATA\r\n") == 2
    assert sent_to(server) == addresses
    assert server.connections == 1


async def test_pipelining_0_in_smtp_url_waits_for_each_reply(
    server: SmtpServer, writes: list[bytes]
) -> None:
    async with sender(server, "&pipelining=0").batch() as batch:
        await batch.send("a@example.org", MESSAGE)

    assert writes.count(b"DATA\r\n") == 1
    assert sent_to(server) == ["a@example.org"]


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ("451 4.3.0 try later", TemporaryDeliveryError),
        ("452 4.2.2 mailbox full", TemporaryDeliveryError),
        ("550 5.1.1 no such user", PermanentDeliveryError),
        ("553 5.1.3 bad address", PermanentDeliveryError),
        ("421 4.7.0 too many messages on this connection", ConnectionLimitError),
    ],
)
async def test_a_recipient_refused_mid_pipeline_fails_alone_as_without_it(
    server: SmtpServer, reply: str, error: type[DeliveryError]
) -> None:
    server.reject("gone@example.org", reply)
    async with sender(server).batch() as batch:
        await batch.send("first@example.org", MESSAGE)
        with pytest.raises(DeliveryError) as caught:
            await batch.send("gone@example.org", MESSAGE)
        await batch.send("last@example.org", MESSAGE)

    assert type(caught.value) is error
    assert reply in str(caught.value)
    assert sent_to(server) == ["first@example.org", "last@example.org"]
    # A 421 closes the connection (the next message reconnects); any other refusal keeps it.
    assert server.connections == (2 if reply.startswith("421") else 1)


async def test_a_refused_sender_is_the_channel_down_as_without_pipelining(
    server: SmtpServer,
) -> None:
    server.refuse_sender("550 5.7.1 sender not allowed")
    async with sender(server).batch() as batch:
        with pytest.raises(TemporaryDeliveryError) as caught:
            await batch.send("a@example.org", MESSAGE)
        server.refuse_sender(None)
        await batch.send("b@example.org", MESSAGE)  # the group's other replies were all read

    assert caught.value.channel_down
    assert "sender refused: 550 5.7.1" in caught.value.reason
    assert sent_to(server) == ["b@example.org"]
    assert server.connections == 1


async def test_a_connection_dropped_mid_pipeline_is_temporary_and_the_next_send_reconnects(
    server: SmtpServer,
) -> None:
    server.drop_on("drop@example.org")
    async with sender(server).batch() as batch:
        await batch.send("a@example.org", MESSAGE)
        with pytest.raises(TemporaryDeliveryError) as caught:
            await batch.send("drop@example.org", MESSAGE)
        await batch.send("b@example.org", MESSAGE)

    assert not caught.value.channel_down
    assert sent_to(server) == ["a@example.org", "b@example.org"]
    assert [mail.connection for mail in server.received] == [1, 2]

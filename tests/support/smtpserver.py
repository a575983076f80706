"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the email adapter's tests.

It runs on the test's own event loop (no thread), records every accepted message with its
envelope and parsed form, counts connections (and how many were open at once), and injects
failures per recipient: any reply ("451 4.3.0 try later", "550 5.1.1 no such user") or a
dropped connection at RCPT TO, and a refused MAIL FROM; mid-pipeline where the client pipelines
(it offers PIPELINING, as submission servers do, unless `pipelining` is False). It can require
STARTTLS, or speak implicit TLS, with a certificate the test makes (`tls_context`,
tests/mail/test_smtp_tls.py), and refuse a connection past `max_open` at once with 421, as a
relay limiting its clients does.
`on_data` is awaited with each mail once it is recorded, before the server answers 250: a hook
that kills the sending process there leaves a mail delivered that its sender never heard was
accepted, as a crash between a send and its marking would.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import ssl
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Literal

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

HOST = "127.0.0.1"


@dataclass
class ReceivedMail:
    """One message the server accepted."""

    connection: int  # 1-based number of the connection that carried it
    mail_from: str
    rcpt_tos: list[str]
    mail_options: list[str]
    raw: bytes  # exactly as received after DATA (dot-unstuffed, CRLF line ends)
    message: EmailMessage  # parsed with email.policy.default


@dataclass
class SmtpServer:
    """The server and what it saw. Configure before the client connects."""

    eight_bit_mime: bool = True  # advertise 8BITMIME in the EHLO reply
    # Advertise PIPELINING (RFC 2920), as submission servers do; aiosmtpd itself does not,
    # though it reads pipelined commands in order as any server does.
    pipelining: bool = True
    credentials: tuple[str, str] | None = None  # require AUTH with these
    tls: Literal["none", "starttls", "implicit"] = "none"  # starttls: required before AUTH
    tls_context: ssl.SSLContext | None = None  # the server's certificate, for tls
    max_open: int | None = None  # refuse a connection past this many at once (421)
    port: int = 0
    connections: int = 0  # accepted (refused ones not counted)
    refused: int = 0  # connections answered 421 for max_open
    open_now: int = 0
    most_open: int = 0  # the most connections open at once
    auth_attempts: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (connection, address)
    received: list[ReceivedMail] = field(default_factory=list)
    ehlo_names: list[str] = field(default_factory=list)
    on_data: Callable[[ReceivedMail], Awaitable[None]] | None = None
    _replies: dict[str, str] = field(default_factory=dict)
    _times: dict[str, int] = field(default_factory=dict)
    _drops: set[str] = field(default_factory=set)
    _sender_reply: str | None = None
    _server: asyncio.Server | None = None
    _protocols: list[SMTP] = field(default_factory=list)

    @property
    def url(self) -> str:
        scheme = "smtps" if self.tls == "implicit" else "smtp"
        return f"{scheme}://{HOST}:{self.port}"

    def reject(self, address: str, reply: str, *, times: int | None = None) -> None:
        """Answer RCPT TO:<address> with `reply`, e.g. "550 5.1.1 no such user" (the first
        `times` times only, if given)."""
        self._replies[address] = reply
        if times is not None:
            self._times[address] = times

    def refuse_sender(self, reply: str | None) -> None:
        """Answer every MAIL FROM with `reply`, e.g. "550 5.7.1 sender not allowed"; None: accept
        again."""
        self._sender_reply = reply

    def drop_on(self, address: str) -> None:
        """Cut the connection (no reply) when RCPT TO names `address`."""
        self._drops.add(address)

    def clear_faults(self) -> None:
        """Accept every recipient again (the mailbox came back)."""
        self._replies.clear()
        self._times.clear()
        self._drops.clear()

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        implicit = self.tls_context if self.tls == "implicit" else None
        self._server = await loop.create_server(self._new_connection, HOST, 0, ssl=implicit)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is None:
            return
        self._server.close()
        for protocol in self._protocols:
            if protocol.transport is not None:
                protocol.transport.close()
        await self._server.wait_closed()
        await asyncio.sleep(0)  # let connection_lost cancel the per-connection tasks
        self._server = None

    def _new_connection(self) -> asyncio.Protocol:
        if self.max_open is not None and self.open_now >= self.max_open:
            self.refused += 1
            return _Refuse()
        self.connections += 1
        self._opened()  # now: asyncio makes the protocol as it accepts the connection
        options: dict[str, Any] = {}
        if self.credentials is not None:
            options = {
                "auth_required": True,
                # Only STARTTLS tells aiosmtpd the session is encrypted; implicit TLS is too.
                "auth_require_tls": self.tls == "starttls",
                "authenticator": self._authenticate,
            }
        if self.tls == "starttls":
            options |= {"tls_context": self.tls_context, "require_starttls": True}
        with warnings.catch_warnings():  # AUTH without TLS is fine on loopback in a test
            warnings.simplefilter("ignore", UserWarning)
            protocol = _Counted(
                self, _Handler(self, self.connections), hostname="fake-smtp.test", **options
            )
        self._protocols.append(protocol)
        return protocol

    def _opened(self) -> None:
        self.open_now += 1
        self.most_open = max(self.most_open, self.open_now)

    def _closed(self) -> None:
        self.open_now -= 1

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        self.auth_attempts += 1
        ok = isinstance(data, LoginPassword) and self.credentials == (
            data.login.decode(),
            data.password.decode(),
        )
        return AuthResult(success=ok, handled=False)


class _Counted(SMTP):
    """aiosmtpd's protocol, telling its server when a connection closes."""

    def __init__(self, owner: SmtpServer, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._owner = owner

    def connection_lost(self, error: Exception | None) -> None:
        self._owner._closed()
        super().connection_lost(error)


class _Refuse(asyncio.Protocol):
    """What a relay at its limit of connections says, before closing."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.write(b"421 4.7.0 too many connections from your address\r\n")
        transport.close()


class _Handler:
    """aiosmtpd hooks for one connection."""

    def __init__(self, owner: SmtpServer, connection: int) -> None:
        self.owner = owner
        self.connection = connection

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname  # the 5-argument hook must do what aiosmtpd would
        self.owner.ehlo_names.append(hostname)
        if not self.owner.eight_bit_mime:
            responses = [line for line in responses if "8BITMIME" not in line]
        if self.owner.pipelining:
            responses = [responses[0], "250-PIPELINING", *responses[1:]]
        return responses

    async def handle_MAIL(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        mail_options: list[str],
    ) -> str:
        if self.owner._sender_reply is not None:
            return self.owner._sender_reply
        envelope.mail_from = address  # what aiosmtpd does without this hook
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address in self.owner._drops:
            assert isinstance(server.transport, asyncio.Transport)
            server.transport.abort()  # gone at once: the reply below never reaches the client
            return "421 4.4.2 connection dropped"
        if address in self.owner._replies:
            reply = self.owner._replies[address]
            self.owner.rejected.append((self.connection, address))
            if address in self.owner._times:
                self.owner._times[address] -= 1
                if self.owner._times[address] <= 0:
                    del self.owner._replies[address], self.owner._times[address]
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        received = ReceivedMail(
            connection=self.connection,
            mail_from=envelope.mail_from or "",
            rcpt_tos=list(envelope.rcpt_tos),
            mail_options=list(envelope.mail_options),
            raw=raw,
            message=message,
        )
        self.owner.received.append(received)
        if self.owner.on_data is not None:
            await self.owner.on_data(received)
        return "250 2.0.0 accepted"


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening (a moment ago), for "server down" tests."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
    return port

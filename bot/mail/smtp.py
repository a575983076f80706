"""The email adapter: rendered alerts out through one SMTP connection per batch (aiosmtplib).

`async with sender.batch() as batch` connects, and raises TemporaryDeliveryError there when the
server cannot be reached, so the caller defers the whole batch at once. Inside a batch each
`send` raises for its own message only: a refused recipient leaves the connection usable, and
a dropped connection is reopened by the next send. If that reopening fails, the rest of the
batch fails fast with TemporaryDeliveryError instead of waiting out a timeout per message.

Where the server offers PIPELINING (RFC 2920), a message's MAIL, RCPT and DATA go at once
(bot/mail/pipelining.py: aiosmtplib's own commands and errors, so the mapping below holds).

Every connection shares one TLS context (bot/mail/tls.py: one per process and trust setting),
and a pinned certificate is checked before AUTH sends the password. A server that refuses a
connection with 421 (or says "too many connections") raises ConnectionLimitError:
bot/delivery/lanes.py then uses fewer connections instead of calling the channel down, unless
that was the last one.

Trouble with the server itself is `channel_down` (bot/delivery/outbox.py then pauses the channel):
it cannot be reached or greeted (a 4xx there included), its certificate is not the pinned one,
a command timed out (each command waits at most SmtpSettings.timeout, 30 s unless SMTP_URL says
otherwise, never over 600), the server said 421 (closing) on the last connection left (on
any other: ConnectionLimitError, that connection is given up), or it refused our MAIL FROM.
A recipient's 4xx waits alone, and a recipient's 5xx counts towards that address's bounces.

Subscribers may be at risk: addresses appear only in debug logs, and error reasons (which the
outbox stores and logs) have any address in the server's reply replaced by "<address>".
"""

from __future__ import annotations

import logging
import re
import ssl
from contextlib import AbstractAsyncContextManager, suppress
from email.utils import parseaddr
from types import TracebackType

import aiosmtplib

from bot.core.errors import (
    ConnectionLimitError,
    DeliveryError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)
from bot.core.models import Channel, OutgoingMessage
from bot.mail.message import build_message
from bot.mail.pipelining import PipeliningSMTP
from bot.mail.smtp_settings import SmtpSettings
from bot.mail.tls import TlsContexts, check_pin

__all__ = [
    "CHANNEL",
    "EmailBatch",
    "EmailSender",
    "SmtpSettings",
    "build_message",
    "delivery_error",
]

log = logging.getLogger(__name__)

CHANNEL: Channel = "email"
_ADDRESS = re.compile(r"[^\s<>\"]+@[^\s<>\"]+")
_CLOSING = 421  # "service not available, closing transmission channel" (RFC 5321)


class EmailSender:
    """Sends OutgoingMessage subject and plain-text body to email addresses."""

    channel: Channel = CHANNEL

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        domain: str | None = None,
        contexts: TlsContexts | None = None,
    ) -> None:
        """`domain` names our Message-IDs and EHLO; by default the domain of mail_from.
        `contexts`: the process's TLS contexts (bot/app.py keeps one); without, a context of
        this sender's own. ConfigError if SMTP_URL's cafile cannot be read."""
        self.settings = settings
        self.domain = domain or settings.envelope_from.rpartition("@")[2]
        # Taken once: every connection shares it.
        self._tls = (contexts or TlsContexts()).for_smtp(settings)

    @property
    def connections(self) -> int:
        """How many batches a delivery run holds open at once (SMTP_URL's ?connections=)."""
        return self.settings.connections

    def batch(self) -> AbstractAsyncContextManager[EmailBatch]:
        """A context manager holding ONE SMTP connection for all its sends."""
        return EmailBatch(self.settings, self.domain, self._tls)


class EmailBatch:
    """One SMTP session; see the module docstring for what fails where."""

    def __init__(
        self, settings: SmtpSettings, domain: str, tls: ssl.SSLContext | None = None
    ) -> None:
        self._settings = settings
        self._tls = tls
        self._envelope_from = settings.envelope_from  # parsed from mail_from on each read
        self._domain = domain
        self._smtp: aiosmtplib.SMTP | None = None
        self._unreachable: str | None = None  # set once a reconnect failed: fail fast after

    async def __aenter__(self) -> EmailBatch:
        await self._connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        # QUIT politely after a normal run. After a foreign error or a cancellation a command
        # may be half sent, and waiting for its reply could hang: just drop the connection.
        if smtp.is_connected and (exc is None or isinstance(exc, DeliveryError)):
            # Every message is already accepted: a rude goodbye changes nothing.
            with suppress(aiosmtplib.SMTPException, OSError):
                await smtp.quit()
        smtp.close()

    async def send(self, address: str, message: OutgoingMessage) -> None:
        """Return once the server accepted the message; raise a DeliveryError otherwise."""
        try:
            _check_address(address)
            smtp = await self._connected()
            mail = build_message(
                self._settings.mail_from,
                address,
                message,
                self._domain,
                eight_bit=smtp.supports_extension("8BITMIME"),
            )
            await smtp.send_message(mail, sender=self._envelope_from, recipients=[address])
        except DeliveryError as exc:
            log.debug("email to %s not sent: %s", address, exc.reason)
            raise
        except (aiosmtplib.SMTPException, OSError, ValueError) as exc:
            failure = delivery_error(exc, address)
            log.debug("email to %s not sent: %s", address, failure.reason)
            raise failure from exc
        log.debug("email to %s accepted", address)

    async def _connected(self) -> aiosmtplib.SMTP:
        """The open connection, reopened after a drop (at most one failed try per batch)."""
        if self._smtp is not None and self._smtp.is_connected:
            return self._smtp
        if self._unreachable is not None:
            raise TemporaryDeliveryError(CHANNEL, self._unreachable, channel_down=True)
        return await self._connect()

    async def _connect(self) -> aiosmtplib.SMTP:
        settings = self._settings
        # PIPELINING where the server offers it, unless SMTP_URL says ?pipelining=0.
        client = PipeliningSMTP if settings.pipelining else aiosmtplib.SMTP
        smtp = client(
            hostname=settings.host,
            port=settings.port,
            use_tls=settings.tls == "implicit",
            start_tls=settings.tls == "starttls",
            tls_context=self._tls,
            timeout=settings.timeout,
            local_hostname=self._domain,
        )
        try:
            await smtp.connect()  # and STARTTLS; no AUTH yet: the pin is checked first
            if settings.fingerprint is not None:
                _check_pin(smtp, settings.fingerprint)
            if settings.username is not None and settings.password is not None:
                await smtp.login(settings.username, settings.password)
            await _greet(smtp)
        except (aiosmtplib.SMTPException, OSError, TemporaryDeliveryError) as exc:
            smtp.close()
            reason = f"cannot use SMTP server {settings.host}:{settings.port}: {_describe(exc)}"
            if _refused_for_load(exc):
                raise ConnectionLimitError(CHANNEL, reason) from exc
            self._unreachable = reason
            raise TemporaryDeliveryError(CHANNEL, reason, channel_down=True) from exc
        log.debug("connected to SMTP server %s:%d", settings.host, settings.port)
        self._smtp = smtp
        return smtp


def _check_pin(smtp: aiosmtplib.SMTP, pinned: bytes) -> None:
    wrong = check_pin(smtp.get_transport_info("ssl_object"), pinned)
    if wrong is not None:
        raise TemporaryDeliveryError(CHANNEL, wrong, channel_down=True)


def _refused_for_load(exc: BaseException) -> bool:
    """421 while connecting, or a reply saying we hold too many connections: fewer may do."""
    if not isinstance(exc, aiosmtplib.SMTPResponseException):
        return False
    return exc.code == _CLOSING or (
        400 <= exc.code < 500 and "too many connections" in exc.message.lower()
    )


def _check_address(address: str) -> None:
    """Only a bare user@domain is sent to: a display name or markup means a corrupt record."""
    if parseaddr(address)[1] != address or "@" not in address:
        raise PermanentDeliveryError(CHANNEL, "not a plain email address")


async def _greet(smtp: aiosmtplib.SMTP) -> None:
    """EHLO now (connect skips it without TLS or login): 8BITMIME decides the body encoding."""
    if not smtp.is_ehlo_or_helo_needed:
        return
    try:
        await smtp.ehlo()
    except aiosmtplib.SMTPHeloError:
        await smtp.helo()  # a pre-ESMTP server: no extensions, so the body goes as base64


def delivery_error(exc: BaseException, address: str) -> DeliveryError:
    """Map an aiosmtplib (or socket) exception to the project's delivery error."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused) and exc.recipients:
        exc = exc.recipients[0]
    if isinstance(exc, aiosmtplib.SMTPSenderRefused):
        # MAIL FROM refused: our configuration, not this subscriber's address.
        return TemporaryDeliveryError(
            CHANNEL, f"sender refused: {_describe(exc)}", channel_down=True
        )
    if isinstance(exc, aiosmtplib.SMTPTimeoutError):
        # A hung server: the next message would wait alike.
        return TemporaryDeliveryError(CHANNEL, _redact(_describe(exc), address), channel_down=True)
    if _code(exc) == _CLOSING:
        # The server closes this connection (shutting down, or done with us on it): the other
        # connections go on, and the channel is down only when the last one is closed so.
        return ConnectionLimitError(CHANNEL, _redact(_describe(exc), address))
    if isinstance(exc, aiosmtplib.SMTPResponseException) and 500 <= exc.code < 600:
        return PermanentDeliveryError(CHANNEL, _redact(_describe(exc), address))
    if isinstance(exc, aiosmtplib.SMTPNotSupported | ValueError):
        # The address needs SMTPUTF8 the server lacks, or cannot go in a To header or on an
        # SMTP command line (build_message takes any other text as it is).
        return PermanentDeliveryError(CHANNEL, "address not deliverable through this server")
    return TemporaryDeliveryError(CHANNEL, _redact(_describe(exc), address))


def _code(exc: BaseException) -> int | None:
    return exc.code if isinstance(exc, aiosmtplib.SMTPResponseException) else None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, DeliveryError):
        return exc.reason
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return f"{exc.code} {exc.message}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _redact(reason: str, address: str) -> str:
    """Drop addresses from a server's reply: the reason is stored and logged at info level."""
    if address:
        reason = reason.replace(address, "<address>")
    return _ADDRESS.sub("<address>", reason)

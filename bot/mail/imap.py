"""The service's own IMAP mailbox (aioimaplib), where subscribers' commands by mail arrive.

Handled once: `fetch_unhandled` lists, by UID and oldest first, the messages that lack our keyword
`$Blockwatch`; the caller answers each, then `mark_handled(uid)` stores the keyword. A crash in
between leaves the keyword unset, so the next poll reads the message again (the caller's record
of Message-IDs catches an answer that did go out). Not \\Seen: a person reading the mailbox sets
that; only a server refusing keywords (no \\* in PERMANENTFLAGS) gets \\Seen instead.

Spam costs little: at most 50 messages per poll, and of each only the first 64 KB (the headers
and the start of the first part; commands are short), read with PEEK so \\Seen stays unset.
Hostile mail costs one mail: each is parsed on its own, within the bounds of
bot/mail/inbox/bounds.py,
and one that cannot be read comes back with `unreadable` set (the caller marks it handled).
Errors are MailboxError; their reasons never hold the password, an address or message text.
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import aioimaplib  # type: ignore[import-untyped]

from bot.core.errors import MailboxError
from bot.mail.imap_settings import ImapSettings
from bot.mail.inbox.bounds import read_mail

__all__ = ["KEYWORD", "ImapSettings", "IncomingMail", "Mailbox"]

log = logging.getLogger(__name__)

KEYWORD = "$Blockwatch"
MAX_BYTES = 64 * 1024
MAX_MESSAGES = 50
_FETCH_LINE = re.compile(rb"\d+ FETCH \(")
_UID = re.compile(rb"\bUID (\d+)")
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
_FLAGS = re.compile(rb"\bFLAGS \(([^)]*)\)")
_INTERNALDATE = re.compile(rb'\bINTERNALDATE "([^"]+)"')
_ALL_KEYWORDS = re.compile(rb"PERMANENTFLAGS \([^)]*\\\*")

# aioimaplib logs stray server lines at INFO; at that level they must not reach our logs.
logging.getLogger("aioimaplib.aioimaplib").addFilter(lambda record: record.levelno != logging.INFO)


@dataclass(frozen=True, slots=True)
class IncomingMail:
    """One unhandled message, at most MAX_BYTES of it."""

    uid: int
    message_id: str | None  # the Message-ID header, or None when the sender gave none
    message: EmailMessage  # parsed with email.policy.default; cut short when truncated
    size: int  # the whole message's size on the server, in bytes
    truncated: bool
    arrived: datetime | None = None  # when the server received it (INTERNALDATE)
    unreadable: str | None = None  # why it was not parsed (then `message` is empty)


class Mailbox:
    """One IMAP connection, opened on first use and reopened after a failure."""

    def __init__(
        self,
        settings: ImapSettings,
        *,
        ssl_context: ssl.SSLContext | None = None,
        max_bytes: int = MAX_BYTES,
        max_messages: int = MAX_MESSAGES,
    ) -> None:
        self.settings = settings
        self._ssl_context = ssl_context
        self._max_bytes = max_bytes
        self._max_messages = max_messages
        self._client: Any = None  # an aioimaplib.IMAP4, logged in, the mailbox selected
        self._mark = KEYWORD

    async def __aenter__(self) -> Mailbox:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def fetch_unhandled(self) -> list[IncomingMail]:
        """The oldest unhandled messages (at most max_messages), without marking them."""
        response = await self._call(
            "search", lambda imap: imap.uid_search("UNDELETED", *self._unmarked(), charset=None)
        )
        uids = sorted(
            int(word) for line in response.lines[:-1] for word in line.split() if word.isdigit()
        )[: self._max_messages]
        if not uids:
            return []
        parts = f"(UID RFC822.SIZE INTERNALDATE BODY.PEEK[]<0.{self._max_bytes}>)"
        response = await self._call(
            "fetch", lambda imap: imap.uid("fetch", ",".join(map(str, uids)), parts)
        )
        mails = sorted(_parse_fetch(response.lines), key=lambda mail: mail.uid)
        log.info("mailbox: %d unhandled message(s)", len(mails))
        return mails

    async def mark_handled(self, uid: int) -> None:
        """Mark the message so no later fetch returns it; raise MailboxError if not kept."""
        flag = self._mark
        response = await self._call(
            "mark", lambda imap: imap.uid("store", str(uid), "+FLAGS", f"({flag})")
        )
        for flags in _flags_of(response.lines, uid):
            if flag.lower() not in flags:
                raise MailboxError(f"the server did not keep {flag} on message {uid}")
        log.debug("mailbox: message %d marked %s", uid, flag)

    async def close(self) -> None:
        """Log out politely; a connection that is already gone is simply dropped."""
        client, self._client = self._client, None
        if client is not None:
            with suppress(aioimaplib.AioImapException, OSError, TimeoutError):
                await client.logout()  # nothing is pending: the flags are stored already
            _drop(client)

    async def _call(self, what: str, command: Callable[[Any], Awaitable[Any]]) -> Any:
        """Run one command on the open connection; any failure closes it and is wrapped."""
        try:
            return _check(await command(await self._connected()), what)
        except (aioimaplib.AioImapException, OSError, TimeoutError, ValueError) as exc:
            self._forget()
            raise MailboxError(f"{what}: {self._describe(exc)}") from exc
        except MailboxError:
            self._forget()  # after a refusal, start the next command on a fresh session
            raise

    async def _connected(self) -> Any:
        if (
            self._client is not None
            and self._client.protocol.transport is not None
            and not self._client.protocol.transport.is_closing()
        ):
            return self._client
        self._forget()
        self._client = await self._open()
        return self._client

    async def _open(self) -> Any:
        settings = self.settings
        if settings.tls == "implicit":
            imap = aioimaplib.IMAP4_SSL(
                settings.host, settings.port, timeout=settings.timeout, ssl_context=self._context()
            )
        else:
            imap = aioimaplib.IMAP4(settings.host, settings.port, timeout=settings.timeout)
        try:
            await _hello(imap, settings.timeout)
            if settings.tls == "starttls":
                await _starttls(imap, self._context(), settings)
            _check(await imap.login(settings.username, settings.password), "login")
            selected = _check(await imap.select(aioimaplib.quoted(settings.mailbox)), "select")
        except BaseException:
            _drop(imap)
            raise
        # Without \* in PERMANENTFLAGS a keyword would live only as long as this session.
        allowed = any(_ALL_KEYWORDS.search(line) for line in selected.lines)
        self._mark = KEYWORD if allowed else "\\Seen"
        log.debug(
            "mailbox: connected to %s:%d, marking with %s", settings.host, settings.port, self._mark
        )
        return imap

    def _unmarked(self) -> tuple[str, ...]:
        """SEARCH criteria for the messages not marked yet (see mark_handled)."""
        return ("UNKEYWORD", KEYWORD) if self._mark == KEYWORD else ("UNSEEN",)

    def _context(self) -> ssl.SSLContext:  # the system's trusted CAs unless told otherwise
        return self._ssl_context or ssl.create_default_context()

    def _forget(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _drop(client)

    def _describe(self, exc: BaseException) -> str:
        # CommandTimeout's text is the command itself: for LOGIN, that includes the password.
        if isinstance(exc, aioimaplib.CommandTimeout | TimeoutError):
            return f"no answer from {self.settings.host}:{self.settings.port} in time"
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return text.replace(self.settings.password, "***") if self.settings.password else text


async def _hello(imap: Any, seconds: float) -> None:
    """Connect and read the greeting, in time even if the server then never answers CAPABILITY.

    aioimaplib's own timeout hangs there: its stuck greeting task holds a lock the cancelled
    waiter must take back. So the waiter is abandoned (one pending task per such server).
    """
    waiting = asyncio.ensure_future(imap.wait_hello_from_server())
    done, _ = await asyncio.wait({waiting}, timeout=seconds)
    if waiting not in done:
        waiting.cancel()
        raise TimeoutError
    waiting.result()  # raises what connecting raised


async def _starttls(imap: Any, context: ssl.SSLContext, settings: ImapSettings) -> None:
    """RFC 3501 STARTTLS (aioimaplib has none): upgrade this connection, or fail; never plain."""
    protocol = imap.protocol
    if "STARTTLS" not in protocol.capabilities:
        raise MailboxError("the server does not offer STARTTLS")
    command = aioimaplib.Command(
        "STARTTLS", protocol.new_tag(), loop=protocol.loop, timeout=settings.timeout
    )
    _check(await protocol.execute(command), "STARTTLS")
    protocol.transport = await protocol.loop.start_tls(
        protocol.transport,
        protocol,
        context,
        server_hostname=settings.host,
        ssl_handshake_timeout=settings.timeout,
    )
    await protocol.capability()  # what the server said before TLS may have been forged


def _check(response: Any, what: str) -> Any:
    """The response if OK, else its closing words: "[AUTHENTICATIONFAILED] Authentication..."."""
    if response.result != "OK":
        last = bytes(response.lines[-1]) if response.lines else b""
        raise MailboxError(f"{what} refused: {last.decode('ascii', 'replace')[:200]}")
    return response


def _parse_fetch(lines: list[Any]) -> list[IncomingMail]:
    """IncomingMail from a FETCH answer: a header line, then the literal holding the bytes."""
    mails = []
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        if not isinstance(line, bytes) or not _FETCH_LINE.match(line):
            continue
        uid, size = _UID.search(line), _SIZE.search(line)
        if uid is None or size is None or not isinstance(following, bytearray):
            continue  # an unsolicited FETCH (flags changed by another client)
        raw, total = bytes(following), int(size.group(1))
        message, message_id, unreadable = read_mail(raw)  # a mail the parser fails on: its own
        mails.append(
            IncomingMail(
                int(uid.group(1)),
                message_id,
                message,
                total,
                total > len(raw),
                _arrived(line),
                unreadable,
            )
        )
    return mails


def _arrived(line: bytes) -> datetime | None:
    """INTERNALDATE ("06-Dec-2026 00:13:42 +0000"): when the server took the message in."""
    found = _INTERNALDATE.search(line)
    if found is None:
        return None
    try:
        when = datetime.strptime(found.group(1).decode("ascii").strip(), "%d-%b-%Y %H:%M:%S %z")
    except (UnicodeError, ValueError):  # not the RFC 3501 form
        return None
    return when.astimezone(UTC)


def _flags_of(lines: list[Any], uid: int) -> list[set[str]]:
    """The FLAGS the server reported for this UID after a STORE, lower-cased."""
    found = []
    for line in lines:
        if not isinstance(line, bytes) or not _FETCH_LINE.match(line):
            continue
        line_uid, flags = _UID.search(line), _FLAGS.search(line)
        if flags is not None and (line_uid is None or int(line_uid.group(1)) == uid):
            found.append(set(flags.group(1).decode("ascii", "replace").lower().split()))
    return found


def _drop(imap: Any) -> None:
    transport = imap.protocol.transport if imap.protocol is not None else None
    if transport is not None:
        transport.close()

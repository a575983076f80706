"""SMTP PIPELINING (RFC 2920) on aiosmtplib 5.1.3, which lacks it: the change of
contrib/aiosmtplib-pipelining.patch, carried as subclasses until a release has it (then drop this
module and use aiosmtplib.SMTP). No SMTP parsing of ours: aiosmtplib's protocol reads the
replies, its quoting builds the commands, its exceptions are raised.

Where EHLO offers PIPELINING, `sendmail` (so `send_message`) writes MAIL FROM, the RCPT TOs and
DATA at once and reads their replies in order, then sends the body after DATA's 354: two round
trips a message, not four. It raises what the unpipelined path raises for the same replies, so
bot/mail/smtp.py maps them as before. Without PIPELINING, aiosmtplib's own sendmail runs.

The protocol subclass: aiosmtplib's keeps one reply waiter and drops data no command waits for
(its guard against desync), which would lose a group's replies arriving together; ours keeps
them while a group is read, and only then. aiosmtplib makes its protocol in a private method,
so the connection's protocol object takes the subclass (same layout, no new state) once made.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import Literal

from aiosmtplib import (
    SMTP,
    SMTPDataError,
    SMTPException,
    SMTPNotSupported,
    SMTPRecipientRefused,
    SMTPRecipientsRefused,
    SMTPResponse,
    SMTPResponseException,
    SMTPSenderRefused,
    SMTPServerDisconnected,
    SMTPStatus,
    SMTPTimeoutError,
)
from aiosmtplib.email import parse_address, quote_address
from aiosmtplib.protocol import (
    COMMAND_INJECTION_REGEX,
    PERIOD_REGEX,
    SMTPProtocol,
    normalize_message_line_endings,
)
from aiosmtplib.typing import Default

__all__ = ["PipeliningSMTP"]

_Timeout = float | Literal[Default.token] | None
_ACCEPTED = (SMTPStatus.completed, SMTPStatus.will_forward)


class _PipeliningProtocol(SMTPProtocol):
    """aiosmtplib's protocol, reading a pipelined group's replies (the patch's protocol.py)."""

    _pipelined_replies = 0  # replies still due after the one awaited, while a group is read

    def data_received(self, data: bytes) -> None:
        waiter = self._response_waiter
        between_reads = waiter is not None and (not self._response_pending or waiter.done())
        if self._pipelined_replies and between_reads:
            self._buffer.extend(data)  # a later command's reply: kept for its read
            return
        super().data_received(data)

    async def execute_pipelined_commands(
        self, *commands: Sequence[bytes], timeout: float | None = None
    ) -> list[SMTPResponse]:
        """Write the commands at once, then read their replies in order; stop after a 421."""
        if any(COMMAND_INJECTION_REGEX.search(arg) for args in commands for arg in args):
            raise ValueError("Command arg contains a prohibited control character")
        if self._command_lock is None:
            raise SMTPServerDisconnected("Server not connected")
        responses: list[SMTPResponse] = []
        async with self._command_lock:
            self._response_pending = True
            self._pipelined_replies = len(commands)
            try:
                self.write(b"".join(b" ".join(args) + b"\r\n" for args in commands))
                for _ in commands:
                    self._pipelined_replies -= 1
                    self._set_response_from_buffer()  # replies often arrive together
                    responses.append(await self.read_response(timeout=timeout))
                    if responses[-1].code == SMTPStatus.domain_unavailable:
                        break  # the server is closing: no more replies will come
            finally:
                self._pipelined_replies = 0
        return responses

    def _set_response_from_buffer(self) -> None:
        waiter = self._response_waiter
        if waiter is None or waiter.done() or not self._buffer:
            return
        try:
            response = self._read_response_from_buffer()
        except Exception as exc:  # as data_received: the waiter carries it to the reader
            self._set_response_exception(waiter, exc)
        else:
            if response is not None:
                waiter.set_result(response)

    async def execute_message_content(
        self, message: bytes, timeout: float | None = None
    ) -> SMTPResponse:
        """The body after a pipelined DATA was answered 354, quoted as execute_data_command."""
        if self._command_lock is None:
            raise SMTPServerDisconnected("Server not connected")
        content = PERIOD_REGEX.sub(b"..", normalize_message_line_endings(message)) + b".\r\n"
        async with self._command_lock:
            self._response_pending = True
            self.write(content)
            response = await self.read_response(timeout=timeout)
        if response.code != SMTPStatus.completed:
            raise SMTPDataError(response.code, response.message)
        return response


class PipeliningSMTP(SMTP):
    """aiosmtplib.SMTP whose sendmail pipelines when the server offers it (the patch's smtp.py).

    Only `sendmail` differs, and only with PIPELINING: everything else is aiosmtplib's."""

    async def _create_connection(self, timeout: float | None) -> SMTPResponse:
        response = await super()._create_connection(timeout)
        if self.protocol is not None:  # greeted: the transport holds this very object
            self.protocol.__class__ = _PipeliningProtocol
        return response

    async def sendmail(
        self,
        sender: str,
        recipients: str | Sequence[str],
        message: str | bytes,
        /,
        *,
        mail_options: Iterable[str] | None = None,
        rcpt_options: Iterable[str] | None = None,
        timeout: _Timeout = Default.token,
    ) -> tuple[dict[str, SMTPResponse], str]:
        await self._ehlo_or_helo_if_needed()
        if not self.supports_extension("pipelining") or not isinstance(
            self.protocol, _PipeliningProtocol
        ):
            return await super().sendmail(
                sender,
                recipients,
                message,
                mail_options=mail_options,
                rcpt_options=rcpt_options,
                timeout=timeout,
            )
        # What aiosmtplib's sendmail does before its first command, then the envelope at once.
        recipients = [recipients] if isinstance(recipients, str) else list(recipients)
        options = list(mail_options or ())
        encoding = "utf-8" if any(o.lower() == "smtputf8" for o in options) else "ascii"
        if encoding == "utf-8" and not self.supports_extension("smtputf8"):
            raise SMTPNotSupported("SMTPUTF8 is not supported by this server")
        for address in (sender, *recipients):
            parse_address(address)  # ValueError before anything is sent
        content = message.encode("ascii") if isinstance(message, str) else message
        if self.supports_extension("size"):
            options.insert(0, f"size={len(normalize_message_line_endings(content))}")
        commands = [
            (b"MAIL", b"FROM:" + quote_address(sender).encode(encoding), *_ascii(options)),
            *(
                (b"RCPT", b"TO:" + quote_address(r).encode(encoding), *_ascii(rcpt_options))
                for r in recipients
            ),
            (b"DATA",),
        ]
        if self._sendmail_lock is None:  # one transaction at a time, as aiosmtplib's sendmail
            self._sendmail_lock = asyncio.Lock()
        async with self._sendmail_lock:
            return await self._send_pipelined(sender, recipients, commands, content, timeout)

    async def _send_pipelined(
        self,
        sender: str,
        recipients: list[str],
        commands: list[tuple[bytes, ...]],
        content: bytes,
        timeout: _Timeout,
    ) -> tuple[dict[str, SMTPResponse], str]:
        wait = self.timeout if timeout is Default.token else timeout
        try:
            responses = await self._exchange(commands, wait)
            errors = _check_replies(responses, sender, recipients)
            protocol = self.protocol
            if not isinstance(protocol, _PipeliningProtocol):
                raise SMTPServerDisconnected("Connection lost")
            try:
                response = await protocol.execute_message_content(content, timeout=wait)
            except (SMTPServerDisconnected, SMTPTimeoutError):
                self.close()
                raise
        except (SMTPResponseException, SMTPRecipientsRefused):
            # Reset the envelope, as aiosmtplib's sendmail does after a refusal.
            with suppress(ConnectionError, SMTPResponseException):
                await self.rset(timeout=timeout)
            raise
        return errors, response.message

    async def _exchange(
        self, commands: list[tuple[bytes, ...]], timeout: float | None
    ) -> list[SMTPResponse]:
        """The group's replies; the connection closed where aiosmtplib would close it."""
        protocol = self.protocol
        if not isinstance(protocol, _PipeliningProtocol):
            raise SMTPServerDisconnected("Server not connected")
        try:
            responses = await protocol.execute_pipelined_commands(*commands, timeout=timeout)
        except SMTPException:
            self.close()  # the rest of the group's replies would be mispaired with later ones
            raise
        if len(responses) < len(commands):
            self.close()  # a 421: the server is closing
        elif responses[-1].code == SMTPStatus.start_input and not _deliverable(responses):
            # RFC 2920: DATA taken with no one to deliver to is ended at once, with a lone dot.
            with suppress(SMTPServerDisconnected, SMTPTimeoutError):
                await self.execute_command(b".", timeout=timeout)
        return responses


def _ascii(options: Iterable[str] | None) -> list[bytes]:
    return [option.encode("ascii") for option in options or ()]


def _deliverable(responses: list[SMTPResponse]) -> bool:
    """MAIL accepted and at least one RCPT: the replies before DATA's."""
    mail, *rcpts = responses[:-1]
    return mail.code == SMTPStatus.completed and any(r.code in _ACCEPTED for r in rcpts)


def _check_replies(
    responses: list[SMTPResponse], sender: str, recipients: list[str]
) -> dict[str, SMTPResponse]:
    """Raise as aiosmtplib's unpipelined sendmail would for the same replies, in its order (a
    reply missing after a 421 is the closed connection its next command would find); else the
    refused recipients, as sendmail returns them."""

    def reply(index: int) -> SMTPResponse:
        if index >= len(responses):
            raise SMTPServerDisconnected("Connection lost")
        return responses[index]

    mail = responses[0]
    if mail.code != SMTPStatus.completed:
        raise SMTPSenderRefused(mail.code, mail.message, sender)
    refused = [
        SMTPRecipientRefused(response.code, response.message, address)
        for index, address in enumerate(recipients, start=1)
        if (response := reply(index)).code not in _ACCEPTED
    ]
    if len(refused) == len(recipients):
        raise SMTPRecipientsRefused(refused)
    data = reply(len(recipients) + 1)
    if data.code != SMTPStatus.start_input:
        raise SMTPDataError(data.code, data.message)
    return {error.recipient: SMTPResponse(error.code, error.message) for error in refused}

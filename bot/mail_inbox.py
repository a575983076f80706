"""Commands by mail: read the service's mailbox, act on each command, answer by SMTP, once.

    Mailbox.fetch_unhandled ──▶ should_answer (no robots) ──▶ parse_command
        ──▶ bot.mail_acts (storage, and the answer from bot.mail_replies)
        ──▶ EmailSender (one SMTP connection per poll) ──▶ marked handled

Once per message: a mail whose Message-ID is recorded is only marked on the server, never
answered again; a mail is recorded and marked only after its answer was accepted (or refused
for good), so an SMTP outage leaves it unhandled for the next poll and loses no command.
Logs carry IMAP UIDs, subscriber ids and command kinds, never an address or a word of the mail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from email.message import EmailMessage
from email.utils import parseaddr

from bot.deliver import BatchSender, Sender
from bot.errors import MailboxError, PermanentDeliveryError, TemporaryDeliveryError
from bot.mail_acts import MailActions
from bot.mail_commands import parse_command
from bot.mail_loops import should_answer
from bot.mailbox import IncomingMail, Mailbox
from bot.models import OutgoingMessage
from storage.protocol import MailStorage

__all__ = ["InboxStats", "MailInbox", "command_text"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class InboxStats:
    answered: int = 0
    ignored: int = 0  # robots, bounces, our own mail, mails answered before
    waiting: int = 0  # left unhandled for the next poll (SMTP unavailable)


class MailInbox:
    """One poll reads the mailbox once and answers every command found there."""

    def __init__(
        self, mailbox: Mailbox, store: MailStorage, sender: Sender,
        clock: Callable[[], datetime], *, own_addresses: set[str], reply_to: str,
    ) -> None:
        self._mailbox = mailbox
        self._store = store
        self._sender = sender
        self._clock = clock
        self._own = {address.lower() for address in own_addresses}
        self._reply_to = reply_to  # the command address: where a reply's reply must go
        self._actions = MailActions(store, command_address=reply_to,
                                    trusted_servers=mailbox.settings.authserv_ids)

    async def poll(self) -> InboxStats:
        """Handle every unhandled mail; mailbox or SMTP trouble waits for the next poll."""
        try:
            return await self._poll()
        finally:
            # A fresh IMAP session per poll: a session kept open does not see mail that arrived
            # since its last command (dovecot answers SEARCH from its old view), and servers
            # drop idle sessions anyway.
            await self._mailbox.close()

    async def _poll(self) -> InboxStats:
        try:
            mails = await self._mailbox.fetch_unhandled()
        except MailboxError as exc:
            log.warning("mailbox not read: %s", exc.reason)
            return InboxStats()
        if not mails:
            return InboxStats()
        answered = ignored = 0
        try:
            async with self._sender.batch() as batch:
                for mail in mails:
                    if await self._handle(batch, mail):
                        answered += 1
                    else:
                        ignored += 1
        except (TemporaryDeliveryError, MailboxError) as exc:
            log.warning("mail commands wait for the next poll: %s", exc.reason)
            return InboxStats(answered, ignored, len(mails) - answered - ignored)
        return InboxStats(answered, ignored)

    async def _handle(self, batch: BatchSender, mail: IncomingMail) -> bool:
        """Answer one mail (True) or skip it (False); mark it handled either way."""
        message_id = mail.message_id
        if message_id and await self._store.mail_handled(message_id):
            log.info("mail %d answered before: only marking it", mail.uid)
            await self._mailbox.mark_handled(mail.uid)
            return False
        answer, reason = should_answer(mail.message, self._own)
        sender = parseaddr(str(mail.message.get("From", "")))[1].lower()
        if answer and "@" not in sender:
            answer, reason = False, "no usable sender address"
        if not answer:
            log.info("mail %d not answered: %s", mail.uid, reason)
        else:
            command = parse_command(*command_text(mail.message))
            to, reply = await self._actions.act(command, sender, mail.message)
            log.info("mail %d: %s command", mail.uid, command.kind)
            await self._send(batch, to, _in_reply(reply, mail.message, self._reply_to))
        await self._done(mail)
        return answer

    async def _send(self, batch: BatchSender, to: str, reply: OutgoingMessage) -> None:
        try:
            await batch.send(to, reply)
        except PermanentDeliveryError as exc:
            # The address refuses mail: answering again would only bounce again.
            log.info("answer refused for good: %s", exc.reason)

    async def _done(self, mail: IncomingMail) -> None:
        if mail.message_id:
            await self._store.record_mail_handled(mail.message_id, self._clock())
        await self._mailbox.mark_handled(mail.uid)


def command_text(message: EmailMessage) -> tuple[str, str]:
    """(subject, plain-text body) of a mail; the body is "" when there is no readable text."""
    subject = str(message.get("Subject", ""))
    try:
        part = message.get_body(preferencelist=("plain",))
        text = part.get_content() if isinstance(part, EmailMessage) else ""
    except (LookupError, ValueError, AttributeError):  # an unknown charset, a cut-off mail
        text = ""
    return subject, text if isinstance(text, str) else ""


def _in_reply(reply: OutgoingMessage, original: EmailMessage, reply_to: str) -> OutgoingMessage:
    """The answer threaded under the person's mail; RFC 3834 marks it an automatic reply."""
    headers = {"Auto-Submitted": "auto-replied", "Reply-To": reply_to, **reply.headers}
    message_id = str(original.get("Message-ID", "")).strip()
    if message_id:
        references = " ".join(str(original.get("References", "")).split()[-8:])
        headers["In-Reply-To"] = message_id
        headers["References"] = f"{references} {message_id}".strip()
    return replace(reply, headers=headers)

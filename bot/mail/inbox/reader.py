"""Commands by mail: read the service's mailbox, act on each command, answer by SMTP, once.

    Mailbox.fetch_unhandled ──▶ should_answer (no robots) ──▶ parse_command
        ──▶ bot.mail.inbox.acts (storage, and the answer from bot.mail.inbox.replies)
        ──▶ bot.mail.inbox.limits (rate limits, loop breaker) ──▶ EmailSender (one SMTP connection
        per poll) ──▶ marked handled

Once per message: a mail whose Message-ID is recorded is only marked on the server, never
answered again; a mail is recorded and marked only after its answer was accepted (or refused
for good, or not sent because of the limits), so an SMTP outage leaves it unhandled for the next
poll and loses no command.
No mail stops the inbox: one the parser cannot read (bot/mail/inbox/bounds.py) or our code fails on
is marked handled with a logged reason, and the rest of the batch goes on. Only trouble with
the mailbox, the SMTP server or the database leaves mail for the next poll; `poll` never raises.
Logs carry IMAP UIDs, subscriber ids, command kinds and reasons, never an address or a word of
the mail.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Literal

from bot.core.errors import (
    MailboxError,
    PermanentDeliveryError,
    StorageError,
    TemporaryDeliveryError,
)
from bot.core.models import OutgoingMessage
from bot.mail.imap import IncomingMail, Mailbox
from bot.mail.inbox.acts import MailActions, Reply
from bot.mail.inbox.bounds import UNREADABLE
from bot.mail.inbox.commands import parse_command
from bot.mail.inbox.limits import ReplyGate, ReplyLimits
from bot.mail.inbox.loops import should_answer
from bot.ports import BatchSender, Clock, FigureLookup, MailStorage, Sender

__all__ = ["InboxStats", "MailInbox", "command_text"]

log = logging.getLogger(__name__)

Outcome = Literal["answered", "ignored", "limited", "unreadable"]
# Trouble outside the mail: the mail waits for the next poll, it is not its fault.
_NOT_THE_MAIL = (TemporaryDeliveryError, MailboxError, StorageError)


@dataclass(frozen=True, slots=True)
class InboxStats:
    answered: int = 0
    ignored: int = 0  # robots, bounces, our own mail, mails answered before
    waiting: int = 0  # left unhandled for the next poll (SMTP unavailable)
    limited: int = 0  # acted on, but the answer was over the reply limits
    unreadable: int = 0  # not parsed, or our code failed on it: marked handled, not answered


class MailInbox:
    """One poll reads the mailbox once and answers every command found there."""

    def __init__(
        self,
        mailbox: Mailbox,
        store: MailStorage,
        sender: Sender,
        clock: Clock,
        *,
        own_addresses: set[str],
        reply_to: str,
        limits: ReplyLimits | None = None,
        figures: FigureLookup | None = None,
    ) -> None:
        self._mailbox = mailbox
        self._store = store
        self._sender = sender
        self._clock = clock
        self._own = {address.lower() for address in own_addresses}
        self._reply_to = reply_to  # the command address: where a reply's reply must go
        self._actions = MailActions(
            store,
            command_address=reply_to,
            trusted_servers=mailbox.settings.authserv_ids,
            figures=figures,
        )
        self._gate = ReplyGate(store, clock, limits or ReplyLimits())
        # Why the last poll could not read the mailbox (the error's type), None once it could:
        # /health's imap line. A poll rides that out by itself, so the loop never fails for it.
        self.mailbox_trouble: str | None = None

    async def poll(self) -> InboxStats:
        """Handle every unhandled mail; mailbox, SMTP or database trouble waits for the next
        poll. Never raises: the caller's cycle goes on whatever is in the mailbox."""
        try:
            return await self._poll()
        except Exception as exc:  # a bug of ours outside any one mail: this poll only
            log.warning(
                "mail commands wait for the next poll: %s (details at debug level)",
                type(exc).__name__,
            )
            log.debug("mail poll failed", exc_info=True)
            return InboxStats()
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
            self.mailbox_trouble = type(exc).__name__
            return InboxStats()
        self.mailbox_trouble = None
        if not mails:
            return InboxStats()
        outcomes: list[Outcome] = []
        try:
            await self._gate.prune()
            async with self._sender.batch() as batch:
                for mail in mails:  # a loop, not a comprehension: when a later mail stops the
                    # batch, the outcomes so far must still count (waiting = the rest)
                    outcomes.append(await self._handle(batch, mail))  # noqa: PERF401
        except _NOT_THE_MAIL as exc:
            log.warning("mail commands wait for the next poll: %s", _reason(exc))
        count = outcomes.count
        return InboxStats(
            answered=count("answered"),
            ignored=count("ignored"),
            waiting=len(mails) - len(outcomes),
            limited=count("limited"),
            unreadable=count("unreadable"),
        )

    async def _handle(self, batch: BatchSender, mail: IncomingMail) -> Outcome:
        """Answer one mail, or not; mark it handled either way, unless trouble outside the mail
        (_NOT_THE_MAIL) leaves it for the next poll."""
        outcome: Outcome
        try:
            outcome = await self._answer(batch, mail)
        except _NOT_THE_MAIL:
            raise
        except UNREADABLE as exc:  # the stdlib's parser, when a header is read
            log.info("mail %d not answered: unreadable (%s)", mail.uid, type(exc).__name__)
            outcome = "unreadable"
        except Exception as exc:  # a bug of ours must cost one mail, not the service
            log.warning(
                "mail %d not answered: %s in our code (details at debug level)",
                mail.uid,
                type(exc).__name__,
            )
            log.debug("mail %d failed", mail.uid, exc_info=True)
            outcome = "unreadable"
        await self._done(mail)
        return outcome

    async def _answer(self, batch: BatchSender, mail: IncomingMail) -> Outcome:
        if mail.unreadable is not None:
            log.info("mail %d not answered: %s", mail.uid, mail.unreadable)
            return "unreadable"
        message_id = mail.message_id
        if message_id and await self._store.mail_handled(message_id):
            log.info("mail %d answered before: only marking it", mail.uid)
            return "ignored"
        answer, reason = should_answer(mail.message, self._own)
        sender = parseaddr(str(mail.message.get("From", "")))[1].lower()
        if answer and "@" not in sender:
            answer, reason = False, "no usable sender address"
        if not answer:
            log.info("mail %d not answered: %s", mail.uid, reason)
            return "ignored"
        await self._gate.note_mail(sender, mail.arrived)
        command = parse_command(*command_text(mail.message))
        reply = await self._actions.act(command, sender, mail.message)
        refused = await self._gate.refusal(reply.to, reply.kind)
        if refused is not None:
            log.info("mail %d: %s command, not answered: %s", mail.uid, command.kind, refused)
            return "limited"
        log.info("mail %d: %s command", mail.uid, command.kind)
        await self._send(batch, reply, mail.message)
        return "answered"

    async def _send(self, batch: BatchSender, reply: Reply, original: EmailMessage) -> None:
        try:
            await batch.send(reply.to, _in_reply(reply.message, original, self._reply_to))
        except PermanentDeliveryError as exc:
            # The address refuses mail: answering again would only bounce again.
            log.info("answer refused for good: %s", exc.reason)
        except TemporaryDeliveryError as exc:
            if not await self._gate.give_up(reply.to):
                raise  # this mail and the rest wait for the next poll
            log.info(
                "answer put off %d times, given up: %s", self._gate.limits.deferrals, exc.reason
            )
        await self._gate.sent(reply.to, reply.kind)  # refused or not: it counts

    async def _done(self, mail: IncomingMail) -> None:
        if mail.message_id:
            await self._store.record_mail_handled(mail.message_id, self._clock())
        await self._mailbox.mark_handled(mail.uid)


def _reason(exc: Exception) -> str:
    """MailboxError and DeliveryError carry a reason without addresses; StorageError a text."""
    reason = getattr(exc, "reason", None)
    return reason if isinstance(reason, str) else f"{type(exc).__name__}: {exc}"


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

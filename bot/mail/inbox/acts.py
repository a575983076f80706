"""What each command by mail does to the subscriptions, and the answer it earns.

    MailActions(store, command_address=..., trusted_servers=...).act(command, sender, mail)
        -> Reply(to whom, OutgoingMessage, kind: an answer, or a request to confirm)

Answers go in the person's language (bot/mail/i18n.reply_language): that of the command word,
else the subscriber's stored one. A command word in another language than English also becomes
the stored language, so alerts and digests follow it.

STOP and the From header: a From address is easy to forge, and a forged STOP would silently
cut a person at risk off their alerts. So a STOP acts at once only when the mail shows that its
writer reads the subscribed mailbox, or the receiving server vouches for its From:
- it is a reply to one of our alerts or digests: In-Reply-To or References name a Message-ID
  signed for this subscriber (bot/mail/links.references_our_mail). That is how people stop;
- or a trusted server's Authentication-Results say dmarc=pass or an aligned dkim=pass
  (bot/mail/inbox/auth.py; IMAP_URL's authserv_id names that server).
Otherwise the subscribed address itself gets one mail asking for a plain reply ("[stop:TOKEN]"
in its subject): a forger never sees it, the real person replies once. The one-click link in
every alert stays the quickest way of all. Logs name subscriber ids, never an address.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from email.message import EmailMessage

from bot.core.models import Frequency, OutgoingMessage, Subscriber
from bot.core.records import ReplyKind
from bot.mail.i18n import reply_language
from bot.mail.inbox import replies
from bot.mail.inbox.auth import from_authenticated
from bot.mail.inbox.commands import CommandKind, MailCommand, new_token
from bot.mail.links import MailIdentity, references_our_mail
from bot.ports import FigureLookup, MailStorage

__all__ = ["STATUS_EVENTS", "MailActions", "Reply"]

log = logging.getLogger(__name__)

STATUS_EVENTS = 5  # latest events per country in a STATUS answer
_FREQUENCIES: dict[CommandKind, Frequency] = {
    "instant": "instant",
    "daily": "daily",
    "weekly": "weekly",
}


@dataclass(frozen=True, slots=True)
class Reply:
    """The answer a command earns; requests to confirm are rate-limited apart (mail_limits)."""

    to: str
    message: OutgoingMessage
    kind: ReplyKind = "answer"


class MailActions:
    def __init__(
        self,
        store: MailStorage,
        *,
        command_address: str,
        trusted_servers: frozenset[str] = frozenset(),
        figures: FigureLookup | None = None,
    ) -> None:
        self._store = store
        self._figures = figures  # OONI's, shown per service in STATUS (bot/ooni/book.py)
        self._command_address = command_address
        self._trusted_servers = trusted_servers
        self._identity: MailIdentity | None = None  # made on first use: the secret is stored

    async def act(self, command: MailCommand, address: str, mail: EmailMessage) -> Reply:
        """Do what the command asks; the answer and to whom it goes."""
        store, kind = self._store, command.kind
        found = await store.subscriber("email", address)
        language = reply_language(command.language, found.language if found else None)
        if kind in ("confirm", "confirm_stop"):
            return await self._confirm(command, address, language)
        if kind == "subscribe":
            return await self._subscribe(command, address, language)
        if kind == "status":
            return Reply(address, await self._status(command, found, language))
        if kind in ("help", "unknown"):
            return Reply(address, replies.help_reply(language))
        if found is None:
            return Reply(address, replies.not_subscribed(language))
        found = await self._follow_language(found, command)
        if kind == "stop":
            return await self._stop(command, found, mail, language)
        prefs = replace(found.prefs, frequency=_FREQUENCIES[kind])
        changed = await store.set_preferences(found.id, prefs)
        return Reply(address, replies.frequency_changed(changed, language))

    async def _subscribe(self, command: MailCommand, address: str, language: str) -> Reply:
        if not command.countries:
            return Reply(address, replies.need_countries(language))
        # Unconfirmed until the reply to the confirmation: queued alerts skip such rows.
        subscriber = await self._store.subscribe(
            "email", address, command.countries, language=language, confirmed=False
        )
        subscriber = await self._follow_language(subscriber, command)
        if subscriber.confirmed:
            return Reply(address, replies.subscribed(subscriber, language))
        token = await self._token(subscriber)
        log.info("subscriber %d: confirmation requested", subscriber.id)
        return Reply(
            address,
            replies.confirm_request(sorted(subscriber.countries), token, language),
            "confirm",
        )

    async def _confirm(self, command: MailCommand, address: str, language: str) -> Reply:
        """A reply to our confirmation mail: subscribe, or (confirm_stop) stop."""
        subscriber = await self._store.subscriber_by_token(command.token or "")
        if subscriber is None:
            return Reply(address, replies.invalid_confirmation(language))
        # Answered at the subscribed address: the one the token was sent to.
        if command.kind == "confirm_stop":
            remaining = await self._store.unsubscribe(
                "email", subscriber.address, command.countries or None
            )
            log.info("subscriber %d: stop confirmed by reply", subscriber.id)
            return Reply(subscriber.address, replies.stopped(remaining, subscriber.language))
        await self._store.confirm(subscriber.id)
        log.info("subscriber %d: confirmed", subscriber.id)
        return Reply(subscriber.address, replies.confirmed(replace(subscriber, confirmed=True)))

    async def _stop(
        self, command: MailCommand, found: Subscriber, mail: EmailMessage, language: str
    ) -> Reply:
        trust = await self._stop_trust(found, mail)
        if trust is None:
            log.info("subscriber %d: stop waits for a reply (sender not proven)", found.id)
            token = await self._token(found)
            return Reply(
                found.address, replies.stop_request(command.countries, token, language), "stop"
            )
        remaining = await self._store.unsubscribe("email", found.address, command.countries or None)
        log.info(
            "subscriber %d: stop, %s (%s)", found.id, trust, "kept" if remaining else "forgotten"
        )
        return Reply(found.address, replies.stopped(remaining, language))

    async def _stop_trust(self, subscriber: Subscriber, mail: EmailMessage) -> str | None:
        """Why a STOP from this mail can act at once; None when nothing shows it is genuine."""
        threading = [
            str(value) for name in ("In-Reply-To", "References") for value in mail.get_all(name, [])
        ]
        if references_our_mail(await self._identity_(), subscriber, threading):
            return "a reply to our mail"
        if from_authenticated(mail, self._trusted_servers):
            return "sender authenticated"
        return None

    async def _status(
        self, command: MailCommand, subscriber: Subscriber | None, language: str
    ) -> OutgoingMessage:
        countries = command.countries or tuple(sorted(subscriber.countries if subscriber else ()))
        if not countries:
            return replies.not_subscribed(language)
        events = {
            code: list(await self._store.recent_events(code, STATUS_EVENTS)) for code in countries
        }
        figures = {
            (event.country, event.service): figure
            for found in events.values()
            for event in found
            if self._figures is not None
            and (figure := self._figures(event.country, event.service)) is not None
        }
        return replies.status(subscriber, events, language, figures)

    async def _follow_language(self, subscriber: Subscriber, command: MailCommand) -> Subscriber:
        """A command word in Russian, Turkmen... makes that the subscriber's language."""
        wanted = command.language
        if wanted is None or wanted == "en" or wanted == subscriber.language:
            return subscriber
        await self._store.set_language(subscriber.id, wanted)
        return replace(subscriber, language=wanted)

    async def _token(self, subscriber: Subscriber) -> str:
        """The subscriber's one token: the same in every confirmation."""
        token = await self._store.token_of(subscriber.id)
        if token is None:
            token = new_token()
            await self._store.set_token(subscriber.id, token)
        return token

    async def _identity_(self) -> MailIdentity:
        if self._identity is None:
            domain = self._command_address.rpartition("@")[2]
            self._identity = MailIdentity(
                domain, self._command_address, None, await self._store.mail_secret()
            )
        return self._identity

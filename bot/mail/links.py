"""Who our mail says it is from, and the links and headers every alert carries. Pure.

One-click unsubscribe tokens are signed, not stored: "ID-SIGNATURE", the signature an
HMAC-SHA256 of the subscriber id under the service's secret (storage: mail_secret). They are
unguessable, cost no write per mail, and stay valid as long as the subscription; a person who
subscribes again gets a new id, so an old link never ends a new subscription.

Message-IDs are deterministic per (event, subscriber): an alert sent twice after a crash has
the same Message-ID, and mail clients show it once. A mail that tells several events (a story,
bot/core/story.py) is named by its lead event, and the outbox records that name for each event
it carried (storage: outbox.message_event). So a later alert of a story (the unblock after the
block) names the Message-ID of the mail that told its start in In-Reply-To and References, and
clients thread it under that one. Each Message-ID also carries
a tag signed for its subscriber, so a reply that references one proves its writer received
our mail (`references_our_mail`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from bot.core.models import Subscriber

__all__ = [
    "MailIdentity",
    "alert_headers",
    "digest_headers",
    "references_our_mail",
    "subscriber_of",
    "unsubscribe_token",
]

_TOKEN = re.compile(r"^(\d{1,18})-([A-Za-z0-9_-]{20})$")


@dataclass(frozen=True, slots=True)
class MailIdentity:
    """The service as its mail presents it."""

    domain: str  # of Message-IDs and List-Id: the domain of MAIL_FROM
    command_address: str  # where commands go: Reply-To and the mailto unsubscribe
    public_url: str | None  # base of the web endpoint; None: no https unsubscribe link
    secret: bytes = field(repr=False)

    def unsubscribe_url(self, subscriber: Subscriber) -> str | None:
        if self.public_url is None:
            return None
        return f"{self.public_url}/unsubscribe/{unsubscribe_token(self.secret, subscriber.id)}"


def unsubscribe_token(secret: bytes, subscriber_id: int) -> str:
    """ "42-" and 20 URL-safe characters (120 bits of HMAC): fits the web endpoint's route."""
    return f"{subscriber_id}-{_sign(secret, f'unsubscribe:{subscriber_id}', 15)}"


def subscriber_of(secret: bytes, token: str) -> int | None:
    """The subscriber id a token was made for, or None when it was not made by us."""
    found = _TOKEN.match(token)
    if found is None:
        return None
    subscriber_id = int(found.group(1))
    expected = unsubscribe_token(secret, subscriber_id)
    return subscriber_id if hmac.compare_digest(expected, token) else None


def alert_headers(
    identity: MailIdentity, event_id: int, subscriber: Subscriber, replies_to: Sequence[int] = ()
) -> dict[str, str]:
    """Message-ID, threading and list headers of one alert to one subscriber.

    `event_id` names the alert: a story's lead (bot/core/story.py), whose id then stands for
    every event the mail tells. `replies_to` are the events whose alerts this one continues
    (Story.thread_roots: the block before this unblock, or the lead of the story that told
    it): it replies to the first and references them all, whether or not this subscriber got
    them (a client shows a missing parent as an empty thread root).
    """
    headers = {"Message-ID": _alert_id(identity, event_id, subscriber)}
    parents = [
        _alert_id(identity, parent, subscriber) for parent in replies_to if parent != event_id
    ]
    if parents:
        headers |= {"In-Reply-To": parents[0], "References": " ".join(parents)}
    return {**headers, **list_headers(identity, subscriber)}


def references_our_mail(
    identity: MailIdentity, subscriber: Subscriber, headers: Iterable[str]
) -> bool:
    """Whether In-Reply-To / References values name a mail we sent to this subscriber.

    Only that subscriber's mailbox holds such an id (its tag is signed with our secret), so a
    mail naming one comes from someone who reads that mailbox: a reply to an alert.
    """
    ending = f".{_tag(identity, subscriber)}@{identity.domain}>".lower()
    ids = " ".join(headers).lower().split()
    return any(found.startswith("<") and found.endswith(ending) for found in ids)


def digest_headers(
    identity: MailIdentity, event_ids: list[int], subscriber: Subscriber
) -> dict[str, str]:
    tag = _tag(identity, subscriber)
    span = f"{min(event_ids)}-{max(event_ids)}" if event_ids else "0"
    return {
        "Message-ID": f"<digest.{span}.{tag}@{identity.domain}>",
        **list_headers(identity, subscriber),
    }


def list_headers(identity: MailIdentity, subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369/2919 list headers, and RFC 8058 one-click when there is an https link."""
    mailto = f"mailto:{identity.command_address}?subject={quote('STOP')}"
    headers = {
        "List-Id": f"Blockwatch alerts <alerts.{identity.domain}>",
        "Reply-To": identity.command_address,
        "List-Unsubscribe": f"<{mailto}>",
    }
    url = identity.unsubscribe_url(subscriber)
    if url is not None:
        headers["List-Unsubscribe"] = f"<{mailto}>, <{url}>"
        if url.startswith("https://"):  # RFC 8058 requires https for one-click
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _alert_id(identity: MailIdentity, event_id: int, subscriber: Subscriber) -> str:
    return f"<alert.{event_id}.{_tag(identity, subscriber)}@{identity.domain}>"


def _tag(identity: MailIdentity, subscriber: Subscriber) -> str:
    """Stands for the subscriber in Message-IDs without revealing its id."""
    return _sign(identity.secret, f"message-id:{subscriber.id}", 6).lower().replace("_", "x")


def _sign(secret: bytes, text: str, size: int) -> str:
    digest = hmac.new(secret, text.encode(), hashlib.sha256).digest()[:size]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")

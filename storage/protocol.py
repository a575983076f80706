"""The storage the service needs, as a protocol: the pipeline and the bot depend on this only.

`SQLiteStorage` and `PostgresStorage` implement it (storage/store.py). Every method that
writes commits before it returns, so whatever a caller has been told is stored survives a
crash. The records these methods take and give (Placement, NewEntry, Stored, Correspondence...)
are the domain's, in bot/core/records.py: storage imports nothing of ours but bot.core.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from typing import Protocol

from bot.core.models import (
    Channel,
    Delivery,
    Entry,
    Event,
    EventKey,
    EventReport,
    FeedState,
    Preferences,
    Subscriber,
)
from bot.core.records import Correspondence, NewEntry, ReplyKind, Stored
from storage.article_protocol import MailSourceStorage


class Storage(MailSourceStorage, Protocol):
    # --- several instances on one database (storage/shared.py) ------------------------------
    async def claim(self, task: str, now: datetime, until: datetime) -> bool:
        """True when this instance is the one to do `task` now (nobody else holds it until
        `until`). Always true where one instance has the database (SQLite)."""
        ...

    def leader(self, role: str, *, wait: bool = True) -> AbstractAsyncContextManager[bool]:
        """Held while this instance alone does `role` (the mailbox, Telegram's updates): True
        once it leads; with `wait=False`, False at once when another instance does."""
        ...

    def exclusive(self, name: str) -> AbstractAsyncContextManager[None]:
        """Held by one instance at a time on the database: for work that reads, then writes
        what it read (placing new reports into events). Nothing to wait for on SQLite."""
        ...

    def send_budget(self, channel: Channel) -> Callable[[int, float], Awaitable[float]] | None:
        """(sends, per second) -> seconds until the first may go: the channel's pace shared
        with the other instances on the database; None where there are none (SQLite)."""
        ...

    # --- feeds -----------------------------------------------------------------------------
    async def feed_state(self, url: str) -> FeedState | None: ...

    async def save_feed_state(self, state: FeedState) -> None: ...

    # --- entries and events -----------------------------------------------------------------
    async def open_events(self, keys: Iterable[EventKey], since: datetime) -> Sequence[Event]:
        """Events with one of these (country, service, action, scope) keys, seen since `since`."""
        ...

    async def unseen_entries(
        self, entries: Sequence[Entry], *, now: datetime | None = None
    ) -> list[Entry]:
        """The entries not stored yet (neither the same feed + key nor the same story, url_key),
        in their order.

        Of several entries in the list telling the same story, only the first is returned.
        With `now`, those stored are marked seen (storage/retention.py).
        """
        ...

    async def record_entries(self, batch: Sequence[NewEntry], *, now: datetime) -> Stored:
        """Store a feed's new entries and their alerts in one transaction.

        New events are opened (a placement's provisional id -k names the batch's k-th new
        event), sources added to existing ones, and for each entry that `notify`s one outbox
        row queued per subscriber of each new event's country. A crash leaves either all of it
        or none of it.
        """
        ...

    async def event_report(self, event_id: int) -> EventReport: ...

    async def recent_events(self, country: str | None, limit: int) -> Sequence[Event]: ...

    # --- subscribers ------------------------------------------------------------------------
    async def subscribe(
        self, channel: Channel, address: str, countries: Iterable[str], *, language: str = "en"
    ) -> Subscriber:
        """Add countries to a subscriber (created, or revived if inactive)."""
        ...

    async def unsubscribe(
        self, channel: Channel, address: str, countries: Iterable[str] | None = None
    ) -> Subscriber | None:
        """Remove these countries, or all of them (None): with none left, forget the subscriber."""
        ...

    async def subscriber(self, channel: Channel, address: str) -> Subscriber | None: ...

    async def subscribers(self) -> Sequence[Subscriber]: ...

    async def set_active(self, subscriber_id: int, active: bool) -> None: ...

    async def change_address(self, subscriber_id: int, new_address: str) -> None: ...

    # --- outbox -----------------------------------------------------------------------------
    # How long a claim on outbox rows lasts unless renewed (storage/shared.py): rows a killed
    # instance held are sent by another this long after it last renewed them.
    claim_lease: timedelta

    async def due_deliveries(
        self, channel: Channel, now: datetime, limit: int
    ) -> Sequence[Delivery]:
        """Pending rows whose retry time has come, for active subscribers, oldest first:
        every due row of the `limit` subscribers that have waited longest. Where several
        instances share the database they are claimed, each Delivery carrying its `claim`:
        no other instance reads them until the claim is marked away or its lease ends."""
        ...

    async def renew_claim(self, claim: str, now: datetime) -> frozenset[int]:
        """Of the rows claimed under `claim`, those still held (pending, and not taken by
        another instance since the lease ended), each now held until `now` + claim_lease."""
        ...

    # Marks end a row's claim. Given the row's `claim`, a mark changes only rows still held
    # under it: never one another instance took after the lease ended (it is that one's now).

    async def mark_delivered(
        self,
        subscriber_id: int,
        delivery_ids: Sequence[int],
        now: datetime,
        message_event: int | None = None,
        *,
        claim: str | None = None,
    ) -> None:
        """The server accepted one message carrying these rows: mark them sent, each with the
        event that names the message (`message_event`: a story's lead, bot/core/story.py; None
        for a digest), and reset the subscriber's count of refusals in a row (`note_refusal`),
        in one transaction."""
        ...

    async def message_events(self, subscriber_id: int, event_ids: Iterable[int]) -> dict[int, int]:
        """Of these events, those a message already told the subscriber, each with the event
        that message was named by (`mark_delivered`): what a later mail replies to."""
        ...

    async def mark_retry(
        self, delivery_id: int, reason: str, retry_at: datetime, *, claim: str | None = None
    ) -> None: ...

    async def mark_failed(
        self, delivery_id: int, reason: str, *, claim: str | None = None
    ) -> None: ...

    async def note_refusal(self, subscriber_id: int, limit: int) -> bool:
        """Count a permanent refusal; at `limit` in a row the address stops getting mail."""
        ...

    async def close(self) -> None: ...

    # --- board and bot queries (telegram UI) ----------------------------------------------
    async def events_for_country(self, country: str, since: datetime) -> Sequence[Event]:
        """Every event of a country seen since `since`, newest first (for its status board)."""
        ...

    async def set_preferences(self, subscriber_id: int, prefs: Preferences) -> Subscriber: ...

    async def set_language(self, subscriber_id: int, language: str) -> None: ...

    async def forget(self, subscriber_id: int) -> None:
        """Delete the subscriber and everything queued for it."""
        ...


# --- commands by email (bot/mail/inbox/reader.py, bot/mail/unsubscribe.py) -------------------


class MailStorage(Storage, Protocol):
    """What answering mail and the one-click unsubscribe need beyond Storage."""

    async def subscribe(
        self,
        channel: Channel,
        address: str,
        countries: Iterable[str],
        *,
        language: str = "en",
        confirmed: bool = True,
    ) -> Subscriber:
        """As Storage.subscribe; `confirmed=False` waits for the person's double opt-in."""
        ...

    async def mail_handled(self, message_id: str) -> bool:
        """Whether the mail with this Message-ID was answered already."""
        ...

    async def record_mail_handled(self, message_id: str, now: datetime) -> None: ...

    async def token_of(self, subscriber_id: int) -> str | None: ...

    async def set_token(self, subscriber_id: int, token: str) -> None: ...

    async def subscriber_by_token(self, token: str) -> Subscriber | None: ...

    async def confirm(self, subscriber_id: int) -> None: ...

    async def mail_secret(self) -> bytes:
        """The key that signs one-click unsubscribe links (made on first use)."""
        ...

    # Reply limits: `correspondent` is a keyed hash of an address, never the address.
    async def mail_correspondence(self, correspondent: str, since: datetime) -> Correspondence:
        """The answers sent to this correspondent since `since`, and the loop breaker's state."""
        ...

    async def mail_replies_since(self, since: datetime) -> int:
        """How many answers were sent to anyone since `since`."""
        ...

    async def record_mail_reply(self, correspondent: str, kind: ReplyKind, now: datetime) -> None:
        """Count an answer sent (which ends a run of deferrals)."""
        ...

    async def note_mail_deferral(self, correspondent: str, now: datetime) -> int:
        """Count an answer the SMTP server put off; how many in a row now."""
        ...

    async def save_mail_correspondent(
        self, correspondent: str, quick_mails: int, muted_until: datetime | None, now: datetime
    ) -> None:
        """The loop breaker's state after a mail from this correspondent arrived `now`."""
        ...

    async def prune_mail_limits(self, before: datetime) -> None:
        """Forget answers sent before `before`, and correspondents silent since then."""
        ...

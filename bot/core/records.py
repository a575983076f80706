"""What the domain and storage hand each other: where a new entry's alerts go, what storing a
batch did, and what the reply limits know of a correspondent. Defined here, below both, so
storage (storage/protocol.py) and the domain (bot/core/events.py, bot/core/review.py) share
them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.core.models import Alert, Entry, Event

# The service id of an event that carries a moderator's announcement, not a detected report.
ANNOUNCEMENT = "announcement"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one alert of an entry goes: into an existing event, or a new one."""

    alert: Alert
    # None: open a new event for this alert. Within one `record_entries` batch, -k names the
    # event opened by the batch's k-th new placement (bot.core.events.place_batch).
    event_id: int | None
    # A new event only: why it waits for a moderator (bot/core/review.py); empty: it goes out at
    # once.
    review: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry not stored yet, with where its alerts go and whether to wake subscribers."""

    entry: Entry
    placements: tuple[Placement, ...] = ()
    notify: bool = True


@dataclass(frozen=True, slots=True)
class Stored:
    """What `record_entries` did with a batch of new entries."""

    entries: int
    new_events: tuple[Event, ...] = ()  # events the batch opened
    # Existing events the batch added sources to: ids only, as nothing downstream reads them
    # and reading each one back cost a query per merged event (bench/poll.py).
    merged_ids: tuple[int, ...] = ()
    deliveries: int = 0  # outbox rows queued for the new events


# --- commands by email (bot/mail/inbox/limits.py) -------------------------------------------

# An answer to a mail: a plain one, or a request to confirm a subscription or a STOP.
ReplyKind = Literal["answer", "confirm", "stop", "article"]  # article: ARTICLE's answer


@dataclass(frozen=True, slots=True)
class Correspondence:
    """What the reply limits (bot/mail/inbox/limits.py) know of one correspondent."""

    replies: tuple[tuple[ReplyKind, datetime], ...] = ()  # answers to it in the window, in order
    quick_mails: int = 0  # its mails in a row that came within moments of our answer
    muted_until: datetime | None = None  # the loop breaker: no answer before then

"""What crosses the boundary between the moderators' commands and storage. Pure data.

Moderators are Telegram users: their ids are not subscribers' data, but they are still people
who may be at risk, so they too are logged at DEBUG only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.core.models import Event, Evidence

Review = Literal["pending", "approved", "rejected"]
# The user id that stands for the operator at the command line in the audit log.
OPERATOR = 0


@dataclass(frozen=True, slots=True)
class Moderator:
    """A moderator added at runtime; those of BLOCKWATCH_MODERATORS are not stored."""

    user_id: int
    added_by: int  # OPERATOR: added at the command line
    added_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One moderator action."""

    at: datetime
    actor_id: int
    action: str
    detail: str


@dataclass(frozen=True, slots=True)
class CaseSource:
    """One report of an event under review, with what the detector saw in it."""

    source: str  # the feed's display name
    feed_url: str
    title: str
    link: str | None
    evidence: Evidence | None


@dataclass(frozen=True, slots=True)
class ReviewCase:
    """An event as a moderator reviews it: the event, its state and its evidence."""

    event: Event
    review: Review | None  # None: it never needed review
    reasons: tuple[str, ...]  # bot.core.review signals that held it
    sources: tuple[CaseSource, ...]
    reviewed_by: int | None = None  # None with review "approved": a second source released it


@dataclass(frozen=True, slots=True)
class Audience:
    """Subscribers of one country on one channel, by state."""

    country: str
    channel: str
    active: int = 0
    paused: int = 0  # their own /stop or STOP
    inactive: int = 0  # unreachable (blocked the bot, bouncing) or not yet confirmed


@dataclass(frozen=True, slots=True)
class DeliveryCounts:
    """Outbox rows created in a period, by what became of them."""

    sent: int = 0
    failed: int = 0
    pending: int = 0  # waiting for their time, or retrying
    held: int = 0  # waiting for a moderator's review


@dataclass(frozen=True, slots=True)
class Stats:
    audience: tuple[Audience, ...]
    last_day: DeliveryCounts
    last_week: DeliveryCounts


@dataclass(frozen=True, slots=True)
class VocabChange:
    """A moderator's change to one list of action words of one language."""

    language: str  # ISO 639-1
    list: str  # block, block_weak, throttle or unblock
    pattern: str
    added: bool  # False: one of the files' patterns taken out
    changed_by: int
    changed_at: datetime

"""What the operator's /metrics reads from the database at each scrape: counts that survive a
restart, unlike a process's own counters. Pure data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.models import Channel

# An outbox row's state as /metrics tells it: "held" is a pending row whose event waits for a
# moderator (bot/core/review.py), so not yet due.
AlertState = str  # "sent", "failed", "pending", "held"
ALERT_STATES: tuple[AlertState, ...] = ("sent", "failed", "pending", "held")


@dataclass(frozen=True, slots=True)
class ServiceTally:
    items: int = 0  # feed items stored
    events: int = 0
    alerts: Mapping[tuple[Channel, AlertState], int] = field(default_factory=dict)
    oldest_pending: datetime | None = None  # queued time of the oldest row due and not sent

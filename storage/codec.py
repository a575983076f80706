"""Conversions between SQLite rows and the service's dataclasses."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, cast

from bot.core.models import (
    ACTIONS,
    Action,
    Channel,
    Event,
    EventSource,
    Evidence,
    Frequency,
    Preferences,
    Scope,
    Subscriber,
)


def to_iso(moment: datetime | None) -> str | None:
    """Aware datetimes as UTC ISO strings, which sort correctly as text."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: Blockwatch stores aware UTC times only")
    return moment.astimezone(UTC).isoformat()


def from_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def event_from_row(row: Sequence[Any]) -> Event:
    return Event(
        id=row[0],
        country=row[1],
        service=row[2],
        action=cast(Action, row[3]),
        first_seen=datetime.fromisoformat(row[4]),
        last_seen=datetime.fromisoformat(row[5]),
        source_count=row[6],
        scope=cast(Scope, row[7]),
    )


def source_from_row(row: Sequence[Any]) -> EventSource:
    return EventSource(
        source=row[0],
        title=row[1],
        link=row[2],
        excerpt=row[3],
        published=from_iso(row[4]),
        language=row[5],
        entry_id=row[6],
    )


# The columns subscriber_from_row reads, in order.
SUBSCRIBER_COLUMNS = (
    "id, channel, address, language, active, confirmed, services, actions, frequency,"
    " digest_hour, digest_weekday, timezone, quiet_start, quiet_end, topic_id, paused"
)


def subscriber_from_row(row: Sequence[Any], countries: Sequence[str]) -> Subscriber:
    quiet = (row[12], row[13]) if row[12] is not None and row[13] is not None else None
    prefs = Preferences(
        services=frozenset(row[6].split(",")) if row[6] is not None else None,
        actions=frozenset(cast(Action, a) for a in row[7].split(",") if a),
        frequency=cast(Frequency, row[8]),
        digest_hour=row[9],
        digest_weekday=row[10],
        timezone=row[11],
        quiet_hours=quiet,
        topic_id=row[14],
        paused=bool(row[15]),
    )
    return Subscriber(
        id=row[0],
        channel=cast(Channel, row[1]),
        address=row[2],
        language=row[3],
        active=bool(row[4]),
        confirmed=bool(row[5]),
        countries=frozenset(countries),
        prefs=prefs,
    )


def preference_values(prefs: Preferences) -> tuple[object, ...]:
    """The values for PREFERENCE_ASSIGNMENTS, in order."""
    quiet_start, quiet_end = prefs.quiet_hours or (None, None)
    return (
        ",".join(sorted(prefs.services)) if prefs.services is not None else None,
        ",".join(a for a in ACTIONS if a in prefs.actions),
        prefs.frequency,
        prefs.digest_hour,
        prefs.digest_weekday,
        prefs.timezone,
        quiet_start,
        quiet_end,
        prefs.topic_id,
        int(prefs.paused),
    )


PREFERENCE_ASSIGNMENTS = (
    "services = ?, actions = ?, frequency = ?, digest_hour = ?, digest_weekday = ?,"
    " timezone = ?, quiet_start = ?, quiet_end = ?, topic_id = ?, paused = ?"
)


def evidence_json(evidence: Evidence | None) -> str | None:
    return json.dumps(asdict(evidence), ensure_ascii=False) if evidence else None

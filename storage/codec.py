"""Conversions between SQLite rows and the service's dataclasses."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, cast

from bot.models import Action, Channel, Event, EventSource, Evidence, Subscriber


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
        id=row[0], country=row[1], service=row[2], action=cast(Action, row[3]),
        first_seen=datetime.fromisoformat(row[4]), last_seen=datetime.fromisoformat(row[5]),
        source_count=row[6],
    )


def source_from_row(row: Sequence[Any]) -> EventSource:
    return EventSource(
        source=row[0], title=row[1], link=row[2], excerpt=row[3], published=from_iso(row[4]),
        language=row[5],
    )


def subscriber_from_row(row: Sequence[Any], countries: Sequence[str]) -> Subscriber:
    return Subscriber(
        id=row[0], channel=cast(Channel, row[1]), address=row[2], language=row[3],
        active=bool(row[4]), countries=frozenset(countries),
    )


def evidence_json(evidence: Evidence | None) -> str | None:
    return json.dumps(asdict(evidence), ensure_ascii=False) if evidence else None

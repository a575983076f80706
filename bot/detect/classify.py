"""`blockwatch classify`: JSON lines in, one JSON line out per input, in input order.

    in:  {"id", "title", "summary", "lang"?, "published"?, "country"?}
    out: {"id", "alerts": [{"country", "service", "action", "scope"}], "event"}
         with explain, each alert also has "evidence": {sentence, country_words, ...}
    bad: no output line; a LineError (line number, reason) for stderr, and the batch goes on

`event` groups inputs that report the same happening, with the service's own clustering
(bot.core.events.place_alerts): items are placed oldest first, undated ones last (they merge by
(country, service, action) alone). An item whose alerts land in several events reports the
lowest event id, so the choice does not depend on alert order.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from bot.core.countries import country_problem
from bot.core.events import place_alerts
from bot.core.models import Alert, Event, EventKey, ItemText
from bot.detect import Detector

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # first_seen of events opened by undated items
_JSON_TYPES = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


@dataclass(frozen=True, slots=True)
class LineError:
    """An input line that is not an item: `line` counts from 1, blank lines included."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Classified:
    output: list[str]  # one JSON line per good input line, in input order
    errors: list[LineError]


@dataclass(frozen=True, slots=True)
class _Parsed:
    index: int
    item: ItemText | None
    error: str | None = None


def classify_lines(
    lines: Iterable[str], detector: Detector, *, explain: bool = False
) -> Classified:
    """Classify every JSON line; the output once all are read (event grouping needs every
    date first), and the lines that were not items."""
    parsed = [_parse(index, line) for index, line in enumerate(lines) if line.strip()]
    alerts = {p.index: detector.detect(p.item) for p in parsed if p.item is not None}
    events = _group(parsed, alerts)
    output = [
        json.dumps(
            {
                "id": p.item.id,
                "alerts": [_alert_json(alert, explain) for alert in alerts[p.index]],
                "event": events.get(p.index),
            },
            ensure_ascii=False,
        )
        for p in parsed
        if p.item is not None
    ]
    errors = [LineError(p.index + 1, p.error or "unreadable") for p in parsed if p.item is None]
    return Classified(output, errors)


def _parse(index: int, line: str) -> _Parsed:
    """One input line as an item, or the reason it is not one."""
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return _Parsed(index, None, f"not a JSON object ({exc.msg} at column {exc.colno})")
    if not isinstance(data, dict):
        return _Parsed(index, None, f"not a JSON object (a JSON {_JSON_TYPES[type(data)]})")
    fields = {name: data.get(name) for name in ("id", "title", "summary", "lang", "country")}
    if fields["id"] is None or not all(
        value is None or isinstance(value, str | int) for value in fields.values()
    ):
        return _Parsed(index, None, "need an id, and title/summary/lang/country as strings")
    country = str(fields["country"]) if fields["country"] else None
    problem = country_problem(country) if country else None
    if problem is not None:
        return _Parsed(index, None, f"country: {problem}")
    return _Parsed(
        index,
        ItemText(
            id=str(fields["id"]),
            title=str(fields["title"] or ""),
            summary=str(fields["summary"] or ""),
            language=str(fields["lang"]) if fields["lang"] else None,
            published=_date(data.get("published")),
            country_hint=country.upper() if country else None,
        ),
    )


def _date(value: object) -> datetime | None:
    """An ISO date or datetime as aware UTC; None when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _group(parsed: list[_Parsed], alerts: dict[int, list[Alert]]) -> dict[int, int]:
    """Event id of each input with alerts, placing items oldest first, undated last."""
    items = [p for p in parsed if p.item is not None and alerts[p.index]]
    items.sort(
        key=lambda p: (
            p.item is None or p.item.published is None,
            p.item.published if p.item and p.item.published else _EPOCH,
            p.index,
        )
    )
    events: dict[int, Event] = {}
    ids_by_key: dict[EventKey, list[int]] = defaultdict(list)  # so an item scans only its keys
    result: dict[int, int] = {}
    for p in items:
        assert p.item is not None  # filtered above; narrows the type for mypy
        when = p.item.published
        keys = {alert.key for alert in alerts[p.index]}
        candidates = [events[i] for k in keys for i in ids_by_key[k]]
        ids = []
        for placement in place_alerts(alerts[p.index], when, candidates):
            event_id = placement.event_id or len(events) + 1
            if event_id not in events:
                ids_by_key[placement.alert.key].append(event_id)
            events[event_id] = _touch(events.get(event_id), placement.alert, event_id, when)
            ids.append(event_id)
        result[p.index] = min(ids)
    return result


def _touch(event: Event | None, alert: Alert, event_id: int, when: datetime | None) -> Event:
    """The event after one more report: opened, or widened to include the report's time."""
    seen = when or (event.last_seen if event else _EPOCH)
    if event is None:
        return Event(
            event_id, alert.country, alert.service, alert.action, seen, seen, scope=alert.scope
        )
    return replace(
        event,
        first_seen=min(event.first_seen, seen),
        last_seen=max(event.last_seen, seen),
        source_count=event.source_count + 1,
    )


def _alert_json(alert: Alert, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "country": alert.country,
        "service": alert.service,
        "action": alert.action,
        "scope": alert.scope,
    }
    if alert.evidence is not None:
        out["confidence"] = alert.evidence.confidence
    if explain and alert.evidence is not None:
        evidence = alert.evidence
        out["evidence"] = {
            "sentence": evidence.sentence,
            "country_words": list(evidence.country_words),
            "service_words": list(evidence.service_words),
            "action_words": list(evidence.action_words),
            "signals": list(evidence.signals),
            "words": list(evidence.words),
        }
    return out

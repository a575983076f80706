"""`blockwatch classify`: JSON lines in, one JSON line out per input, in input order.

    in:  {"id", "title", "summary", "lang"?, "published"?, "country"?}
    out: {"id", "alerts": [{"country", "service", "action", "scope"}], "event"}
         with explain, each alert also has "evidence": {sentence, country_words, ...}
    bad: {"id": null, "error": "..."}: the batch goes on

`event` groups inputs that report the same happening, with the service's own clustering
(bot.events.place_alerts): items are placed oldest first, undated ones last (they merge by
(country, service, action) alone). An item whose alerts land in several events reports the
lowest event id, so the choice does not depend on alert order.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from bot.events import place_alerts
from bot.match import Detector
from bot.models import Alert, Event, EventKey, ItemText

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # first_seen of events opened by undated items


@dataclass(frozen=True, slots=True)
class _Parsed:
    index: int
    item: ItemText | None
    error: str | None = None


def classify_lines(
    lines: Iterable[str], detector: Detector, *, explain: bool = False
) -> Iterator[str]:
    """Classify every JSON line; yields the output lines in input order once all are read
    (event grouping needs every date first)."""
    parsed = [_parse(index, line) for index, line in enumerate(lines) if line.strip()]
    alerts = {p.index: detector.detect(p.item) for p in parsed if p.item is not None}
    events = _group(parsed, alerts)
    for p in parsed:
        if p.item is None:
            yield json.dumps({"id": None, "error": p.error}, ensure_ascii=False)
            continue
        found = alerts[p.index]
        yield json.dumps({
            "id": p.item.id,
            "alerts": [_alert_json(alert, explain) for alert in found],
            "event": events.get(p.index),
        }, ensure_ascii=False)


def _parse(index: int, line: str) -> _Parsed:
    """One input line as an item, or the reason it is not one."""
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return _Parsed(index, None, f"invalid JSON: {exc}")
    if not isinstance(data, dict):
        return _Parsed(index, None, "expected a JSON object")
    fields = {name: data.get(name) for name in ("id", "title", "summary", "lang", "country")}
    if fields["id"] is None or not all(
        value is None or isinstance(value, str | int) for value in fields.values()
    ):
        return _Parsed(index, None, "need an id, and title/summary/lang as strings")
    return _Parsed(index, ItemText(
        id=str(fields["id"]),
        title=str(fields["title"] or ""),
        summary=str(fields["summary"] or ""),
        language=str(fields["lang"]) if fields["lang"] else None,
        published=_date(data.get("published")),
        country_hint=str(fields["country"]).upper() if fields["country"] else None,
    ))


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
    items.sort(key=lambda p: (p.item is None or p.item.published is None,
                              p.item.published if p.item and p.item.published else _EPOCH,
                              p.index))
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
        return Event(event_id, alert.country, alert.service, alert.action, seen, seen,
                     scope=alert.scope)
    return replace(
        event, first_seen=min(event.first_seen, seen), last_seen=max(event.last_seen, seen),
        source_count=event.source_count + 1,
    )


def _alert_json(alert: Alert, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"country": alert.country, "service": alert.service,
                           "action": alert.action, "scope": alert.scope}
    if explain and alert.evidence is not None:
        evidence = alert.evidence
        out["evidence"] = {
            "sentence": evidence.sentence,
            "country_words": list(evidence.country_words),
            "service_words": list(evidence.service_words),
            "action_words": list(evidence.action_words),
        }
    return out

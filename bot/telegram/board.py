"""The status board of a country: where each service stands now, from its events. Pure.

For each service the newest event decides: a block means "blocked" (or "partly blocked" when
only a feature or a region is), a throttle "throttled", an unblock "restored". A service that
was restored more than `RESTORED_SHOWN` ago drops off: good news goes stale, bad news stays up
until it is undone.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.core.display import flag
from bot.core.models import Action, Event
from bot.core.ooni import OoniFigure
from bot.telegram.catalogues import N_, translate
from bot.telegram.measured import ooni_line
from bot.telegram.pack import Section
from bot.telegram.wording import country_label, date_in, service_in

State = Literal["blocked", "partly blocked", "throttled", "restored"]

RESTORED_SHOWN = timedelta(days=30)
# Worst first, so a reader sees what is down before what came back.
_ORDER: dict[State, int] = {"blocked": 0, "partly blocked": 1, "throttled": 2, "restored": 3}
_LABELS: dict[State, str] = {
    "blocked": N_("blocked"),
    "partly blocked": N_("partly blocked"),
    "throttled": N_("throttled"),
    "restored": N_("restored"),
}


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One service on a country's board."""

    country: str
    service: str
    state: State
    since: datetime  # first_seen of the event that decided the state
    sources: int  # how many reports that event has
    event_id: int = 0  # the event that decided the state (the status site links its reports)


def state_of(event: Event) -> State:
    """What an event says about its service now."""
    if event.action == "block":
        return "partly blocked" if event.scope == "partial" else "blocked"
    return "throttled" if event.action == "throttle" else "restored"


def build_board(events: Sequence[Event], now: datetime) -> list[BoardRow]:
    """One row per (country, service): the newest event's state, worst first, then by name."""
    newest: dict[tuple[str, str], Event] = {}
    for event in events:
        key = (event.country, event.service)
        current = newest.get(key)
        # Ties on time go to the later id: it was recorded after, so it is the news.
        if current is None or (event.last_seen, event.id) > (current.last_seen, current.id):
            newest[key] = event
    rows = [
        BoardRow(
            event.country,
            event.service,
            state_of(event),
            event.first_seen,
            event.source_count,
            event.id,
        )
        for event in newest.values()
    ]
    fresh = [row for row in rows if row.state != "restored" or now - row.since <= RESTORED_SHOWN]
    return sorted(fresh, key=lambda row: (row.country, _ORDER[row.state], row.service))


def state_label(state: State, language: str) -> str:
    """ "blocked", "блокировка": a state in `language`."""
    return translate(language, _LABELS[state])


def render_board(
    country: str,
    rows: Sequence[BoardRow],
    language: str,
    zone: str = "UTC",
    figures: Mapping[str, OoniFigure] | None = None,
) -> Section:
    """A country's board as Telegram HTML in `language`: a flag header, then a line a service
    (dates in the reader's time zone), with OONI's figure of the service under it when
    `figures` (by service) has one. A section, so a long board splits between services."""
    header = f"{flag(country)} <b>{html.escape(country_label(country, language))}</b>".strip()
    if not rows:
        return Section((translate(language, "Nothing blocked or throttled is reported."),), header)
    found = figures or {}
    return Section(
        tuple(_row_line(row, language, zone, found.get(row.service)) for row in rows), header
    )


_ACTION_OF: dict[State, Action] = {
    "blocked": "block",
    "partly blocked": "block",
    "throttled": "throttle",
    "restored": "unblock",
}


def _row_line(row: BoardRow, language: str, zone: str, figure: OoniFigure | None = None) -> str:
    state = state_label(row.state, language)
    detail = translate(
        language,
        "since {date}; sources: {count}",
        date=date_in(row.since, language, zone),
        count=row.sources,
    )
    line = (
        f"• {html.escape(service_in(row.service, language))}: <b>{state}</b>"
        f" ({html.escape(detail)})"
    )
    measured = ooni_line(figure, _ACTION_OF[row.state], language)
    return f"{line}\n  {measured}" if measured else line

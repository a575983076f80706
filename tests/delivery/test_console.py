"""The console channel's rendering (bot/delivery/console.py): a dry run's short block. Pure."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.models import Action, Event, EventReport, EventSource
from bot.delivery.console import render_console

SEEN = datetime(2026, 11, 23, 8, 10, tzinfo=UTC)


def source(
    name: str = "Azatlyk", title: str = "IMO blocked", link: str | None = None
) -> EventSource:
    url = link if link is not None else f"https://{name}.test/1"
    return EventSource(name, title, url, "One is here. Two is here.", SEEN, "en")


def report(
    *sources: EventSource, action: Action = "block", count: int | None = None
) -> EventReport:
    event = Event(7, "TM", "imo", action, SEEN, SEEN, count or len(sources))
    return EventReport(event, sources)


def test_console_without_sources_or_link() -> None:
    lines = render_console(report(source(link="javascript:x"), count=1)).split("\n")
    assert lines[0].endswith("(event 7, 1 source, first seen 2026-11-23 08:10 UTC)")
    assert lines[1] == "    IMO blocked (Azatlyk)"
    assert len(lines) == 2
    assert render_console(report()).count("\n") == 0


def test_console_is_one_short_block() -> None:
    text = render_console(report(source(title="Слово " * 20_000), source("B"), action="unblock"))
    lines = text.split("\n")
    assert lines[0] == (
        "[TM] Turkmenistan: IMO unblocked (event 7, 2 sources, first seen 2026-11-23 08:10 UTC)"
    )
    assert len(lines) == 3
    assert all(len(line) < 160 for line in lines)
    assert lines[2] == "    https://Azatlyk.test/1"


def test_console_counts_outlets_and_reports_not_carried() -> None:
    # Two stories from one outlet are one voice; the event counted 5 reports, 3 are carried.
    made = report(source(), source(), source("B"), count=5)
    assert "(event 7, 4 sources," in render_console(made)

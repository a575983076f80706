"""The pages rendered from data, without a server: under 30 KB whatever the data, everything
escaped, the OONI figure where one is given. Pure, table-driven."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.display import SERVICE_NAMES
from bot.core.models import Event, EventReport, EventSource
from bot.mail.mirrors import load_mirrors
from bot.site.layout import CSP, Visit
from bot.site.pages import (
    PAGE_BYTES,
    REPORTS_PER_PAGE,
    CountryBoard,
    Overview,
    ServiceLine,
    render_country,
    render_event,
    render_overview,
)
from bot.site.words import LANGUAGES
from bot.telegram.board import build_board
from tests.support.manualclock import NOW

MIRRORS = load_mirrors()
HOSTILE = "<script>alert(1)</script>\"'&"
LONG = "Ж" * 5_000  # two bytes a letter, and far longer than any title we show


def source(n: int, text: str = LONG) -> EventSource:
    # bbc.com: blocked in TM, with an onion mirror: the longest a report's line gets
    link = f"https://www.bbc.com/{'x' * 500}/{n}"
    return EventSource(text, text, link, text, NOW, "ru")


def event(n: int, country: str = "TM", service: str = "imo", sources: int = 1) -> Event:
    return Event(n, country, service, "block", NOW - timedelta(days=1), NOW, sources)


def told(n: int, sources: int, **kwargs: str) -> EventReport:
    return EventReport(
        event(n, sources=sources, **kwargs), tuple(source(i) for i in range(sources))
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_worst_country_board_stays_small(language: str) -> None:
    """Every service blocked, each with many long reports on a blocked site, and OONI's say."""
    reports = [told(i, 50, service=s) for i, s in enumerate(SERVICE_NAMES)]
    rows = build_board([r.event for r in reports], NOW)
    by_id = {r.event.id: r for r in reports}
    lines = tuple(ServiceLine(row, by_id[row.event_id], LONG[:200]) for row in rows)
    board = CountryBoard("TM", lines, tuple(r.event for r in reports))
    page = render_country(board, Visit(language, chosen=True), MIRRORS)
    assert len(page.encode()) < PAGE_BYTES
    assert "more</" in page or "…" in page  # it said that some were left out


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_worst_overview_stays_small(language: str) -> None:
    events = [
        event(i * 100 + j, country, service)
        for i, country in enumerate(["TM", "RU", "IR", "CN", "BY", "UZ", "KZ", "TJ"] * 10)
        for j, service in enumerate(SERVICE_NAMES)
    ]
    rows = tuple(build_board(events, NOW))
    page = render_overview(Overview(rows, tuple(events[:8])), Visit(language))
    assert len(page.encode()) < PAGE_BYTES


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_event_with_hundreds_of_reports_pages_them(language: str) -> None:
    many = told(7, 250)
    first = render_event(many, Visit(language), MIRRORS)
    last = render_event(many, Visit(language), MIRRORS, 13)
    beyond = render_event(many, Visit(language), MIRRORS, 99)
    assert all(len(page.encode()) < PAGE_BYTES for page in (first, last))
    assert 'href="/events/7?page=2"' in first and "?page=13" not in last
    assert beyond == last  # a page past the end shows the last one
    assert REPORTS_PER_PAGE * 12 < 250 <= REPORTS_PER_PAGE * 13


def test_everything_from_feeds_is_escaped() -> None:
    hostile = EventSource(HOSTILE, HOSTILE, f"https://a.test/?q={HOSTILE}", HOSTILE, NOW, HOSTILE)
    bad_link = EventSource("x", "t", "javascript:alert(1)", "e", NOW, "en")
    report = EventReport(event(1, sources=2), (hostile, bad_link))
    rows = build_board([report.event], NOW)
    pages = [
        render_event(report, Visit("en"), MIRRORS),
        render_country(
            CountryBoard("TM", (ServiceLine(rows[0], report, HOSTILE),), ()), Visit("ru"), MIRRORS
        ),
    ]
    for page in pages:
        assert "<script" not in page and "javascript:" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;" in page


def test_the_ooni_figure_shows_only_when_given() -> None:
    report = told(1, 1)
    row = build_board([report.event], NOW)[0]
    with_figure = CountryBoard("TM", (ServiceLine(row, report, "92% of tests failed"),), ())
    without = CountryBoard("TM", (ServiceLine(row, report),), ())
    assert "OONI: 92% of tests failed" in render_country(with_figure, Visit("en"), MIRRORS)
    assert "OONI" not in render_country(without, Visit("en"), MIRRORS)


def test_the_policy_allows_the_pages_own_style_and_nothing_else() -> None:
    directives = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert directives["default-src"] == "'none'" and directives["img-src"] == "data:"
    assert directives["style-src"].startswith("'sha256-") and "script-src" not in directives

"""The status board: which event decides a service's state, and what drops off. Table-driven."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.models import Action, Event, Scope
from bot.telegram.board import BoardRow, State, build_board, render_board
from tests.support.manualclock import NOW


def event(
    id: int,
    service: str,
    action: Action,
    days_ago: float,
    *,
    scope: Scope = "full",
    sources: int = 1,
    country: str = "TM",
) -> Event:
    when = NOW - timedelta(days=days_ago)
    return Event(
        id,
        country,
        service,
        action,
        first_seen=when - timedelta(hours=1),
        last_seen=when,
        source_count=sources,
        scope=scope,
    )


CASES = [
    ("one block", [event(1, "imo", "block", 2, sources=3)], [("imo", "blocked", 3)]),
    (
        "partial block",
        [event(1, "imo", "block", 2, scope="partial")],
        [("imo", "partly blocked", 1)],
    ),
    ("throttle", [event(1, "youtube", "throttle", 2)], [("youtube", "throttled", 1)]),
    (
        "newest wins: unblocked after a block",
        [event(1, "imo", "block", 9), event(2, "imo", "unblock", 1)],
        [("imo", "restored", 1)],
    ),
    (
        "newest wins: blocked again",
        [event(2, "imo", "unblock", 9), event(1, "imo", "block", 1)],
        [("imo", "blocked", 1)],
    ),
    (
        "same time: the later id wins",
        [event(2, "imo", "throttle", 1), event(1, "imo", "block", 1)],
        [("imo", "throttled", 1)],
    ),
    ("restored a month ago drops off", [event(1, "imo", "unblock", 31)], []),
    ("blocked long ago stays", [event(1, "imo", "block", 900)], [("imo", "blocked", 1)]),
    (
        "worst first, then by name",
        [
            event(1, "vpn", "unblock", 1),
            event(2, "youtube", "throttle", 1),
            event(3, "whatsapp", "block", 1),
            event(4, "imo", "block", 1),
        ],
        [
            ("imo", "blocked", 1),
            ("whatsapp", "blocked", 1),
            ("youtube", "throttled", 1),
            ("vpn", "restored", 1),
        ],
    ),
    ("nothing", [], []),
]


@pytest.mark.parametrize(
    ("events", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_build_board(events: list[Event], expected: list[tuple[str, str, int]]) -> None:
    rows = build_board(events, NOW)
    assert [(row.service, row.state, row.sources) for row in rows] == expected


def test_since_is_the_deciding_events_first_report() -> None:
    [row] = build_board([event(1, "imo", "block", 9), event(2, "imo", "unblock", 1)], NOW)
    assert row.since == NOW - timedelta(days=1, hours=1)


def test_countries_are_kept_apart() -> None:
    rows = build_board(
        [event(1, "imo", "block", 1), event(2, "imo", "unblock", 0.5, country="UZ")], NOW
    )
    assert [(row.country, row.state) for row in rows] == [("TM", "blocked"), ("UZ", "restored")]


def test_render_in_russian_with_babels_dates_in_the_readers_zone() -> None:
    row = BoardRow("TM", "imo", "throttled", datetime(2026, 11, 1, 21, tzinfo=UTC), 2)
    board = render_board("TM", [row], "ru", "Asia/Ashgabat")  # 2 November there
    assert board.header == "🇹🇲 <b>Туркменистан (TM)</b>"
    assert board.lines == ("• IMO: <b>замедление</b> (с 2 нояб. 2026\u202fг.; источников: 2)",)


def test_an_empty_board_says_so_in_the_readers_language() -> None:
    board = render_board("UZ", [], "uz")
    # one apostrophe: CLDR's "Oʻzbekiston" and our "yoʻq" both with U+02BB (issue 19)
    assert board.header == "🇺🇿 <b>Oʻzbekiston (UZ)</b>"
    assert board.lines == ("Bloklash yoki sekinlashtirish haqida xabar yoʻq.",)


def test_russian_state_words_fit_plural_service_names() -> None:
    """ "VPN-сервисы: заблокирован" put a masculine singular after a plural: nouns fit all."""
    states: tuple[tuple[str, State], ...] = (
        ("vpn", "blocked"),
        ("other", "partly blocked"),
        ("internet", "throttled"),
        ("whatsapp", "restored"),
    )
    rows = [
        BoardRow("RU", service, state, datetime(2026, 11, 1, tzinfo=UTC), 1)
        for service, state in states
    ]
    lines = render_board("RU", rows, "ru").lines
    assert [line.split(" (")[0] for line in lines] == [
        "• VPN-сервисы: <b>блокировка</b>",
        "• Другие сервисы: <b>частичная блокировка</b>",
        "• Доступ в интернет: <b>замедление</b>",
        "• WhatsApp: <b>доступ восстановлен</b>",
    ]


def test_service_words_are_translated_on_the_board() -> None:
    row = BoardRow("RU", "vpn", "blocked", NOW, 1)
    assert render_board("RU", [row], "kk").lines[0].startswith("• VPN қызметтері: <b>")

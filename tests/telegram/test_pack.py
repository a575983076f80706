"""Packing sections into Telegram messages (bot/telegram/pack.py): pure, table-driven."""

from __future__ import annotations

import pytest

from bot.telegram.pack import (
    MAX_ENTITIES,
    TELEGRAM_LIMIT,
    Section,
    entities,
    pack,
    telegram_length,
)


def line(n: int, width: int = 90) -> str:
    return f"• <b>{n:04d}</b> " + "x" * (width - 7)


@pytest.mark.parametrize(
    ("html_text", "units"),
    [
        ("plain", 5),
        ("<b>bold</b>", 4),
        ("a &amp; b &lt;c&gt;", 9),
        ("🙂", 2),
        ('<a href="https://a.example/?a=1&amp;b=2">link</a>', 4),
        ("Қазақша", 7),
    ],
)
def test_length_is_visible_utf16_units(html_text: str, units: int) -> None:
    assert telegram_length(html_text) == units


def test_small_sections_share_one_message() -> None:
    messages = pack([Section(("a", "b"), "<b>One</b>"), Section(("c",), "<b>Two</b>")])
    assert messages == ["<b>One</b>\na\nb\n\n<b>Two</b>\nc"]


def test_a_section_that_fits_alone_starts_the_next_message_whole() -> None:
    first = Section(tuple(line(n) for n in range(30)), "<b>First</b>")
    second = Section(tuple(line(n) for n in range(30)), "<b>Second</b>")
    messages = pack([first, second])
    assert [m.split("\n", 1)[0] for m in messages] == ["<b>First</b>", "<b>Second</b>"]


def test_a_huge_section_splits_between_lines_under_its_header_each_time() -> None:
    rows = tuple(line(n, width=150) for n in range(80))
    messages = pack([Section(rows, "🇹🇲 <b>Turkmenistan</b>"), Section(("after",))])
    assert len(messages) >= 3
    kept = []
    for message in messages:
        assert telegram_length(message) <= TELEGRAM_LIMIT
        head, *body = message.split("\n")
        if "after" not in message:
            assert head == "🇹🇲 <b>Turkmenistan</b>"
        kept += [row for row in body if row.startswith("•")]
    assert kept == list(rows) and messages[-1].endswith("\n\nafter")


def test_the_entity_cap_splits_even_short_messages() -> None:
    rows = tuple(f"<b>{n}</b>" for n in range(250))
    messages = pack([Section(rows)])
    assert len(messages) == 3
    assert all(entities(m) <= MAX_ENTITIES for m in messages)
    assert "\n".join(messages).split("\n") == list(rows)


def test_nothing_packs_into_no_message() -> None:
    assert pack([]) == []

"""Moderators' changes to the detector's action words: what a change means (pure), the overlay
on the real vocabulary, and /vocab with its dry run over stored items, through the dispatcher."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aiogram import Bot

from bot.app import build_dispatcher
from bot.core.models import Entry, ItemText
from bot.core.moderation import VocabChange
from bot.core.records import NewEntry
from bot.detect import Detector
from bot.moderation.word_changes import overlay_of, pattern_problem, plan
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.manualclock import NOW
from tests.support.modkit import MODERATOR, Talk, button, toasts

FILE = ["block", "banned", "cut* ... access"]
AT = datetime(2026, 11, 23, tzinfo=UTC)
ADDED = VocabChange("en", "block", "muzzled", True, 7, AT)
REMOVED = VocabChange("en", "block", "banned", False, 7, AT)


@pytest.mark.parametrize(
    ("op", "word", "changes", "expected"),
    [
        ("add", "muzzled", [], ("write", True, "muzzled")),
        ("add", "Banned", [], ("refusal", "Banned is in en block already")),
        ("remove", "banned", [], ("write", False, "banned")),
        (
            "remove",
            "CUT* ... ACCESS",
            [],
            ("write", False, "cut* ... access"),
        ),  # the file's spelling
        ("remove", "muzzled", [ADDED], ("undo", "muzzled")),
        ("add", "banned", [REMOVED], ("undo", "banned")),
        ("remove", "banned", [REMOVED], ("refusal", "banned is not in en block already")),
        ("remove", "muzzled", [], ("refusal", "muzzled is not in en block already")),
    ],
)
def test_a_change_is_a_row_to_write_or_to_undo(
    op: str, word: str, changes: list[VocabChange], expected: tuple[object, ...]
) -> None:
    planned = plan(
        "add" if op == "add" else "remove", "en", "block", word, FILE, changes, MODERATOR, AT
    )
    if expected[0] == "write":
        assert planned.write is not None and planned.undo is None
        assert (planned.write.added, planned.write.pattern) == expected[1:]
    elif expected[0] == "undo":
        assert planned.undo is not None and planned.undo.pattern == expected[1]
    else:
        assert planned.refusal == expected[1]


@pytest.mark.parametrize(
    ("pattern", "fine"),
    [
        ("заглушил*", True),
        ("lift* ... ban", True),
        ("", False),
        ("*", False),
        ("a" * 61, False),
        ("<b>", False),
        ("block|ban", False),
        ("# #", False),
    ],
)
def test_patterns_are_checked_before_anything_runs(pattern: str, fine: bool) -> None:
    assert (pattern_problem(pattern) is None) == fine


def test_the_overlay_adds_and_removes_words_of_the_real_vocabulary() -> None:
    item = ItemText("1", "Turkmenistan muzzled IMO messenger", "", "en")
    banned = ItemText("2", "Turkmenistan banned IMO messenger", "", "en")
    changed = Detector.load(overlay=overlay_of([ADDED, REMOVED]))
    assert [a.key for a in changed.detect(item)] == [("TM", "imo", "block", "full")]
    assert changed.detect(banned) == []


async def test_vocab_add_runs_dry_then_applies_to_the_live_detector(
    bot: Bot, bot_api: BotAPI, store: SQLiteStorage
) -> None:
    detector = Detector.load()
    talk = Talk(
        build_dispatcher(store, frozenset({MODERATOR}), detector=detector), bot, bot_api, store
    )
    items = [("1", "Turkmenistan muzzled IMO messenger"), ("2", "Weather in Ashgabat")]
    await store.record_entries(
        [
            NewEntry(
                Entry(
                    feed_url="https://a.example/rss",
                    key=key,
                    title=title,
                    summary="",
                    source="Feed A",
                    published=NOW,
                )
            )
            for key, title in items
        ],
        now=datetime.now(UTC),
    )
    muzzled = ItemText("1", items[0][1], "", "en")
    assert detector.detect(muzzled) == []

    (report,) = await talk.send("/vocab add en block muzzled")
    assert "over 2 items of the last 7 days, 1 alerts more, 0 fewer" in report
    assert "+ 🇹🇲 Turkmenistan: IMO blocked — Feed A: Turkmenistan muzzled IMO" in report
    assert await store.vocab_changes() == []  # a dry run changes nothing
    assert toasts(await talk.press(button(bot_api, MODERATOR, "Apply"))) == ["Applied."]
    assert [(c.pattern, c.added) for c in await store.vocab_changes()] == [("muzzled", True)]
    assert [a.service for a in detector.detect(muzzled)] == ["imo"]  # at once, no restart
    (listing,) = await talk.send("/vocab en block")
    assert listing.endswith(", + muzzled")
    assert [(e.action, e.detail) for e in await store.audit_log(5)] == [
        ("vocab-add", "en block: muzzled")
    ]
    (refused,) = await talk.send("/vocab add en block muzzled")
    assert refused == "muzzled is in en block already"

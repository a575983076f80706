"""Moderators' commands through the real dispatcher and the Bot API stand-in: who moderates,
the audit log, /stats, /announce's draft, and BLOCKWATCH_MODERATORS itself."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.types import MessageOriginHiddenUser

from bot.config import Settings
from bot.core.errors import ConfigError
from bot.core.models import Alert
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.manualclock import NOW
from tests.support.modkit import (
    GROUP,
    IMO_FROM_FEED,
    MODERATOR,
    OTHER_MODERATOR,
    USER,
    Talk,
    buttons,
    dispatcher,
    held_event,
    message_by,
    toasts,
)


@pytest.fixture
def talk(bot: Bot, bot_api: BotAPI, store: SQLiteStorage) -> Talk:
    return Talk(dispatcher(store), bot, bot_api, store)


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ("", frozenset()),
        ("123", frozenset({123})),
        ("1, 2,3 2", frozenset({1, 2, 3})),
    ],
)
def test_moderators_come_from_the_environment(value: str, ids: frozenset[int]) -> None:
    settings = Settings.from_env({"BLOCKWATCH_MODERATORS": value}, dotenv=None)
    assert settings.moderators == ids


@pytest.mark.parametrize("bad", ["@alice", "-100123", "12a", "0", "１２"])
def test_a_bad_moderator_id_is_named(bad: str) -> None:
    with pytest.raises(ConfigError) as error:
        Settings.from_env({"BLOCKWATCH_MODERATORS": f"123,{bad}"}, dotenv=None)
    assert error.value.field == "BLOCKWATCH_MODERATORS" and repr(bad) in str(error.value)


async def test_addmod_by_id_then_by_reply_and_the_list(talk: Talk, store: SQLiteStorage) -> None:
    (added,) = await talk.send(f"/addmod {OTHER_MODERATOR}")
    assert added.startswith(f"{OTHER_MODERATOR} is a moderator now")
    assert await store.is_moderator(OTHER_MODERATOR)
    # The new moderator adds someone by replying to their message in the group.
    await talk.send("/addmod", user=OTHER_MODERATOR, chat=GROUP, reply_to=message_by(USER))
    assert await store.is_moderator(USER)
    (listing,) = await talk.send("/moderators")
    assert f"• {MODERATOR} (BLOCKWATCH_MODERATORS)" in listing
    assert f"• {OTHER_MODERATOR} (added by {MODERATOR}," in listing
    assert f"• {USER} (added by {OTHER_MODERATOR}," in listing
    assert [(e.actor_id, e.action, e.detail) for e in await store.audit_log(5)] == [
        (OTHER_MODERATOR, "addmod", f"user {USER}"),
        (MODERATOR, "addmod", f"user {OTHER_MODERATOR}"),
    ]


@pytest.mark.parametrize("how", ["garbage", "chat id", "bot", "forward", "nothing"])
async def test_addmod_needs_a_person(talk: Talk, store: SQLiteStorage, how: str) -> None:
    text, reply_to = {
        "garbage": ("/addmod alice", None),
        "chat id": (f"/addmod {GROUP}", None),
        "bot": ("/addmod", message_by(777, bot=True)),
        "forward": ("/addmod", None),
        "nothing": ("/addmod", None),
    }[how]
    if how == "forward":  # whose message is it: the forwarder's, or the hidden author's?
        reply_to = message_by(777).model_copy(
            update={"forward_origin": MessageOriginHiddenUser(date=NOW, sender_user_name="someone")}
        )
    (answer,) = await talk.send(text, chat=GROUP, reply_to=reply_to)
    assert answer.startswith("Give a Telegram user id")
    assert await store.moderators() == [] and await store.audit_log(5) == []


async def test_delmod_spares_the_operators_moderators(talk: Talk, store: SQLiteStorage) -> None:
    await store.add_moderator(OTHER_MODERATOR, MODERATOR, NOW)
    (refused,) = await talk.send(f"/delmod {MODERATOR}", user=OTHER_MODERATOR)
    assert "only the operator can remove them" in refused
    assert await talk.send("/delmod 4242") == ["4242 is not a moderator."]
    assert await talk.send(f"/delmod {OTHER_MODERATOR}") == [
        f"{OTHER_MODERATOR} is no longer a moderator."
    ]
    assert await store.moderators() == []
    assert [e.action for e in await store.audit_log(5)] == ["delmod", "addmod"]


async def test_audit_shows_the_newest_actions_escaped(talk: Talk, store: SQLiteStorage) -> None:
    assert await talk.send("/audit") == ["The audit log is empty."]
    for n in range(3):
        await store.announce("TM", f"feed {n} <b>x</b>", MODERATOR, NOW)
    (log,) = await talk.send("/audit 2")
    assert "(2)" in log and "feed 2 &lt;b&gt;x&lt;/b&gt;" in log and "feed 0" not in log
    assert log.index("feed 2") < log.index("feed 1")
    assert f"2026-11-23 09:00 UTC · {MODERATOR} · <b>announce</b>" in log


async def test_stats_shows_subscribers_and_deliveries(talk: Talk, store: SQLiteStorage) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    await store.subscribe("email", "a@example.org", ["TM"], confirmed=False)
    await store.announce("TM", "hello", MODERATOR, NOW)
    (stats,) = await talk.send("/stats")
    assert "TM email: 0 / 0 / 1" in stats and "TM telegram: 1 / 0 / 0" in stats
    assert "last day: 0 sent, 0 failed, 1 pending" in stats


async def test_announce_shows_a_draft_and_cancel_sends_nothing(
    talk: Talk, store: SQLiteStorage
) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    await store.subscribe("email", "a@example.org", ["TM"])
    (usage,) = await talk.send("/announce XX hello")
    assert usage.startswith("Write /announce, a country code and the text")
    assert await talk.send(f"/announce TM {'x' * 3001}") == [
        "Too long: 3001 characters; at most 3000."
    ]
    (draft,) = await talk.send("/announce tm Use <b>@new_bot</b> from tomorrow.")
    assert "Turkmenistan (TM)</b>: 2 subscribers (1 by email, 1 by telegram)" in draft
    assert "Use &lt;b&gt;@new_bot&lt;/b&gt; from tomorrow." in draft
    calls = await talk.press("ma:cancel")
    assert [p["text"] for m, p in calls if m == "editMessageText"] == [
        "Cancelled: nothing was sent."
    ]
    assert toasts(await talk.press("ma:send")) == [
        "No draft of yours is waiting here: send /announce again."
    ]
    assert (await store.stats(NOW)).last_day.pending == 0
    assert await store.audit_log(5) == []


async def test_a_long_audit_log_fits_one_message(talk: Talk, store: SQLiteStorage) -> None:
    for n in range(100):
        await store.announce("TM", f"TM event {n}: " + "x" * 290, MODERATOR, NOW)
    (log,) = await talk.send("/audit 100")
    assert len(log) <= 4096 and log.endswith("more.")
    assert "TM event 99:" in log


async def test_review_lists_each_held_events_card(talk: Talk, store: SQLiteStorage) -> None:
    assert await talk.send("/review") == ["Nothing is waiting for review."]
    first = await held_event(store, key="1")
    second = await held_event(
        store, Alert("TM", "whatsapp", "block", IMO_FROM_FEED.evidence), key="2"
    )
    cards = await talk.send("/review", chat=GROUP)
    assert [f"event {first}" in cards[0], f"event {second}" in cards[1]] == [True, True]
    assert set(buttons(talk.api, GROUP)) == {"✅ Approve", "✏️ Correct", "❌ Reject"}


async def test_a_forged_correction_is_refused(talk: Talk, store: SQLiteStorage) -> None:
    event_id = await held_event(store)
    for value in ("XX", "tm", "TM'; DROP TABLE events; --"):
        calls = await talk.press(f"mr:set:{event_id}:country:{value}")
        assert toasts(calls) == ["This button is out of date."]
    calls = await talk.press(f"mr:set:{event_id}:scope:partial")
    assert toasts(calls) == ["This button is out of date."]
    case = await store.review_case(event_id)
    assert case is not None and case.event.country == "TM" and case.review == "pending"

"""Pacing under Telegram's flood limits: exact on a fake clock, then the whole outbox against
the Bot API stand-in enforcing the limits (answering 429 beyond them), then command replies
sharing the outbox's pacer."""

from __future__ import annotations

import time
from datetime import timedelta
from itertools import pairwise

import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramRetryAfter

from bot.core.models import Alert, Entry, OutgoingMessage
from bot.core.records import NewEntry, Placement
from bot.delivery.outbox import deliver_due
from bot.telegram.chat.handlers import build_router
from bot.telegram.pacing import Limit, Limits, Pacer, is_group
from bot.telegram.render import render_telegram
from bot.telegram.sender import TelegramSender, make_bot, pace_sends
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.manualclock import NOW, ManualClock


class FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


GAP = 1 / 30  # Limits().spacing: the least time between two sends


def pacer(time: FakeTime, *, max_wait: float = 5.0, limits: Limits | None = None) -> Pacer:
    return Pacer(limits, clock=time.clock, sleep=time.sleep, max_wait=max_wait)


async def turns(pace: Pacer, time: FakeTime, chats: list[int | str]) -> list[float]:
    """The time each send got its turn (every wait within max_wait)."""
    times = []
    for chat in chats:
        assert await pace.acquire(chat) == 0.0
        times.append(round(time.now, 6))
    return times


async def test_one_message_a_second_per_chat() -> None:
    time = FakeTime()
    assert await turns(pacer(time), time, [1, 1, 1]) == [0.0, 1.0, 2.0]


async def test_other_chats_do_not_wait_for_a_busy_one() -> None:
    time = FakeTime()
    times = await turns(pacer(time), time, [1, 2, 3, 1])
    assert times == [0.0, round(GAP, 6), round(2 * GAP, 6), 1.0]


async def test_at_most_25_a_second_overall() -> None:
    time = FakeTime()
    times = await turns(pacer(time), time, list(range(1, 61)))
    # 1/30 s apart; the 26th waits for the first to be a second old.
    assert times[:26] == [round(n * GAP, 6) for n in range(25)] + [1.0]
    assert times[-1] == round(2.0 + 9 * GAP, 6)
    for start in times:  # no one-second window anywhere holds more than 25 sends
        assert sum(start <= t < start + 1 for t in times) <= 25


async def test_sends_are_spaced_never_a_burst() -> None:
    time = FakeTime()
    times = await turns(pacer(time), time, list(range(1, 101)))
    gaps = [b - a for a, b in pairwise(times)]
    assert min(gaps) >= round(GAP, 6) - 1e-6
    assert times[-1] < 4.0  # and still 25 a second: 100 sends within 4 seconds


async def test_20_a_minute_per_group_then_the_wait_goes_back_to_the_caller() -> None:
    time = FakeTime()
    pace = pacer(time)
    assert await turns(pace, time, [-100] * 20) == [float(n) for n in range(20)]
    # The 21st would wait until the first of the 20 is a minute old: 60 - 19 = 41 s. Too long
    # to hold the line: returned, nothing claimed, no time spent.
    assert await pace.acquire(-100) == 41.0
    assert time.now == 19.0
    assert await turns(pace, time, [7]) == [round(19 + GAP, 6)]  # a private chat goes next
    time.now = 60.0
    assert await turns(pace, time, [-100]) == [60.0]


async def test_a_private_chat_has_no_per_minute_cap() -> None:
    time = FakeTime()
    assert await turns(pacer(time), time, [5] * 25) == [float(n) for n in range(25)]


async def test_a_long_wait_is_slept_when_allowed() -> None:
    time = FakeTime()
    pace = pacer(time, max_wait=120)
    await turns(pace, time, [-100] * 20)
    assert await turns(pace, time, [-100]) == [60.0]
    assert time.slept[-1] == 41.0


async def test_scaled_limits_keep_the_counts() -> None:
    time = FakeTime()
    fast = Limits().scaled(0.1)
    assert fast.per_chat == Limit(1, 0.1) and fast.per_group == Limit(20, 6.0)
    assert fast.overall.count == 25
    assert await turns(pacer(time, limits=fast), time, [1, 1]) == [0.0, 0.1]


def test_groups_are_negative_ids_and_channel_names() -> None:
    assert is_group(-100123) and is_group("@blockwatch") and not is_group(1001)


async def test_idle_chats_are_forgotten_but_busy_ones_are_not() -> None:
    time = FakeTime()
    pace = pacer(time, limits=Limits(overall=Limit(10_000, 1.0), spacing=Limit(10_000, 1.0)))
    await turns(pace, time, list(range(1, 1025)))
    time.now = 0.5
    await turns(pace, time, [5000])  # the 1025th chat: the others are still within a second
    assert len(pace._chats) == 1025
    time.now = 2.0
    await turns(pace, time, [5001])
    assert set(pace._chats) == {5001}


# --- the whole outbox against the stand-in enforcing Telegram's limits ------------------------

SCALE = 0.25  # every period a quarter as long: the same counts, four times faster
PRIVATE = [3001 + n for n in range(25)]
GROUPS = [-4001 - n for n in range(5)]


@pytest.fixture
async def owed_alerts(store: SQLiteStorage) -> None:
    """30 Telegram chats (5 of them groups) owed two alerts each: 60 outbox rows, reported
    hours apart, so two stories (bot/delivery/stories.py): two messages each."""
    for chat in PRIVATE + GROUPS:
        await store.subscribe("telegram", str(chat), ["TM"])
    for n, service in enumerate(["imo", "whatsapp"]):
        entry = Entry(
            feed_url="https://a.example/rss",
            key=str(n),
            title=f"{service} blocked",
            summary="",
            published=NOW - timedelta(hours=2 - n),
            source="A",
        )
        await store.record_entries(
            [NewEntry(entry, (Placement(Alert("TM", service, "block"), None),))], now=NOW
        )


async def deliver_until_done(
    store: SQLiteStorage, sender: TelegramSender, clock: ManualClock
) -> None:
    """Run the outbox as the service does, the wall clock jumping past every retry time."""
    for _ in range(6):
        await deliver_due(store, sender, render_telegram, clock)
        clock.now += timedelta(minutes=5)


def alerts(api: BotAPI, chat: int) -> list[str]:
    return sorted("IMO" if "IMO" in text else "WhatsApp" for text in api.texts_to(chat))


@pytest.mark.usefixtures("owed_alerts")
async def test_60_messages_to_30_chats_stay_under_the_limits(
    store: SQLiteStorage, bot: Bot, bot_api: BotAPI
) -> None:
    limits = bot_api.enforce_limits(scale=SCALE)
    stats = await deliver_due(
        store, TelegramSender(bot, Pacer(Limits().scaled(SCALE))), render_telegram, ManualClock(NOW)
    )
    assert (stats.sent, stats.retrying, stats.failed) == (60, 0, 0)
    assert limits.rejected == []
    for chat in PRIVATE + GROUPS:
        assert alerts(bot_api, chat) == ["IMO", "WhatsApp"]  # none lost, none twice


@pytest.mark.usefixtures("owed_alerts")
async def test_without_pacing_the_stand_in_answers_429(
    store: SQLiteStorage, bot: Bot, bot_api: BotAPI
) -> None:
    """The check above can fail: unpaced, the same load runs into flood control.

    Telegram's own periods here (scale 1), not the fast ones: a slow machine sending two
    messages to one chat more than SCALE seconds apart must not pass for paced."""
    limits = bot_api.enforce_limits(scale=1.0)
    unpaced = Pacer(Limits(*[Limit(10_000, 1)] * 4))
    sender = TelegramSender(bot, unpaced)
    stats = await deliver_due(store, sender, render_telegram, ManualClock(NOW))
    assert limits.rejected and stats.retrying == len(limits.rejected)


@pytest.mark.usefixtures("owed_alerts")
async def test_faults_lose_nothing_repeat_nothing_and_stop_only_their_chat(
    store: SQLiteStorage, bot: Bot, bot_api: BotAPI
) -> None:
    limits = bot_api.enforce_limits(scale=SCALE)
    flooded, blocked, flaky, migrated, new_id = PRIVATE[0], PRIVATE[1], PRIVATE[2], GROUPS[0], -4999
    bot_api.flood(flooded, retry_after=1)
    bot_api.block(blocked)
    bot_api.fail(flaky, 502, "Bad Gateway")
    bot_api.migrate(migrated, new_id)
    clock = ManualClock(NOW)
    await deliver_until_done(store, TelegramSender(bot, Pacer(Limits().scaled(SCALE))), clock)

    assert limits.rejected == []  # only the injected 429, never one of pacing's making
    for chat in [c for c in PRIVATE + GROUPS if c not in (blocked, migrated)] + [new_id]:
        assert alerts(bot_api, chat) == ["IMO", "WhatsApp"], chat
    assert bot_api.texts_to(blocked) == [] and bot_api.texts_to(migrated) == []
    gone = await store.subscriber("telegram", str(blocked))
    assert gone is not None and not gone.active and gone.countries == {"TM"}
    moved = await store.subscriber("telegram", str(new_id))
    assert moved is not None and moved.active
    assert await store.subscriber("telegram", str(migrated)) is None


async def test_a_group_past_20_a_minute_waits_in_the_outbox_while_others_flow(
    store: SQLiteStorage, bot: Bot, bot_api: BotAPI
) -> None:
    scale, group, private = 0.1, -4001, 3001  # a "minute" of 6 s
    await owe_24_each(store, group, private)
    limits = bot_api.enforce_limits(scale=scale)
    sender = TelegramSender(bot, Pacer(Limits().scaled(scale), max_wait=0.5))
    stats = await deliver_due(store, sender, render_telegram, ManualClock(NOW))
    assert (stats.sent, stats.retrying) == (24 + 20, 4)  # the group's last 4 come back later
    assert len(bot_api.texts_to(private)) == 24 and len(bot_api.texts_to(group)) == 20
    assert limits.rejected == []


async def owe_24_each(store: SQLiteStorage, *chats: int) -> None:
    for chat in chats:
        await store.subscribe("telegram", str(chat), ["TM"])
    for n in range(24):  # an hour apart: 24 stories, 24 messages
        entry = Entry(
            feed_url="https://a.example/rss",
            key=str(n),
            title=f"news {n}",
            summary="",
            published=NOW - timedelta(hours=24 - n),
            source="A",
        )
        await store.record_entries(
            [NewEntry(entry, (Placement(Alert("TM", f"s{n:02d}", "block"), None),))], now=NOW
        )


# --- command replies share the outbox's pacer: Telegram counts every send in a chat ------------

CHAT = 3001


def dispatcher() -> Dispatcher:
    dp = Dispatcher()
    dp.include_router(build_router())
    return dp


@pytest.mark.usefixtures("owed_alerts")
async def test_a_command_reply_waits_its_turn_behind_an_alert(
    store: SQLiteStorage, bot: Bot, bot_api: BotAPI
) -> None:
    limits = bot_api.enforce_limits(scale=SCALE)
    sender = TelegramSender(bot, Pacer(Limits().scaled(SCALE)))  # paces the bot's replies too
    await sender.send(str(CHAT), OutgoingMessage(text="an alert"))
    started = time.monotonic()
    await dispatcher().feed_update(bot, make_test_update("/help", chat_id=CHAT), store=store)
    assert time.monotonic() - started >= SCALE * 0.9  # waited for the chat's next second
    assert limits.rejected == []
    assert bot_api.texts_to(CHAT)[0] == "an alert" and "/start" in bot_api.texts_to(CHAT)[1]


@pytest.mark.usefixtures("owed_alerts")
async def test_unpaced_the_same_reply_runs_into_flood_control(
    store: SQLiteStorage, bot: Bot, bot_api: BotAPI
) -> None:
    """The check above can fail: a bot whose replies skip the pacer gets 429 at once."""
    limits = bot_api.enforce_limits(scale=SCALE)
    await TelegramSender(bot, Pacer(Limits().scaled(SCALE))).send(
        str(CHAT), OutgoingMessage(text="alert")
    )
    unpaced = make_bot(bot_api.token, bot_api.base_url)
    try:
        with pytest.raises(TelegramRetryAfter):
            await dispatcher().feed_update(
                unpaced, make_test_update("/help", chat_id=CHAT), store=store
            )
    finally:
        await unpaced.session.close()
    assert limits.rejected == [CHAT]


@pytest.mark.usefixtures("owed_alerts")
async def test_a_long_status_in_a_group_goes_out_part_by_part_under_the_limits(
    store: SQLiteStorage, bot: Bot, bot_api: BotAPI
) -> None:
    group = GROUPS[0]
    for n in range(150):
        entry = Entry(
            feed_url="https://b.example/rss",
            key=f"b{n}",
            title="t",
            summary="",
            published=NOW,
            source="B",
        )
        await store.record_entries(
            [
                NewEntry(
                    entry,
                    (Placement(Alert("TM", f"a-long-service-name-{n:03d}", "block"), None),),
                    notify=False,
                )
            ],
            now=NOW,
        )
    limits = bot_api.enforce_limits(scale=SCALE)
    TelegramSender(bot, Pacer(Limits().scaled(SCALE)))
    update = make_test_update(
        "/status TM", chat_id=group, user_id=PRIVATE[0], chat_type="supergroup"
    )
    await dispatcher().feed_update(bot, update, store=store)
    assert len(bot_api.texts_to(group)) >= 3 and limits.rejected == []


@pytest.mark.usefixtures("owed_alerts")
async def test_a_reply_told_to_wait_by_telegram_waits_and_goes(
    store: SQLiteStorage, bot: Bot, bot_api: BotAPI
) -> None:
    TelegramSender(bot, Pacer(Limits().scaled(SCALE)))
    bot_api.flood(CHAT, retry_after=1)  # another client on the token used this chat's turn
    await dispatcher().feed_update(bot, make_test_update("/help", chat_id=CHAT), store=store)
    assert len(bot_api.texts_to(CHAT)) == 1


def test_one_pacer_per_bot_whoever_asks(bot: Bot) -> None:
    first = pace_sends(bot)
    assert pace_sends(bot) is first and TelegramSender(bot).pacer is first
    mine = Pacer()
    assert TelegramSender(bot, mine).pacer is mine and pace_sends(bot) is mine

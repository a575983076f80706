"""Nobody but a moderator runs a moderator command or presses a moderator button: in a private
chat, in a group, as the group's administrator or creator, posting in the group's name, by
forwarding a moderator's message, or after being removed. Through the real dispatcher (as the
composition root builds it) and the Bot API stand-in; every attempt must change nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from aiogram import Bot
from aiogram.filters import Command
from aiogram.types import Chat, Message, Update

from bot.moderation import build_moderation_router
from bot.moderation.auth import IsModerator
from bot.moderation.cards import ReviewPress
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.manualclock import NOW
from tests.support.modkit import (
    ADMIN,
    ANONYMOUS_ADMIN,
    GROUP,
    MEMBER,
    MODERATOR,
    OTHER_MODERATOR,
    OWNER,
    USER,
    Talk,
    dispatcher,
    held_event,
    shown,
    toasts,
)


def moderator_commands() -> list[str]:
    """Every command the moderators' router answers, this part's and the feed registry's."""
    found = []
    for router in build_moderation_router().chain_tail:
        for handler in router.message.handlers:
            for flt in handler.filters or ():
                if isinstance(flt.callback, Command):
                    found += [str(c) for c in flt.callback.commands]
    return found


COMMANDS = moderator_commands()
# This part's commands; the feed registry's need its own workflow data (tests/test_*feed*).
OWN_COMMANDS = ["moderators", "addmod", "delmod", "audit", "review", "announce", "stats", "vocab"]
# Arguments that would make each command act, were it allowed.
ARGS = {
    "addmod": " 777",
    "delmod": f" {OTHER_MODERATOR}",
    "announce": " TM Hello",
    "audit": " 5",
    "addfeed": " https://example.org/feed",
    "vocab": " add en block muzzled",
}
IMPOSTORS: dict[str, tuple[int, int | None]] = {  # who, in which chat (None: private)
    "user in private": (USER, None),
    "group member": (MEMBER, GROUP),
    "group administrator": (ADMIN, GROUP),
    "group creator": (OWNER, GROUP),
}


@pytest.fixture
async def talk(bot: Bot, bot_api: BotAPI, store: SQLiteStorage) -> Talk:
    bot_api.set_admins(GROUP, ADMIN, creator=OWNER)
    await store.add_moderator(OTHER_MODERATOR, MODERATOR, NOW)
    return Talk(dispatcher(store), bot, bot_api, store)


async def assert_nothing_changed(store: SQLiteStorage, api: BotAPI) -> None:
    assert api.sent == []
    assert [e.action for e in await store.audit_log(10)] == ["addmod"]  # the fixture's own
    assert [m.user_id for m in await store.moderators()] == [OTHER_MODERATOR]
    assert not await store.is_moderator(777)
    assert (await store.stats(NOW)).last_week.pending == 0


def test_every_moderator_command_is_guarded_by_the_moderator_filter() -> None:
    assert set(OWN_COMMANDS) <= set(COMMANDS)
    for router in build_moderation_router().chain_tail:
        for handler in router.message.handlers:
            assert any(isinstance(f.callback, IsModerator) for f in handler.filters or ()), (
                f"{router.name}: {handler.callback.__name__} has no IsModerator"
            )


@pytest.mark.parametrize("who", IMPOSTORS)
async def test_no_one_else_runs_a_moderator_command(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI, who: str
) -> None:
    user, chat = IMPOSTORS[who]
    for command in COMMANDS:
        await talk.send(f"/{command}{ARGS.get(command, '')}", user=user, chat=chat)
        await talk.send(
            f"/{command}@blockwatch_test_bot{ARGS.get(command, '')}", user=user, chat=chat
        )
    await assert_nothing_changed(store, bot_api)
    assert "getChatMember" not in bot_api.methods()  # group rank is never even asked


async def test_a_moderator_runs_each_command_in_private_and_in_a_group(talk: Talk) -> None:
    # The control for the tests here: the same updates from a moderator are answered.
    for command in OWN_COMMANDS:
        assert await talk.send(f"/{command}", user=MODERATOR), command
        assert await talk.send(f"/{command}", user=OTHER_MODERATOR, chat=GROUP), command


async def test_posting_in_the_groups_name_is_no_moderator_even_if_listed(
    bot: Bot, bot_api: BotAPI, store: SQLiteStorage
) -> None:
    # Even an operator who listed the anonymous-admin stand-in id admits no one by it.
    talk = Talk(dispatcher(store, ANONYMOUS_ADMIN), bot, bot_api, store)
    group = Chat(id=GROUP, type="supergroup", title="Test group")
    for command in COMMANDS:
        await talk.send(
            f"/{command}{ARGS.get(command, '')}",
            user=ANONYMOUS_ADMIN,
            chat=GROUP,
            sender_chat=group,
        )
    assert bot_api.sent == [] and await store.audit_log(5) == []


async def test_forwarding_a_moderators_command_is_not_a_moderators_command(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    for command in COMMANDS:
        text = f"/{command}{ARGS.get(command, '')}"
        await talk.send(text, user=USER, forwarded_from=MODERATOR)
        await talk.send(text, user=MEMBER, chat=GROUP, forwarded_from=MODERATOR)
    await assert_nothing_changed(store, bot_api)


async def test_a_channel_post_runs_nothing(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    channel = Chat(id=-100555, type="channel", title="A channel")
    for command in COMMANDS:
        post = Message(
            message_id=1,
            date=NOW,
            chat=channel,
            sender_chat=channel,
            text=f"/{command}{ARGS.get(command, '')}",
        )
        await talk.feed(Update(update_id=1, channel_post=post), channel.id)
    await assert_nothing_changed(store, bot_api)


async def test_a_removed_moderator_is_refused_at_once(talk: Talk, store: SQLiteStorage) -> None:
    assert await talk.send("/stats", user=OTHER_MODERATOR)
    assert await talk.send(f"/delmod {OTHER_MODERATOR}") == [
        f"{OTHER_MODERATOR} is no longer a moderator."
    ]
    assert await talk.send("/stats", user=OTHER_MODERATOR) == []


PRESSES: list[Callable[[int], str]] = [
    lambda e: ReviewPress(op="approve", event=e).pack(),
    lambda e: ReviewPress(op="reject", event=e).pack(),
    lambda e: ReviewPress(op="fix", event=e).pack(),
    lambda e: ReviewPress(op="fix", event=e, field="country").pack(),
    lambda e: ReviewPress(op="set", event=e, field="country", value="UZ").pack(),
    lambda e: ReviewPress(op="card", event=e).pack(),
    lambda e: "ma:send",
    lambda e: "ma:cancel",
    lambda e: "mv:apply",
    lambda e: "mv:cancel",
]


@pytest.mark.parametrize("who", IMPOSTORS)
async def test_no_one_else_presses_a_moderator_button(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI, who: str
) -> None:
    await store.subscribe("telegram", "1001", ["TM", "UZ"])
    event_id = await held_event(store)
    user, chat = IMPOSTORS[who]
    for press in PRESSES:
        calls = await talk.press(press(event_id), user=user, chat=chat)
        assert toasts(calls) == ["Only moderators can do this."]
        assert shown(calls) == []
    case = await store.review_case(event_id)
    assert case is not None and case.review == "pending" and case.event.country == "TM"
    assert await store.due_deliveries("telegram", NOW, 10) == []
    assert [e.action for e in await store.audit_log(10)] == ["addmod"]


async def test_a_moderator_cannot_send_another_moderators_draft(
    talk: Talk, store: SQLiteStorage
) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    (preview,) = await talk.send("/announce TM Hello", user=MODERATOR, chat=GROUP)
    assert "Send it?" in preview
    calls = await talk.press("ma:send", user=OTHER_MODERATOR, chat=GROUP)
    assert toasts(calls) == ["No draft of yours is waiting here: send /announce again."]
    assert (await store.stats(NOW)).last_week.pending == 0
    calls = await talk.press("ma:send", user=MODERATOR, chat=GROUP)
    assert toasts(calls) == ["Queued."]
    assert (await store.stats(NOW)).last_week.pending == 1

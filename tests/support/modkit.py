"""Moderators' side of the bot in tests: the real dispatcher as the composition root builds it,
updates from moderators and impostors, and a held event to review.

    dispatcher(store)        bot.app.build_dispatcher with MODERATOR in BLOCKWATCH_MODERATORS
    Talk(...).send(text, …)  a message through it; returns the bot's replies in that chat
    Talk(...).press(data, …) a button press; returns the API calls it caused
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from aiogram import Bot, Dispatcher
from aiogram.types import Chat, Message, MessageOriginUser, Update, User

from bot.app import build_dispatcher
from bot.core.models import Alert, Entry, Evidence
from bot.core.records import NewEntry, Placement
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.chatter import callback_update
from tests.support.manualclock import NOW
from tests.support.tgjson import Json

MODERATOR = 900  # listed in BLOCKWATCH_MODERATORS
OTHER_MODERATOR = 901  # added at runtime by the tests that need one
USER, MEMBER, ADMIN, OWNER = 501, 602, 601, 603
GROUP = -100777
ANONYMOUS_ADMIN = 1087968824  # Telegram's stand-in user for posts in a group's name


def dispatcher(store: SQLiteStorage, *extra: int) -> Dispatcher:
    return build_dispatcher(store, frozenset({MODERATOR, *extra}))


class Talk:
    def __init__(self, dp: Dispatcher, bot: Bot, api: BotAPI, store: SQLiteStorage) -> None:
        self.dp, self.bot, self.api, self.store = dp, bot, api, store

    async def send(
        self,
        text: str,
        *,
        user: int = MODERATOR,
        chat: int | None = None,
        reply_to: Message | None = None,
        sender_chat: Chat | None = None,
        forwarded_from: int | None = None,
    ) -> list[str]:
        """A message from `user` in `chat` (their private chat by default)."""
        chat_id = user if chat is None else chat
        update = make_test_update(
            text,
            chat_id=chat_id,
            user_id=user,
            chat_type="private" if chat_id > 0 else "supergroup",
        )
        assert update.message is not None
        changes: dict[str, object] = {}
        if reply_to is not None:
            changes["reply_to_message"] = reply_to
        if sender_chat is not None:
            changes["sender_chat"] = sender_chat
        if forwarded_from is not None:
            changes["forward_origin"] = MessageOriginUser(
                date=datetime.now(UTC), sender_user=person(forwarded_from)
            )
        message = update.message.model_copy(update=changes)
        return await self.feed(update.model_copy(update={"message": message}), chat_id)

    async def feed(self, update: Update, chat_id: int) -> list[str]:
        before = len(self.api.texts_to(chat_id))
        await self.dp.feed_update(self.bot, update, clock=lambda: NOW)
        return self.api.texts_to(chat_id)[before:]

    async def press(
        self, data: str, *, user: int = MODERATOR, chat: int | None = None
    ) -> list[tuple[str, Json]]:
        chat_id = user if chat is None else chat
        before = len(self.api.calls)
        await self.dp.feed_update(
            self.bot,
            callback_update(
                data,
                chat_id=chat_id,
                user_id=user,
                chat_type="private" if chat_id > 0 else "supergroup",
            ),
            clock=lambda: NOW,
        )
        return self.api.calls[before:]


def person(user_id: int, *, bot: bool = False) -> User:
    return User(id=user_id, is_bot=bot, first_name=f"user{user_id}")


def message_by(user_id: int, chat_id: int = GROUP, *, bot: bool = False) -> Message:
    """A message someone wrote in a chat, to reply to."""
    return Message(
        message_id=3,
        date=datetime.now(UTC),
        text="hello",
        chat=Chat(id=chat_id, type="supergroup", title="Test group"),
        from_user=person(user_id, bot=bot),
    )


def shown(calls: list[tuple[str, Json]]) -> list[str]:
    """Texts the bot sent or redrew a message with."""
    return [str(p["text"]) for m, p in calls if m in ("sendMessage", "editMessageText")]


def toasts(calls: list[tuple[str, Json]]) -> list[str]:
    return [str(p.get("text", "")) for m, p in calls if m == "answerCallbackQuery"]


IMO_FROM_FEED = Alert(
    "TM", "imo", "block", Evidence("IMO was blocked on Monday", (), ("imo",), ("blocked",))
)


async def held_event(store: SQLiteStorage, alert: Alert = IMO_FROM_FEED, key: str = "1") -> int:
    """An event held for review: one report whose country is the feed's default."""
    report = Entry(
        feed_url="https://a.example/rss",
        key=key,
        title="IMO blocked",
        summary="IMO was blocked on Monday.",
        link=f"https://a.example/{key}",
        published=NOW,
        source="Feed A",
        country_hint="TM",
    )
    stored = await store.record_entries(
        [NewEntry(report, (Placement(alert, None, ("country-from-feed",)),))], now=NOW
    )
    return stored.new_events[0].id


def buttons(api: BotAPI, chat_id: int) -> dict[str, str]:
    """Label → callback data of the latest keyboard the bot showed in a chat."""
    for method, params in reversed(api.calls):
        if (
            method in ("sendMessage", "editMessageText", "editMessageReplyMarkup")
            and str(params["chat_id"]) == str(chat_id)
            and "reply_markup" in params
        ):
            rows = json.loads(params["reply_markup"])["inline_keyboard"]
            return {b["text"]: b["callback_data"] for row in rows for b in row}
    raise AssertionError(f"no keyboard shown in {chat_id}")


def button(api: BotAPI, chat_id: int, label: str) -> str:
    """The callback data of the first button whose label contains `label`."""
    found = [data for text, data in buttons(api, chat_id).items() if label in text]
    assert found, f"no {label!r} in {buttons(api, chat_id)}"
    return found[0]

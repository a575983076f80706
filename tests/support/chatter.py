"""Talking to the bot as a user would, for the Telegram UI tests: typed commands and buttons.

Updates go through the real Dispatcher with the real SQLite store; the replies, edits and
keyboards are read back from what the Bot API stand-in (tests/support/botapi.py) was asked to do.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from itertools import count

from aiogram import Bot, Dispatcher
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.core.models import Action, Alert, Entry
from bot.core.records import NewEntry, Placement
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.tgjson import BOT_ID, Json

USER = 501
GROUP = -100777
ADMIN, MEMBER, OWNER = 601, 602, 603
_SHOWING = ("sendMessage", "editMessageText", "editMessageReplyMarkup")
_query_ids = count(1)


class Chatter:
    """Sends commands and presses buttons as a user; returns what the bot answered."""

    def __init__(self, dp: Dispatcher, bot: Bot, api: BotAPI, store: SQLiteStorage) -> None:
        self.dp, self.bot, self.api, self.store = dp, bot, api, store

    async def say(
        self,
        text: str,
        *,
        chat_id: int = USER,
        user_id: int | None = None,
        chat_type: str = "private",
        language_code: str = "en",
    ) -> str:
        """Send a message; exactly one reply is expected, and returned."""
        before = len(self.api.texts_to(chat_id))
        update = make_test_update(
            text, chat_id=chat_id, user_id=user_id, chat_type=chat_type, language_code=language_code
        )
        await self.dp.feed_update(self.bot, update, store=self.store)
        replies = self.api.texts_to(chat_id)[before:]
        assert len(replies) == 1, replies
        return replies[0]

    def keyboard(self, chat_id: int = USER) -> list[list[Json]]:
        """The buttons of the latest keyboard the bot showed in this chat."""
        for method, params in reversed(self.api.calls):
            shown_here = method in _SHOWING and str(params["chat_id"]) == str(chat_id)
            if shown_here and "reply_markup" in params:
                return list(json.loads(params["reply_markup"])["inline_keyboard"])
        raise AssertionError(f"no keyboard shown in {chat_id}")

    def button(self, label: str, chat_id: int = USER) -> str:
        """The callback data of the (first) button whose text contains `label`."""
        for row in self.keyboard(chat_id):
            for button in row:
                if label in button["text"]:
                    return str(button["callback_data"])
        raise AssertionError(f"no button {label!r} in {self.keyboard(chat_id)}")

    async def press(
        self,
        label: str,
        *,
        chat_id: int = USER,
        user_id: int | None = None,
        chat_type: str = "private",
        data: str | None = None,
    ) -> list[tuple[str, Json]]:
        """Press a button (or send raw callback `data`); returns the API calls it caused."""
        data = self.button(label, chat_id) if data is None else data
        before = len(self.api.calls)
        await self.dp.feed_update(
            self.bot,
            callback_update(
                data,
                chat_id=chat_id,
                user_id=chat_id if user_id is None else user_id,
                chat_type=chat_type,
                text=self.page_text(chat_id),
            ),
            store=self.store,
        )
        return self.api.calls[before:]

    def page_text(self, chat_id: int = USER) -> str:
        """The latest page shown in the chat as a client has it: plain text, no markup."""
        for method, params in reversed(self.api.calls):
            if method in _SHOWING and str(params["chat_id"]) == str(chat_id) and "text" in params:
                return html.unescape(re.sub(r"<[^>]*>", "", str(params["text"])))
        return "(the page)"

    async def press_text(self, label: str, *, chat_id: int = USER) -> str:
        """Press a button and return the text the page was redrawn with."""
        calls = await self.press(label, chat_id=chat_id)
        [text] = [str(p["text"]) for m, p in calls if m in ("editMessageText", "sendMessage")]
        return text


def callback_update(
    data: str, *, chat_id: int, user_id: int, chat_type: str, text: str = "(the page)"
) -> Update:
    """A button press on a message the bot sent (`text`: that message's text)."""
    title = None if chat_type == "private" else "Test group"
    shown = Message(
        message_id=7,
        date=datetime.now(UTC),
        text=text,
        chat=Chat(id=chat_id, type=chat_type, title=title),
        from_user=User(id=BOT_ID, is_bot=True, first_name="Blockwatch"),
    )
    return Update(
        update_id=0,
        callback_query=CallbackQuery(
            id=str(next(_query_ids)),
            chat_instance="42",
            data=data,
            message=shown,
            from_user=User(id=user_id, is_bot=False, first_name="Tester", language_code="en"),
        ),
    )


def answers(calls: list[tuple[str, Json]]) -> list[str]:
    """The texts of the answerCallbackQuery calls (the little toasts / alerts)."""
    return [
        str(params.get("text", "")) for method, params in calls if method == "answerCallbackQuery"
    ]


async def report(
    store: SQLiteStorage,
    key: int,
    country: str,
    service: str,
    action: Action = "block",
    *,
    day: int = 20,
    link: str | None = None,
) -> None:
    """One news item reporting (country, service, action) on 2026-11-<day>."""
    when = datetime(2026, 11, day, tzinfo=UTC)
    entry = Entry(
        feed_url="https://a.example/rss",
        key=str(key),
        title=f"title {key}",
        summary="s",
        published=when,
        source="Feed A",
        link=link,
    )
    await store.record_entries(
        [NewEntry(entry, (Placement(Alert(country, service, action), None),))], now=when
    )

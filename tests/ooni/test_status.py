"""`/status TM` and `STATUS TM` show OONI's figure per service, in the reader's language: the
real dispatcher and Telegram client against the Bot API stand-in, and the mail's answer."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator

import pytest
from aiogram import Dispatcher

from bot.core.models import Event
from bot.core.ooni import OoniCounts, OoniFigure
from bot.mail.inbox.replies import status
from bot.telegram.chat.handlers import build_router
from bot.telegram.sender import make_bot
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.chatter import USER, Chatter, report
from tests.support.manualclock import NOW

BLOCKED = OoniFigure(
    "TM",
    "imo",
    "web_connectivity",
    NOW,
    OoniCounts(48, 29, 12, 0, 7),
    OoniCounts(700, 0, 0, 0, 700),
)
SENTENCE = "OONI: 41 of 48 measurements in TM in the last 24 h show an anomaly (12 confirmed)"


def figures(country: str, service: str) -> OoniFigure | None:
    return BLOCKED if (country, service) == ("TM", "imo") else None


@pytest.fixture
async def chat(bot_api: BotAPI, store: SQLiteStorage) -> AsyncIterator[Chatter]:
    dispatcher = Dispatcher(figures=figures)  # as bot/app.py gives it
    dispatcher.include_router(build_router())
    bot = make_bot(bot_api.token, bot_api.base_url)
    yield Chatter(dispatcher, bot, bot_api, store)
    await bot.session.close()


async def test_status_shows_the_figure_per_service(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    await report(store, 1, "TM", "imo")
    await report(store, 2, "TM", "youtube")
    await chat.dp.feed_update(chat.bot, make_test_update("/status TM", chat_id=USER), store=store)
    (board,) = bot_api.texts_to(USER)
    imo, youtube = (line for line in html.unescape(board).split("• ")[1:])
    assert SENTENCE in imo and "OONI" not in youtube
    assert 'href="https://explorer.ooni.org/country/TM"' in board


async def test_status_in_russian(chat: Chatter, store: SQLiteStorage) -> None:
    await report(store, 1, "TM", "imo")
    reply = await chat.say("/status TM", language_code="ru")
    assert "OONI: 41 из 48 измерений в TM за последние 24 ч показывают аномалию" in reply


def test_mail_status_shows_the_figure_once_per_service() -> None:
    block = Event(1, "TM", "imo", "block", NOW, NOW)
    older = Event(2, "TM", "imo", "throttle", NOW, NOW)
    youtube = Event(3, "TM", "youtube", "block", NOW, NOW)
    found = {("TM", "imo"): BLOCKED}
    text = status(None, {"TM": [block, older, youtube]}, "en", found).text
    flat = " ".join(text.replace(" \n", " ").split())
    assert flat.count(SENTENCE) == 1
    assert "https://explorer.ooni.org/country/TM" in text
    tk = " ".join(status(None, {"TM": [block]}, "tk", found).text.replace(" \n", " ").split())
    assert "48 ölçegden 41 sanysy anomaliýa görkezýär (12 sanysy tassyklanan)" in tk

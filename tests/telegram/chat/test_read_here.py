"""The alert's "Read here" button over aiogram's real client and the Bot API stand-in: the
alert carries it, a press sends the report's text into the chat in messages under Telegram's
limit, only for a source of our own events, whole only where the outlet's terms allow."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot, Dispatcher

from bot.core.article import Article, AskedSource
from bot.delivery.outbox import deliver_due
from bot.detect import Detector
from bot.feeds.articles import ArticleDesk
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.telegram.article import article_messages, read_data
from bot.telegram.chat.handlers import build_router
from bot.telegram.chat.read import ReadPress
from bot.telegram.pacing import Limits, Pacer
from bot.telegram.pack import TELEGRAM_LIMIT, telegram_length
from bot.telegram.render import render_telegram
from bot.telegram.sender import TelegramSender
from storage.sqlite import SQLiteStorage
from tests.support.articlepages import LEFT_OUT, long_paragraphs, news_page, outlets_report
from tests.support.botapi import BotAPI
from tests.support.chatter import USER, Chatter
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.open(FetchLimits(2, 2), allowed=LOOPBACK) as opened:
        yield opened


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def chat(
    bot: Bot, bot_api: BotAPI, store: SQLiteStorage, fetcher: Fetcher, clock: ManualClock
) -> Chatter:
    dispatcher = Dispatcher(articles=ArticleDesk(fetcher, store, clock))  # as bot/app.py does
    dispatcher.include_router(build_router())
    return Chatter(dispatcher, bot, bot_api, store)


async def alert(
    bot: Bot,
    bot_api: BotAPI,
    store: SQLiteStorage,
    feed_server: FeedServer,
    fetcher: Fetcher,
    detector: Detector,
    clock: ManualClock,
    *,
    full_text: bool = True,
    page: str | None = None,
) -> str:
    """A chat in Turkmenistan gets the alert; the callback data of its button."""
    await store.subscribe("telegram", str(USER), ["TM"])
    outlets = {"Global Voices": full_text}
    await outlets_report(feed_server, store, fetcher, detector, clock, outlets, page)
    sender = TelegramSender(bot, Pacer(Limits().scaled(0.05)))
    stats = await deliver_due(store, sender, render_telegram, clock)
    assert stats.sent == 1
    [(_, params)] = [(m, p) for m, p in bot_api.calls if m == "sendMessage"]
    [[button]] = json.loads(str(params["reply_markup"]))["inline_keyboard"]
    assert button["text"] == "📄 Read here"
    return str(button["callback_data"])


async def test_read_here_sends_the_article_into_the_chat(
    chat: Chatter,
    bot: Bot,
    bot_api: BotAPI,
    store: SQLiteStorage,
    feed_server: FeedServer,
    fetcher: Fetcher,
    detector: Detector,
    clock: ManualClock,
) -> None:
    data = await alert(bot, bot_api, store, feed_server, fetcher, detector, clock)
    before = len(bot_api.texts_to(USER))
    await chat.press("", data=data)
    [text] = bot_api.texts_to(USER)[before:]
    assert "readers in Ashgabat told our correspondent on Monday" in text
    assert "only expensive international calls are left" in text
    assert not [word for word in LEFT_OUT if word in text]
    assert "Links in the article:" in text and "[1] https://www.rferl.org/a/" in text


async def test_a_long_article_comes_in_several_messages_each_under_the_limit(
    chat: Chatter,
    bot: Bot,
    bot_api: BotAPI,
    store: SQLiteStorage,
    feed_server: FeedServer,
    fetcher: Fetcher,
    detector: Detector,
    clock: ManualClock,
) -> None:
    page = news_page(paragraphs=long_paragraphs(40))
    data = await alert(bot, bot_api, store, feed_server, fetcher, detector, clock, page=page)
    before = len(bot_api.texts_to(USER))
    await chat.press("", data=data)
    texts = bot_api.texts_to(USER)[before:]
    assert len(texts) > 5
    assert all(telegram_length(text) <= TELEGRAM_LIMIT for text in texts)
    whole = "\n".join(texts)
    assert all(f"Paragraph {n} ends here." in whole for n in range(1, 41))


async def test_without_full_text_the_opening_and_why_and_nothing_fetched(
    chat: Chatter,
    bot: Bot,
    bot_api: BotAPI,
    store: SQLiteStorage,
    feed_server: FeedServer,
    fetcher: Fetcher,
    detector: Detector,
    clock: ManualClock,
) -> None:
    data = await alert(bot, bot_api, store, feed_server, fetcher, detector, clock, full_text=False)
    before = len(bot_api.texts_to(USER))
    await chat.press("", data=data)
    [text] = bot_api.texts_to(USER)[before:]
    assert "does not allow its articles to be sent on whole" in text
    assert "Calls fail since Monday." in text and "A fifth sentence" not in text
    assert feed_server.requests["/1/imo.html"] == 0


async def test_a_made_up_button_fetches_nothing(
    chat: Chatter, bot_api: BotAPI, feed_server: FeedServer
) -> None:
    await chat.press("", data=ReadPress(entry=999).pack())
    assert bot_api.texts_to(USER)[-1] == "That report is no longer kept."
    assert not feed_server.requests


def test_the_renderer_makes_the_data_the_handler_reads() -> None:
    assert read_data(123) == ReadPress(entry=123).pack()
    assert ReadPress.unpack(read_data(7)).entry == 7


def test_a_paragraph_longer_than_a_message_is_cut_between_words() -> None:
    asked = AskedSource(1, 1, "GV", "Title", "https://gv.test/a", "s", "en", True)
    giant = " ".join(f"w{n}" for n in range(3000))  # ~14,000 characters in one paragraph
    article = Article("https://gv.test/a", "Title", None, None, (giant,), (), NOW)
    texts = article_messages(article, asked, "en")
    assert len(texts) > 1 and all(telegram_length(t) <= TELEGRAM_LIMIT for t in texts)
    words = " ".join(texts).split()
    assert [w for w in words if w.startswith("w")] == [f"w{n}" for n in range(3000)]

"""/feeds, /addfeed and the feed buttons, through the real dispatcher as the composition root
builds it, the Bot API stand-in, the real store, and the feed server on loopback. Every command
and every button is tried by a moderator and by people who are not one."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from aiogram import Bot

from bot.core.models import FeedSpec, FeedState
from bot.detect import Detector
from bot.feeds.desk import FeedDesk
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.moderation.feeds.buttons import DraftPress, FeedPress
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.feedbuilder import Item, imo_blocked, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock
from tests.support.modkit import (
    ADMIN,
    GROUP,
    MEMBER,
    MODERATOR,
    OTHER_MODERATOR,
    OWNER,
    USER,
    Talk,
    dispatcher,
    shown,
    toasts,
)
from tests.support.tgjson import Json

A = FeedSpec("Asia <News>", "https://a.example/rss", "en", "TM", timedelta(minutes=30))
B = FeedSpec("Kun", "https://b.example/rss", "uz")
IMPOSTORS = {
    "user in private": (USER, None),
    "group member": (MEMBER, GROUP),
    "group administrator": (ADMIN, GROUP),
    "group creator": (OWNER, GROUP),
}
REFUSED = "Only moderators can do this."
NEWS = [
    imo_blocked(NOW, "1"),
    Item(
        "2",
        "WhatsApp is blocked, users say",
        "Users report that WhatsApp was blocked across the country on Monday.",
        NOW,
    ),
    Item("3", "Cotton harvest begins", "The harvest started early this year.", NOW),
]


class Listener:
    """Stands for the running service: counts the changes it is told of."""

    def __init__(self) -> None:
        self.changes = 0

    async def feeds_changed(self) -> None:
        self.changes += 1

    def next_run(self, url: str) -> datetime | None:
        return NOW + timedelta(minutes=12)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


@pytest.fixture
async def desk(store: SQLiteStorage, detector: Detector) -> AsyncIterator[FeedDesk]:
    async with Fetcher.open(FetchLimits(total_timeout=5), allowed=LOOPBACK) as fetcher:
        yield FeedDesk(store, fetcher, detector, ManualClock(NOW))


@pytest.fixture
def listener(desk: FeedDesk) -> Listener:
    found = Listener()
    desk.attach(found)
    return found


@pytest.fixture
def talk(bot: Bot, bot_api: BotAPI, store: SQLiteStorage, desk: FeedDesk) -> Talk:
    bot_api.set_admins(GROUP, ADMIN, creator=OWNER)
    dp = dispatcher(store)
    dp["feed_desk"] = desk
    return Talk(dp, bot, bot_api, store)


async def two_feeds(store: SQLiteStorage) -> tuple[int, int]:
    a, _ = await store.register_feed(A, "seed", NOW - timedelta(days=3), actor_id=0)
    b, _ = await store.register_feed(B, "seed", NOW - timedelta(days=3), actor_id=0)
    await store.save_feed_state(
        FeedState(
            A.url, failures=3, last_error="HTTP 503 <busy>", last_success=NOW - timedelta(days=2)
        )
    )
    await store.save_feed_state(FeedState(B.url, last_success=NOW - timedelta(minutes=5)))
    return a.id, b.id


def keyboard(calls: list[tuple[str, Json]]) -> list[list[Json]]:
    [markup] = [p["reply_markup"] for m, p in calls if "reply_markup" in p]
    return list(json.loads(str(markup))["inline_keyboard"])


def button(calls: list[tuple[str, Json]], label: str) -> str:
    for row in keyboard(calls):
        for key in row:
            if label in key["text"]:
                return str(key["callback_data"])
    raise AssertionError(f"no {label!r} in {keyboard(calls)}")


async def audit(store: SQLiteStorage) -> list[tuple[int, str]]:
    return [(e.actor_id, e.action) for e in reversed(await store.audit_log(50))]


# --- /feeds ----------------------------------------------------------------------------------


async def test_feeds_shows_health_with_buttons_per_feed(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI, listener: Listener
) -> None:
    a, b = await two_feeds(store)
    [text] = await talk.send("/feeds")
    assert "<b>Feeds</b>: 2 active, 0 paused (1/1)" in text
    assert f"⚠️ <b>{a}.</b>" in text and "Asia &lt;News&gt;" in text
    assert "failed 3x: HTTP 503 &lt;busy&gt;" in text
    assert f"✅ <b>{b}.</b>" in text and "next poll in 12 min" in text  # the scheduler's
    rows = keyboard(bot_api.calls[-1:])
    assert [[k["text"] for k in row] for row in rows] == [
        [f"⏸ Pause {a}", f"🗑 {a}", f"⏱ {a}", f"🌐 {a}", f"📄 {a} ✗"],
        [f"⏸ Pause {b}", f"🗑 {b}", f"⏱ {b}", f"🌐 {b}", f"📄 {b} ✗"],
    ]
    assert rows[0][0]["callback_data"] == FeedPress(op="pause", feed=a).pack()


async def test_many_feeds_come_in_pages_under_the_limit(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    for n in range(23):
        await store.register_feed(
            FeedSpec(f"Feed {n} " + "x" * 200, f"https://f{n}.example/", "en"),
            "seed",
            NOW,
            actor_id=0,
        )
    texts = await talk.send("/feeds")
    assert len(texts) == 3 and all(len(text) < 4096 for text in texts)
    assert texts[2].startswith("<b>Feeds</b>: 23 active, 0 paused (3/3)")


@pytest.mark.parametrize("who", IMPOSTORS)
async def test_no_one_else_gets_feeds_or_adds_one(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI, feed_server: FeedServer, who: str
) -> None:
    await two_feeds(store)
    url = feed_server.feed("/rss.xml", rss("N", NEWS))
    user, chat = IMPOSTORS[who]
    for text in ("/feeds", f"/addfeed {url}", f"/addfeed@blockwatch_test_bot {url}"):
        assert await talk.send(text, user=user, chat=chat) == []
    assert bot_api.sent == [] and feed_server.requests["/rss.xml"] == 0
    assert len(await store.registered_feeds()) == 2


# --- each feed button, by a moderator --------------------------------------------------------


async def test_pause_and_resume_redraw_the_page_and_reschedule(
    talk: Talk, store: SQLiteStorage, listener: Listener
) -> None:
    a, _ = await two_feeds(store)
    calls = await talk.press(FeedPress(op="pause", feed=a).pack())
    assert toasts(calls) == [f"Paused #{a} Asia <News>"]
    [page] = shown(calls)
    assert f"⏸ <b>{a}.</b>" in page and "1 active, 1 paused" in page
    assert button(calls, f"Resume {a}") == FeedPress(op="resume", feed=a).pack()
    assert (await store.registered_feed(a)).status == "paused"  # type: ignore[union-attr]

    calls = await talk.press(FeedPress(op="resume", feed=a).pack())
    assert toasts(calls) == [f"Resumed #{a} Asia <News>"]
    assert (await store.registered_feed(a)).status == "active"  # type: ignore[union-attr]
    assert listener.changes == 2
    assert await audit(store) == [
        (0, "addfeed"),
        (0, "addfeed"),
        (MODERATOR, "pausefeed"),
        (MODERATOR, "resumefeed"),
    ]


async def test_the_full_text_button_switches_what_article_sends(
    talk: Talk, store: SQLiteStorage
) -> None:
    a, _ = await two_feeds(store)
    calls = await talk.press(FeedPress(op="fulltext", feed=a).pack())
    assert toasts(calls) == [f"#{a} Asia <News>: whole articles by mail"]
    [page] = shown(calls)
    assert "full text by mail" in page
    assert button(calls, f"📄 {a} ✓") == FeedPress(op="fulltext", feed=a).pack()
    feed = await store.registered_feed(a)
    assert feed is not None and feed.spec.full_text and feed.edited  # the file no longer rules
    calls = await talk.press(FeedPress(op="fulltext", feed=a).pack())
    assert toasts(calls) == [f"#{a} Asia <News>: opening sentences only by mail"]
    feed = await store.registered_feed(a)
    assert feed is not None and not feed.spec.full_text
    assert (await audit(store))[-2:] == [(MODERATOR, "feedfulltext"), (MODERATOR, "feedfulltext")]


async def test_remove_asks_first(talk: Talk, store: SQLiteStorage, listener: Listener) -> None:
    a, b = await two_feeds(store)
    calls = await talk.press(FeedPress(op="remove", feed=a).pack())
    assert "Remove <b>#1 Asia &lt;News&gt;</b>?" in shown(calls)[0]
    kept = await talk.press(button(calls, "Keep it"))
    assert shown(kept) == ["Kept <b>#1 Asia &lt;News&gt;</b>."]
    assert listener.changes == 0

    done = await talk.press(button(calls, f"Yes, remove {a}"))
    assert "Removed <b>#1 Asia &lt;News&gt;</b>" in shown(done)[0]
    assert [f.id for f in await store.registered_feeds()] == [b]
    assert listener.changes == 1
    again = await talk.press(FeedPress(op="pause", feed=a).pack())
    assert toasts(again) == ["That feed was removed."]


async def test_interval_and_country_buttons(
    talk: Talk, store: SQLiteStorage, listener: Listener
) -> None:
    a, _ = await two_feeds(store)
    calls = await talk.press(FeedPress(op="interval", feed=a).pack())
    assert "How often should <b>#1 Asia &lt;News&gt;</b> be polled?" in shown(calls)[0]
    assert "✅ 30 min" in [k["text"] for row in keyboard(calls) for k in row]
    done = await talk.press(button(calls, "6 h"))
    assert shown(done) == ["<b>#1 Asia &lt;News&gt;</b> is polled every 6 h."]
    feed = await store.registered_feed(a)
    assert feed is not None and feed.spec.interval == timedelta(hours=6) and feed.edited

    calls = await talk.press(FeedPress(op="country", feed=a).pack())
    assert "✅ 🇹🇲 TM" in [k["text"] for row in keyboard(calls) for k in row]
    await talk.press(button(calls, "UZ"))
    assert (await store.registered_feed(a)).spec.country == "UZ"  # type: ignore[union-attr]
    await talk.press(button(calls, "No country"))
    assert (await store.registered_feed(a)).spec.country is None  # type: ignore[union-attr]
    assert listener.changes == 3
    assert [action for _, action in await audit(store)][2:] == [
        "feedinterval",
        "feedcountry",
        "feedcountry",
    ]


@pytest.mark.parametrize(
    "data",
    [
        "mf:pause:1:x",
        "mf:explode:1:",
        "mf:every:1:7",
        "mf:cc:1:XX",
        "mf:cc:1:tm",
        "md:save:1:now",
        "md:every:1:99999",
    ],
)
async def test_forged_presses_change_nothing(talk: Talk, store: SQLiteStorage, data: str) -> None:
    await two_feeds(store)
    calls = await talk.press(data)
    assert toasts(calls) == ["This button is out of date."] and shown(calls) == []
    assert len(await audit(store)) == 2


# --- every button, by people who are not moderators -------------------------------------------


FEED_PRESSES = [
    ("pause", ""),
    ("resume", ""),
    ("remove", ""),
    ("removeyes", ""),
    ("keep", ""),
    ("interval", ""),
    ("every", "60"),
    ("country", ""),
    ("cc", "UZ"),
    ("cc", "-"),
]
DRAFT_PRESSES = [
    ("save", ""),
    ("cancel", ""),
    ("interval", ""),
    ("every", "15"),
    ("country", ""),
    ("cc", "KZ"),
]


@pytest.mark.parametrize("who", IMPOSTORS)
async def test_no_one_else_presses_a_feed_button(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI, feed_server: FeedServer, who: str
) -> None:
    a, _ = await two_feeds(store)
    url = feed_server.feed("/rss.xml", rss("N", NEWS))
    await talk.send(f"/addfeed {url}")  # a moderator's draft, waiting
    [draft_id] = [
        DraftPress.unpack(k["callback_data"]).draft
        for row in keyboard(bot_api.calls[-1:])
        for k in row
    ][:1]
    user, chat = IMPOSTORS[who]
    presses = [FeedPress(op=op, feed=a, value=v).pack() for op, v in FEED_PRESSES]
    presses += [DraftPress(op=op, draft=draft_id, value=v).pack() for op, v in DRAFT_PRESSES]
    for data in presses:
        calls = await talk.press(data, user=user, chat=chat)
        assert toasts(calls) == [REFUSED] and shown(calls) == []
    feed = await store.registered_feed(a)
    assert feed is not None and (feed.status, feed.spec) == ("active", A)
    assert len(await store.registered_feeds()) == 2
    assert await store.feed_draft(draft_id) is not None
    assert await audit(store) == [(0, "addfeed"), (0, "addfeed")]


# --- /addfeed --------------------------------------------------------------------------------


async def test_addfeed_finds_the_feed_on_a_page_previews_and_saves(
    talk: Talk,
    store: SQLiteStorage,
    bot_api: BotAPI,
    feed_server: FeedServer,
    listener: Listener,
) -> None:
    feed_url = feed_server.feed("/news/rss.xml", rss("Asia News", NEWS))
    page = feed_server.feed(
        "/",
        '<html lang="en"><head><link rel="alternate" '
        'type="application/rss+xml" href="/news/rss.xml"></head></html>',
        content_type="text/html; charset=utf-8",
    )
    [preview] = await talk.send(f"/addfeed {page} country=tm every=20")
    assert "<b>Feed found</b>" in preview and "Asia News" in preview
    assert "(announced by the page)" in preview
    assert "Language: en · default country: TM · every 20 min" in preview
    assert "3 items now; 2 alerts would be found:" in preview
    assert "🇹🇲 Turkmenistan: IMO blocked — <i>Turkmenistan blocks IMO messenger</i>" in preview
    assert "Turkmenistan: WhatsApp blocked" in preview
    assert await store.registered_feeds() == []  # nothing saved before Save
    first = bot_api.calls[-1:]

    # The default country changes what the feed would alert on: the preview is fetched again.
    calls = await talk.press(button(first, "🌐"))
    assert [m for m, _ in calls] == ["answerCallbackQuery", "editMessageReplyMarkup"]
    calls = await talk.press(button(calls, "KZ"))
    [redrawn] = shown(calls)
    assert "Kazakhstan: WhatsApp blocked" in redrawn and "Turkmenistan: IMO blocked" in redrawn
    calls = await talk.press(button(calls, "⏱"))
    calls = await talk.press(button(calls, "1 h"))
    assert "default country: KZ · every 60 min" in shown(calls)[0]

    saved = await talk.press(button(calls, "Save"))
    [feed] = await store.registered_feeds()
    assert shown(saved) == [
        f"Saved as <b>#{feed.id} Asia News</b>: polled every 1 h, the first time within a minute."
    ]
    assert (feed.spec, feed.origin) == (
        FeedSpec("Asia News", feed_url, "en", "KZ", timedelta(hours=1)),
        "moderator",
    )
    assert listener.changes == 1
    assert await audit(store) == [(MODERATOR, "addfeed")]
    again = await talk.press(button(calls, "Save"))
    assert toasts(again) == ["No preview of yours is waiting here: send /addfeed again."]
    assert len(await store.registered_feeds()) == 1


async def test_a_moderator_cannot_save_another_moderators_preview(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI, feed_server: FeedServer
) -> None:
    await store.add_moderator(OTHER_MODERATOR, MODERATOR, NOW)
    url = feed_server.feed("/rss.xml", rss("N", NEWS))
    await talk.send(f"/addfeed {url}", chat=GROUP)
    save = button(bot_api.calls[-1:], "Save")
    calls = await talk.press(save, user=OTHER_MODERATOR, chat=GROUP)
    assert toasts(calls) == ["No preview of yours is waiting here: send /addfeed again."]
    assert await store.registered_feeds() == []
    await talk.press(save, chat=GROUP)
    assert len(await store.registered_feeds()) == 1


async def test_addfeed_of_a_watched_feed_says_so(
    talk: Talk, store: SQLiteStorage, feed_server: FeedServer
) -> None:
    url = feed_server.feed("/rss.xml", rss("N", NEWS))
    await store.register_feed(FeedSpec("N", url, "en"), "seed", NOW, actor_id=0)
    [reply] = await talk.send(f"/addfeed {url}")
    assert reply.startswith("Already watched as <b>#1 N</b> (active)")


async def test_addfeed_cancel_and_mistakes(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI, feed_server: FeedServer
) -> None:
    url = feed_server.feed("/rss.xml", rss("N", NEWS))
    await talk.send(f"/addfeed {url}")
    calls = await talk.press(button(bot_api.calls[-1:], "Cancel"))
    assert shown(calls) == ["Not added."]
    assert await store.registered_feeds() == []

    for text, said in [
        ("/addfeed", "which feed?"),
        ("/addfeed ftp://x.example/", "not an http(s) address"),
        (f"/addfeed {url} lang=klingon", "not an ISO 639-1"),
        (f"/addfeed {url} every=2", "every takes 5..1440"),
        (f"/addfeed {url} colour=red", "not a setting"),
        (f"/addfeed {feed_server.url('/missing')}", "No feed added: HTTP 404"),
    ]:
        [reply] = await talk.send(text)
        assert said in reply, text
    assert await store.registered_feeds() == [] and await audit(store) == []


async def test_a_removed_feed_comes_back_through_addfeed(
    talk: Talk, store: SQLiteStorage, bot_api: BotAPI, feed_server: FeedServer
) -> None:
    url = feed_server.feed("/rss.xml", rss("N", NEWS))
    feed, _ = await store.register_feed(FeedSpec("N", url, "en"), "seed", NOW, actor_id=0)
    await store.set_feed_status(feed.id, "removed", NOW, actor_id=MODERATOR)
    await talk.send(f"/addfeed {url}")
    saved = await talk.press(button(bot_api.calls[-1:], "Save"))
    assert shown(saved)[0].startswith(f"Saved as <b>#{feed.id} N</b>")
    assert [f.status for f in await store.registered_feeds()] == ["active"]

"""The review queue and announcements through the whole service, built by the composition root:
feeds on a local HTTP server, the real dispatcher and Telegram client against the Bot API
stand-in, mail through aiosmtpd. A held event reaches no one until a moderator's tap."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import App, open_app
from bot.config import Settings
from bot.core.models import Preferences
from tests.support.botapi import BotAPI, make_test_update
from tests.support.chatter import callback_update
from tests.support.feedbuilder import Item, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.modkit import GROUP, MODERATOR, button, buttons
from tests.support.smtpserver import SmtpServer

# The service runs on the wall clock here: open_app's `clock` does not reach the moderators'
# handlers (announce, review queue), which fall back to their own utc_now. So the items are
# dated from the wall clock, not from tests.support.manualclock.NOW.
WALL_CLOCK_NOW = datetime.now(UTC).replace(microsecond=0)
TM_CHAT, UZ_CHAT, DIGEST_CHAT = 1001, 2002, 3003
EMAIL = "reader@example.org"
ABSENT_MODERATOR = 902  # never started a chat with the bot: Telegram refuses to write to them

# Names no country: the feed's default (TM) supplies it, so it waits for a moderator.
VAGUE = Item(
    "vague",
    "IMO messenger blocked",
    "Users said the IMO messenger stopped working after it was blocked on Monday.",
    WALL_CLOCK_NOW - timedelta(hours=1),
    link="https://first.example/vague",
)
SAME_STORY = Item(
    "again",
    "IMO messenger blocked again",
    "The IMO messenger was blocked, users said.",
    WALL_CLOCK_NOW - timedelta(minutes=30),
    link="https://second.example/again",
)


@asynccontextmanager
async def service(
    tmp_path: Path, feeds: FeedServer, api: BotAPI, smtp: SmtpServer
) -> AsyncIterator[App]:
    (tmp_path / "feeds.toml").write_text(
        f'[[feed]]\nname = "First"\nurl = "{feeds.url("/first.xml")}"\nlanguage = "en"\n'
        'country = "TM"\n\n'
        f'[[feed]]\nname = "Second"\nurl = "{feeds.url("/second.xml")}"\nlanguage = "en"\n'
        'country = "TM"\n'
    )
    settings = Settings(
        db_path=tmp_path / "blockwatch.db",
        feeds_path=tmp_path / "feeds.toml",
        telegram_token=api.token,
        telegram_api_url=api.base_url,
        smtp_url=smtp.url,
        mail_from="Blockwatch <alerts@blockwatch.test>",
        moderators=frozenset({MODERATOR, ABSENT_MODERATOR}),
        allow_hosts=LOOPBACK,
    )
    api.fail(
        ABSENT_MODERATOR, 403, "Forbidden: bot can't initiate conversation with a user", times=None
    )
    async with open_app(settings) as app:
        await app.store.subscribe("telegram", str(TM_CHAT), ["TM"])
        await app.store.subscribe("telegram", str(UZ_CHAT), ["UZ"])
        await app.store.subscribe("email", EMAIL, ["TM"])
        yield app


async def press(app: App, api: BotAPI, label: str, *, chat: int = MODERATOR) -> None:
    """A moderator presses the button labelled `label` of the latest keyboard in `chat`."""
    assert app.dispatcher is not None and app.bot is not None
    await app.dispatcher.feed_update(
        app.bot,
        callback_update(
            button(api, chat, label),
            chat_id=chat,
            user_id=MODERATOR,
            chat_type="private" if chat > 0 else "supergroup",
        ),
    )


def buttons_gone(api: BotAPI) -> bool:
    """Whether the latest redraw took the card's buttons away."""
    edits = [p for m, p in api.calls if m == "editMessageText"]
    return "reply_markup" not in edits[-1]


def redrawn(api: BotAPI) -> str:
    """The text the latest card was redrawn with."""
    return [str(p["text"]) for m, p in api.calls if m == "editMessageText"][-1]


async def poll_and_notify(app: App) -> int:
    """One cycle, as `blockwatch run --once` does it: poll, deliver, cards to moderators."""
    _, delivered = await app.pipeline.run_once(app.feeds)
    assert app.review_desk is not None
    await app.review_desk.notify()
    return delivered.sent


async def test_a_held_event_goes_out_when_a_moderator_approves(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI, smtp_server: SmtpServer
) -> None:
    feed_server.feed("/first.xml", rss("First", [VAGUE]))
    feed_server.feed("/second.xml", rss("Second", []))
    async with service(tmp_path, feed_server, bot_api, smtp_server) as app:
        assert await poll_and_notify(app) == 0
        assert bot_api.messages_to(TM_CHAT) == [] and smtp_server.received == []
        (html_card,) = bot_api.texts_to(MODERATOR)  # the absent moderator could not be told
        card = html.unescape(html_card)
        assert "Held for review" in card and "Turkmenistan: IMO blocked" in card
        assert "Held because the country is only the feed's default" in card
        assert "<i>“IMO messenger blocked”</i>" in card
        assert "country: — · service: imo messenger · action: blocked" in card
        assert re.search(r"sure: 0\.\d\d · weighed: [+-]\S+=", card)  # the words that moved it
        assert set(buttons(bot_api, MODERATOR)) == {"✅ Approve", "✏️ Correct", "❌ Reject"}
        assert app.review_desk is not None
        assert await app.review_desk.notify() == 0  # each card is sent once

        await press(app, bot_api, "Approve")
        assert f"Approved</b> by {MODERATOR}" in redrawn(bot_api)
        assert buttons_gone(bot_api)
        delivered = await app.pipeline.deliver()
        assert delivered.sent == 2
        (alert,) = bot_api.texts_to(TM_CHAT)
        assert "IMO" in alert
        assert len(smtp_server.received) == 1
        assert [e.action for e in await app.store.audit_log(5)] == ["approve"]


async def test_a_moderator_corrects_the_country_then_approves(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI, smtp_server: SmtpServer
) -> None:
    feed_server.feed("/first.xml", rss("First", [VAGUE]))
    feed_server.feed("/second.xml", rss("Second", []))
    async with service(tmp_path, feed_server, bot_api, smtp_server) as app:
        await poll_and_notify(app)
        await press(app, bot_api, "Correct")
        await press(app, bot_api, "Change country")
        await press(app, bot_api, "UZ")
        assert "Uzbekistan: IMO blocked" in redrawn(bot_api)
        assert "Held for review" in redrawn(bot_api)
        await press(app, bot_api, "Approve")
        await app.pipeline.deliver()
        assert bot_api.messages_to(TM_CHAT) == [] and smtp_server.received == []
        (alert,) = bot_api.texts_to(UZ_CHAT)
        assert "IMO" in alert
        assert [e.action for e in await app.store.audit_log(5)] == ["approve", "correct"]


async def test_a_rejected_event_reaches_no_one_and_no_board(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI, smtp_server: SmtpServer
) -> None:
    feed_server.feed("/first.xml", rss("First", [VAGUE]))
    feed_server.feed("/second.xml", rss("Second", []))
    async with service(tmp_path, feed_server, bot_api, smtp_server) as app:
        await poll_and_notify(app)
        await press(app, bot_api, "Reject")
        assert f"Rejected</b> by {MODERATOR}" in redrawn(bot_api)
        assert (await app.pipeline.deliver()).sent == 0
        assert bot_api.messages_to(TM_CHAT) == [] and smtp_server.received == []
        assert await app.store.recent_events("TM", 5) == []


async def test_a_second_site_releases_a_held_event_without_a_moderator(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI, smtp_server: SmtpServer
) -> None:
    feed_server.feed("/first.xml", rss("First", [VAGUE]))
    feed_server.feed("/second.xml", rss("Second", []))
    async with service(tmp_path, feed_server, bot_api, smtp_server) as app:
        assert await poll_and_notify(app) == 0
        feed_server.feed("/second.xml", rss("Second", [SAME_STORY]))
        assert await poll_and_notify(app) == 2
        (alert,) = bot_api.texts_to(TM_CHAT)
        assert "IMO" in alert and "Second" in alert
        # A moderator's late tap on the card only shows what happened.
        await press(app, bot_api, "Approve")
        assert "Released</b>: another site reported it too" in redrawn(bot_api)
        assert [e.action for e in await app.store.audit_log(5)] == []


async def test_an_announcement_goes_to_every_channel_at_once(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI, smtp_server: SmtpServer
) -> None:
    feed_server.feed("/first.xml", rss("First", []))
    feed_server.feed("/second.xml", rss("Second", []))
    async with service(tmp_path, feed_server, bot_api, smtp_server) as app:
        digest = await app.store.subscribe("telegram", str(DIGEST_CHAT), ["TM"])
        await app.store.set_preferences(digest.id, Preferences(frequency="daily"))
        assert app.dispatcher is not None and app.bot is not None
        await app.dispatcher.feed_update(
            app.bot,
            make_test_update(
                "/announce TM The bot moves to @new_bot tomorrow.\nKeep this one until then.",
                chat_id=GROUP,
                user_id=MODERATOR,
                chat_type="supergroup",
            ),
        )
        await press(app, bot_api, "Send to 3", chat=GROUP)
        delivered = await app.pipeline.deliver()
        assert delivered.sent == 3
        for chat in (TM_CHAT, DIGEST_CHAT):
            (told,) = bot_api.texts_to(chat)
            assert told.startswith("📢 <b>Announcement</b> · 🇹🇲 Turkmenistan")
            assert "@new_bot" in told and "From the Blockwatch moderators." in told
        assert bot_api.messages_to(UZ_CHAT) == []
        (mail,) = smtp_server.received
        assert mail.message["Subject"] == "[Blockwatch] Announcement: Turkmenistan"
        assert "Keep this one until then." in mail.message.get_content()
        assert "List-Unsubscribe" in mail.message

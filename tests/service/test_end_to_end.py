"""Feeds to subscribers through the whole service, on real local servers only.

An aiohttp server serves two feeds with ETags, aiogram's real client talks to a local Bot API
stand-in, and aiosmtpd receives the mail. The service is built by the real composition root.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.app import open_app
from bot.config import Settings
from tests.support.botapi import BotAPI
from tests.support.feedbuilder import Item, feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock
from tests.support.smtpserver import SmtpServer

CHAT = 1001
EMAIL = "reader@example.org"

BLOCK_EN = Item(
    "en-imo-block",
    "Turkmenistan blocks IMO, its last working messenger",
    "Authorities in Turkmenistan have blocked the IMO messenger, the last one that still worked "
    "in the country, users in Ashgabat said on Monday.",
    NOW - timedelta(hours=2),
)
BLOCK_RU = Item(
    "ru-imo-block",
    "В Туркменистане заблокировали мессенджер IMO",
    "Власти Туркменистана заблокировали мессенджер IMO, сообщают жители Ашхабада.",
    NOW - timedelta(hours=1),
)
UNBLOCK_EN = Item(
    "en-imo-unblock",
    "Turkmenistan unblocks IMO messenger",
    "Access to the IMO messenger has been restored in Turkmenistan, users in Ashgabat report.",
    NOW - timedelta(minutes=10),
)


def settings_for(tmp_path: Path, feeds: FeedServer, api: BotAPI, smtp: SmtpServer) -> Settings:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(
        feeds_toml(
            [
                ("Eurasianet", feeds.url("/en.xml"), "en"),
                ("Turkmen.news", feeds.url("/ru.xml"), "ru"),
            ]
        )
    )
    return Settings(
        db_path=tmp_path / "blockwatch.db",
        feeds_path=feeds_file,
        telegram_token=api.token,
        telegram_api_url=api.base_url,
        smtp_url=smtp.url,
        mail_from="Blockwatch <alerts@blockwatch.test>",
        allow_hosts=LOOPBACK,
        ooni_api_url="",
    )


def mails_to(smtp: SmtpServer, address: str) -> list[str]:
    return [str(mail.message["Subject"]) for mail in smtp.received if address in mail.rcpt_tos]


async def test_one_alert_per_event_per_subscriber_then_304s_then_the_unblock(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI, smtp_server: SmtpServer
) -> None:
    feed_server.feed("/en.xml", rss("Eurasianet", [BLOCK_EN]))
    feed_server.feed("/ru.xml", rss("Turkmen.news", [BLOCK_RU], language="ru"))
    settings = settings_for(tmp_path, feed_server, bot_api, smtp_server)

    async with open_app(settings, clock=ManualClock(NOW)) as app:
        await app.store.subscribe("telegram", str(CHAT), ["TM"])
        await app.store.subscribe("email", EMAIL, ["TM"])

        # Cycle 1: two reports, two languages, one event: one alert on each channel.
        outcomes, delivered = await app.pipeline.run_once(app.feeds)
        assert [o.status for o in outcomes] == ["new", "new"]
        assert sum(len(o.new_events) for o in outcomes) == 1
        assert (delivered.sent, delivered.retrying, delivered.failed) == (2, 0, 0)
        (alert,) = bot_api.messages_to(CHAT)
        assert "IMO" in alert.text and "🇹🇲" in alert.text
        assert alert.parse_mode == "HTML"
        assert "Turkmen.news" in alert.text  # the second source, named once
        (subject,) = mails_to(smtp_server, EMAIL)
        assert "IMO" in subject and "Turkmenistan" in subject

        # Cycle 2: nothing changed: conditional GETs answered 304, nothing sent.
        outcomes, delivered = await app.pipeline.run_once(app.feeds)
        assert [o.status for o in outcomes] == ["not-modified", "not-modified"]
        assert feed_server.not_modified["/en.xml"] == 1
        assert feed_server.not_modified["/ru.xml"] == 1
        assert delivered.sent == 0
        assert len(bot_api.sent) == 1 and len(smtp_server.received) == 1

        # Cycle 3: the unblock is an event of its own: exactly one new alert each.
        feed_server.feed("/en.xml", rss("Eurasianet", [UNBLOCK_EN, BLOCK_EN]))
        outcomes, delivered = await app.pipeline.run_once(app.feeds)
        assert [len(o.new_events) for o in outcomes] == [1, 0]
        assert delivered.sent == 2
        _, second = bot_api.messages_to(CHAT)
        assert "unblocked" in second.text.lower()
        assert len(mails_to(smtp_server, EMAIL)) == 2


async def test_without_channels_new_events_are_printed(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.feed("/en.xml", rss("Eurasianet", [BLOCK_EN]))
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(feeds_toml([("Eurasianet", feed_server.url("/en.xml"), "en")]))
    printed = tmp_path / "out.txt"
    with printed.open("w") as out:
        async with open_app(
            Settings(
                db_path=tmp_path / "db",
                feeds_path=feeds_file,
                allow_hosts=LOOPBACK,
                ooni_api_url="",
            ),
            clock=ManualClock(NOW),
            out=out,
        ) as app:
            await app.store.subscribe("email", EMAIL, ["TM"])
            _, delivered = await app.pipeline.run_once(app.feeds)
    text = printed.read_text()
    assert "IMO" in text and "Turkmenistan" in text
    assert delivered.sent == 0  # nothing configured to send with: the row stays owed

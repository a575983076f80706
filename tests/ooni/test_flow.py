"""OONI's figures through the whole service, built by the composition root: feeds on a local
HTTP server, the OONI stand-in (tests/support/ooniserver.py), the real Telegram client against
the Bot API stand-in, mail through aiosmtpd. An alert carries the figure, or goes without it
when OONI is down; OONI's support lets a held single-report event out, its doubt holds one."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App, open_app
from bot.config import Settings
from bot.ooni.targets import load_ooni_vocab
from bot.service.ooni_job import refresh_figures
from bot.service.run import run_cycle
from bot.service.web import ooni_health
from tests.support.botapi import BotAPI
from tests.support.feedbuilder import Item, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.modkit import MODERATOR
from tests.support.ooniserver import OoniServer
from tests.support.smtpserver import SmtpServer

# The wall clock, as in tests/moderation/test_flow.py: the moderators' handlers read it.
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


@pytest.fixture(autouse=True)
def _this_hour() -> None:
    """NOW is this hour, taken when each test starts: the service counts OONI's last 24 h
    from the wall clock, and a NOW taken at import went an hour stale whenever the suite
    crossed an hour between collecting this module and running it (the first hour of data
    then fell out of the window: 39 of 46, not 41 of 48)."""
    global NOW
    NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


TM_CHAT, EMAIL = 1001, "reader@example.org"
SENTENCE = "OONI: 41 of 48 measurements in TM in the last 24 h show an anomaly (12 confirmed)"
EXPLORER = "https://explorer.ooni.org/country/TM"
IMO = ("TM", "web_connectivity", "imo.im")

CLEAR = Item(  # names the country next to the service and a strong action word: goes out
    "clear",
    "Turkmenistan blocks IMO messenger",
    "Turkmenistan blocked the IMO messenger on Monday, users in Ashgabat said.",
    NOW - timedelta(hours=1),
    link="https://first.example/clear",
)
VAGUE = Item(  # names no country: the feed's default supplies it, so it waits for a moderator
    "vague",
    "IMO messenger blocked",
    "Users said the IMO messenger stopped working after it was blocked on Monday.",
    NOW - timedelta(hours=1),
    link="https://first.example/vague",
)


def imo_blocked(server: OoniServer) -> None:
    """A week of IMO in TM by the hour: clean, then 41 of 48 anomalous (12 confirmed)."""
    day = NOW - timedelta(hours=23)
    server.hours(*IMO, NOW - timedelta(days=6), 4 * 24, (0, 0, 0, 2))
    server.hours(*IMO, day, 12, (1, 1, 0, 0))
    server.hours(*IMO, day + timedelta(hours=12), 5, (2, 0, 0, 0))
    server.hours(*IMO, day + timedelta(hours=17), 7, (1, 0, 0, 1))


def imo_clean(server: OoniServer) -> None:
    server.hours(*IMO, NOW - timedelta(hours=23), 24, (0, 0, 0, 3))


@asynccontextmanager
async def service(
    tmp_path: Path, feeds: FeedServer, api: BotAPI, smtp: SmtpServer, ooni: OoniServer
) -> AsyncIterator[App]:
    (tmp_path / "feeds.toml").write_text(
        f'[[feed]]\nname = "First"\nurl = "{feeds.url("/first.xml")}"\nlanguage = "en"\n'
        'country = "TM"\n'
    )
    settings = Settings(
        db_path=tmp_path / "blockwatch.db",
        feeds_path=tmp_path / "feeds.toml",
        telegram_token=api.token,
        telegram_api_url=api.base_url,
        smtp_url=smtp.url,
        mail_from="Blockwatch <alerts@blockwatch.test>",
        moderators=frozenset({MODERATOR}),
        allow_hosts=LOOPBACK,
        ooni_api_url=ooni.url,
    )
    async with open_app(settings) as app:
        await app.store.subscribe("telegram", str(TM_CHAT), ["TM"])
        await app.store.subscribe("email", EMAIL, ["TM"])
        yield app


def mail_text(smtp: SmtpServer) -> str:
    (mail,) = smtp.received
    body = mail.message.get_body(("plain",))
    assert body is not None
    return " ".join(body.get_content().replace(" \n", " ").split())


async def test_an_alert_carries_the_figure_in_both_channels(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    ooni_server: OoniServer,
) -> None:
    feed_server.feed("/first.xml", rss("First", [CLEAR]))
    imo_blocked(ooni_server)
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        assert app.ooni is not None
        await app.ooni.refresh([("TM", "imo")])  # the job's work, before the news comes
        _, delivered = await app.pipeline.run_once(app.feeds)
        assert delivered.sent == 2
        (alert,) = bot_api.texts_to(TM_CHAT)
        assert SENTENCE in html.unescape(alert)
        assert f'href="{EXPLORER}"' in alert
        assert SENTENCE in mail_text(smtp_server)
        assert ooni_health(app.ooni) == "ooni: answering"
        assert ooni_server.user_agents[0].startswith("Blockwatch/")


async def test_with_ooni_down_the_alert_goes_without_the_figure(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    ooni_server: OoniServer,
) -> None:
    feed_server.feed("/first.xml", rss("First", [CLEAR]))
    ooni_server.status = 503
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        assert app.ooni is not None
        _, delivered = await app.pipeline.run_once(app.feeds)
        done = await refresh_figures(app.ooni, app.store, app.clock, app.store)
        assert (done.failed, done.fresh) == (1, 0)  # found down at once: the rest not asked
        assert done.skipped == len(app.ooni.vocab.targets) - 1  # TM's every service: followed
        assert len(ooni_server.requests) == 1
        assert delivered.sent == 2
        (alert,) = bot_api.texts_to(TM_CHAT)
        assert "OONI" not in alert and "OONI" not in mail_text(smtp_server)
        assert ooni_health(app.ooni).startswith("ooni: no figures since ")
        assert "(HTTP 503)" in ooni_health(app.ooni)


async def test_a_held_single_report_event_goes_out_once_ooni_supports_it(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    ooni_server: OoniServer,
) -> None:
    feed_server.feed("/first.xml", rss("First", [VAGUE]))
    imo_blocked(ooni_server)
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        assert app.ooni is not None
        _, delivered = await app.pipeline.run_once(app.feeds)
        assert delivered.sent == 0  # held: the country is only the feed's default
        assert await app.store.pending_reviews(5) != []
        await refresh_figures(app.ooni, app.store, app.clock, app.store)
        assert await app.store.pending_reviews(5) == []
        assert (await app.pipeline.deliver()).sent == 2
        (alert,) = bot_api.texts_to(TM_CHAT)
        assert SENTENCE in html.unescape(alert)
        case = await app.store.review_case((await app.store.recent_events("TM", 1))[0].id)
        assert case is not None and case.review == "approved" and case.reviewed_by is None


async def test_a_weak_report_ooni_supports_goes_out_at_once(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    ooni_server: OoniServer,
) -> None:
    feed_server.feed("/first.xml", rss("First", [VAGUE]))
    imo_blocked(ooni_server)
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        assert app.ooni is not None
        await app.ooni.refresh([("TM", "imo")])
        _, delivered = await app.pipeline.run_once(app.feeds)
        assert delivered.sent == 2
        assert await app.store.pending_reviews(5) == []


async def test_a_report_ooni_contradicts_waits_with_the_figure_on_the_card(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    ooni_server: OoniServer,
) -> None:
    feed_server.feed("/first.xml", rss("First", [CLEAR]))
    imo_clean(ooni_server)
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        assert app.ooni is not None and app.review_desk is not None
        await app.ooni.refresh([("TM", "imo")])
        _, delivered = await app.pipeline.run_once(app.feeds)
        assert delivered.sent == 0
        await app.review_desk.notify()
        (card,) = bot_api.texts_to(MODERATOR)
        card = html.unescape(card)
        assert "Held because OONI's measurements contradict it" in card
        assert "OONI: 0 of 72 measurements in TM in the last 24 h show an anomaly" in card
        await refresh_figures(app.ooni, app.store, app.clock, app.store)
        assert await app.store.pending_reviews(5) != []  # still doubted: it keeps waiting


async def test_a_jump_with_no_news_opens_a_draft_for_the_moderators(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    ooni_server: OoniServer,
) -> None:
    feed_server.feed("/first.xml", rss("First", []))
    imo_blocked(ooni_server)
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        assert app.ooni is not None and app.review_desk is not None
        await refresh_figures(app.ooni, app.store, app.clock, app.store)
        (draft,) = await app.store.pending_reviews(5)
        await refresh_figures(app.ooni, app.store, app.clock, app.store)
        assert await app.store.pending_reviews(5) == [draft]  # one draft, not one a run
        assert (await app.pipeline.deliver()).sent == 0  # nobody is told yet
        await app.review_desk.notify()
        (card,) = bot_api.texts_to(MODERATOR)
        card = html.unescape(card)
        since = NOW - timedelta(hours=23)
        assert (
            f"OONI sees IMO failing in TM since {since:%Y-%m-%d %H:%M} UTC; no report yet." in card
        )
        assert "Held because OONI sees it failing and no report names it yet" in card
        assert SENTENCE in card

        # A report joins it (even a weak one): it goes out, the report and the figure in it.
        feed_server.feed("/first.xml", rss("First", [VAGUE]))
        _, delivered = await app.pipeline.run_once(app.feeds)
        assert delivered.sent == 2
        assert await app.store.pending_reviews(5) == []
        (alert,) = bot_api.texts_to(TM_CHAT)
        assert "IMO messenger blocked" in alert and SENTENCE in html.unescape(alert)


async def test_cron_runs_show_the_figure_an_earlier_run_kept(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    ooni_server: OoniServer,
) -> None:
    feed_server.feed("/first.xml", rss("First", []))
    imo_blocked(ooni_server)
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        await run_cycle(app)  # nothing to tell; OONI asked after the (empty) delivery
    asked = len(ooni_server.requests)
    assert asked == len(load_ooni_vocab().targets)  # TM's every service, followed by all
    ooni_server.delay = 5.0  # the next run would wait for OONI if it asked before sending
    feed_server.feed("/first.xml", rss("First", [CLEAR]))
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        report = await run_cycle(app)
    assert report.delivered.sent == 2
    (alert,) = bot_api.texts_to(TM_CHAT)
    assert SENTENCE in html.unescape(alert)
    assert len(ooni_server.requests) == asked  # the kept answers were fresh: none asked again


async def test_a_draft_a_moderator_approves_goes_out_as_a_measurement_first_alert(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    ooni_server: OoniServer,
) -> None:
    feed_server.feed("/first.xml", rss("First", []))
    imo_blocked(ooni_server)
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        assert app.ooni is not None
        await refresh_figures(app.ooni, app.store, app.clock, app.store)
        (draft,) = await app.store.pending_reviews(5)
        assert await app.store.decide_review(draft, "approved", MODERATOR, app.clock())
        assert (await app.pipeline.deliver()).sent == 2
        (alert,) = bot_api.texts_to(TM_CHAT)
        assert "Turkmenistan: IMO blocked" in html.unescape(alert)
        assert SENTENCE in html.unescape(alert) and "Source" not in alert
        text = mail_text(smtp_server)
        assert SENTENCE in text and EXPLORER in text

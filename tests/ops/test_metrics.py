"""/metrics and /health of the running service (`serve`, in the test's loop) against the real
local servers: the feed server, the Bot API stand-in, aiosmtpd and dovecot; both on
BLOCKWATCH_ADMIN_HOST, away from the public web endpoint."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import open_app
from bot.service.metrics import Metrics
from bot.service.probes import DEMO_HINT, PollWatch, service_admin
from bot.service.supervise import PartStates
from tests.ooni.test_flow import imo_blocked, service
from tests.service.test_serve import serving, settings_for, wait_until
from tests.support.botapi import BotAPI
from tests.support.feedbuilder import feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.imapserver import free_port
from tests.support.ooniserver import OoniServer
from tests.support.smtpserver import SmtpServer

FINE, BLOCKED, FLOODED = 3001, 3002, 3003  # Telegram chats


async def get(port: int, path: str) -> tuple[int, str]:
    """(status, text); (0, "") while nothing listens yet."""
    try:
        return await _get(port, path)
    except aiohttp.ClientConnectorError:
        return 0, ""


async def _get(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


async def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics, by name and labels."""
    status, text = await _get(port, "/metrics")
    assert status == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return samples[(name, tuple(sorted(labels.items())))]


async def test_metrics_count_polls_events_alerts_and_refusals(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    admin, web = free_port(), free_port()
    settings = settings_for(
        tmp_path,
        feed_server,
        telegram_token=bot_api.token,
        telegram_api_url=bot_api.base_url,
        http_port=web,
        admin_address=("127.0.0.1", admin),
    )
    bot_api.block(BLOCKED)
    bot_api.flood(FLOODED, retry_after=600)
    async with open_app(settings, out=io.StringIO()) as app:
        for chat in (FINE, BLOCKED, FLOODED):
            await app.store.subscribe("telegram", str(chat), ["TM"])
        async with serving(app):
            await wait_until(lambda: bot_api.texts_to(FINE))
            samples: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}

            async def counted() -> bool:
                samples.update(await scrape(admin))
                return (
                    value(samples, "blockwatch_alerts", channel="telegram", state="failed") == 1
                    and value(samples, "blockwatch_feed_polls_total", outcome="new") == 1
                )

            for _ in range(100):
                if await counted():
                    break
                await asyncio.sleep(0.1)
            assert value(samples, "blockwatch_feed_polls_total", outcome="new") == 1
            assert value(samples, "blockwatch_feeds", state="ok") == 1
            assert value(samples, "blockwatch_feeds_backing_off") == 0
            assert value(samples, "blockwatch_items") == 1
            assert value(samples, "blockwatch_events") == 1
            assert value(samples, "blockwatch_alerts", channel="telegram", state="sent") == 1
            assert value(samples, "blockwatch_alerts", channel="telegram", state="pending") == 1
            assert value(samples, "blockwatch_alerts", channel="email", state="sent") == 0
            assert value(samples, "blockwatch_telegram_refusals_total", code="429") == 1
            assert value(samples, "blockwatch_telegram_refusals_total", code="403") == 1
            assert value(samples, "blockwatch_last_successful_poll_timestamp_seconds") > 0
            assert value(samples, "blockwatch_oldest_pending_alert_age_seconds") >= 0
            assert ("blockwatch_ooni_requests_total", (("outcome", "ok"),)) in samples

            status, text = await get(admin, "/health")
            assert status == 200, text
            assert "telegram polling: running since" in text and "telegram: up\n" in text
            assert "database: up\n" in text
            # The public endpoint serves neither: they live on the admin address.
            assert (await get(web, "/health"))[0] == 404
            assert (await get(web, "/metrics"))[0] == 404


async def test_health_is_503_while_smtp_or_imap_is_down(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    port = free_port()
    settings = settings_for(
        tmp_path,
        feed_server,
        smtp_url=f"smtp://127.0.0.1:{free_port()}",  # nothing listens
        imap_url=f"imap://u:p@127.0.0.1:{free_port()}/INBOX",
        http_port=port,
    )
    async with open_app(settings, out=io.StringIO()) as app:
        await app.store.subscribe("email", "reader@example.org", ["TM"])
        async with serving(app):
            answers: list[tuple[int, str]] = []

            async def both_down() -> bool:
                answers.append(await get(port, "/health"))
                text = answers[-1][1]
                return "smtp: down" in text and "imap: down" in text

            for _ in range(200):
                if await both_down():
                    break
                await asyncio.sleep(0.1)
            status, text = answers[-1]
            assert status == 503, text
            assert text.splitlines()[0] == "down: smtp, imap"
            assert "smtp: down (found down on the last delivery run)" in text
            assert "imap: down (MailboxError)" in text
            assert "mailbox: running since" in text  # the loop itself rides it out


@pytest.mark.parametrize("name", ["blockwatch_items", "blockwatch_events"])
def test_two_services_keep_their_own_registries(name: str) -> None:
    one, two = Metrics(), Metrics()
    one.items.set(5)
    assert one.registry is not two.registry
    assert b"blockwatch_items 0.0" in two.render()
    assert name.encode() in one.render()


async def test_run_suggests_the_demo_when_every_feed_fails_its_first_poll(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "feeds.toml").write_text(
        feeds_toml([("A", feed_server.url("/gone.xml"), "en")]), encoding="utf-8"
    )
    settings = settings_for(tmp_path, feed_server)
    async with open_app(settings, out=io.StringIO()) as app, serving(app):
        await wait_until(lambda: DEMO_HINT in caplog.text)
    assert caplog.text.count(DEMO_HINT) == 1


@pytest.mark.parametrize(("fine", "hinted"), [(True, False), (False, True)])
async def test_the_suggestion_waits_for_every_feeds_first_poll(
    tmp_path: Path, feed_server: FeedServer, fine: bool, hinted: bool
) -> None:
    """The pipeline's real polls of two feeds: one that works is enough to say nothing."""
    second = feed_server.feed("/fine.xml", rss("Fine", [])) if fine else feed_server.url("/x")
    (tmp_path / "feeds.toml").write_text(
        feeds_toml([("A", feed_server.url("/gone.xml"), "en"), ("B", second, "en")]),
        encoding="utf-8",
    )
    async with open_app(settings_for(tmp_path, feed_server), out=io.StringIO()) as app:
        metrics = Metrics()
        watch = PollWatch(app.pipeline.poll_and_deliver, metrics, len(app.feeds))
        await watch.poll(app.feeds[0])
        assert not watch.hinted  # one feed of two has been polled
        await watch.poll(app.feeds[1])
        assert watch.hinted is hinted
        await watch.poll(app.feeds[0])  # later polls change nothing
        assert watch.hinted is hinted
    assert b'blockwatch_feed_polls_total{outcome="failed"} ' in metrics.render()


async def test_ooni_requests_are_counted_by_outcome(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    ooni_server: OoniServer,
) -> None:
    """OONI's client counts what it asked (the real client against the OONI stand-in)."""
    imo_blocked(ooni_server)
    async with service(tmp_path, feed_server, bot_api, smtp_server, ooni_server) as app:
        assert app.ooni is not None
        metrics = Metrics()
        service_admin(app, PartStates(), metrics)
        await app.ooni.refresh([("TM", "imo")])
        ooni_server.status = 503
        await app.ooni.refresh([("TM", "whatsapp")])
        rendered = metrics.render().decode()
    assert 'blockwatch_ooni_requests_total{outcome="ok"} 1.0' in rendered
    assert 'blockwatch_ooni_requests_total{outcome="failed"} 1.0' in rendered

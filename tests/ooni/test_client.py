"""The OONI client against a local stand-in of its aggregation API (tests/support/ooniserver.py):
the real answer's shape, errors, slowness, empty results, the cache and the hourly budget."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.errors import OoniError
from bot.core.ooni import figure_from
from bot.ooni.client import USER_AGENT, OoniClient, OoniLimits, OoniQuery, parse_aggregation
from storage.sqlite import SQLiteStorage
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock
from tests.support.ooniserver import OoniServer

IMO = OoniQuery("TM", "web_connectivity", ("imo.im",))
QUICK = OoniLimits(connect_timeout=1.0, total_timeout=0.5)
DAY_START = NOW - timedelta(hours=24)


def imo_blocked(server: OoniServer) -> None:
    """OONI's week of IMO in TM: clean for six days, then 41 of 48 anomalous, 12 confirmed."""
    server.hours("TM", "web_connectivity", "imo.im", NOW - timedelta(days=6), 5 * 24, (0, 0, 0, 2))
    server.hours("TM", "web_connectivity", "imo.im", DAY_START, 12, (1, 1, 0, 0))
    server.hours(
        "TM", "web_connectivity", "imo.im", DAY_START + timedelta(hours=12), 5, (2, 0, 0, 0)
    )
    server.hours(
        "TM", "web_connectivity", "imo.im", DAY_START + timedelta(hours=17), 7, (1, 0, 0, 1)
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def client(ooni_server: OoniServer, clock: ManualClock) -> AsyncIterator[OoniClient]:
    opened = OoniClient(ooni_server.url, QUICK, allowed=LOOPBACK, clock=clock)
    try:
        yield opened
    finally:
        await opened.close()


async def test_a_week_by_the_hour_sums_to_the_last_day_and_the_days_before(
    ooni_server: OoniServer, client: OoniClient
) -> None:
    imo_blocked(ooni_server)
    buckets = await client.series(IMO)
    figure = figure_from(
        buckets, country="TM", service="imo", test_name="web_connectivity", now=NOW
    )
    recent = figure.recent
    assert (recent.measurements, recent.anomalous, recent.confirmed) == (48, 41, 12)
    assert (recent.failures, recent.ok) == (0, 7)
    assert figure.before.rate == 0.0
    assert figure.explorer == "https://explorer.ooni.org/country/TM"
    sent = ooni_server.requests[0]
    assert dict(sent) == {
        "probe_cc": "TM",
        "test_name": "web_connectivity",
        "domain": "imo.im",
        "since": "2026-11-17",
        "until": "2026-11-24",
        "axis_x": "measurement_start_day",
        "time_grain": "hour",
    }
    assert ooni_server.user_agents == [USER_AGENT]


async def test_dedicated_tests_take_no_domain(ooni_server: OoniServer, client: OoniClient) -> None:
    ooni_server.hours("TM", "telegram", "", DAY_START, 3, (0, 0, 1, 4))
    buckets = await client.series(OoniQuery("TM", "telegram"))
    assert sum(b.counts.measurements for b in buckets) == 15
    assert "domain" not in ooni_server.requests[0]


async def test_answers_are_cached_for_an_hour(
    ooni_server: OoniServer, client: OoniClient, clock: ManualClock
) -> None:
    imo_blocked(ooni_server)
    first = await client.series(IMO)
    clock.now = NOW + timedelta(minutes=59)
    assert await client.series(IMO) == first
    assert len(ooni_server.requests) == 1
    clock.now = NOW + timedelta(minutes=61)
    await client.series(IMO)
    assert len(ooni_server.requests) == 2


async def test_the_hourly_budget_is_kept(ooni_server: OoniServer, clock: ManualClock) -> None:
    limits = OoniLimits(total_timeout=0.5, requests_per_hour=2)
    client = OoniClient(ooni_server.url, limits, allowed=LOOPBACK, clock=clock)
    try:
        await client.series(IMO)
        await client.series(OoniQuery("TM", "telegram"))
        with pytest.raises(OoniError, match="budget"):
            await client.series(OoniQuery("TM", "whatsapp"))
        assert len(ooni_server.requests) == 2
        clock.now = NOW + timedelta(hours=1)
        await client.series(OoniQuery("TM", "whatsapp"))
        assert len(ooni_server.requests) == 3
    finally:
        await client.close()


async def test_empty_result_is_a_figure_with_no_rate(
    ooni_server: OoniServer, client: OoniClient
) -> None:
    buckets = await client.series(IMO)
    assert buckets == []
    figure = figure_from(buckets, country="TM", service="imo", test_name="w", now=NOW)
    assert figure.recent.rate is None


async def test_an_error_status_is_an_ooni_error(
    ooni_server: OoniServer, client: OoniClient
) -> None:
    ooni_server.status = 503
    with pytest.raises(OoniError) as caught:
        await client.series(IMO)
    assert caught.value.status == 503


async def test_ooni_error_body_is_an_ooni_error(
    ooni_server: OoniServer, client: OoniClient
) -> None:
    ooni_server.error_body = {"error": "Choose time_grain between day, week, auto", "v": 0}
    with pytest.raises(OoniError, match="no result"):
        await client.series(IMO)


async def test_a_slow_api_times_out(ooni_server: OoniServer, client: OoniClient) -> None:
    ooni_server.delay = 2.0
    with pytest.raises(OoniError, match="no answer"):
        await client.series(IMO)


async def test_unreachable_api(clock: ManualClock) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = OoniClient(f"http://127.0.0.1:{port}", QUICK, allowed=LOOPBACK, clock=clock)
    try:
        with pytest.raises(OoniError, match="unreachable"):
            await client.series(IMO)
    finally:
        await client.close()


async def test_a_private_address_is_refused_unless_allowed(clock: ManualClock) -> None:
    client = OoniClient("http://127.0.0.1:9", QUICK, clock=clock)
    try:
        with pytest.raises(OoniError, match="unreachable"):
            await client.series(IMO)
    finally:
        await client.close()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>", "not JSON"),
        (b'{"v": 0, "result": {"measurement_count": 3}}', "no series"),
        (b'{"v": 0, "result": [{"measurement_start_day": "2026-11-23"}]}', "lacks a count"),
        (
            b'{"result": [{"measurement_count": 1, "anomaly_count": 0, "confirmed_count": 0,'
            b' "failure_count": 0, "ok_count": 1, "measurement_start_day": "soon"}]}',
            "no time",
        ),
    ],
)
def test_answers_of_another_shape_are_refused(body: bytes, reason: str) -> None:
    with pytest.raises(OoniError, match=reason):
        parse_aggregation(body)


def test_daily_rows_are_read_too() -> None:
    body = (
        b'{"v": 0, "dimension_count": 1, "result": [{"anomaly_count": 2, "confirmed_count": 1,'
        b' "failure_count": 0, "ok_count": 5, "measurement_count": 8,'
        b' "measurement_start_day": "2026-11-22"}]}'
    )
    (bucket,) = parse_aggregation(body)
    assert bucket.start == NOW.replace(day=22, hour=0)
    assert bucket.counts.anomalous == 3


async def test_answers_kept_in_the_database_serve_the_next_process(
    ooni_server: OoniServer, clock: ManualClock, tmp_path: Path
) -> None:
    imo_blocked(ooni_server)
    store = await SQLiteStorage.open(tmp_path / "blockwatch.db")
    try:
        for _process in range(2):  # a restart: a new client, the same database
            client = OoniClient(
                ooni_server.url, QUICK, allowed=LOOPBACK, clock=clock, answers=store
            )
            try:
                buckets = await client.series(IMO)
                assert sum(b.counts.anomalous for b in buckets) == 41
            finally:
                await client.close()
        assert len(ooni_server.requests) == 1
        clock.now = NOW + timedelta(hours=5)
        client = OoniClient(ooni_server.url, QUICK, allowed=LOOPBACK, clock=clock, answers=store)
        try:
            ooni_server.status = 503
            kept = await client.cached(IMO)  # however old, without asking
            assert kept is not None and kept[0] == NOW and len(kept[1]) == len(buckets)
            assert len(ooni_server.requests) == 1
            with pytest.raises(OoniError):
                await client.series(IMO)  # stale: asked, and OONI is down
        finally:
            await client.close()
    finally:
        await store.close()

"""The book of figures: refreshed through the client, read without I/O, OONI's outage logged
once and the figure simply absent."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.ooni.book import FigureBook
from bot.ooni.client import OoniClient, OoniLimits
from bot.ooni.targets import load_ooni_vocab
from tests.ooni.test_client import imo_blocked
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock
from tests.support.ooniserver import OoniServer


async def test_figures_refresh_and_an_outage_is_logged_once(
    ooni_server: OoniServer, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock(NOW)
    limits = OoniLimits(total_timeout=0.5, cache_for=timedelta(0))
    client = OoniClient(ooni_server.url, limits, allowed=LOOPBACK, clock=clock)
    book = FigureBook(client, load_ooni_vocab(), clock)
    try:
        imo_blocked(ooni_server)
        done = await book.refresh([("tm", "imo"), ("TM", "vpn"), ("TM", "imo")])
        assert (done.fresh, done.failed, done.unmapped) == (1, 0, 1)
        figure = book.figure("TM", "imo")
        assert figure is not None and figure.recent.anomalous == 41
        assert book.trouble is None

        ooni_server.status = 502
        caplog.set_level(logging.INFO, logger="bot.ooni.book")
        for _ in range(3):
            clock.now += timedelta(hours=1)
            done = await book.refresh([("TM", "imo"), ("TM", "telegram")])
            assert (done.failed, done.skipped) == (1, 1)  # found down: the rest not asked
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1
        assert str(book.trouble) == "HTTP 502"  # str(): mypy still thinks it None
        assert book.figure("TM", "imo") is not None  # the last figure, three hours old
        clock.now += timedelta(hours=4)
        assert book.figure("TM", "imo") is None  # too old to show

        ooni_server.status = 200
        await book.refresh([("TM", "imo")])
        assert book.trouble is None
        assert book.figure("TM", "imo") is not None
        assert [r.message for r in caplog.records][-1] == "OONI answers again"
    finally:
        await client.close()

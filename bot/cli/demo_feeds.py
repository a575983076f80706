"""`blockwatch demo`'s news: a handful of real reports (bot/cli/data/demo_reports.jsonl, copied
verbatim from the labelled corpora in bench/labels with their source URLs) served as RSS, one
feed per outlet, by an aiohttp server on 127.0.0.1.

The reports are replayed on the demo's own clock, in phases: a report appears in its feed at
its phase, `minutes_before` that phase's time. Their real dates are in the file (`published`,
null where the corpus has none); the replay puts them on one timeline so that the rules that
hold for live news (old news wakes nobody, reports of one happening within days are one event)
act as they would have on the day.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from importlib.resources import files
from xml.sax.saxutils import escape

from aiohttp import web

# Each phase's time on the demo's clock: the day IMO went dark in Turkmenistan, the next day,
# and three days on.
PHASES = (
    datetime(2023, 8, 8, 12, 0, tzinfo=UTC),
    datetime(2023, 8, 9, 18, 0, tzinfo=UTC),
    datetime(2023, 8, 12, 10, 0, tzinfo=UTC),
)


@dataclass(frozen=True, slots=True)
class Report:
    id: str
    phase: int  # 1-based: when it appears
    minutes_before: int  # its time: that long before the phase's
    feed: str  # the outlet: one feed each
    language: str
    url: str  # where it was published
    published: str | None  # its real date, where known
    title: str
    summary: str
    note: str  # what it shows

    @property
    def time(self) -> datetime:
        return PHASES[self.phase - 1] - timedelta(minutes=self.minutes_before)


def load_reports() -> list[Report]:
    text = files("bot.cli").joinpath("data/demo_reports.jsonl").read_text(encoding="utf-8")
    return [Report(**json.loads(line)) for line in text.splitlines() if line.strip()]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "feed"


class DemoFeeds:
    """The reports' feeds on 127.0.0.1 (a port of the system's choosing); `phase` says how far
    the replay has come."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        self.phase = 1
        self._runner: web.AppRunner | None = None
        self.base = ""

    def feeds(self) -> list[tuple[str, str, str]]:
        """(name, url, language) of each outlet's feed, in the order they first report."""
        found: dict[str, tuple[str, str, str]] = {}
        for report in self.reports:
            url = f"{self.base}/{slug(report.feed)}.xml"
            found.setdefault(report.feed, (report.feed, url, report.language))
        return list(found.values())

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/{name}.xml", self._feed)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _feed(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        shown = [r for r in self.reports if slug(r.feed) == name and r.phase <= self.phase]
        outlet = next((r for r in self.reports if slug(r.feed) == name), None)
        if outlet is None:
            raise web.HTTPNotFound()
        return web.Response(
            text=rss(outlet.feed, outlet.language, shown), content_type="application/rss+xml"
        )


def rss(title: str, language: str, reports: list[Report]) -> str:
    items = "".join(
        f'<item><guid isPermaLink="false">demo-{escape(r.id)}</guid>'
        f"<title>{escape(r.title)}</title><link>{escape(r.url)}</link>"
        f"<description>{escape(r.summary)}</description>"
        f"<pubDate>{format_datetime(r.time)}</pubDate></item>"
        for r in reports
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>"
        f"<description>{escape(title)}</description><language>{language}</language>"
        f"{items}</channel></rss>"
    )

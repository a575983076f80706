"""Status site benchmark: each page's and feed's size, and the time to answer it, on a store
with many events (SQLite in a temp dir, the real aiohttp app on loopback).

    .venv/bin/python -m bench.site                    # 2,000 events, 3 reports each
    .venv/bin/python -m bench.site --events 200       # quick try

Times are the median of `--rounds` GETs (a 304 is not counted: each GET sends no validator).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.core.display import SERVICE_NAMES
from bot.core.models import ACTIONS, Alert, Entry
from bot.core.records import NewEntry, Placement
from bot.site.routes import add_site
from storage.sqlite import SQLiteStorage

COUNTRIES = ("TM", "RU", "UZ", "KZ", "TJ", "KG", "IR", "CN", "BY", "AZ", "TR", "PK", "IN", "MM")
NOW = datetime(2026, 12, 1, tzinfo=UTC)
PATHS = (
    "/status/",
    "/status/TM",
    "/status/RU?lang=ru",
    "/events/1",
    "/feeds/events.atom",
    "/feeds/events.json",
    "/feeds/TM.atom",
)


async def seed(store: SQLiteStorage, events: int, reports: int) -> None:
    services = sorted(SERVICE_NAMES)
    for n in range(events):
        when = NOW - timedelta(hours=events - n)
        country, service = COUNTRIES[n % len(COUNTRIES)], services[n % len(services)]
        alert = Alert(country, service, ACTIONS[n % len(ACTIONS)])
        batch = []
        for r in range(reports):
            title = (
                f"Report {r} of event {n}: {service} in {country}, with a headline of some length"
            )
            link = f"https://www.bbc.com/news/{n}/{r}" if r % 2 else f"https://news{r}.test/{n}"
            entry = Entry(
                f"https://f{r}.test/rss",
                f"{n}-{r}",
                title,
                title * 3,
                link,
                published=when,
                language=("ru", "en", "tk")[r % 3],
                source=f"Outlet {r}",
            )
            batch.append(NewEntry(entry, (Placement(alert, None if r == 0 else -1),)))
        await store.record_entries(batch, now=when)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2_000)
    parser.add_argument("--reports", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = await SQLiteStorage.open(Path(folder) / "bench.db")
        await seed(store, args.events, args.reports)
        app = web.Application()
        add_site(app, store, public_url="https://bench.example", clock=lambda: NOW)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        print(f"{args.events} events x {args.reports} reports\n{'path':<22} {'bytes':>7} {'ms':>7}")
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}") as session:
            for path in PATHS:
                times, size = [], 0
                for _ in range(args.rounds):
                    start = time.perf_counter()
                    async with session.get(path) as response:
                        size = len(await response.read())
                    times.append((time.perf_counter() - start) * 1000)
                print(f"{path:<22} {size:>7} {statistics.median(times):>7.1f}")
        await runner.cleanup()
        await store.close()


if __name__ == "__main__":
    asyncio.run(main())

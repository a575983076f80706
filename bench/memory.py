"""Memory benchmark: peak RSS of the real `blockwatch run --once` with many feeds and subscribers.

    .venv/bin/python -m bench.memory                          # 1,000 feeds, 100,000 subscribers
    .venv/bin/python -m bench.memory --feeds 50 --subscribers 5000     # quick try

Sets up, in a temporary directory: a SQLite database with the subscribers (spread over
countries, one to three each, written by direct SQL after the storage API created the schema),
a feeds.toml pointing at the local feed server (bench/_feeds.py, its own process), and runs the
CLI three times as a child process, measuring each child alone (os.wait4):

    first    every feed new, recent items: events open and queue alerts to subscribers
    queue    one feed gained a "Russia blocks Signal" item: one event queued to every RU subscriber
    steady   nothing changed (all 304)

Then times `record_entries` queueing one new event to every RU subscriber, in-process.
Goal (issue 7): peak RSS under 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench._feeds import feed_server, timed_child
from bot.core.models import Alert, Entry
from bot.core.records import NewEntry, Placement
from storage.sqlite import SQLiteStorage

# Where subscribers are, roughly: the countries the service is about first.
COUNTRY_WEIGHTS = {
    "RU": 30,
    "TM": 10,
    "UZ": 10,
    "KZ": 8,
    "IR": 8,
    "BY": 6,
    "TJ": 5,
    "KG": 5,
    "AZ": 4,
    "TR": 4,
    "CN": 3,
    "GE": 2,
    "AM": 2,
    "UA": 2,
    "US": 1,
}
GOAL_MB = 200.0


def populate(db: Path, subscribers: int) -> None:
    """The schema via the storage API, then `subscribers` confirmed subscribers by direct SQL."""

    async def create() -> None:
        await (await SQLiteStorage.open(db)).close()

    asyncio.run(create())
    rng = random.Random(7)
    countries, weights = list(COUNTRY_WEIGHTS), list(COUNTRY_WEIGHTS.values())
    now = datetime.now(UTC).isoformat()
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "INSERT INTO subscribers (id, channel, address, language, created_at, confirmed)"
            " VALUES (?, ?, ?, 'en', ?, 1)",
            (
                (
                    i,
                    "telegram" if i % 3 else "email",
                    str(100_000_000 + i) if i % 3 else f"reader{i}@example.org",
                    now,
                )
                for i in range(1, subscribers + 1)
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO subscriptions (subscriber_id, country) VALUES (?, ?)",
            (
                (i, code)
                for i in range(1, subscribers + 1)
                for code in rng.choices(countries, weights, k=rng.choice((1, 1, 2, 3)))
            ),
        )


def write_feeds(path: Path, urls: list[str]) -> None:
    path.write_text(
        "".join(
            f'[[feed]]\nname = "Bench {i}"\nurl = "{url}"\nlanguage = "en"\n\n'
            for i, url in enumerate(urls)
        )
    )


def outbox_rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])


def run_once(work: Path, name: str) -> dict[str, object]:
    """`blockwatch run --once` as a child process; its wall/CPU time, peak RSS, summary line."""
    env = {
        **os.environ,
        "BLOCKWATCH_DB": str(work / "bw.db"),
        "BLOCKWATCH_FEEDS": str(work / "feeds.toml"),
        "BLOCKWATCH_ALLOW_HOSTS": "127.0.0.0/8",
    }  # the feeds are served on loopback
    for key in ("TELEGRAM_BOT_TOKEN", "SMTP_URL"):
        env.pop(key, None)
    blockwatch = Path(sys.executable).with_name("blockwatch")
    before = outbox_rows(work / "bw.db")
    with open(work / f"{name}.out", "w") as out, open(work / f"{name}.err", "w") as err:
        wall, cpu, peak, status = timed_child(
            [str(blockwatch), "run", "--once"], cwd=work, env=env, stdout=out, stderr=err
        )
    if status:
        raise SystemExit(f"{name}: exit {status}\n{(work / f'{name}.err').read_text()[-2000:]}")
    lines = (work / f"{name}.out").read_text().strip().splitlines()
    return {
        "run": name,
        "wall": wall,
        "cpu": cpu,
        "peak_mb": peak,
        "queued": outbox_rows(work / "bw.db") - before,
        "summary": lines[-1] if lines else "",
    }


def time_queue(db: Path, country: str) -> tuple[float, int]:
    """Seconds for record_entries to open one new event and queue it to `country`'s subscribers."""

    async def go() -> tuple[float, int]:
        store = await SQLiteStorage.open(db)
        now = datetime.now(UTC)
        entry = Entry(
            feed_url="bench:queue",
            key=f"queue-{time.time_ns()}",
            title="bench",
            summary="bench",
            published=now,
            source="bench",
        )
        alert = Alert(country=country, service="bench-service", action="block")
        start = time.perf_counter()
        recorded = await store.record_entries([NewEntry(entry, (Placement(alert, None),))], now=now)
        elapsed = time.perf_counter() - start
        await store.close()
        return elapsed, recorded.deliveries

    return asyncio.run(go())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=100, help="loopback addresses to spread over")
    parser.add_argument("--subscribers", type=int, default=100_000)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp,
        feed_server(args.feeds, args.entries, args.hosts) as urls,
    ):
        work = Path(tmp)
        start = time.perf_counter()
        populate(work / "bw.db", args.subscribers)
        write_feeds(work / "feeds.toml", urls)
        print(
            f"setup: {args.subscribers:,} subscribers, {args.feeds} feeds × {args.entries} "
            f"entries in {time.perf_counter() - start:.1f}s",
            file=sys.stderr,
        )
        runs = [run_once(work, "first")]
        with urllib.request.urlopen(urls[0].rsplit("/feed/", 1)[0] + "/_bump", timeout=30):
            pass
        runs += [run_once(work, "queue"), run_once(work, "steady")]
        queue_s, queued = time_queue(work / "bw.db", "RU")
    print(f"{args.feeds} feeds × {args.entries} entries, {args.subscribers:,} subscribers\n")
    print("| `blockwatch run --once` | wall s | CPU s | peak RSS MB | outbox rows queued |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in runs:
        print(
            f"| {r['run']} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['peak_mb']:.0f} | "
            f"{r['queued']:,} |"
        )
    for r in runs:
        print(f"\n{r['run']}: {r['summary']}", end="")
    peak = max(float(str(r["peak_mb"])) for r in runs)
    print(
        f"\n\nqueue one new RU event in-process (record_entries): {queue_s:.2f}s for "
        f"{queued:,} subscribers ({queued / max(queue_s, 1e-9):,.0f} rows/s)"
    )
    print(
        f"peak RSS {peak:.0f} MB: goal < {GOAL_MB:.0f} MB "
        f"{'met' if peak < GOAL_MB else '**missed**'}"
    )


if __name__ == "__main__":
    main()

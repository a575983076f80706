"""Several instances on one database: 1, 2 and 3 `run --once` at once, PostgreSQL beside SQLite.

    .venv/bin/python -m bench.shared                        # 200 feeds x 20 items, 1,000 chats
    .venv/bin/python -m bench.shared --feeds 50 --chats 300 # quick try
    .venv/bin/python -m bench.shared --kill                 # 3 services, one killed -9 (~8 min)

Each row starts from a fresh database and runs k real `blockwatch run --once` processes at the
same moment, as cron on k hosts would (on SQLite only one may run: the others exit 75), against
the feed server and the Bot API stand-in of tests/support in this process; the stand-in
enforces Telegram's limits and counts its 429s. PostgreSQL is a throwaway cluster
(tests/support/pgcluster.py) on this machine.

    first cycle   F feeds of E items, all new: every item stored (and detected)
    steady cycle  the same feeds again, unchanged (each poll: a 200 with the same body); on
                  PostgreSQL the feeds' leases are ended first, or none would be polled
    delivery      one event owed to N Telegram chats, a quiet feed: seconds until every process
                  ended (start-up included), the alerts sent (each chat once?), 429s, and the
                  sending itself: first to last send, alerts per second over that

`--kill` is the issue's demonstration instead (bench/_shared_kill.py): three long-running
services, 1,000 chats and 60 mailboxes owed two alerts each, one service killed -9 in the
middle of delivery just after it polled some feeds at their slot's start; what was delivered
(once? lost? 429s?) and when the killed one's feeds were polled again.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench._delivery import machine, table
from bench._shared_kill import report, run_kill
from bot.core.models import Alert, Entry
from bot.core.records import NewEntry, Placement
from storage.open import open_store
from tests.support.botapi import BotAPI
from tests.support.command import environment, finished, start
from tests.support.feedbuilder import Item, feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.pgcluster import PgCluster, require_postgres


def items(feed: int, count: int) -> list[Item]:
    now = datetime.now(UTC)
    return [
        Item(
            f"f{feed}-{n}",
            f"Local council meets about roads, item {n}",
            "The council discussed the budget for roads and schools.",
            now - timedelta(hours=n),
        )
        for n in range(count)
    ]


async def cycles(env: dict[str, str], folder: Path, k: int) -> tuple[float, list[int]]:
    """k `run --once` at once: seconds until all ended, and their exit codes."""
    began = time.perf_counter()
    processes = [await start(env, "run", "--once", cwd=folder) for _ in range(k)]
    await asyncio.gather(*(finished(process, 1800) for process in processes))
    return time.perf_counter() - began, [process.returncode or 0 for process in processes]


async def owe(database: str, chats: int) -> None:
    store = await open_store(database)
    try:
        for chat in range(chats):
            await store.subscribe("telegram", str(100_000_000 + chat), ["TM"])
        now = datetime.now(UTC)
        entry = Entry(
            "https://a.example/rss",
            "imo",
            "IMO blocked in Turkmenistan",
            "",
            published=now - timedelta(hours=1),
            link="https://a.example/imo",
        )
        placed = Placement(Alert("TM", "imo", "block"), None)
        await store.record_entries([NewEntry(entry, (placed,))], now=now)
    finally:
        await store.close()


async def expire_leases(url: str) -> None:
    import psycopg

    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute("DELETE FROM housekeeping WHERE task LIKE 'lease %'")


async def row(
    kind: str, k: int, args: argparse.Namespace, cluster: PgCluster, folder: Path
) -> list[object]:
    feeds, bot_api = FeedServer(), BotAPI()
    await feeds.start()
    await bot_api.start()
    try:
        urls = [
            feeds.feed(f"/f{n}.xml", rss(f"F{n}", items(n, args.entries)))
            for n in range(args.feeds)
        ]
        (folder / "feeds.toml").write_text(
            feeds_toml([(f"F{n}", u, "en") for n, u in enumerate(urls)])
        )
        database = cluster.create_database() if kind == "postgresql" else str(folder / f"{k}.db")
        env = environment(
            folder,
            BLOCKWATCH_DB=database,
            TELEGRAM_BOT_TOKEN=bot_api.token,
            TELEGRAM_API_URL=bot_api.base_url,
            BLOCKWATCH_LOG_LEVEL="WARNING",
        )
        first, _ = await cycles(env, folder, k)
        if kind == "postgresql":  # else the next cycle finds every feed polled this interval
            await expire_leases(database)
        steady, _ = await cycles(env, folder, k)
        polls = sum(feeds.requests.values())
        (folder / "feeds.toml").write_text(
            feeds_toml([("Q", feeds.feed("/q.xml", rss("Q", [])), "en")])
        )
        await owe(database, args.chats)
        limits = bot_api.enforce_limits()
        times: list[float] = []

        async def note(message: object) -> None:
            times.append(time.perf_counter())

        bot_api.before_send = note
        sending, codes = await cycles(env, folder, k)
        per_chat = Counter(m.chat_id for m in bot_api.sent)
        once = len(per_chat) == args.chats and set(per_chat.values()) == {1}
        span = max(times) - min(times) if len(times) > 1 else float("nan")
        return [
            kind, k, first, steady, polls, sending, len(bot_api.sent),
            "yes" if once else "no", len(limits.rejected), span, len(times) / span,
            " ".join(map(str, codes)),
        ]  # fmt: skip
    finally:
        await bot_api.stop()
        await feeds.close()


async def run(args: argparse.Namespace) -> None:
    cluster = PgCluster(require_postgres())
    cluster.start()
    rows = []
    try:
        for kind, k in (("sqlite", 1), ("postgresql", 1), ("postgresql", 2), ("postgresql", 3)):
            with tempfile.TemporaryDirectory() as folder:
                rows.append(await row(kind, k, args, cluster, Path(folder)))
                print(rows[-1], flush=True)
    finally:
        cluster.stop()
    print(f"\n{machine()}; {args.feeds} feeds x {args.entries} items, {args.chats} chats\n")
    headers = [
        "store",
        "instances",
        "first cycle s",
        "steady cycle s",
        "feed requests",
        "delivery s",
        "alerts sent",
        "each once",
        "429s",
        "first to last send s",
        "alerts/s",
        "exit codes",
    ]
    print(table(headers, rows))


async def kill(args: argparse.Namespace) -> None:
    cluster = PgCluster(require_postgres())
    cluster.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            killed = await run_kill(args, cluster, Path(folder))
    finally:
        cluster.stop()
    print(report(killed, args))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=None, help="200; 12 with --kill")
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--kill", action="store_true", help="the kill -9 demonstration")
    parser.add_argument("--mailboxes", type=int, default=60, help="--kill: mail subscribers")
    parser.add_argument("--chosen", type=int, default=4, help="--kill: feeds due at the kill")
    parser.add_argument("--lease", type=int, default=10, help="--kill: BLOCKWATCH_CLAIM_LEASE")
    parser.add_argument("--wait", type=float, default=900, help="--kill: give up after (s)")
    args = parser.parse_args()
    if args.feeds is None:
        args.feeds = 12 if args.kill else 200
    asyncio.run(kill(args) if args.kill else run(args))


if __name__ == "__main__":
    main()

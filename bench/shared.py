"""Several instances on one database: 1, 2 and 3 `run --once` at once, PostgreSQL beside SQLite.

    .venv/bin/python -m bench.shared                        # 200 feeds x 20 items, 1,000 chats
    .venv/bin/python -m bench.shared --feeds 50 --chats 300 # quick try

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--chats", type=int, default=1000)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()

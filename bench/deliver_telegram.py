"""Telegram delivery benchmark: one event to N subscribers under Telegram's flood limits.

    .venv/bin/python -m bench.deliver_telegram                       # 10,000 subscribers, ≥ 400 s
    .venv/bin/python -m bench.deliver_telegram --subscribers 1000    # quick try, ~1 minute
    .venv/bin/python -m bench.deliver_telegram --only paced          # without the capacity run

The real path: SQLiteStorage in a temp dir with N Telegram subscribers (one in ten a group),
one event recorded through `record_entries` (so the outbox holds N rows), then
`bot.delivery.outbox.deliver_due` (what `Pipeline.deliver` runs per channel) with the real
TelegramSender and its default Pacer (25/s overall, 1/s per chat, 20/min per group): aiogram's
client, pointed at the Bot API stand-in (tests/support/botapi.py) in its own process, which answers
429 whenever Telegram would (tests/support/floodlimits.py). deliver_due is called again, as the
service's timer would, until nothing is owed.

Two runs, each on fresh data:

    capacity  the stand-in enforces nothing and the pacer allows anything: what the sending
              path itself can do on this machine (it should be far above 25/s)
    paced     the real thing: time against the floor the limits set (N / 25 per second),
              429s (goal: none) and what each chat received (each exactly once)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench._delivery import (
    LoadWatch,
    Tally,
    machine,
    now_utc_text,
    record_events,
    stand_in,
    table,
    tally,
)
from bench._feeds import reset_peak, rss_mb
from bot.delivery.outbox import DeliveryStats, deliver_due
from bot.telegram.digest import render_telegram_digest
from bot.telegram.pacing import Limit, Limits, Pacer
from bot.telegram.render import render_telegram
from bot.telegram.sender import TelegramSender, make_bot
from storage.sqlite import SQLiteStorage

PACE = Limits().overall.count / Limits().overall.period  # messages per second we allow ourselves
UNLIMITED = Limits(Limit(10**9, 1.0), Limit(10**9, 1.0), Limit(10**9, 60.0), Limit(10**9, 1.0))
GROUP_EVERY = 10  # one subscriber in ten is a group (negative chat id)
RUNS = ("capacity", "paced")
MAX_ROUNDS = 30  # deliver_due calls before giving up on rows that keep being deferred


def utc_now() -> datetime:
    return datetime.now(UTC)


def chat_ids(count: int) -> list[int]:
    """Private chats are positive ids, groups (supergroups) -100…: as Telegram numbers them."""
    return [
        -(1_000_000_000_000 + i) if i % GROUP_EVERY == 0 else 100_000_000 + i for i in range(count)
    ]


async def populate(db: Path, chats: list[int]) -> int:
    """The subscribers through the storage API, then the event: the outbox rows queued."""
    store = await SQLiteStorage.open(db)
    try:
        for chat in chats:
            await store.subscribe("telegram", str(chat), ["TM"])
        return await record_events(store, utc_now(), countries=["TM"])
    finally:
        await store.close()


@dataclass(frozen=True)
class Result:
    name: str
    queued: int
    stats: DeliveryStats
    rounds: int
    wall: float
    cpu: float
    peak_mb: float
    rejected: int  # 429s the stand-in answered
    tally: Tally


async def deliver_everything(
    db: Path, url: str, token: str, pacer: Pacer, queued: int
) -> tuple[DeliveryStats, int]:
    """deliver_due until every row is sent or failed, as the service's timer would call it."""
    store = await SQLiteStorage.open(db)
    bot = make_bot(token, url)
    total, rounds = DeliveryStats(), 0
    try:
        sender = TelegramSender(bot, pacer)
        while total.sent + total.failed < queued and rounds < MAX_ROUNDS:
            if rounds:
                await asyncio.sleep(1.0)  # deferred rows come due after their retry time
            rounds += 1
            stats = await deliver_due(
                store, sender, render_telegram, utc_now, render_digest=render_telegram_digest
            )
            total = DeliveryStats(
                total.sent + stats.sent, stats.retrying, total.failed + stats.failed
            )
    finally:
        await bot.session.close()
        await store.close()
    return total, rounds


def run(name: str, subscribers: int, work: Path, *, paced: bool) -> Result:
    db = work / f"{name}.db"
    chats = chat_ids(subscribers)
    start = time.perf_counter()
    queued = asyncio.run(populate(db, chats))
    print(
        f"{name}: {subscribers:,} subscribers, {queued:,} outbox rows in "
        f"{time.perf_counter() - start:.1f}s; delivering…",
        file=sys.stderr,
        flush=True,
    )
    with stand_in("telegram", *([] if paced else ["--no-limits"])) as api:
        pacer = Pacer() if paced else Pacer(UNLIMITED)
        reset_peak()
        wall, cpu = time.perf_counter(), time.process_time()
        stats, rounds = asyncio.run(deliver_everything(db, api.url, api.token, pacer, queued))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak = rss_mb()
        summary = api.finish()
    return Result(
        name,
        queued,
        stats,
        rounds,
        wall,
        cpu,
        peak,
        summary["rejected"],
        tally(chats, summary["received"]),
    )


def report(results: list[Result], subscribers: int, load: LoadWatch) -> None:
    floor = subscribers / PACE
    # A sliding window lets the first second's sends go at once: the last message can leave
    # (N - 25) / 25 s after the first, a hair under N / 25.
    burst = max(subscribers - Limits().overall.count, 0) / PACE
    print(
        f"\n{subscribers:,} subscribers ({subscribers // GROUP_EVERY:,} groups), one event; "
        f"floor at {PACE:.0f}/s: {floor:.1f} s (with the first second's burst: {burst:.1f} s)\n"
    )
    print(
        table(
            [
                "run",
                "wall s",
                "msg/s",
                "wall / floor",
                "429s",
                "sent",
                "retrying",
                "received",
                "lost",
                "duplicated",
                "deliver_due calls",
                "CPU s",
                "peak RSS MB",
            ],
            [
                (
                    r.name,
                    r.wall,
                    r.tally.received / r.wall,
                    r.wall / floor,
                    r.rejected,
                    r.stats.sent,
                    r.stats.retrying,
                    r.tally.received,
                    r.tally.lost,
                    r.tally.duplicated,
                    r.rounds,
                    r.cpu,
                    f"{r.peak_mb:.0f}",
                )
                for r in results
            ],
        )
    )
    print(f"\n{now_utc_text()}, {machine()}, {load.describe()} during the runs")
    for r in results:
        if r.tally.lost or r.tally.duplicated or r.tally.unexpected:
            print(f"**{r.name}: {r.tally}**")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--only", action="append", choices=RUNS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="bench-telegram-") as tmp, LoadWatch() as load:
        results = [
            run(name, args.subscribers, Path(tmp), paced=name == "paced")
            for name in args.only or RUNS
        ]
    report(results, args.subscribers, load)


if __name__ == "__main__":
    main()

"""`bench/shared.py --kill`: issue 17's demonstration with real processes, at full size.

Three `blockwatch run` services on one PostgreSQL database; 1,000 Telegram chats (the Bot API
stand-in enforcing Telegram's limits) and 60 mailboxes (aiosmtpd) owed two alerts each; feeds
polled every 5 minutes, the shortest interval feeds.toml allows. In the middle of delivery, just
after the start of a slot of some feeds (their URLs chosen so that it falls there), the service
that polled them at that start is killed -9: the worst case for its feeds, which wait for their
next slot. Then it waits until everything owed went out and those feeds were polled again.

    t               the services start; every feed polled once within ~a minute, nothing owed
    t + 90 s        two alerts owed to every subscriber (written into the database)
    t + 125-140 s   the chosen feeds' slots start: one service polls each
    t + 143 s       the service that polled most of them is killed -9 (sending, rows in hand)
    then            the others send its share once its lease ends (BLOCKWATCH_CLAIM_LEASE),
                    and poll its feeds at their next slot's start, about t + 425-440 s
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench._delivery import machine
from bot.core.slots import slot_start
from storage.open import open_store
from tests.support.botapi import BotAPI
from tests.support.command import environment, wait_until
from tests.support.feedbuilder import rss
from tests.support.feedserver import FeedServer
from tests.support.instances import Fleet
from tests.support.owed import owe_two_events
from tests.support.pgcluster import PgCluster
from tests.support.smtpserver import SmtpServer

INTERVAL = timedelta(minutes=5)
OWE_AT = timedelta(seconds=90)
WINDOW = (timedelta(seconds=125), timedelta(seconds=140))  # the chosen feeds' slot starts


def chosen_paths(feeds: FeedServer, start: datetime, count: int) -> list[str]:
    """Paths whose feed's slot starts in WINDOW after `start` (bot/core/slots.py)."""
    found: list[str] = []
    n = 0
    while len(found) < count:
        path = f"/k{n}.xml"
        if slot_start(f"poll {feeds.url(path)}", INTERVAL, start + WINDOW[1]) >= start + WINDOW[0]:
            found.append(path)
        n += 1
    return found


def feeds_file(feeds: FeedServer, names: dict[str, str]) -> str:
    minutes = int(INTERVAL.total_seconds() // 60)
    return "\n".join(
        f'[[feed]]\nname = "{name}"\nurl = "{feeds.url(path)}"\nlanguage = "en"\n'
        f"interval = {minutes}\n"
        for path, name in names.items()
    )


def polls_logged(fleet: Fleet, name: str) -> Counter[int]:
    """How many polls of feed `name` each service has logged (pid -> polls)."""
    line = re.compile(rf"feed {re.escape(name)}: ")
    return Counter(
        {pid: sum(bool(line.search(x)) for x in lines) for pid, lines in fleet.logs.items()}
    )


async def sleep_until(when: datetime) -> None:
    await asyncio.sleep(max(0.0, (when - datetime.now(UTC)).total_seconds()))


@dataclass
class Killed:
    """What one run saw: the figures bench/README.md records."""

    owed_telegram: int
    owed_mail: int
    telegram: Counter[tuple[int | str, str]]  # (chat, text) -> times sent
    mail: Counter[tuple[str, str]]  # (mailbox, subject) -> times received
    rejected: int  # 429s
    held: int  # rows the killed service held, unsent, when it was killed
    sent_before_kill: int
    owed_at: float
    killed_at: datetime
    first_send: float
    last_send: float
    theirs: dict[str, tuple[datetime, datetime]]  # its feeds: its poll, the next one
    most_per_slot: int  # the most requests one feed had in one slot, all feeds, all run
    codes: dict[int, int | None]
    victim: int
    loads: list[tuple[float, float, float]]


async def run_kill(args: argparse.Namespace, cluster: PgCluster, folder: Path) -> Killed:
    loads = [os.getloadavg()]
    feeds, bot_api, smtp = FeedServer(), BotAPI(), SmtpServer()
    await feeds.start()
    await bot_api.start()
    await smtp.start()
    try:
        return await _kill_run(args, cluster, folder, (feeds, bot_api, smtp), loads)
    finally:
        await smtp.close()
        await bot_api.stop()
        await feeds.close()


async def _kill_run(
    args: argparse.Namespace,
    cluster: PgCluster,
    folder: Path,
    servers: tuple[FeedServer, BotAPI, SmtpServer],
    loads: list[tuple[float, float, float]],
) -> Killed:
    feeds, bot_api, smtp = servers
    url = cluster.create_database()
    await (await open_store(url)).close()  # migrated before three services race to it
    t = datetime.now(UTC) + timedelta(seconds=2)
    chosen = chosen_paths(feeds, t, args.chosen)
    others = [f"/f{n}.xml" for n in range(args.feeds - len(chosen))]
    names = {path: path.strip("/").removesuffix(".xml").upper() for path in chosen + others}
    for path, name in names.items():
        feeds.feed(path, rss(name, []))
    (folder / "feeds.toml").write_text(feeds_file(feeds, names))
    env = environment(
        folder,
        BLOCKWATCH_DB=url,
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_URL=bot_api.base_url,
        SMTP_URL=f"{smtp.url}?connections=1",  # one mail in flight at a time
        BLOCKWATCH_CLAIM_LEASE=str(args.lease),
    )
    chats = [100_000_000 + n for n in range(args.chats)]
    addresses = [f"reader{n}@example.org" for n in range(args.mailboxes)]
    limits = bot_api.enforce_limits()
    sends: list[float] = []

    async def note(message: object) -> None:
        sends.append(time.time())

    bot_api.before_send = note
    fleet = await Fleet.start(env, folder, 3)
    try:
        await sleep_until(t + OWE_AT)
        store = await open_store(url)
        try:
            await owe_two_events(store, chats, addresses)
        finally:
            await store.close()
        owed_at = time.time()
        await sleep_until(t + WINDOW[0] - timedelta(seconds=3))
        before = {path: polls_logged(fleet, names[path]) for path in chosen}
        await sleep_until(t + WINDOW[1] + timedelta(seconds=3))
        won: dict[int, list[str]] = {}
        for path in chosen:
            for pid, count in (polls_logged(fleet, names[path]) - before[path]).items():
                if count:
                    won.setdefault(pid, []).append(path)
        victim = max(won, key=lambda pid: len(won[pid]))
        held = (await fleet.held(url))[victim]
        sent_before_kill = len(bot_api.sent)
        await fleet.kill(victim)
        killed_at = datetime.now(UTC)

        def delivered() -> bool:
            told = {(m.chat_id, m.text) for m in bot_api.sent}
            mailed = {(to, m.message["Subject"]) for m in smtp.received for to in m.rcpt_tos}
            return len(told) >= 2 * len(chats) and len(mailed) >= 2 * len(addresses)

        def polled_again() -> bool:
            after = {p for when, p in feeds.log if when > killed_at}
            return set(won[victim]) <= after

        await wait_until(delivered, args.wait)
        await wait_until(polled_again, args.wait)
        await asyncio.sleep(5)  # a repeat, had there been one, would have come by now
    finally:
        codes = await fleet.stop()
        loads.append(os.getloadavg())
    theirs = {}
    for path in won[victim]:
        times = [when for when, p in feeds.log if p == path]
        last = max(when for when in times if when < killed_at)
        theirs[names[path]] = (last, min(when for when in times if when > killed_at))
    per_slot = Counter(
        (p, slot_start(f"poll {feeds.url(p)}", INTERVAL, when)) for when, p in feeds.log
    )
    return Killed(
        owed_telegram=2 * len(chats),
        owed_mail=2 * len(addresses),
        telegram=Counter((m.chat_id, m.text) for m in bot_api.sent),
        mail=Counter((to, m.message["Subject"]) for m in smtp.received for to in m.rcpt_tos),
        rejected=len(limits.rejected),
        held=held,
        sent_before_kill=sent_before_kill,
        owed_at=owed_at,
        killed_at=killed_at,
        first_send=min(sends),
        last_send=max(sends),
        theirs=theirs,
        most_per_slot=max(per_slot.values()),
        codes=codes,
        victim=victim,
        loads=loads,
    )


def report(run: Killed, args: argparse.Namespace) -> str:
    """The figures, as bench/README.md records them."""
    killed = run.killed_at.timestamp()
    gaps = [(later - earlier).total_seconds() for earlier, later in run.theirs.values()]
    repeats_tg = sum(run.telegram.values()) - len(run.telegram)
    repeats_mail = sum(run.mail.values()) - len(run.mail)
    span = run.last_send - run.first_send
    survivors = [code for pid, code in run.codes.items() if pid != run.victim]
    lines = [
        f"{machine()}; load average {run.loads[0][0]:.2f} at the start,"
        f" {run.loads[-1][0]:.2f} at the end (1-minute)",
        f"3 services, {args.chats} chats + {args.mailboxes} mailboxes x 2 alerts,"
        f" {args.feeds} feeds every {INTERVAL}, BLOCKWATCH_CLAIM_LEASE={args.lease}",
        f"telegram: {len(run.telegram)} of {run.owed_telegram} alerts delivered,"
        f" {repeats_tg} repeated, {run.rejected} x 429;"
        f" sending {span:.1f} s ({sum(run.telegram.values()) / span:.1f} messages/s)",
        f"mail: {len(run.mail)} of {run.owed_mail} delivered, {repeats_mail} repeated",
        f"kill -9 {killed - run.owed_at:.1f} s after the alerts were owed, after"
        f" {run.sent_before_kill} Telegram messages, holding {run.held} unsent rows;"
        f" all delivered {run.last_send - killed:.1f} s after the kill",
        "its feeds (polled by it at their slot's start, then killed):",
        *(
            f"  {name}: polled {e:%H:%M:%S.%f}, next {n:%H:%M:%S.%f} = {g:.2f} s"
            f" ({g / INTERVAL.total_seconds():.3f} interval)"
            for (name, (e, n)), g in zip(run.theirs.items(), gaps, strict=True)
        ),
        f"most polls of one feed in one slot, all feeds, whole run: {run.most_per_slot}",
        f"exit codes: killed {run.codes[run.victim]}, survivors {survivors}",
    ]
    return "\n".join(lines)

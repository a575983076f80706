"""Email delivery benchmark: N digests through the real path against one connection per message.

    .venv/bin/python -m bench.deliver_email                       # 10,000 digests, 3 runs each
    .venv/bin/python -m bench.deliver_email --subscribers 1000 --repeat 1     # quick try
    .venv/bin/python -m bench.deliver_email --breakdown           # and where the time goes
    .venv/bin/python -m bench.deliver_email --link --subscribers 1000 --naive-subscribers 200
        # through a relay requiring STARTTLS and AUTH, 20 ms away: naive, then real over 1, 4,
        # 8 and 16 connections (--connections 1,4,8,16)
    .venv/bin/python -m bench.deliver_email --link --only real --connections 1,4 --pipelining both
        # real with PIPELINING (RFC 2920, the default) and without (SMTP_URL's ?pipelining=0)

Sets up, in a temp dir, a SQLiteStorage with N email subscribers (daily digest, TM and RU)
and three events recorded through `record_entries` two days ago, so every subscriber owes one
digest of three events. Each contender runs in its own child process (its CPU time and peak RSS
are its own), on its own copy of that database, against its own aiosmtpd server
(bench/_stand_ins.py, another process), which counts what each address received:

    real   `bot.delivery.outbox.deliver_due` (what `Pipeline.deliver` runs per channel) with
           EmailSender (SMTP_URL's ?connections=N at once, kept for the run) and the
           EmailRenderer digest, wired as bot/app.py does; every outbox row marked sent
    naive  the same digests rendered and built the same way (EmailRenderer, build_message),
           each sent on its own aiosmtplib connection: connect, EHLO (STARTTLS, AUTH), send,
           QUIT. It keeps no outbox, so the difference understates what the connections cost.
           `--naive-subscribers N`: only the first N (one connection each is slow on a link)

The server offers PIPELINING; the real path uses it unless `--pipelining off` (or `both`: each
real contender with it and without) passes `SMTP_URL`'s `?pipelining=0`. naive never pipelines
(aiosmtplib's own sendmail).

`--link`: the server requires STARTTLS and AUTH (a certificate from a CA made at start, trusted
with ?cafile=) and sits behind a delay proxy, `--rtt` seconds of round trip away (default 0.02;
bench/_latency.py), one more round trip for each new connection.

The contenders take turns, `--repeat` times each (real, naive, real, naive, ...), so a
machine whose load drifts treats both alike; the summary compares their medians. Time and CPU
are the delivery's alone (measured in the child, after start-up); peak RSS is the child's whole
life (os.wait4); "base" is its RSS when delivery began. `--breakdown` adds one more child
timing each part of the work separately (bench/_email_parts.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosmtplib

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
from bench._email_parts import Timings, breakdown, reports_for
from bench._feeds import rss_mb, timed_child
from bot.delivery.outbox import deliver_due
from bot.delivery.stories import group_stories
from bot.mail.links import MailIdentity
from bot.mail.mirrors import load_mirrors
from bot.mail.render import EmailRenderer
from bot.mail.smtp import EmailSender, SmtpSettings, build_message
from bot.mail.tls import client_context
from storage.sqlite import SQLiteStorage

MAIL_FROM = "Blockwatch <alerts@blockwatch.example>"
PUBLIC_URL = "https://blockwatch.example"  # alerts then carry the one-click unsubscribe link
COUNTRIES = ["TM", "RU"]
PATHS = ("real", "naive")
Contender = tuple[str, int, bool]  # path, connections (real) or 1 (naive), pipelining


def utc_now() -> datetime:
    return datetime.now(UTC)


def addresses(count: int) -> list[str]:
    return [f"reader{i}@example.org" for i in range(count)]


async def populate(db: Path, count: int) -> int:
    """Daily-digest subscribers through the storage API, then the events, recorded two days
    ago so every digest is due now: the outbox rows queued."""
    store = await SQLiteStorage.open(db)
    try:
        for address in addresses(count):
            subscriber = await store.subscribe("email", address, COUNTRIES)
            await store.set_preferences(subscriber.id, replace(subscriber.prefs, frequency="daily"))
        return await record_events(store, utc_now() - timedelta(days=2))
    finally:
        await store.close()


# --- the contenders, each run in a child process ----------------------------------------------


def renderer(settings: SmtpSettings, secret: bytes) -> EmailRenderer:
    """As bot/app.py builds it: mail comes from MAIL_FROM, whose mailbox takes commands."""
    address = settings.envelope_from
    identity = MailIdentity(address.rpartition("@")[2], address, PUBLIC_URL, secret)
    return EmailRenderer(identity, load_mirrors())


async def real_path(store: SQLiteStorage, settings: SmtpSettings, mail: EmailRenderer) -> int:
    stats = await deliver_due(
        store, EmailSender(settings), mail.alert, utc_now, render_digest=mail.digest
    )
    if stats.retrying or stats.failed:
        raise SystemExit(f"real path: {stats}")
    return stats.sent


async def naive_path(
    store: SQLiteStorage, settings: SmtpSettings, mail: EmailRenderer, limit: int | None = None
) -> int:
    """What a first script would do: for each subscriber, its digest on a connection of its own
    (the TLS context built once, as for the real path)."""
    reports = [
        await store.event_report(event.id) for event in await store.recent_events(None, limit=100)
    ]
    domain = settings.envelope_from.rpartition("@")[2]
    tls = client_context(settings)
    sent = 0
    for subscriber in (await store.subscribers())[:limit]:
        for message, _ in mail.digest(group_stories(reports_for(subscriber, reports)), subscriber):
            async with aiosmtplib.SMTP(
                hostname=settings.host,
                port=settings.port,
                username=settings.username,
                password=settings.password,
                start_tls=settings.tls == "starttls",
                tls_context=tls,
                local_hostname=domain,
            ) as smtp:
                if smtp.is_ehlo_or_helo_needed:
                    await smtp.ehlo()
                built = build_message(
                    settings.mail_from,
                    subscriber.address,
                    message,
                    domain,
                    eight_bit=smtp.supports_extension("8BITMIME"),
                )
                await smtp.send_message(
                    built, sender=settings.envelope_from, recipients=[subscriber.address]
                )
            sent += 1
    return sent


async def child(path: str, db: Path, url: str, limit: int | None = None) -> dict[str, Any]:
    """One contender (or the breakdown), in this child process: its own wall and CPU time."""
    store = await SQLiteStorage.open(db)
    try:
        settings = SmtpSettings.from_url(url, MAIL_FROM)
        mail = renderer(settings, await store.mail_secret())
        if path == "breakdown":
            return {"parts": await breakdown(store, settings, mail, utc_now)}
        base = rss_mb()
        wall, cpu = time.perf_counter(), time.process_time()
        if path == "real":
            count = await real_path(store, settings, mail)
        else:
            count = await naive_path(store, settings, mail, limit)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        await store.close()
    return {"wall": wall, "cpu": cpu, "base_mb": base, "count": count}


# --- the parent: setup, turns, tables ---------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    path: str
    label: str  # "real ×4": the path and its connections
    wall: float
    cpu: float
    peak_mb: float
    base_mb: float
    tally: Tally
    connections: int
    bytes: int
    server_cpu: float

    def row(self) -> list[object]:
        got = self.tally
        return [
            self.label,
            got.received,
            self.wall,
            got.received / self.wall,
            self.cpu,
            f"{self.peak_mb:.0f}",
            f"{self.base_mb:.0f}",
            self.connections,
            round(self.bytes / max(got.received, 1)),
            self.server_cpu,
            got.lost,
            got.duplicated + got.unexpected,
        ]


@dataclass(frozen=True)
class Setup:
    """What every run shares: the server's flags and how many subscribers naive may take."""

    server_flags: tuple[str, ...] = ()
    naive_limit: int | None = None


def with_connections(url: str, connections: int, pipelining: bool = True) -> str:
    query = f"connections={connections}" + ("" if pipelining else "&pipelining=0")
    return f"{url}{'&' if '?' in url else '?'}{query}"


def in_child(
    path: str, db: Path, setup: Setup, connections: int = 1, pipelining: bool = True
) -> tuple[dict[str, Any], float, dict[str, Any], float]:
    """Run `--child path` against a fresh server: its JSON, its peak RSS, the server's summary
    and the server's CPU seconds."""
    out = db.with_suffix(".json")
    limit = ["--limit", str(setup.naive_limit)] if setup.naive_limit and path == "naive" else []
    with stand_in("smtp", *setup.server_flags) as server, open(out, "w") as stdout:
        _, _, peak, status = timed_child(
            [
                sys.executable,
                "-m",
                __spec__.name,
                "--child",
                path,
                "--db",
                str(db),
                "--smtp",
                with_connections(server.url, connections, pipelining),
                *limit,
            ],
            stdout=stdout,
        )
        summary = server.finish()
    if status:
        raise SystemExit(f"{path}: exit {status}")
    return json.loads(out.read_text()), peak, summary, server.cpu


def run(contender: Contender, seed: Path, db: Path, expected: list[str], setup: Setup) -> Outcome:
    path, connections, pipelining = contender
    copy_db(seed, db)
    result, peak, summary, server_cpu = in_child(path, db, setup, connections, pipelining)
    if path == "naive":
        expected = expected[: setup.naive_limit]
    got = tally(expected, summary["received"])
    label = path
    if path == "real":
        label = f"real ×{connections}" + ("" if pipelining else " no pipelining")
    print(
        f"{label}: {result['wall']:.1f}s, {got}; first subject {summary['sample_subject']!r}",
        file=sys.stderr,
        flush=True,
    )
    return Outcome(
        path,
        label,
        result["wall"],
        result["cpu"],
        peak,
        result["base_mb"],
        got,
        summary["connections"],
        summary["bytes"],
        server_cpu,
    )


def copy_db(db: Path, to: Path) -> None:
    """A copy of a closed database (with its WAL, should one be left)."""
    for suffix in ("", "-wal"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy(f"{db}{suffix}", f"{to}{suffix}")


def run_breakdown(seed: Path, db: Path, setup: Setup) -> Timings:
    copy_db(seed, db)
    result, peak, _, _ = in_child("breakdown", db, setup)
    print(f"breakdown: peak RSS {peak:.0f} MB", file=sys.stderr)
    parts: dict[str, list[float]] = result["parts"]
    return {part: (wall, cpu) for part, (wall, cpu) in parts.items()}


def report(outcomes: list[Outcome], parts: Timings, count: int, load: LoadWatch) -> None:
    print(f"\n{count:,} digests (3 events each), one per subscriber\n")
    print(
        table(
            [
                "path",
                "received",
                "wall s",
                "msg/s",
                "CPU s",
                "peak RSS MB",
                "base MB",
                "SMTP connections",
                "bytes/msg",
                "server CPU s",
                "lost",
                "duplicated",
            ],
            [outcome.row() for outcome in outcomes],
        )
    )
    rates = {
        label: statistics.median(o.tally.received / o.wall for o in outcomes if o.label == label)
        for label in dict.fromkeys(o.label for o in outcomes)
    }
    print("\nmedian msg/s: " + ", ".join(f"{label} {rate:.1f}" for label, rate in rates.items()))
    if "naive" in rates and len(rates) > 1:
        print(
            "× naive: "
            + ", ".join(
                f"{label} {rate / rates['naive']:.2f}"
                for label, rate in rates.items()
                if label != "naive"
            )
        )
    if parts:
        print(f"\nThe same work, part by part ({count:,} messages):\n")
        print(
            table(
                ["part", "wall s", "CPU s", "wall ms/msg"],
                [(part, wall, cpu, 1000 * wall / count) for part, (wall, cpu) in parts.items()],
            )
        )
    print(f"\n{now_utc_text()}, {machine()}, {load.describe()} during the runs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each contender")
    parser.add_argument("--only", action="append", choices=PATHS)
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="then time each part of the real path's work separately",
    )
    parser.add_argument(
        "--link", action="store_true", help="a relay requiring STARTTLS and AUTH, --rtt away"
    )
    parser.add_argument("--rtt", type=float, default=0.02, help="with --link: seconds")
    parser.add_argument(
        "--connections", default="", help="real path's connections to try, e.g. 1,4,8,16"
    )
    parser.add_argument("--naive-subscribers", type=int, help="naive sends to the first N only")
    parser.add_argument(
        "--pipelining",
        choices=("on", "off", "both"),
        default="on",
        help="real path: PIPELINING (on), ?pipelining=0 (off), or each contender both ways",
    )
    parser.add_argument("--child", choices=(*PATHS, "breakdown"), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--smtp", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.child:
        print(json.dumps(asyncio.run(child(args.child, args.db, args.smtp, args.limit))))
        return
    setup = Setup(("--tls", "--rtt", str(args.rtt)) if args.link else (), args.naive_subscribers)
    counts = [int(n) for n in args.connections.split(",") if n] or [
        *([1, 4, 8, 16] if args.link else [4])
    ]
    modes = {"on": [True], "off": [False], "both": [True, False]}[args.pipelining]
    contenders: list[Contender] = [
        (path, n, pipelined)
        for path in args.only or ("naive", "real")
        for n in (counts if path == "real" else [1])
        for pipelined in (modes if path == "real" else [False])
    ]
    with tempfile.TemporaryDirectory(prefix="bench-email-") as tmp, LoadWatch() as load:
        work = Path(tmp)
        start = time.perf_counter()
        queued = asyncio.run(populate(work / "seed.db", args.subscribers))
        print(
            f"setup: {args.subscribers:,} subscribers, {queued:,} outbox rows in "
            f"{time.perf_counter() - start:.1f}s",
            file=sys.stderr,
            flush=True,
        )
        expected = addresses(args.subscribers)
        outcomes = [
            run(
                contender,
                work / "seed.db",
                work / f"{path}{n}{pipelined:d}-{turn}.db",
                expected,
                setup,
            )
            for turn in range(args.repeat)
            for contender in contenders
            for path, n, pipelined in [contender]
        ]
        parts = run_breakdown(work / "seed.db", work / "parts.db", setup) if args.breakdown else {}
    report(outcomes, parts, args.subscribers, load)


if __name__ == "__main__":
    main()

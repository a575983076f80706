"""Shared parts of the delivery benchmarks (bench/deliver_telegram.py, bench/deliver_email.py).

The servers in their own processes (bench/_stand_ins.py), the events every run records through
the real storage, the check that each address got exactly one message, the machine's
description and load while running, and the markdown table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.core.models import Action, Alert, Entry, Evidence
from bot.core.records import NewEntry, Placement
from storage.sqlite import SQLiteStorage

# (country, service, action, headline, lead): the few events of a run, each reported twice.
EVENTS: list[tuple[str, str, Action, str, str]] = [
    (
        "TM",
        "imo",
        "block",
        "Turkmenistan blocks IMO, its last working messenger",
        "Users across Turkmenistan said IMO stopped working on Monday. Monitors confirmed that "
        "calls and messages fail on every mobile network. IMO was the last foreign messenger "
        "that still worked without a VPN. Relatives abroad said they lost contact at noon.",
    ),
    (
        "RU",
        "youtube",
        "throttle",
        "Russia slows down YouTube again",
        "Monitoring groups in Russia recorded YouTube speeds falling below 100 kbit/s. Users in "
        "Moscow and Saint Petersburg said videos would not load. The regulator blamed Google. "
        "Engineers said the slowdown matches the pattern of earlier throttling.",
    ),
    (
        "RU",
        "whatsapp",
        "block",
        "Russia restricts access to WhatsApp",
        "Russian users reported that WhatsApp messages were delayed or failed since Tuesday. "
        "Roskomnadzor said it had restricted the service. Voice calls were the first to stop "
        "working, followed by media messages.",
    ),
]
OUTLETS = [
    ("Radio Azatlyk", "https://www.azathabar.com/a/{n}.html"),
    ("Mediazona", "https://zona.media/news/{n}"),
]


async def record_events(
    store: SQLiteStorage, now: datetime, countries: Iterable[str] | None = None
) -> int:
    """Open EVENTS (those of `countries`) through the real storage, two sources each, and queue
    them to their subscribers as the pipeline would. The number of outbox rows queued."""
    wanted = set(countries) if countries is not None else None
    queued = 0
    for n, (country, service, action, headline, lead) in enumerate(EVENTS):
        if wanted is not None and country not in wanted:
            continue
        alert = Alert(country, service, action, Evidence(headline))
        event_id: int | None = None
        for m, (outlet, link) in enumerate(OUTLETS):
            entry = Entry(
                feed_url=f"https://feeds.example/{m}",
                key=f"{n}-{m}",
                title=headline,
                summary=lead,
                link=link.format(n=n),
                published=now - timedelta(minutes=30 - m),
                source=outlet,
            )
            recorded = await store.record_entries(
                [NewEntry(entry, (Placement(alert, event_id),))], now=now
            )
            queued += recorded.deliveries
            if event_id is None:
                event_id = recorded.new_events[0].id
    return queued


@dataclass
class StandIn:
    """A server child process: its URL (and, for Telegram, the token) while it runs."""

    process: subprocess.Popen[str]
    url: str
    token: str = ""
    summary: dict[str, Any] = field(default_factory=dict)
    cpu: float = 0.0  # the server's CPU seconds, known once it stopped

    def finish(self) -> dict[str, Any]:
        """Tell the server we are done (close its stdin); its JSON summary, with its CPU."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        line = self.process.stdout.readline()
        _, _, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = 0
        self.cpu = usage.ru_utime + usage.ru_stime
        self.summary = json.loads(line)
        return self.summary


@contextmanager
def stand_in(kind: str, *flags: str) -> Iterator[StandIn]:
    """Start `bench/_stand_ins.py kind` and wait until it listens; kill it if we fail."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench._stand_ins", kind, *flags],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready = process.stdout.readline().split()
        if ready[:1] != ["ready"]:
            raise RuntimeError(f"{kind} stand-in did not start: {ready}")
        url, token = [*ready, ""][1:3]
        yield StandIn(process, url, token)
    finally:
        if process.returncode is None:
            process.kill()
            process.wait(10)


@dataclass(frozen=True)
class Tally:
    """What the server received against what it should have: each address exactly once."""

    expected: int
    received: int  # messages accepted, in all
    lost: int  # expected addresses that got nothing
    duplicated: int  # addresses that got more than one
    unexpected: int  # addresses nobody queued anything for


def tally(expected: Iterable[Any], received: Sequence[Sequence[Any]]) -> Tally:
    """`received`: the server's [address, count] pairs."""
    want = {str(address) for address in expected}
    got = {str(address): int(count) for address, count in received}
    return Tally(
        expected=len(want),
        received=sum(got.values()),
        lost=len(want - got.keys()),
        duplicated=sum(1 for count in got.values() if count > 1),
        unexpected=len(got.keys() - want),
    )


class LoadWatch:
    """The 1-minute load average, sampled every few seconds while a run lasts."""

    def __init__(self, every: float = 5.0) -> None:
        self.samples: list[float] = [load_average()]
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> LoadWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(load_average())

    def _watch(self) -> None:
        while not self._stop.wait(self._every):
            self.samples.append(load_average())

    def describe(self) -> str:
        return f"load {min(self.samples):.2f}–{max(self.samples):.2f}"


def load_average() -> float:
    return os.getloadavg()[0]


def machine() -> str:
    """nproc, the CPU model and the memory, as the README records them."""
    model, memory = "unknown CPU", 0
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) // (1024 * 1024)
    return f"{os.cpu_count()} cores ({model}), {memory} GB, Python {sys.version.split()[0]}"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A markdown table; numbers right-aligned, floats to two decimals."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:,.2f}"
        if isinstance(value, int):
            return f"{value:,}"
        return str(value)

    body = [[cell(value) for value in row] for row in rows]
    align = ["---:" if body and body[0][i][:1].isdigit() else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def now_utc_text() -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

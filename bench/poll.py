"""Polling benchmark: our Pipeline against feedparser and reader on the same local feeds.

    .venv/bin/python -m bench.poll                    # 1,000 feeds × 50 entries (a few minutes)
    .venv/bin/python -m bench.poll --feeds 50         # quick try

A separate process serves the feeds (bench/_feeds.py) over loopback with ETag / Last-Modified
and 304s. Each contender runs in its own child process, so its CPU time and peak RSS are its
own; each runs a first cycle (everything new) and a steady cycle (nothing changed):

    blockwatch  bot.pipeline.Pipeline wired as bot/app.py does (SQLite in a temp dir, no channels)
    feedparser  a sequential loop of feedparser.parse(url, etag=, modified=)
    floor       feedparser.parse on bytes fetched beforehand: parsing only, no HTTP, no storage
    reader      lemon24/reader: make_reader, add_feed per URL, update_feeds(workers=W)

Peak RSS is per phase (VmHWM, reset between phases); "base" is the RSS when the phase began.
"entries" is what the cycle parsed (for reader: entries in its database after the cycle).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser

from bench._feeds import feed_server, reset_peak, rss_mb

CONTENDERS = ("blockwatch", "feedparser", "floor", "reader")
LOOPBACK = "127.0.0.0/8"  # where _feeds.py serves: Fetcher refuses it unless allowed
Phase = dict[str, Any]


def measure(name: str, cycle: Callable[[], int]) -> Phase:
    """Run one cycle; its wall and CPU time, peak RSS and what it counted (entries parsed)."""
    reset_peak()
    base = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    count = cycle()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "phase": name,
        "wall": wall,
        "cpu": cpu,
        "peak_mb": rss_mb(),
        "base_mb": base,
        "count": count,
    }


def run_blockwatch(urls: list[str], work: Path) -> list[Phase]:
    """Our pipeline, built like bot/app.py builds it, without delivery channels."""
    from bot.core.models import EventReport, FeedSpec
    from bot.delivery.console import render_console
    from bot.detect import Detector
    from bot.feeds.fetch import Fetcher
    from bot.feeds.hosts import AllowedHosts
    from bot.pipeline import Pipeline
    from bot.ports import utc_now
    from storage.sqlite import SQLiteStorage

    feeds = [FeedSpec(name=f"bench {i}", url=url, language="en") for i, url in enumerate(urls)]
    sink = io.StringIO()

    def printer(report: EventReport) -> None:  # what app.py does without channels, to /dev/null
        sink.seek(0)
        print(render_console(report), file=sink)

    async def both() -> list[Phase]:
        store = await SQLiteStorage.open(work / "bench.db")
        # The feeds are served on 127.0.0.1-127.0.0.100 (_feeds.py): loopback, allowed here only.
        fetcher = Fetcher.open(allowed=AllowedHosts.parse(LOOPBACK))
        pipeline = Pipeline(store, fetcher, Detector.load(), [], utc_now, on_new_event=printer)
        results: dict[str, int] = {}
        loop = asyncio.get_running_loop()

        def cycle(name: str) -> Callable[[], int]:
            def go() -> int:
                # Runs the coroutine on this loop from a worker thread; time is the cycle's.
                outcomes, _ = asyncio.run_coroutine_threadsafe(
                    pipeline.run_once(feeds), loop
                ).result()
                results[name] = sum(o.new_events.__len__() for o in outcomes)
                return sum(o.entries for o in outcomes)

            return go

        phases = []
        for name in ("first", "steady"):
            phase = await asyncio.to_thread(measure, name, cycle(name))
            phase["events"] = results[name]
            phases.append(phase)
        await fetcher.close()
        await store.close()
        return phases

    return asyncio.run(both())


def run_feedparser(urls: list[str], work: Path) -> list[Phase]:
    """feedparser's own HTTP, one URL after another, sending back ETag and Last-Modified."""
    validators: dict[str, tuple[str | None, str | None]] = {}

    def cycle() -> int:
        count = 0
        for url in urls:
            etag, modified = validators.get(url, (None, None))
            doc = feedparser.parse(url, etag=etag, modified=modified)
            validators[url] = (doc.get("etag"), doc.get("modified"))
            count += len(doc.entries)
        return count

    return [measure("first", cycle), measure("steady", cycle)]


def run_floor(urls: list[str], work: Path) -> list[Phase]:
    """The least any feedparser-based poller can spend: parsing bytes already in memory."""
    bodies = []
    for url in urls:
        with urllib.request.urlopen(url, timeout=30) as resp:
            bodies.append(
                (
                    resp.read(),
                    {"content-type": resp.headers["Content-Type"], "content-location": url},
                )
            )

    def cycle() -> int:
        return sum(
            len(feedparser.parse(io.BytesIO(body), response_headers=headers).entries)
            for body, headers in bodies
        )

    return [measure("first", cycle)]


def run_reader(urls: list[str], work: Path, workers: int) -> list[Phase]:
    """lemon24/reader on a temporary database; the steady cycle ignores its update schedule."""
    from reader import make_reader

    reader = make_reader(str(work / "reader.sqlite"))
    for url in urls:
        reader.add_feed(url)

    def cycle(scheduled: bool) -> Callable[[], int]:
        def go() -> int:
            reader.update_feeds(workers=workers, scheduled=scheduled)
            return reader.get_entry_counts().total or 0

        return go

    phases = [measure("first", cycle(True)), measure("steady", cycle(False))]
    reader.close()
    return phases


def child(name: str, urls_file: Path, workers: int) -> None:
    """Run one contender in this (child) process and print its phases as JSON."""
    urls = json.loads(urls_file.read_text())
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
        work = Path(tmp)
        if name == "reader":
            phases = run_reader(urls, work, workers)
        else:
            phases = {
                "blockwatch": run_blockwatch,
                "feedparser": run_feedparser,
                "floor": run_floor,
            }[name](urls, work)
    print(json.dumps(phases))


def table(results: dict[str, list[Phase]], feeds: int, entries: int) -> str:
    """The results and the goals of issue 7, as a Markdown table and a list."""
    rows = [
        f"{feeds} feeds × {entries} entries\n",
        "| contender | cycle | wall s | CPU s | peak RSS MB | base MB | entries |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows.extend(
        f"| {name} | {p['phase']} | {p['wall']:.2f} | {p['cpu']:.2f} | "
        f"{p['peak_mb']:.0f} | {p['base_mb']:.0f} | {p['count']} |"
        for name, phases in results.items()
        for p in phases
    )
    got = {(n, p["phase"]): p for n, phases in results.items() for p in phases}

    def ratio(a: tuple[str, str], b: tuple[str, str], key: str = "wall") -> float:
        return float(got[a][key] / got[b][key]) if a in got and b in got else float("nan")

    ours1, ours2 = ("blockwatch", "first"), ("blockwatch", "steady")
    checks = [
        ("first cycle / floor (wall)", ratio(ours1, ("floor", "first")), "≤ 1.3", 1.3, True),
        ("first cycle / floor (CPU)", ratio(ours1, ("floor", "first"), "cpu"), "≤ 1.3", 1.3, True),
        ("first / steady (wall)", ratio(ours1, ours2), "≥ 20", 20, False),
        ("first / steady (CPU)", ratio(ours1, ours2, "cpu"), "≥ 20", 20, False),
        ("ours / reader, first (wall)", ratio(ours1, ("reader", "first")), "< 1", 1, True),
        ("ours / reader, steady (wall)", ratio(ours2, ("reader", "steady")), "< 1", 1, True),
        ("ours / reader, first (CPU)", ratio(ours1, ("reader", "first"), "cpu"), "< 1", 1, True),
        ("ours / reader, steady (CPU)", ratio(ours2, ("reader", "steady"), "cpu"), "< 1", 1, True),
        ("ours / feedparser loop, first", ratio(ours1, ("feedparser", "first")), "-", 0, True),
    ]
    rows += ["", "| check | ratio | goal | met |", "| --- | ---: | --- | --- |"]
    for label, value, goal, limit, below in checks:
        ok = value <= limit if below else value >= limit
        met = "-" if not limit or value != value else ("yes" if ok else "**no**")
        rows.append(f"| {label} | {value:.2f} | {goal} | {met} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=100, help="loopback addresses to spread over")
    parser.add_argument("--workers", type=int, default=16, help="reader's update_feeds workers")
    parser.add_argument("--only", action="append", choices=CONTENDERS, help="run just these")
    parser.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--urls", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.urls, args.workers)
        return
    results: dict[str, list[Phase]] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        feed_server(args.feeds, args.entries, args.hosts) as urls,
    ):
        urls_file = Path(tmp) / "urls.json"
        urls_file.write_text(json.dumps(urls))
        for name in args.only or CONTENDERS:
            out = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    __spec__.name,
                    "--child",
                    name,
                    "--urls",
                    str(urls_file),
                    "--workers",
                    str(args.workers),
                ],
                capture_output=True,
                text=True,
                check=False,
                timeout=3600,
            )
            if out.returncode:
                print(f"{name} failed:\n{out.stderr[-2000:]}", file=sys.stderr)
                continue
            results[name] = json.loads(out.stdout.splitlines()[-1])
            print(f"{name}: {results[name]}", file=sys.stderr)
    print(table(results, args.feeds, args.entries))


if __name__ == "__main__":
    main()

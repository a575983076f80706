"""Shared benchmark setup: synthetic news feeds, served over loopback by a separate process.

    python -m bench._feeds --feeds 1000 --entries 50 --hosts 100    (started by the benchmarks)

The server prints `ready PORT` once it listens, then serves `/feed/N.xml` on 127.0.0.1 ..
127.0.0.H (the feeds spread over H loopback "hosts", as real feeds spread over sites) with an
ETag and Last-Modified, answering conditional GETs with 304. `GET /_bump` adds one fresh
"Russia blocks Signal" item to feed 0 (a new event for the queueing benchmark).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from aiohttp import web

LAST_MODIFIED = "Mon, 23 Nov 2026 06:00:00 GMT"
PLACES = [
    "Ashgabat",
    "Moscow",
    "Tashkent",
    "Almaty",
    "Bishkek",
    "Dushanbe",
    "Tehran",
    "Baku",
    "Minsk",
    "Tbilisi",
    "Yerevan",
    "Ankara",
]
TOPICS = [
    "wheat prices",
    "the cotton harvest",
    "gas exports",
    "a new metro line",
    "school exams",
    "the football league",
    "pension reform",
    "a heat wave",
    "bank lending rates",
    "a regional summit",
    "vaccination figures",
    "railway tariffs",
    "a film festival",
]
VERBS = ["announced", "debated", "criticised", "postponed", "approved", "reported on"]
ACTORS = [
    "The ministry",
    "Parliament",
    "City officials",
    "Analysts",
    "The central bank",
    "Local residents",
    "Opposition groups",
    "The statistics office",
]
# (country name, service, headline template): the ~10% of items the detector should catch.
BLOCKS = [
    ("Turkmenistan", "IMO", "{c} blocks {s}, its last working messenger"),
    ("Russia", "YouTube", "{c} slows down {s} again"),
    ("Russia", "WhatsApp", "{c} restricts access to {s}"),
    ("Uzbekistan", "Twitter", "{c} unblocks {s} after two years"),
    ("Uzbekistan", "TikTok", "{c} blocks {s} over data rules"),
    ("Kazakhstan", "Telegram", "{c} blocked {s} during protests"),
    ("Iran", "Instagram", "{c} throttles {s} ahead of the vote"),
    ("Belarus", "VKontakte", "Access to {s} restored in {c}"),
]


def _sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(ACTORS)} in {rng.choice(PLACES)} {rng.choice(VERBS)} "
        f"{rng.choice(TOPICS)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."
    )


def item_xml(feed: int, n: int, rng: random.Random, published: datetime) -> str:
    """One RSS <item> of varied news text; about one in ten reports a block."""
    if rng.random() < 0.1:
        country, service, template = rng.choice(BLOCKS)
        title = template.format(c=country, s=service)
        lead = f"Users in {country} said {service} stopped working, according to monitors. "
    else:
        title = _sentence(rng).rstrip(".").capitalize()
        lead = ""
    body = lead + " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
    summary = f'<p>{body}</p><p><a href="https://news.example/more">Read more</a></p>'
    link = f"https://site{feed % 97}.example/news/{feed}/{n}"
    return (
        f'<item><guid isPermaLink="false">feed{feed}-item{n}</guid>'
        f"<title>{escape(title)}</title><link>{link}</link>"
        f"<description>{escape(summary)}</description>"
        f"<pubDate>{format_datetime(published)}</pubDate></item>"
    )


def feed_xml(feed: int, entries: int, now: datetime, extra: str = "") -> bytes:
    """A whole RSS 2.0 document for feed number `feed`; deterministic per (feed, entries)."""
    rng = random.Random(feed)
    items = "".join(
        item_xml(feed, n, rng, now - timedelta(minutes=rng.randint(5, 2880)))
        for n in range(entries)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Bench news {feed}</title><link>https://site{feed % 97}.example/</link>"
        f"<description>Synthetic feed {feed}</description><language>en</language>"
        f"{extra}{items}</channel></rss>"
    ).encode()


def feed_url(port: int, feed: int, hosts: int) -> str:
    return f"http://127.0.0.{1 + feed % hosts}:{port}/feed/{feed}.xml"


def serve(feeds: int, entries: int, hosts: int) -> None:
    """Run the feed server until killed (the benchmark's child process)."""
    now = datetime.now(UTC)
    bodies = {f"/feed/{i}.xml": feed_xml(i, entries, now) for i in range(feeds)}
    etags = {path: '"' + hashlib.sha256(b).hexdigest()[:16] + '"' for path, b in bodies.items()}

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.path == "/_bump":
            fresh = (
                '<item><guid isPermaLink="false">feed0-bump</guid>'
                "<title>Russia blocks Signal nationwide</title>"
                "<link>https://site0.example/news/0/bump</link><description>Users in "
                "Russia said Signal stopped working on Monday, according to monitors."
                f"</description><pubDate>{format_datetime(datetime.now(UTC))}</pubDate>"
                "</item>"
            )
            bodies["/feed/0.xml"] = feed_xml(0, entries, now, extra=fresh)
            etags["/feed/0.xml"] = '"bumped"'
            return web.Response(text="bumped")
        body = bodies.get(request.path)
        if body is None:
            return web.Response(status=404)
        headers = {"ETag": etags[request.path], "Last-Modified": LAST_MODIFIED}
        if request.headers.get("If-None-Match") == etags[request.path]:
            return web.Response(status=304, headers=headers)
        return web.Response(
            body=body, headers=headers, content_type="application/rss+xml", charset="utf-8"
        )

    async def start() -> web.AppRunner:
        app = web.Application()
        app.router.add_get("/{tail:.*}", handle)
        runner = web.AppRunner(app, handle_signals=True, access_log=None)
        await runner.setup()
        first = web.TCPSite(runner, "127.0.0.1", 0, backlog=2048)
        await first.start()
        port = runner.addresses[0][1]
        for h in range(2, hosts + 1):
            await web.TCPSite(runner, f"127.0.0.{h}", port, backlog=2048).start()
        print(f"ready {port}", flush=True)
        return runner

    import asyncio

    loop = asyncio.new_event_loop()
    loop.run_until_complete(start())
    loop.run_forever()


@contextmanager
def feed_server(feeds: int, entries: int, hosts: int) -> Iterator[list[str]]:
    """Start the server in its own process; yields the feed URLs; stops it on the way out."""
    cmd = [
        sys.executable,
        "-m",
        "bench._feeds",
        f"--feeds={feeds}",
        f"--entries={entries}",
        f"--hosts={hosts}",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().split()
        if line[:1] != ["ready"]:
            raise RuntimeError(f"feed server did not start: {line}")
        port = int(line[1])
        yield [feed_url(port, i, hosts) for i in range(feeds)]
    finally:
        proc.terminate()
        proc.wait(10)


def rss_mb() -> float:
    """This process's peak RSS (VmHWM) in MB, since start or the last `reset_peak()`."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> None:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0), so the next phase's peak is its own."""
    Path(f"/proc/{os.getpid()}/clear_refs").write_text("5")


def timed_child(cmd: list[str], **kwargs: object) -> tuple[float, float, float, int]:
    """Run `cmd` to completion: (wall s, CPU s, peak RSS MB, exit status) of that child alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, **kwargs)  # type: ignore[call-overload]
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=100)
    args = parser.parse_args()
    serve(args.feeds, args.entries, args.hosts)

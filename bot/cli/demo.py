"""`blockwatch demo`: the real pipeline, with no configuration and no network, on a few real
reports (bot/cli/demo_feeds.py) served on 127.0.0.1: fetch, parse, detect, events, outbox, and
the Telegram and mail renderers, with senders that print instead of sending.

Two demo subscribers get TM, UZ and RU: a Telegram chat reading English, a mail reader reading
Russian. Each phase of the replay polls every feed on the demo's clock, prints the reports that
appeared, the events as they stand, and each alert as Telegram and mail would show it. The
database lives in a temporary folder, removed at the end: nothing of the demo stays.
"""

from __future__ import annotations

import asyncio
import html
import re
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import TextIO

from aiohttp import web

from bot.cli.demo_feeds import PHASES, DemoFeeds, Report, load_reports
from bot.core.models import Channel, FeedSpec, OutgoingMessage
from bot.delivery.console import render_console
from bot.detect import Detector
from bot.feeds.desk import seed_registry
from bot.feeds.fetch import Fetcher
from bot.feeds.hosts import AllowedHosts
from bot.mail.links import MailIdentity
from bot.mail.mirrors import load_mirrors
from bot.mail.render import EmailRenderer
from bot.pipeline import Pipeline
from bot.ports import BatchSender, DeliveryChannel
from bot.site.routes import add_site
from bot.telegram.digest import render_telegram_digest
from bot.telegram.render import render_telegram
from storage.sqlite import SQLiteStorage

CHAT, READER = "100200300", "reader@example.org"  # the demo's subscribers
COUNTRIES = ("TM", "UZ", "RU")
RULE = "─" * 72


class DemoClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class ShowingSender:
    """A channel's sender that prints each message as its reader would see it."""

    def __init__(self, channel: Channel, out: TextIO) -> None:
        self._channel: Channel = channel
        self._out = out
        self.shown = 0

    @property
    def channel(self) -> Channel:
        return self._channel

    @property
    def connections(self) -> int:
        return 1  # one printer: messages in the order a single connection would send them

    @asynccontextmanager
    async def batch(self) -> AsyncIterator[BatchSender]:
        yield self

    async def send(self, address: str, message: OutgoingMessage) -> None:
        self.shown += 1
        if self._channel == "telegram":
            head, body = f"Telegram message to chat {address}", telegram_text(message.text)
        else:
            head, body = f"Mail to {address}", f"Subject: {message.subject}\n\n{message.text}"
        print(f"\n┌ {head}\n{_indent(body.rstrip())}\n└", file=self._out, flush=True)


def telegram_text(text: str) -> str:
    """Telegram's HTML as the app shows it: links as their text, then the address."""
    text = re.sub(r'<a href="([^"]*)">(.*?)</a>', r"\2 <\1>", text, flags=re.S)
    return html.unescape(re.sub(r"<(?!https?:)[^>]+>", "", text))


def _indent(text: str) -> str:
    return "\n".join(f"│ {line}" for line in text.splitlines())


async def run_demo(out: TextIO, serve: asyncio.Event | None = None) -> int:
    """The replay; then the status site on 127.0.0.1 with its address, kept open until `serve`
    is set when one is given (`blockwatch demo --serve`: until Ctrl-C)."""
    reports = load_reports()
    feeds_server = DemoFeeds(reports)
    await feeds_server.start()
    try:
        with tempfile.TemporaryDirectory(prefix="blockwatch-demo-") as folder:
            await _replay(Path(folder), feeds_server, reports, out, serve)
    finally:
        await feeds_server.close()
    return 0


async def _replay(
    folder: Path,
    feeds_server: DemoFeeds,
    reports: Sequence[Report],
    out: TextIO,
    serve: asyncio.Event | None,
) -> None:
    feeds_file = folder / "feeds.toml"
    feeds_file.write_text(
        "".join(
            f'[[feed]]\nname = "{name}"\nurl = "{url}"\nlanguage = "{language}"\n\n'
            for name, url, language in feeds_server.feeds()
        ),
        encoding="utf-8",
    )
    clock = DemoClock(PHASES[0])
    store = await SQLiteStorage.open(folder / "demo.db")
    fetcher = Fetcher.open(allowed=AllowedHosts.parse("127.0.0.1"))
    try:
        feeds = await seed_registry(store, feeds_file, clock())
        telegram, email = ShowingSender("telegram", out), ShowingSender("email", out)
        identity = MailIdentity(
            "blockwatch.invalid", "alerts@blockwatch.invalid", None, await store.mail_secret()
        )
        mail = EmailRenderer(identity, load_mirrors())
        channels = [
            DeliveryChannel(telegram, render_telegram, render_telegram_digest),
            DeliveryChannel(email, mail.alert, mail.digest),
        ]
        pipeline = Pipeline(store, fetcher, Detector.load(), channels, clock)
        await store.subscribe("telegram", CHAT, COUNTRIES, language="en")
        await store.subscribe("email", READER, COUNTRIES, language="ru")
        print(
            f"Blockwatch demo: {len(reports)} real reports from {len(feeds)} outlets, served on"
            f" {feeds_server.base}; subscribers: Telegram chat {CHAT} (English) and {READER}"
            f" (Russian), both for {', '.join(COUNTRIES)}.",
            file=out,
        )
        for phase, when in enumerate(PHASES, 1):
            feeds_server.phase, clock.now = phase, when
            await _phase(phase, when, reports, pipeline, feeds, store, out)
        print(
            f"\n{RULE}\n{telegram.shown} Telegram messages and {email.shown} mails, from the"
            " real pipeline. `blockwatch run` does this with the feeds in feeds.toml;"
            " README.md says how to set Telegram and mail up.",
            file=out,
        )
        await _status_site(store, clock, out, serve)
    finally:
        await fetcher.close()
        await store.close()


async def _status_site(
    store: SQLiteStorage, clock: DemoClock, out: TextIO, serve: asyncio.Event | None
) -> None:
    """The public status site (bot/site/) on the demo's database and clock, on 127.0.0.1."""
    app = web.Application()
    add_site(app, store, clock=clock)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        print(f"Status page: {base}/status/TM (all countries: {base}/status/)", file=out)
        if serve is None:
            print("(`blockwatch demo --serve` keeps it open until Ctrl-C)", file=out, flush=True)
        else:
            print("Serving it until Ctrl-C.", file=out, flush=True)
            await serve.wait()
    finally:
        await runner.cleanup()


async def _phase(
    phase: int,
    when: datetime,
    reports: Sequence[Report],
    pipeline: Pipeline,
    feeds: list[FeedSpec],
    store: SQLiteStorage,
    out: TextIO,
) -> None:
    print(f"\n{RULE}\n{when:%d %b %Y %H:%M} UTC (the demo's clock): new in the feeds", file=out)
    for report in (r for r in reports if r.phase == phase):
        print(
            f"  · {report.feed} ({report.language}): {report.title or report.summary[:70]}",
            file=out,
        )
        print(f"    {report.note}; {report.url}", file=out)
    outcomes = await pipeline.poll_all(feeds)
    new = {event.id for outcome in outcomes for event in outcome.new_events}
    print("\nEvents now:", file=out)
    for event in await store.recent_events(None, 20):
        mark = "new " if event.id in new else "    "
        print(f"  {mark}{render_console(await store.event_report(event.id))}", file=out)
    await pipeline.deliver()

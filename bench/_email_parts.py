"""The email path's work, one kind at a time: where a digest's milliseconds go.

Run by `bench/deliver_email.py --breakdown` in a child process of its own, on a copy of the
benchmark's data: reading the due rows and marking them sent (the outbox work the real path
does and the naive one skips), rendering the digests, building the MIME messages, and sending
the built messages over one connection and over one connection each.

Messages are built and sent CHUNK at a time, so memory stays flat however many there are (a
built message takes ~4 KB; it took over 100 KB while its headers were parsed header objects).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from email.message import EmailMessage

import aiosmtplib

from bot.core.models import EventReport, OutgoingMessage, Subscriber
from bot.delivery.stories import group_stories
from bot.mail.render import EmailRenderer
from bot.mail.smtp import SmtpSettings, build_message
from bot.ports import Clock
from storage.sqlite import SQLiteStorage

BATCH = 200  # deliver_due's default batch size
CHUNK = 500
Timings = dict[str, tuple[float, float]]  # part of the work: (wall s, CPU s)
Digest = tuple[Subscriber, OutgoingMessage]


class Stopwatch:
    """Adds up wall and CPU time per part of the work."""

    def __init__(self) -> None:
        self.parts: Timings = {}
        self._wall, self._cpu = 0.0, 0.0

    def start(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def stop(self, part: str) -> None:
        wall, cpu = self.parts.get(part, (0.0, 0.0))
        self.parts[part] = (
            wall + time.perf_counter() - self._wall,
            cpu + time.process_time() - self._cpu,
        )


def reports_for(subscriber: Subscriber, reports: Sequence[EventReport]) -> list[EventReport]:
    return [report for report in reports if report.event.country in subscriber.countries]


def connection(settings: SmtpSettings) -> aiosmtplib.SMTP:
    """Connects on `async with`, QUITs on the way out; EHLO comes with the first send."""
    return aiosmtplib.SMTP(
        hostname=settings.host,
        port=settings.port,
        start_tls=False,
        local_hostname=settings.envelope_from.rpartition("@")[2],
    )


async def breakdown(
    store: SQLiteStorage, settings: SmtpSettings, mail: EmailRenderer, clock: Clock
) -> Timings:
    watch = Stopwatch()
    await outbox_work(store, watch, clock)
    reports = [
        await store.event_report(event.id) for event in await store.recent_events(None, limit=100)
    ]
    subscribers = list(await store.subscribers())
    watch.start()
    digests = [
        (subscriber, message)
        for subscriber in subscribers
        for message, _ in mail.digest(group_stories(reports_for(subscriber, reports)), subscriber)
    ]
    watch.stop("render digests (EmailRenderer.digest)")
    async with connection(settings) as kept_open:
        for start in range(0, len(digests), CHUNK):
            await build_and_send(digests[start : start + CHUNK], settings, kept_open, watch)
    return watch.parts


async def outbox_work(store: SQLiteStorage, watch: Stopwatch, clock: Clock) -> None:
    """What deliver_due asks of storage: the due rows batch by batch, then each message's rows
    marked sent, with its subscriber's count of refusals reset (one digest per subscriber)."""
    while True:
        watch.start()
        rows = await store.due_deliveries("email", clock(), BATCH)
        watch.stop("outbox: read due rows (due_deliveries)")
        if not rows:
            return
        by_subscriber: dict[int, list[int]] = {}
        for row in rows:
            by_subscriber.setdefault(row.subscriber.id, []).append(row.id)
        watch.start()
        for subscriber_id, row_ids in by_subscriber.items():
            await store.mark_delivered(subscriber_id, row_ids, clock())
        watch.stop("outbox: mark_delivered per message")


async def build_and_send(
    digests: Sequence[Digest],
    settings: SmtpSettings,
    kept_open: aiosmtplib.SMTP,
    watch: Stopwatch,
) -> None:
    domain = settings.envelope_from.rpartition("@")[2]
    watch.start()
    built: list[tuple[str, EmailMessage]] = [
        (
            subscriber.address,
            build_message(settings.mail_from, subscriber.address, message, domain, eight_bit=True),
        )
        for subscriber, message in digests
    ]
    watch.stop("build MIME (bot.mail.smtp.build_message)")
    watch.start()
    for address, message in built:
        await kept_open.send_message(message, sender=settings.envelope_from, recipients=[address])
    watch.stop("SMTP: all over one connection")
    watch.start()
    for address, message in built:
        async with connection(settings) as smtp:
            await smtp.send_message(message, sender=settings.envelope_from, recipients=[address])
    watch.stop("SMTP: one connection each")

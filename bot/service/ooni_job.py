"""The job that keeps OONI's figures fresh for what subscribers may be told (bot/ooni/book.py).

Which (country, service) pairs, in this order: those of held events (OONI may let them out),
those of the events of the last OPEN_FOR in every country a subscriber follows (an alert, a
board line or an unblock may need the figure), then every pair a subscriber follows (the
services they chose, or every service OONI measures when they follow all) for the early
signal. The client's cache and hourly budget (bot/ooni/client.py) keep OONI's load bounded
however many pairs there are: what the budget leaves out waits for the next run. OONI's faults
never stop the job, which the scheduler runs every OONI_EVERY.

Then, with moderators, the events held for review are weighed again: one OONI now supports
goes out without waiting for a moderator (bot/core/ooni_trust.py), as one a second site reports
does. And the early signal: a pair subscribers follow whose anomaly rate jumped (JumpRule, data
in bot/detect/vocab/ooni.toml) opens a draft event for the moderators, "OONI sees IMO failing in
TM since 06:00; no report yet", held: nothing reaches subscribers before a moderator approves it
or a report joins it (storage/ooni_drafts.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.core.models import Alert, Subscriber
from bot.core.ooni_trust import OONI_JUMP, failing_since, is_jump, verdict
from bot.ooni.book import FigureBook, Refreshed
from bot.ports import Clock, ModerationStorage, Storage

__all__ = [
    "CYCLE_LIMIT",
    "OONI_EVERY",
    "OPEN_FOR",
    "load_kept",
    "open_drafts",
    "pairs_to_measure",
    "refresh_figures",
    "refresh_in_cycle",
    "release_supported",
]

log = logging.getLogger(__name__)

OONI_EVERY = timedelta(minutes=30)
OPEN_FOR = timedelta(days=14)
HELD_LOOKED_AT = 100  # held events weighed per run, oldest first
CYCLE_LIMIT = 20.0  # seconds `run --once` gives OONI, after its alerts went out


async def pairs_to_measure(
    store: Storage,
    now: datetime,
    reviews: ModerationStorage | None = None,
    measured: Iterable[str] = (),
) -> list[tuple[str, str]]:
    """(country, service) pairs worth a figure, each once, in a stable order: held events'
    first, so a tight budget spends itself on what waits."""
    subscribers = [s for s in await store.subscribers() if s.active]
    countries = sorted({code for s in subscribers for code in s.countries})
    pairs: dict[tuple[str, str], None] = {}
    for event_id in await reviews.pending_reviews(HELD_LOOKED_AT) if reviews else ():
        case = await reviews.review_case(event_id) if reviews else None
        if case is not None:
            pairs[(case.event.country, case.event.service)] = None
    for code in countries:
        for event in await store.events_for_country(code, now - OPEN_FOR):
            pairs[(code, event.service)] = None
    for pair in followed(subscribers, measured):
        pairs[pair] = None
    return list(pairs)


def followed(subscribers: Iterable[Subscriber], measured: Iterable[str]) -> list[tuple[str, str]]:
    """The (country, service) pairs subscribers follow, of the `measured` services: the ones
    they chose, or all of them for one who follows every service."""
    services = sorted(measured)
    pairs: dict[tuple[str, str], None] = {}
    for subscriber in subscribers:
        chosen = subscriber.prefs.services
        for code in sorted(subscriber.countries):
            for service in sorted(chosen) if chosen is not None else services:
                pairs[(code, service)] = None
    return list(pairs)


async def refresh_figures(
    book: FigureBook, store: Storage, clock: Clock, reviews: ModerationStorage | None = None
) -> Refreshed:
    """Refresh the figures (those kept in the database first, so a restart shows them at
    once), then release the held events they support and open the drafts of jumps."""
    targets = book.vocab.targets
    pairs = await pairs_to_measure(store, clock(), reviews, targets)
    await book.load(pairs)
    refreshed = await book.refresh(pairs)
    if reviews is not None:
        await release_supported(book, reviews, clock)
        subscribers = [s for s in await store.subscribers() if s.active]
        await open_drafts(book, reviews, followed(subscribers, targets), clock)
    return refreshed


async def refresh_in_cycle(
    book: FigureBook,
    store: Storage,
    clock: Clock,
    reviews: ModerationStorage | None,
    limit: float = CYCLE_LIMIT,
) -> Refreshed | None:
    """`run --once`'s refresh, after its alerts went out: at most `limit` seconds, so a slow
    OONI delays no cron run by more; None when it ran out (what was fetched is kept)."""
    try:
        return await asyncio.wait_for(refresh_figures(book, store, clock, reviews), limit)
    except TimeoutError:
        log.info("OONI: the figures' refresh stopped after %g s; the next run goes on", limit)
        return None


async def load_kept(book: FigureBook, store: Storage, clock: Clock) -> int:
    """The figures kept in the database, for `run --once`'s alerts: no request to OONI."""
    return await book.load(await pairs_to_measure(store, clock(), None, book.vocab.targets))


async def open_drafts(
    book: FigureBook, reviews: ModerationStorage, pairs: Iterable[tuple[str, str]], clock: Clock
) -> list[int]:
    """A held draft event for each pair whose anomaly rate jumped and that has no open event;
    their ids."""
    opened = []
    now = clock()
    for country, service in pairs:
        figure = book.figure(country, service)
        if figure is None or not is_jump(figure, book.vocab.jump):
            continue
        since = failing_since(figure, book.vocab.jump) or now - timedelta(hours=figure.hours)
        alert = Alert(country, service, "block")
        event_id = await reviews.open_draft(alert, since, now, (OONI_JUMP,))
        if event_id is not None:
            opened.append(event_id)
            log.info(
                "OONI sees %s failing in %s: draft event %d for the moderators",
                service,
                country,
                event_id,
            )
    return opened


async def release_supported(
    book: FigureBook, reviews: ModerationStorage, clock: Clock
) -> list[int]:
    """Let out the held events OONI's figures support; their ids."""
    released = []
    for event_id in await reviews.pending_reviews(HELD_LOOKED_AT):
        case = await reviews.review_case(event_id)
        if case is None or OONI_JUMP in case.reasons:  # OONI opened it: its word is not news
            continue
        event = case.event
        figure = book.figure(event.country, event.service)
        if verdict(figure, event.action, event.scope, book.vocab.trust) != "supports":
            continue
        if await reviews.release_held(event_id, clock()):
            released.append(event_id)
            log.info("event %d released: OONI's measurements support it", event_id)
    return released

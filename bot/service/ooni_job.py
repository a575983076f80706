"""The job that keeps OONI's figures fresh for what subscribers may be told (bot/ooni/book.py).

Which (country, service) pairs: those of the events of the last OPEN_FOR in every country a
subscriber follows (an alert, a board line or an unblock may need the figure), and the services
a subscriber chose by name in those countries. The client's cache and hourly budget
(bot/ooni/client.py) keep OONI's load bounded however many pairs there are; OONI's faults never
stop the job, which the scheduler runs every OONI_EVERY.

Then the events held for review are weighed again: one OONI now supports goes out without
waiting for a moderator (bot/core/ooni_trust.py), as one a second site reports does.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.core.ooni_trust import verdict
from bot.ooni.book import FigureBook, Refreshed
from bot.ports import Clock, ModerationStorage, Storage

__all__ = ["OONI_EVERY", "OPEN_FOR", "pairs_to_measure", "refresh_figures", "release_supported"]

log = logging.getLogger(__name__)

OONI_EVERY = timedelta(minutes=30)
OPEN_FOR = timedelta(days=14)
HELD_LOOKED_AT = 100  # held events weighed per run, oldest first


async def pairs_to_measure(
    store: Storage, now: datetime, reviews: ModerationStorage | None = None
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
    for subscriber in subscribers:
        for code in sorted(subscriber.countries):
            for service in sorted(subscriber.prefs.services or ()):
                pairs[(code, service)] = None
    return list(pairs)


async def refresh_figures(
    book: FigureBook, store: Storage, clock: Clock, reviews: ModerationStorage | None = None
) -> Refreshed:
    """Refresh the figures, then release the held events they support."""
    refreshed = await book.refresh(await pairs_to_measure(store, clock(), reviews))
    if reviews is not None:
        await release_supported(book, reviews, clock)
    return refreshed


async def release_supported(
    book: FigureBook, reviews: ModerationStorage, clock: Clock
) -> list[int]:
    """Let out the held events OONI's figures support; their ids."""
    released = []
    for event_id in await reviews.pending_reviews(HELD_LOOKED_AT):
        case = await reviews.review_case(event_id)
        if case is None:
            continue
        event = case.event
        figure = book.figure(event.country, event.service)
        if verdict(figure, event.action, event.scope, book.vocab.trust) != "supports":
            continue
        if await reviews.release_held(event_id, clock()):
            released.append(event_id)
            log.info("event %d released: OONI's measurements support it", event_id)
    return released

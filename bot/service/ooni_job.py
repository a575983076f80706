"""The job that keeps OONI's figures fresh for what subscribers may be told (bot/ooni/book.py).

Which (country, service) pairs: those of the events of the last OPEN_FOR in every country a
subscriber follows (an alert, a board line or an unblock may need the figure), and the services
a subscriber chose by name in those countries. The client's cache and hourly budget
(bot/ooni/client.py) keep OONI's load bounded however many pairs there are; OONI's faults never
stop the job, which the scheduler runs every OONI_EVERY.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.ooni.book import FigureBook, Refreshed
from bot.ports import Clock, Storage

__all__ = ["OONI_EVERY", "OPEN_FOR", "pairs_to_measure", "refresh_figures"]

OONI_EVERY = timedelta(minutes=30)
OPEN_FOR = timedelta(days=14)


async def pairs_to_measure(store: Storage, now: datetime) -> list[tuple[str, str]]:
    """(country, service) pairs worth a figure, each once, in a stable order."""
    subscribers = [s for s in await store.subscribers() if s.active]
    countries = sorted({code for s in subscribers for code in s.countries})
    pairs: dict[tuple[str, str], None] = {}
    for code in countries:
        for event in await store.events_for_country(code, now - OPEN_FOR):
            pairs[(code, event.service)] = None
    for subscriber in subscribers:
        for code in sorted(subscriber.countries):
            for service in sorted(subscriber.prefs.services or ()):
                pairs[(code, service)] = None
    return list(pairs)


async def refresh_figures(book: FigureBook, store: Storage, clock: Clock) -> Refreshed:
    return await book.refresh(await pairs_to_measure(store, clock()))

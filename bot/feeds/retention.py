"""The daily prune of stored entries (storage/retention.py decides what goes), for the service's
hourly job and for each `run --once`: whichever runs first on a UTC day prunes; the rest of
the day's calls cost one statement.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Protocol

from bot.core.events import EVENT_WINDOW
from bot.ports import Clock

log = logging.getLogger(__name__)

# The service asks this often; the storage claims one run per UTC day.
PRUNE_EVERY = timedelta(hours=1)


class PrunableStorage(Protocol):
    async def prune_entries(
        self, now: datetime, *, retention: timedelta, open_since: datetime
    ) -> int | None: ...


async def prune_entries(store: PrunableStorage, clock: Clock, retention: timedelta) -> int | None:
    """Prune entries no feed has shown for `retention`; how many, None if done today already."""
    now = clock()
    pruned = await store.prune_entries(now, retention=retention, open_since=now - EVENT_WINDOW)
    if pruned is not None:
        log.info("pruned %d stored entries no feed has shown for %d days", pruned, retention.days)
    return pruned

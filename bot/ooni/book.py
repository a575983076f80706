"""The figures alerts and boards read: one per (country, service), refreshed by a job.

Nothing that sends waits for OONI: delivery and the boards read the book (`figure`), which never
does I/O; the scheduler's job (bot/service/) refreshes it for the pairs that matter, each
through the client's cache and hourly budget. A pair whose refresh fails keeps its last figure
until that is `max_age` old, then shows none. OONI going down is logged once, and coming back
once, not per pair or per alert; `/health` reads `trouble`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.errors import OoniError
from bot.core.ooni import OoniFigure, figure_from
from bot.ooni.client import OoniClient
from bot.ooni.targets import OoniVocab
from bot.ports import Clock

__all__ = ["FigureBook", "Refreshed"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Refreshed:
    fresh: int = 0  # pairs with a new figure
    failed: int = 0  # pairs OONI gave none for this time
    unmapped: int = 0  # services OONI has no test for
    waiting: int = 0  # pairs left for the next run: the hourly budget was spent
    skipped: int = 0  # pairs not asked: OONI was found down (unreachable, slow, 5xx) this run


class FigureBook:
    def __init__(
        self,
        client: OoniClient,
        vocab: OoniVocab,
        clock: Clock,
        *,
        max_age: timedelta = timedelta(hours=6),
    ) -> None:
        self._client = client
        self.vocab = vocab
        self._clock = clock
        self._max_age = max_age
        self._figures: dict[tuple[str, str], OoniFigure] = {}
        self.trouble: str | None = None  # why the last refresh failed; None when OONI answers
        self.trouble_since: datetime | None = None

    async def close(self) -> None:
        await self._client.close()

    def requests(self) -> Mapping[str, int]:
        """Requests sent to OONI since start, by outcome ("ok", "failed"): for /metrics."""
        return self._client.requests

    def figure(self, country: str, service: str) -> OoniFigure | None:
        """The pair's figure, if one not older than `max_age` is known. No I/O."""
        found = self._figures.get((country.upper(), service))
        if found is None or self._clock() - found.as_of > self._max_age:
            return None
        return found

    async def load(self, pairs: Iterable[tuple[str, str]]) -> int:
        """The figures of the answers already kept (the database), without asking OONI: what
        cron's `run --once` shows before its own refresh. How many pairs got one."""
        loaded = 0
        for country, service in dict.fromkeys((c.upper(), s) for c, s in pairs):
            query = self.vocab.query(country, service)
            found = await self._client.cached(query) if query is not None else None
            if query is None or found is None:
                continue
            fetched_at, buckets = found
            self._figures[(country, service)] = figure_from(
                buckets,
                country=country,
                service=service,
                test_name=query.test_name,
                now=fetched_at,
            )
            loaded += 1
        return loaded

    async def refresh(self, pairs: Iterable[tuple[str, str]]) -> Refreshed:
        """Ask OONI for each pair (through the client's cache and budget); never raises for
        OONI's faults. Once OONI is found down (no answer, or a 5xx), the rest of the pairs are
        not asked this time: each would wait out the same timeout, and OONI needs no more load.
        """
        fresh = failed = unmapped = waiting = skipped = 0
        down = False
        for country, service in dict.fromkeys((c.upper(), s) for c, s in pairs):
            if down:
                skipped += 1
                continue
            query = self.vocab.query(country, service)
            if query is None:
                unmapped += 1
                continue
            try:
                buckets = await self._client.series(query)
            except OoniError as exc:
                if exc.over_budget:  # ours, not OONI's trouble: the rest wait their turn
                    waiting += 1
                    continue
                failed += 1
                self._failed(exc)
                down = exc.status is None or exc.status >= 500
                continue
            now = self._clock()
            self._figures[(country, service)] = figure_from(
                buckets, country=country, service=service, test_name=query.test_name, now=now
            )
            fresh += 1
            self._answered()
        if waiting:
            log.info("OONI: %d figures wait for the next hour's request budget", waiting)
        return Refreshed(fresh, failed, unmapped, waiting, skipped)

    def _failed(self, exc: OoniError) -> None:
        if self.trouble is None:
            log.warning("OONI figures unavailable, alerts go without them: %s", exc.reason)
            self.trouble_since = self._clock()
        self.trouble = exc.reason

    def _answered(self) -> None:
        if self.trouble is not None:
            log.info("OONI answers again")
        self.trouble = None
        self.trouble_since = None

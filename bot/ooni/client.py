"""OONI's aggregation API over aiohttp: a polite guest, never a dependency.

    GET {OONI_API_URL}/api/v1/aggregation?probe_cc=TM&test_name=web_connectivity
        &domain=imo.im,imo.com&since=2026-11-30&until=2026-12-07
        &axis_x=measurement_start_day&time_grain=hour

answers (ooni/backend, oonimeasurements/routers/v1/aggregation.py)

    {"v": 0, "dimension_count": 1, "db_stats": {...},
     "result": [{"measurement_start_day": "2026-12-06T05:00:00Z", "measurement_count": 48,
                 "anomaly_count": 29, "confirmed_count": 12, "failure_count": 1,
                 "ok_count": 6}, ...]}

`since` and `until` are dates; a range of at most seven days may be cut by the hour, so one
request brings the last day hour by hour and the days before it. Every failure (a connection
refused, a timeout of a few seconds, a status other than 200, a body that is not that shape, the
hourly budget spent) is an OoniError: the caller shows no figure, and nothing else waits.

Answers are cached per (country, test, domains, day), for `cache_for`, in memory and, given
`answers` (the database: storage/ooni_answers.py), across restarts and cron's runs; at most
`requests_per_hour` requests go out, counted over the last hour (by this process).
`cached(query)` is the newest answer kept, however old, without asking OONI. The session is
the feeds' guarded one (bot/feeds/guard.py): public addresses only, unless the operator allowed
more.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, deque
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiohttp

from bot.core.errors import OoniError
from bot.core.ooni import Bucket, OoniCounts
from bot.feeds.guard import AddressRefused, guarded_session, refusal_in
from bot.feeds.hosts import PUBLIC_ONLY, AllowedHosts
from bot.ports import Clock, OoniAnswers, utc_now

__all__ = ["USER_AGENT", "OoniClient", "OoniLimits", "OoniQuery"]

log = logging.getLogger(__name__)

USER_AGENT = (
    "Blockwatch/0.1 (+https://github.com/blockwatch/blockwatch; OONI figures beside alerts)"
)
_PATH = "/api/v1/aggregation"
_COUNTS = ("measurement_count", "anomaly_count", "confirmed_count", "failure_count", "ok_count")


@dataclass(frozen=True, slots=True)
class OoniLimits:
    connect_timeout: float = 3.0  # seconds: an alert never waits for OONI, but a job does
    total_timeout: float = 8.0
    max_body_bytes: int = 512 * 1024  # seven days by the hour is ~170 rows, ~40 KB
    requests_per_hour: int = 60
    cache_for: timedelta = timedelta(hours=1)
    days: int = 7  # the window asked for, today included; at most 7 keeps it hourly


@dataclass(frozen=True, slots=True)
class OoniQuery:
    """One series: a country, an OONI test, and for web_connectivity the service's domains."""

    country: str
    test_name: str
    domains: tuple[str, ...] = ()


class OoniClient:
    """One guarded session of its own; create from a coroutine, `close()` when done."""

    def __init__(
        self,
        base_url: str,
        limits: OoniLimits = OoniLimits(),
        *,
        allowed: AllowedHosts = PUBLIC_ONLY,
        user_agent: str = USER_AGENT,
        clock: Clock = utc_now,
        answers: OoniAnswers | None = None,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._answers = answers
        self._limits = limits
        self._clock = clock
        self._session = guarded_session(allowed, user_agent=user_agent, per_host=2)
        self._cache: dict[tuple[OoniQuery, date], tuple[datetime, list[Bucket]]] = {}
        self._sent: deque[datetime] = deque()  # when each request of the last hour went out
        # Requests sent since start, by outcome ("ok", "failed"): /metrics reads them.
        self.requests: Counter[str] = Counter()

    async def close(self) -> None:
        await self._session.close()

    async def series(self, query: OoniQuery) -> list[Bucket]:
        """The query's buckets over the last `days` days, from the cache while it is fresh."""
        now = self._clock()
        key = (query, now.date())
        cached = self._cache.get(key)
        if cached is None and self._answers is not None:
            cached = await self._answers.ooni_answer(*_names(query), now.date())
        if cached is not None and now - cached[0] < self._limits.cache_for:
            self._cache[key] = cached
            return cached[1]
        self._spend(now)
        try:
            buckets = await self._get(query, now)
        except OoniError:
            self.requests["failed"] += 1
            raise
        self.requests["ok"] += 1
        self._cache = {k: v for k, v in self._cache.items() if k[1] == now.date()}  # old days go
        self._cache[key] = (now, buckets)
        if self._answers is not None:
            await self._answers.save_ooni_answer(*_names(query), now, buckets)
        return buckets

    async def cached(self, query: OoniQuery) -> tuple[datetime, list[Bucket]] | None:
        """The newest answer kept for the query, however old: (fetched_at, buckets)."""
        now = self._clock()
        found = self._cache.get((query, now.date()))
        if found is None and self._answers is not None:
            found = await self._answers.ooni_answer(*_names(query))
        return found

    def _spend(self, now: datetime) -> None:
        """Count one request, or refuse it when the last hour's budget is spent."""
        while self._sent and now - self._sent[0] >= timedelta(hours=1):
            self._sent.popleft()
        if len(self._sent) >= self._limits.requests_per_hour:
            raise OoniError(
                f"over the budget of {self._limits.requests_per_hour} requests an hour",
                over_budget=True,
            )
        self._sent.append(now)

    async def _get(self, query: OoniQuery, now: datetime) -> list[Bucket]:
        params = {
            "probe_cc": query.country,
            "test_name": query.test_name,
            "since": (now.date() - timedelta(days=self._limits.days - 1)).isoformat(),
            "until": (now.date() + timedelta(days=1)).isoformat(),
            "axis_x": "measurement_start_day",
            "time_grain": "hour",
        }
        if query.domains:
            params["domain"] = ",".join(query.domains)
        timeout = aiohttp.ClientTimeout(
            total=self._limits.total_timeout, sock_connect=self._limits.connect_timeout
        )
        try:
            async with self._session.get(
                self._base + _PATH, params=params, timeout=timeout, max_redirects=3
            ) as resp:
                if resp.status != 200:
                    raise OoniError(f"HTTP {resp.status}", status=resp.status)
                body = await resp.content.read(self._limits.max_body_bytes + 1)
        except OoniError:
            raise
        except TimeoutError as exc:
            raise OoniError(f"no answer in {self._limits.total_timeout:g} s") from exc
        except (aiohttp.ClientError, AddressRefused) as exc:
            refused = refusal_in(exc)
            reason = refused.reason if refused is not None else type(exc).__name__
            raise OoniError(f"unreachable ({reason})") from exc
        if len(body) > self._limits.max_body_bytes:
            raise OoniError(f"answer larger than {self._limits.max_body_bytes} bytes")
        return parse_aggregation(body)


def _names(query: OoniQuery) -> tuple[str, str, str]:
    return query.country, query.test_name, ",".join(query.domains)


def parse_aggregation(body: bytes) -> list[Bucket]:
    """The buckets of an aggregation answer by measurement_start_day; OoniError otherwise."""
    try:
        answer = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise OoniError("the answer is not JSON") from exc
    result = answer.get("result") if isinstance(answer, dict) else None
    if isinstance(result, dict):  # no axis: one row, no time; not what we ask for
        raise OoniError("the answer has no series")
    if not isinstance(result, list):
        raise OoniError("the answer has no result")
    return [_bucket(row) for row in result]


def _bucket(row: Any) -> Bucket:
    if not isinstance(row, dict):
        raise OoniError("a row of the answer is not an object")
    counts: list[int] = []
    for name in _COUNTS:
        value = row.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise OoniError("a row of the answer lacks a count")
        counts.append(value)
    return Bucket(_start(row.get("measurement_start_day")), OoniCounts(*counts))


def _start(text: Any) -> datetime:
    """ "2026-12-06T05:00:00Z" (by the hour) or "2026-12-06" (by the day), as aware UTC."""
    if not isinstance(text, str):
        raise OoniError("a row of the answer has no time")
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    except ValueError as exc:
        raise OoniError("a row of the answer has no time") from exc

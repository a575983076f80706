"""A stand-in for OONI's aggregation API on 127.0.0.1: the real answer's shape, with the usual
misbehaviour (an error status, OONI's own error body, slowness, an empty result).

The shape is that of ooni/backend (oonimeasurements/routers/v1/aggregation.py): `v`,
`dimension_count`, `db_stats`, and `result` a list of rows by `measurement_start_day`, hourly
("2026-11-23T05:00:00Z") when the range is seven days or less and `time_grain=hour`. Counts are
OONI's: anomaly_count excludes confirmed ones; each measurement in exactly one of anomaly,
confirmed, failure, ok. `series` maps (probe_cc, test_name, domain) to the hours' counts.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aiohttp import web

Counts = tuple[int, int, int, int]  # anomaly (unconfirmed), confirmed, failure, ok


@dataclass
class OoniServer:
    series: dict[tuple[str, str, str], dict[datetime, Counts]] = field(default_factory=dict)
    status: int = 200
    error_body: dict[str, object] | None = None  # sent instead of the result (OONI's jerror)
    delay: float = 0.0
    requests: list[dict[str, str]] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    port: int = 0
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def hours(
        self, country: str, test: str, domain: str, start: datetime, hours: int, counts: Counts
    ) -> None:
        """`hours` hourly rows from `start`, each with `counts`."""
        rows = self.series.setdefault((country, test, domain), {})
        for n in range(hours):
            rows[start + timedelta(hours=n)] = counts

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/api/v1/aggregation", self._aggregation)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _aggregation(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(dict(request.query))
        self.user_agents.append(request.headers.get("User-Agent", ""))
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status != 200:
            return web.json_response({"detail": "Internal error"}, status=self.status)
        if self.error_body is not None:
            return web.json_response(self.error_body)
        q = request.query
        key = (q.get("probe_cc", ""), q.get("test_name", ""), q.get("domain", ""))
        since = datetime.fromisoformat(q["since"] + "T00:00:00+00:00")
        until = datetime.fromisoformat(q["until"] + "T00:00:00+00:00")
        rows = [
            {
                "anomaly_count": a,
                "confirmed_count": c,
                "failure_count": f,
                "ok_count": ok,
                "measurement_count": a + c + f + ok,
                "measurement_start_day": hour.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            for hour, (a, c, f, ok) in sorted(self.series.get(key, {}).items())
            if since <= hour < until
        ]
        return web.json_response(
            {
                "v": 0,
                "dimension_count": 1,
                "db_stats": {
                    "row_count": 73412,
                    "bytes": 5872960,
                    "total_row_count": 73412,
                    "elapsed_seconds": 0.041,
                },
                "result": rows,
            }
        )

"""OONI's answers, cached in SQLite (schema 0011): the OoniAnswers port of bot/ports.py."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from bot.core.ooni import Bucket, OoniCounts
from storage.base import SQLiteBase
from storage.codec import to_iso

KEPT_FOR = timedelta(days=7)


class OoniAnswerTables(SQLiteBase):
    async def ooni_answer(
        self, country: str, test_name: str, domains: str, day: date | None = None
    ) -> tuple[datetime, list[Bucket]] | None:
        """The answer asked on `day`, or with None the newest one; None when there is none."""
        where = "country = ? AND test_name = ? AND domains = ?"
        params: tuple[str, ...] = (country, test_name, domains)
        if day is not None:
            where += " AND day = ?"
            params += (day.isoformat(),)
        rows = list(
            await self._conn.execute_fetchall(
                f"SELECT fetched_at, buckets FROM ooni_answers WHERE {where}"
                " ORDER BY day DESC LIMIT 1",
                params,
            )
        )
        if not rows:
            return None
        fetched_at, stored = rows[0]
        buckets = [
            Bucket(datetime.fromisoformat(start), OoniCounts(*counts))
            for start, *counts in json.loads(stored)
        ]
        return datetime.fromisoformat(fetched_at), buckets

    async def save_ooni_answer(
        self,
        country: str,
        test_name: str,
        domains: str,
        fetched_at: datetime,
        buckets: list[Bucket],
    ) -> None:
        rows = [
            [
                to_iso(b.start),
                b.counts.measurements,
                b.counts.anomalies,
                b.counts.confirmed,
                b.counts.failures,
                b.counts.ok,
            ]
            for b in buckets
        ]
        day = fetched_at.date()
        async with self._transaction() as conn:
            await conn.execute(
                "DELETE FROM ooni_answers WHERE day < ?", ((day - KEPT_FOR).isoformat(),)
            )
            await conn.execute(
                "INSERT OR REPLACE INTO ooni_answers"
                " (country, test_name, domains, day, fetched_at, buckets)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    country,
                    test_name,
                    domains,
                    day.isoformat(),
                    to_iso(fetched_at),
                    json.dumps(rows),
                ),
            )

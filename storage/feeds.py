"""The feed registry on SQLite: feeds and their health (schema 0005); drafts in feed_drafts.py.

Mixed into SQLiteStorage. Health is read from what the pipeline already writes (feed_state,
entries, event_sources), so it can never drift from what was actually polled and stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from bot.core.health import FeedHealth, FeedView
from bot.core.models import FeedSpec, FeedState
from bot.core.registry import (
    FeedOrigin,
    FeedStatus,
    RegisteredFeed,
    SeedPlan,
    feed_key,
    plan_seed,
)
from bot.core.textcut import clean
from storage.audit import write_audit
from storage.codec import from_iso, to_iso
from storage.dbapi import Connection
from storage.feed_drafts import FeedDraftTables

_FEED_COLUMNS = (
    "id, url, name, language, country, interval_min, status, origin, edited, added_at,"
    " active_since, reported_at, full_text"
)
_STATE_COLUMNS = (
    "s.url, s.etag, s.last_modified, s.redirect_url, s.failures, s.retry_at, s.last_success,"
    " s.last_error"
)


class FeedTables(FeedDraftTables):
    async def registered_feeds(self, *, include_removed: bool = False) -> list[RegisteredFeed]:
        """Every feed in the registry, oldest first; removed ones only when asked."""
        where = "" if include_removed else "WHERE status != 'removed'"
        async with self._conn.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds {where} ORDER BY id"
        ) as cursor:
            return [_feed(row) for row in await cursor.fetchall()]

    async def registered_feed(self, feed_id: int) -> RegisteredFeed | None:
        return await self._one("WHERE id = ?", feed_id)

    async def feed_by_url(self, url: str) -> RegisteredFeed | None:
        """The feed with this URL in any spelling (http/https, www., trailing slash)."""
        return await self._one("WHERE url_key = ?", feed_key(url))

    async def seed_feeds(self, seed: Sequence[FeedSpec], now: datetime) -> SeedPlan:
        """Bring feeds.toml into the registry (bot.core.registry.plan_seed), in one go."""
        async with self._transaction() as conn:
            async with conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds") as cursor:
                plan = plan_seed([_feed(row) for row in await cursor.fetchall()], seed)
            for spec in plan.add:
                await _insert(conn, spec, "seed", now)
            await conn.executemany(
                "UPDATE feeds SET name = ?, language = ?, country = ?, interval_min = ?,"
                " full_text = ? WHERE id = ?",
                [(*_settings(spec), feed_id) for feed_id, spec in plan.update],
            )
        return plan

    async def register_feed(
        self, spec: FeedSpec, origin: FeedOrigin, now: datetime, *, actor_id: int
    ) -> tuple[RegisteredFeed, bool]:
        """Add a feed, or revive a removed one with these settings, and audit it. The bool:
        whether it joined the polling list (False: registered already, left as it was)."""
        async with self._transaction() as conn:
            async with conn.execute(
                "SELECT id, status FROM feeds WHERE url_key = ?", (feed_key(spec.url),)
            ) as cursor:
                row = await cursor.fetchone()
            added = row is None or row[1] == "removed"
            if row is None:
                feed_id = await _insert(conn, spec, origin, now)
            else:
                feed_id = row[0]
            if row is not None and added:
                await conn.execute(
                    "UPDATE feeds SET name = ?, language = ?, country = ?, interval_min = ?,"
                    " full_text = ?, status = 'active', edited = 1, active_since = ?,"
                    " reported_at = NULL"
                    " WHERE id = ?",
                    (*_settings(spec), to_iso(now), feed_id),
                )
            if added:
                how = "revived" if row is not None else f"from {origin}"
                await write_audit(conn, actor_id, "addfeed", f"{_label(feed_id, spec)} {how}", now)
        found = await self.registered_feed(feed_id)
        assert found is not None  # written above, and feeds are never deleted
        return found, added

    async def set_feed_status(
        self, feed_id: int, status: FeedStatus, now: datetime, *, actor_id: int
    ) -> RegisteredFeed | None:
        """Pause, resume or remove a feed that is not removed; None when there is no such feed.

        Resuming a paused feed restarts its health clock (active_since): the days it was paused
        are neither failing nor quiet.
        """
        action = {"active": "resumefeed", "paused": "pausefeed", "removed": "removefeed"}[status]
        return await self._change(
            "active_since = CASE WHEN status = 'paused' AND ? = 'active' THEN ?"
            " ELSE active_since END, status = ?",
            (status, to_iso(now), status),
            feed_id,
            actor_id,
            now,
            action,
            "",
        )

    async def set_feed_interval(
        self, feed_id: int, minutes: int, now: datetime, *, actor_id: int
    ) -> RegisteredFeed | None:
        return await self._change(
            "interval_min = ?",
            (minutes,),
            feed_id,
            actor_id,
            now,
            "feedinterval",
            f"every {minutes} min",
        )

    async def set_feed_country(
        self, feed_id: int, country: str | None, now: datetime, *, actor_id: int
    ) -> RegisteredFeed | None:
        return await self._change(
            "country = ?",
            (country,),
            feed_id,
            actor_id,
            now,
            "feedcountry",
            f"default country {country or 'none'}",
        )

    async def set_feed_full_text(
        self, feed_id: int, full_text: bool, now: datetime, *, actor_id: int
    ) -> RegisteredFeed | None:
        """Whether the feed's articles may be sent whole by mail (the outlet's terms)."""
        return await self._change(
            "full_text = ?",
            (int(full_text),),
            feed_id,
            actor_id,
            now,
            "feedfulltext",
            "full text by mail" if full_text else "opening sentences only by mail",
        )

    async def mark_feeds_reported(self, feed_ids: Iterable[int], now: datetime) -> None:
        """Remember that moderators were told about these feeds now."""
        async with self._transaction() as conn:
            await conn.executemany(
                "UPDATE feeds SET reported_at = ? WHERE id = ?",
                [(to_iso(now), feed_id) for feed_id in feed_ids],
            )

    async def feed_views(self, *, include_removed: bool = False) -> list[FeedView]:
        """Every registered feed with its health, oldest first."""
        feeds = await self.registered_feeds(include_removed=include_removed)
        health = await self._health()
        return [
            FeedView(feed, health.get(feed.spec.url) or FeedHealth(FeedState(feed.spec.url)))
            for feed in feeds
        ]

    # --- helpers -------------------------------------------------------------------------------

    async def _one(self, where: str, value: object) -> RegisteredFeed | None:
        async with self._conn.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds {where}", (value,)
        ) as cursor:
            row = await cursor.fetchone()
        return _feed(row) if row is not None else None

    async def _change(
        self,
        assignments: str,
        params: tuple[object, ...],
        feed_id: int,
        actor_id: int,
        now: datetime,
        action: str,
        detail: str,
    ) -> RegisteredFeed | None:
        """One moderator's change of a feed that is not removed, audited in the same
        transaction: the feed as it is now, else None."""
        async with self._transaction() as conn:
            async with conn.execute(
                f"UPDATE feeds SET {assignments}, edited = 1"
                f" WHERE id = ? AND status != 'removed' RETURNING {_FEED_COLUMNS}",
                (*params, feed_id),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            feed = _feed(row)
            await write_audit(
                conn, actor_id, action, f"{_label(feed.id, feed.spec)} {detail}".strip(), now
            )
        return feed

    async def _health(self) -> Mapping[str, FeedHealth]:
        """Per feed URL: the poller's state, the items stored and the events they reported."""
        async with self._conn.execute(f"SELECT {_STATE_COLUMNS} FROM feed_state s") as cursor:
            states = {row[0]: _state(row) for row in await cursor.fetchall()}
        async with self._conn.execute(
            "SELECT en.feed_url, count(DISTINCT es.event_id) FROM event_sources es"
            " JOIN entries en ON en.id = es.entry_id GROUP BY en.feed_url"
        ) as cursor:
            # C416: aiosqlite's rows are sqlite3.Row, not tuples: unpacking them is what types it
            events = {url: found for url, found in await cursor.fetchall()}  # noqa: C416
        async with self._conn.execute(
            "SELECT feed_url, count(*), max(fetched_at) FROM entries GROUP BY feed_url"
        ) as cursor:
            items = {
                url: (count, from_iso(newest)) for url, count, newest in await cursor.fetchall()
            }
        health = {}
        for url in {*states, *items}:
            count, newest = items.get(url, (0, None))
            health[url] = FeedHealth(
                states.get(url) or FeedState(url), count, events.get(url, 0), newest
            )
        return health


async def _insert(conn: Connection, spec: FeedSpec, origin: FeedOrigin, now: datetime) -> int:
    async with conn.execute(
        "INSERT INTO feeds (url, url_key, name, language, country, interval_min, full_text,"
        " origin, added_at, active_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (spec.url, feed_key(spec.url), *_settings(spec), origin, to_iso(now), to_iso(now)),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None  # RETURNING always yields the row
    return int(row[0])


def _label(feed_id: int, spec: FeedSpec) -> str:
    """A feed as the audit log names it: no person's data, just the feed."""
    return f"#{feed_id} {spec.name} <{spec.url}>"


def _settings(spec: FeedSpec) -> tuple[str, str, str | None, int, int]:
    """name, language, country, interval_min, full_text: the columns a moderator or the file
    may change."""
    minutes = int(spec.interval.total_seconds() // 60)
    return spec.name, spec.language, spec.country, minutes, int(spec.full_text)


def _feed(row: Sequence[Any]) -> RegisteredFeed:
    # clean: a name from a feed's own title, saved before titles were cleaned, may hold ESC,
    # BEL or a bidi override, and names reach logs and terminals (`blockwatch feeds`).
    spec = FeedSpec(
        name=clean(row[2]),
        url=row[1],
        language=row[3],
        country=row[4],
        interval=timedelta(minutes=row[5]),
        full_text=bool(row[12]),
    )
    return RegisteredFeed(
        id=row[0],
        spec=spec,
        status=cast(FeedStatus, row[6]),
        origin=cast(FeedOrigin, row[7]),
        edited=bool(row[8]),
        added_at=_when(row[9]),
        active_since=_when(row[10]),
        reported_at=from_iso(row[11]),
    )


def _state(row: Sequence[Any]) -> FeedState:
    return FeedState(
        url=row[0],
        etag=row[1],
        last_modified=row[2],
        redirect_url=row[3],
        failures=row[4],
        retry_at=from_iso(row[5]),
        last_success=from_iso(row[6]),
        last_error=row[7],
    )


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)

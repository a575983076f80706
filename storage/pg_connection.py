"""The connection the shared queries run on, on PostgreSQL: psycopg 3 and its pool.

`PgConnection` has the shape of aiosqlite's connection that the queries use
(storage/dbapi.py) and hands each statement to psycopg as storage/pg_sql.py rewrites it. Reads
take a pooled connection in autocommit mode; a transaction holds one connection for its length.
Writes of one process are still serialised by an asyncio lock, as on SQLite: concurrent feed
polls of one process never race each other's inserts.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine, Generator, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg_pool import AsyncConnectionPool

from bot.core.errors import StorageError
from storage.base import StoreBase
from storage.dbapi import Connection
from storage.pg_sql import to_postgres

T = TypeVar("T")
PgConn = psycopg.AsyncConnection[tuple[Any, ...]]
# Connections one process keeps: the service's reads, one writer, the send budget and room for
# the web endpoint (a leader's lock has a connection of its own: storage/shared.py).
POOL_SIZE = 6
CONNECT_TIMEOUT = 10.0


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


class PgCursor:
    """A statement's result, read at once (psycopg's client-side cursors do the same)."""

    def __init__(self, rows: list[tuple[Any, ...]], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    async def fetchone(self) -> tuple[Any, ...] | None:
        rows = await self.fetchmany(1)
        return rows[0] if rows else None

    async def fetchmany(self, size: int | None = None) -> list[tuple[Any, ...]]:
        end = len(self._rows) if size is None else self._next + size
        rows = self._rows[self._next : end]
        self._next += len(rows)
        return rows

    async def fetchall(self) -> list[tuple[Any, ...]]:
        return await self.fetchmany()


class Pending(Generic[T]):
    """Awaitable, or used with `async with`, as aiosqlite's results are."""

    def __init__(self, work: Coroutine[Any, Any, T]) -> None:
        self._work = work

    def __await__(self) -> Generator[Any, None, T]:
        return self._work.__await__()

    async def __aenter__(self) -> T:
        return await self._work

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        return None


class PgConnection:
    """aiosqlite's connection API (the part storage/dbapi.py names) over psycopg: on one
    connection (inside a transaction), or on the pool, a connection per statement."""

    def __init__(self, pool: AsyncConnectionPool[PgConn], conn: PgConn | None = None) -> None:
        self._pool = pool
        self._conn = conn

    def execute(self, sql: str, parameters: Any = None) -> Pending[PgCursor]:
        return Pending(self._run(sql, parameters))

    def execute_fetchall(self, sql: str, parameters: Any = None) -> Pending[Iterable[Any]]:
        return Pending(self._rows(sql, parameters))

    def executemany(self, sql: str, parameters: Iterable[Any]) -> Pending[PgCursor]:
        return Pending(self._run(sql, list(parameters), many=True))

    async def _rows(self, sql: str, parameters: Any) -> Iterable[Any]:
        return (await self._run(sql, parameters))._rows

    async def _run(self, sql: str, parameters: Any, *, many: bool = False) -> PgCursor:
        query = to_postgres(sql)
        # Always parameters, even none: psycopg then reads `%%` as the `%` it stands for.
        params = () if parameters is None else parameters
        try:
            async with self._connection() as conn, conn.cursor() as cursor:
                if many:
                    if not params:
                        return PgCursor([], 0)
                    await cursor.executemany(query, params)
                    return PgCursor([], cursor.rowcount)
                await cursor.execute(query, params)
                rows = await cursor.fetchall() if cursor.description else []
                return PgCursor(rows, cursor.rowcount)
        except psycopg.OperationalError as exc:
            raise StorageError(f"PostgreSQL: {exc}", fault="unreachable") from exc

    def _connection(self) -> AbstractAsyncContextManager[PgConn]:
        if self._conn is not None:
            return nullcontext(self._conn)
        return self._pool.connection()


class PostgresBase(StoreBase):
    def __init__(self, pool: AsyncConnectionPool[PgConn], url: str) -> None:
        self._pool = pool
        self._conn = PgConnection(pool)
        self._write_lock = asyncio.Lock()
        self.url = redacted(url)
        self._dsn = url  # with its password: only for connecting

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Connection]:
        async with self._write_lock, self._pool.connection() as conn, conn.transaction():
            yield PgConnection(self._pool, conn)

    async def _write(self, sql: str, params: tuple[object, ...] = ()) -> int:
        async with self._write_lock:
            cursor = await self._conn.execute(sql, params)
            return cursor.rowcount

    @asynccontextmanager
    async def session(self) -> AsyncIterator[PgConn]:
        """A pooled connection of its own, for locks that live as long as a session."""
        async with self._pool.connection() as conn:
            yield conn

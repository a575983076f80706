"""The one SQLite connection and the lock that keeps writers from interleaving.

Feeds are polled concurrently on one event loop, but a connection has one transaction at a
time: a statement issued by one coroutine while another's transaction is open would join it
(and vanish with its rollback). Every write therefore runs inside `_transaction`, which holds
an asyncio lock for its whole length.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiosqlite


class SQLiteBase:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._write_lock = asyncio.Lock()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._write_lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                # After a full disk or an I/O error SQLite has rolled back already, and a
                # second ROLLBACK would hide the real error behind "no transaction is active".
                if self._conn.in_transaction:
                    await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")

    async def _write(self, sql: str, params: tuple[object, ...] = ()) -> None:
        """One statement, a transaction of its own: the connection is in autocommit mode, where
        SQLite makes each statement (and what its triggers do) atomic, so BEGIN and COMMIT
        would only add two round trips to aiosqlite's thread. The lock keeps it out of
        another coroutine's open transaction."""
        async with self._write_lock:
            await self._conn.execute(sql, params)

"""The connection the shared queries run on, and the lock that keeps writers from interleaving.

`StoreBase` is what every table mixin (entries.py, subscribers.py, ...) builds on: `_conn` for
reads, `_transaction` for several statements that stand or fall together, `_write` for one.
`SQLiteBase` gives them one aiosqlite connection; the PostgreSQL store's base
(storage/postgres.py) gives them a pool.

SQLite: feeds are polled concurrently on one event loop, but a connection has one transaction at
a time: a statement issued by one coroutine while another's transaction is open would join it
(and vanish with its rollback). Every write therefore runs inside `_transaction`, which holds
an asyncio lock for its whole length.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import aiosqlite

from storage.dbapi import Connection


class StoreBase:
    _conn: Connection

    def _transaction(self) -> AbstractAsyncContextManager[Connection]:
        raise NotImplementedError

    async def _write(self, sql: str, params: tuple[object, ...] = ()) -> int:
        """One statement in a transaction of its own; the number of rows it changed."""
        raise NotImplementedError


class SQLiteBase(StoreBase):
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = self._sqlite = conn
        self._write_lock = asyncio.Lock()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Connection]:
        async with self._write_lock:
            await self._sqlite.execute("BEGIN IMMEDIATE")
            try:
                yield self._sqlite
            except BaseException:
                # After a full disk or an I/O error SQLite has rolled back already, and a
                # second ROLLBACK would hide the real error behind "no transaction is active".
                if self._sqlite.in_transaction:
                    await self._sqlite.execute("ROLLBACK")
                raise
            await self._sqlite.execute("COMMIT")

    async def _write(self, sql: str, params: tuple[object, ...] = ()) -> int:
        """One statement, a transaction of its own: the connection is in autocommit mode, where
        SQLite makes each statement (and what its triggers do) atomic, so BEGIN and COMMIT
        would only add two round trips to aiosqlite's thread. The lock keeps it out of
        another coroutine's open transaction."""
        async with self._write_lock:
            cursor = await self._sqlite.execute(sql, params)
            return cursor.rowcount

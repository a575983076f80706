"""The Storage protocol on PostgreSQL: `BLOCKWATCH_DB=postgresql://user:password@host/database`.

The queries are the SQLite store's (storage/store.py), on a psycopg connection pool
(storage/pg_connection.py); the migrations are the same files (storage/pg_migrate.py); several
instances share the work through the database (storage/shared.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
from psycopg_pool import AsyncConnectionPool

from bot.core.errors import StorageError
from storage.dbapi import Connection
from storage.pg_connection import CONNECT_TIMEOUT, POOL_SIZE, PgConn, redacted
from storage.pg_migrate import migrate_postgres
from storage.shared import SharedWork
from storage.store import Store


class PostgresStorage(SharedWork, Store):
    @classmethod
    async def open(cls, url: str, *, pool_size: int = POOL_SIZE) -> PostgresStorage:
        pool: AsyncConnectionPool[PgConn] = AsyncConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            kwargs={"autocommit": True},
            open=False,
            timeout=CONNECT_TIMEOUT,
        )
        try:
            await pool.open(wait=True, timeout=CONNECT_TIMEOUT)
            async with pool.connection() as conn:
                await migrate_postgres(conn)
        except (psycopg.Error, StorageError, TimeoutError) as exc:
            await pool.close()
            if isinstance(exc, StorageError):
                raise
            raise StorageError(
                f"cannot open database {redacted(url)}: {_first_line(exc)}",
                fault="cannot-open",
            ) from exc
        return cls(pool, url)

    async def close(self) -> None:
        await self._pool.close()

    async def table_counts(self, tables: Sequence[str]) -> dict[str, int]:
        return await table_counts(self._conn, tables)


async def table_counts(conn: Connection, tables: Sequence[str]) -> dict[str, int]:
    """Rows per table (the names are ours, never input)."""
    counts = {}
    for table in tables:
        rows = list(await conn.execute_fetchall(f"SELECT count(*) FROM {table}"))
        counts[table] = int(rows[0][0])
    return counts


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]

"""The Storage protocol on PostgreSQL: `BLOCKWATCH_DB=postgresql://user:password@host/database`.

The queries are the SQLite store's (storage/store.py), on a psycopg connection pool
(storage/pg_connection.py); the migrations are the same files (storage/pg_migrate.py); several
instances share the work through the database (storage/shared.py).
"""

from __future__ import annotations

import psycopg
from psycopg_pool import AsyncConnectionPool

from bot.core.errors import StorageError
from storage.pg_connection import CONNECT_TIMEOUT, POOL_SIZE, PgConn, redacted
from storage.pg_migrate import migrate_postgres
from storage.shared import SharedWork
from storage.store import Store


class PostgresStorage(SharedWork, Store):
    @classmethod
    async def open(cls, url: str, *, pool_size: int = POOL_SIZE) -> PostgresStorage:
        try:  # one connection first: its refusal says why (the pool's would only time out)
            async with await psycopg.AsyncConnection.connect(
                url, autocommit=True, connect_timeout=int(CONNECT_TIMEOUT)
            ) as conn:
                await migrate_postgres(conn)
        except psycopg.Error as exc:
            raise StorageError(
                f"cannot open database {redacted(url)}: {_first_line(exc)}",
                fault="cannot-open",
            ) from exc
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
        except (psycopg.Error, TimeoutError) as exc:
            await pool.close()
            raise StorageError(
                f"cannot open database {redacted(url)}: {_first_line(exc)}",
                fault="cannot-open",
            ) from exc
        return cls(pool, url)

    async def close(self) -> None:
        await self._pool.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]

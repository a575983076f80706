"""Moving over: every row of a SQLite database into an empty PostgreSQL one
(`blockwatch db copy SQLITE_PATH postgresql://...`).

Both are brought to the newest schema first (the same migrations), so their tables and columns
are the same. The tables are read from SQLite's own catalogue, not from a list kept here, so a
table a later migration adds is copied too; parents before children (their foreign keys). All
rows go in one PostgreSQL transaction: a copy that fails half-way leaves the target empty, and
one whose counts differ from the source's is rolled back. Identity columns then continue after
the highest id copied. The target must be empty: a copy never merges into, or overwrites, a
database that is in use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite
import psycopg

from bot.core.errors import StorageError
from storage.pg_connection import redacted
from storage.postgres import PostgresStorage
from storage.sqlite import SQLiteStorage

ROWS_PER_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class Copied:
    counts: dict[str, int]  # rows per table, in the order copied

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


async def copy_database(source: Path, target: str) -> Copied:
    """Copy every table of the SQLite database `source` into the PostgreSQL database `target`."""
    for store in (await SQLiteStorage.open(source), await PostgresStorage.open(target)):
        await store.close()  # each at the newest schema now
    async with aiosqlite.connect(source) as sqlite:
        tables = await _tables(sqlite)
        try:
            async with await psycopg.AsyncConnection.connect(target) as pg:
                await _refuse_if_used(pg, tables, target)
                async with pg.transaction():
                    counts = {table: await _copy(sqlite, pg, table) for table in tables}
                    await _check_counts(pg, counts)
                    await _continue_identities(pg, tables)
        except psycopg.Error as exc:
            raise StorageError(
                f"copy into {redacted(target)} failed, nothing kept: {exc}".splitlines()[0]
            ) from exc
    return Copied(counts)


async def _tables(sqlite: aiosqlite.Connection) -> list[str]:
    """Every table of ours, parents before children."""
    rows = await sqlite.execute_fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    )
    names = [str(row[0]) for row in rows]
    parents: dict[str, set[str]] = {}
    for name in names:
        keys = await sqlite.execute_fetchall(f"PRAGMA foreign_key_list({name})")
        parents[name] = {str(key[2]) for key in keys} - {name}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        if not ready:
            raise StorageError(f"tables refer to each other in a circle: {sorted(parents)}")
        ordered.extend(ready)
    return ordered


async def _refuse_if_used(
    pg: psycopg.AsyncConnection[Any], tables: Sequence[str], url: str
) -> None:
    for table in tables:
        cursor = await pg.execute(f"SELECT count(*) FROM {table}")
        row = await cursor.fetchone()
        if row and row[0]:
            raise StorageError(
                f"{redacted(url)} is not empty ({table} has {row[0]} rows): a copy goes only"
                " into a new database"
            )


async def _copy(sqlite: aiosqlite.Connection, pg: psycopg.AsyncConnection[Any], table: str) -> int:
    columns = [str(c[1]) for c in await sqlite.execute_fetchall(f"PRAGMA table_info({table})")]
    names = ", ".join(columns)
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    copied = 0
    try:
        async with sqlite.execute(f"SELECT {names} FROM {table}") as rows:
            while batch := list(await rows.fetchmany(ROWS_PER_BATCH)):
                async with pg.cursor() as cursor:
                    await cursor.executemany(insert, [tuple(row) for row in batch])
                copied += len(batch)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot read {table} from the SQLite database: {exc}") from exc
    return copied


async def _check_counts(pg: psycopg.AsyncConnection[Any], counts: dict[str, int]) -> None:
    for table, expected in counts.items():
        cursor = await pg.execute(f"SELECT count(*) FROM {table}")
        row = await cursor.fetchone()
        found = int(row[0]) if row else 0
        if found != expected:
            raise StorageError(f"{table}: {expected} rows read, {found} written; nothing kept")


async def _continue_identities(pg: psycopg.AsyncConnection[Any], tables: Sequence[str]) -> None:
    """New rows take ids after the copied ones (explicit ids do not move a sequence)."""
    cursor = await pg.execute(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND is_identity = 'YES'"
    )
    for table, column in await cursor.fetchall():
        if table in tables:
            await pg.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                f" coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)"
            )

"""One contract suite, two stores: every test here that takes `store` runs on SQLite (a temp
file) and on PostgreSQL (a fresh database in the session's throwaway cluster,
tests/support/pgcluster.py). Where PostgreSQL is not installed its half skips, saying so;
under CI it fails instead."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from storage.dbapi import Connection
from storage.postgres import PostgresStorage
from storage.shared import CLAIM_LEASE
from storage.sqlite import SQLiteStorage
from storage.store import Store
from tests.support.manualclock import NOW
from tests.support.pgcluster import PgCluster

STORES = ("sqlite", "postgresql")
# On PostgreSQL reading due deliveries claims them until a lease ends (storage/shared.py): a test
# that reads them again, as if their sender had died, reads after it.
AFTER_CLAIMS = NOW + CLAIM_LEASE + timedelta(seconds=1)


@pytest.fixture(params=STORES)
async def store(request: pytest.FixtureRequest, db_path: Path) -> AsyncIterator[Store]:
    """An empty, migrated store of each kind, closed after the test."""
    opened: Store
    if request.param == "sqlite":
        opened = await SQLiteStorage.open(db_path)
    else:
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        opened = await PostgresStorage.open(cluster.create_database())
    try:
        yield opened
    finally:
        await opened.close()


def connection(store: Store) -> Connection:
    """The store's own connection, for a test that looks at rows the protocols do not show."""
    return store._conn


async def count_rows(store: Store, table: str) -> int:
    rows = list(await connection(store).execute_fetchall(f"SELECT count(*) FROM {table}"))
    return int(rows[0][0])

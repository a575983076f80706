"""storage/schema/current.sql, the schema readable in one place, is what the numbered migrations
build: the same tables, indexes and triggers with the same SQL (comments and layout aside), and
the same schema version. A migration added without current.sql following fails here."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from storage.migrate import available_migrations
from tests.support.schema import (
    CURRENT_SQL,
    migrated_database,
    normalised,
    schema,
    written_database,
)


async def test_current_sql_builds_what_the_migrations_build(tmp_path: Path) -> None:
    migrated = await migrated_database(tmp_path / "migrated.db")
    written = written_database(tmp_path / "current.db", CURRENT_SQL.read_text("utf-8"))
    with closing(sqlite3.connect(migrated)) as by_migrations:
        expected = schema(by_migrations)
    with closing(sqlite3.connect(written)) as by_current_sql:
        assert schema(by_current_sql) == expected
    assert expected["PRAGMA user_version"] == str(available_migrations()[-1].version)


def test_current_sql_is_not_taken_for_a_migration() -> None:
    assert CURRENT_SQL.parent.name == "schema" and CURRENT_SQL.is_file()
    assert CURRENT_SQL.name not in {migration.name for migration in available_migrations()}


def test_layout_and_comments_do_not_count_but_the_sql_does() -> None:
    laid_out = "CREATE TABLE t (\n    a INTEGER,   -- a comment\n    b TEXT\n)"
    assert normalised(laid_out) == normalised("CREATE TABLE t(a INTEGER,b TEXT)")
    assert normalised(laid_out) != normalised("CREATE TABLE t (a INTEGER, b BLOB)")

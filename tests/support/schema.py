"""The database schema as SQLite holds it (`sqlite_master`), for comparing storage/schema/
current.sql with what the numbered migrations build (tests/storage/test_schema.py).

`python -m tests.support.schema` prints the SQL of a fresh database the migrations built: where
to look when a new migration has to be written into current.sql.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

import aiosqlite

from storage.migrate import migrate
from tests.support.paths import REPO

CURRENT_SQL = REPO / "storage" / "schema" / "current.sql"

# Each object and the SQL that made it; indexes SQLite makes for UNIQUE and PRIMARY KEY
# constraints (sqlite_autoindex_*) have none, only their name.
_OBJECTS = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"


def normalised(sql: str | None) -> str:
    """`sql` without comments, with one space where it had any run of white space and none next
    to brackets and commas: the same text for the same statement however it is laid out.
    (Our schema has no '--' and no brackets inside string literals.)"""
    if sql is None:
        return "(made by SQLite for a constraint)"
    without_comments = re.sub(r"--[^\n]*", "", sql)
    spaced = re.sub(r"\s+", " ", without_comments).strip()
    return re.sub(r" ?([(),]) ?", r"\1", spaced)


def schema(conn: sqlite3.Connection) -> dict[str, str]:
    """'type name (on table)' → its normalised SQL, and the schema version."""
    found = {
        f"{kind} {name} (on {table})": normalised(sql)
        for kind, name, table, sql in conn.execute(_OBJECTS)
    }
    found["PRAGMA user_version"] = str(conn.execute("PRAGMA user_version").fetchone()[0])
    return found


async def migrated_database(path: Path) -> Path:
    """A fresh database at `path`, built by storage/migrate.py from the numbered migrations."""
    async with aiosqlite.connect(path) as conn:
        await migrate(conn)
    return path


def written_database(path: Path, script: str) -> Path:
    """A fresh database at `path`, built by running `script` (current.sql) as it is."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(script)
    finally:
        conn.close()
    return path


def _print_migrated() -> None:
    """The SQL of each object the migrations build, table by table, for current.sql."""
    with tempfile.TemporaryDirectory() as folder:
        path = asyncio.run(migrated_database(Path(folder) / "migrated.db"))
        conn = sqlite3.connect(path)
        try:
            rows = conn.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY tbl_name, rowid"
            ).fetchall()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    sys.stdout.write("".join(f"{sql};\n\n" for (sql,) in rows))
    sys.stdout.write(f"PRAGMA user_version = {version};\n")


if __name__ == "__main__":
    _print_migrated()

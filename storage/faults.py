"""SQLite's faults that only the operator can fix, as StorageError saying what to do.

A full disk, a damaged file, a path that cannot be opened: none is a feed's fault or a bug, so
none may surface as a feed failure or a traceback. `GuardedConnection` turns them into
`StorageError(fault=...)` wherever they happen: every statement, cursor read and commit goes
through aiosqlite's one `_execute` method. Other SQLite errors (a constraint, a busy database)
pass through unchanged, for the code that expects them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.core.errors import StorageError

T = TypeVar("T")

# Primary result code -> (fault, what the operator should do). Codes: sqlite.org/rescode.html.
_FAULTS: dict[int, tuple[str, str]] = {
    sqlite3.SQLITE_FULL: ("full", "free some disk space, then run again"),
    sqlite3.SQLITE_IOERR: ("io", "check the disk and its file system"),
    sqlite3.SQLITE_CORRUPT: ("corrupt", "the file is damaged: restore it from a backup"),
    sqlite3.SQLITE_NOTADB: ("corrupt", "check BLOCKWATCH_DB, or restore the file from a backup"),
    sqlite3.SQLITE_CANTOPEN: (
        "cannot-open",
        "set BLOCKWATCH_DB to a file in a directory the service can write",
    ),
    sqlite3.SQLITE_READONLY: (
        "read-only",
        "give the service write access to the file and its directory",
    ),
    sqlite3.SQLITE_PERM: (
        "read-only",
        "give the service write access to the file and its directory",
    ),
}


def storage_fault(exc: sqlite3.Error, path: str | Path) -> StorageError | None:
    """The StorageError for a known fault; None for any other SQLite error."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    found = _FAULTS.get(code & 0xFF)  # the extended code's low byte is the primary code
    if found is None:
        return None
    fault, advice = found
    return StorageError(f"database {path}: {exc} ({advice})", fault=fault)


class GuardedConnection(aiosqlite.Connection):
    """An aiosqlite connection whose known faults arrive as StorageError."""

    def __init__(self, path: str | Path, **kwargs: Any) -> None:
        self._path = path
        super().__init__(lambda: sqlite3.connect(str(path), **kwargs), 64)

    async def _execute(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        # aiosqlite's private entry point, stable since 0.11: the one place every call and
        # every cursor's fetch passes through.
        try:
            result: T = await super()._execute(  # type: ignore[no-untyped-call]
                fn, *args, **kwargs
            )
        except sqlite3.Error as exc:
            fault = storage_fault(exc, self._path)
            if fault is None:
                raise
            raise fault from exc
        return result

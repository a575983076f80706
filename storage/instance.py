"""One running instance per database.

`blockwatch run` and `run --once` hold this lock for their whole life; the short commands
(`subscribe`, `feeds`, `moderators`, ...) never take it and keep working beside a running
service. Two instances on one database would read the same due outbox rows and send each
message twice (issue 12: 600 Telegram sends for 300 owed), and the loser's inserts would
collide and put a healthy feed into backoff.

SQLite: an exclusive flock(2) on the sidecar file `<database>.lock`, which holds the holder's
pid for the refusal message. The kernel drops the lock when its process ends in any way,
kill -9 included, so no stale lock can block cron. The file itself stays (deleting a lock file
races with the next process opening it) and is harmless. flock is reliable on local file
systems only: keep the database on one. PostgreSQL takes none: several instances share its
database and split the work through it (storage/shared.py).
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import time
from pathlib import Path
from typing import Protocol

from bot.core.errors import InstanceBusyError, StorageError

__all__ = ["InstanceLock", "acquire_instance_lock", "lock_path", "no_instance_lock"]

# How often a process told to wait (`run --once --wait N`) tries again.
RETRY_EVERY = 0.2


class InstanceLock(Protocol):
    """Held while this process is the one running instance on its database."""

    async def release(self) -> None: ...


class _FileLock:
    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    async def release(self) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)  # no pid of a process that holds nothing any more
        os.close(self._fd)  # closing the descriptor drops the flock
        self._fd = None


class _NoLock:
    async def release(self) -> None:
        return None


def no_instance_lock() -> InstanceLock:
    """PostgreSQL's: any number of instances, which share the work (storage/shared.py)."""
    return _NoLock()


def lock_path(db_path: Path) -> Path:
    """`blockwatch.db` is locked through `blockwatch.db.lock`, next to it."""
    return db_path.with_name(db_path.name + ".lock")


async def acquire_instance_lock(db_path: Path, *, wait: float = 0.0) -> InstanceLock:
    """The database's instance lock; InstanceBusyError when another process still holds it
    after `wait` seconds."""
    path = lock_path(db_path)
    fd = _open(path, db_path)
    deadline = time.monotonic() + wait
    try:
        while not _try_flock(fd):
            if time.monotonic() >= deadline:
                raise InstanceBusyError(str(db_path), await _holder(fd))
            await asyncio.sleep(RETRY_EVERY)
        pid = f"{os.getpid()}\n".encode()
        os.pwrite(fd, pid, 0)
        os.ftruncate(fd, len(pid))
    except BaseException:
        os.close(fd)
        raise
    return _FileLock(fd)


def _open(path: Path, db_path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        # The lock lives beside the database: what stops one stops the other, and the
        # operator's mend is the same (storage/faults.py says it for the database itself).
        raise StorageError(
            f"database {db_path}: cannot open its instance lock {path.name} ({exc.strerror}): "
            "set BLOCKWATCH_DB to a file in a directory the service can write",
            fault="cannot-open",
        ) from exc


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


async def _holder(fd: int) -> int | None:
    """The pid the holder wrote. Between its lock and its write the file is empty (or half
    written): read again a moment later, a few times."""
    for _ in range(10):
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return int(text)
        await asyncio.sleep(0.05)
    return None

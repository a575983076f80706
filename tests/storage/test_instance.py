"""The instance lock (storage/instance.py): one `blockwatch run` per database, the holder's pid
in the refusal, a bounded wait. Across real processes: tests/faults/test_process_faults.py."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from bot.core.errors import InstanceBusyError, StorageError
from storage.instance import acquire_instance_lock, lock_path


async def test_a_second_holder_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    db = tmp_path / "blockwatch.db"
    lock = await acquire_instance_lock(db)
    assert lock_path(db).read_text() == f"{os.getpid()}\n"
    with pytest.raises(InstanceBusyError) as busy:
        await acquire_instance_lock(db)
    assert (busy.value.database, busy.value.holder_pid) == (str(db), os.getpid())
    assert str(busy.value) == f"another blockwatch is running on {db} (pid {os.getpid()})"
    await lock.release()
    assert lock_path(db).read_text() == ""  # no pid of a process that holds nothing
    await (await acquire_instance_lock(db)).release()


async def test_a_waiting_process_gets_the_lock_once_it_is_released(tmp_path: Path) -> None:
    db = tmp_path / "blockwatch.db"
    lock = await acquire_instance_lock(db)
    asyncio.get_running_loop().call_later(0.5, asyncio.ensure_future, lock.release())
    started = time.monotonic()
    second = await acquire_instance_lock(db, wait=10)
    assert 0.4 < time.monotonic() - started < 5
    await second.release()


async def test_the_wait_is_bounded(tmp_path: Path) -> None:
    lock = await acquire_instance_lock(tmp_path / "blockwatch.db")
    started = time.monotonic()
    with pytest.raises(InstanceBusyError):
        await acquire_instance_lock(tmp_path / "blockwatch.db", wait=0.5)
    assert 0.4 < time.monotonic() - started < 5
    await lock.release()


async def test_a_lock_that_cannot_be_made_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cannot open its instance lock"):
        await acquire_instance_lock(tmp_path / "no such directory" / "blockwatch.db")

"""Several `blockwatch run` services on one PostgreSQL database (issue 17), for
tests/faults/test_shared_instances.py and bench/shared.py: started at once, their stderr read as
they write it, and the one holding the most outbox rows killed -9. Who holds a row is in its
claim's token (schema 0013: "host/pid/random"), so the victim is known to be mid-delivery.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from tests.support.command import start

# Pending rows under a claim, by the claim's holder (its pid, the token's middle part).
_HELD = (
    "SELECT split_part(claim_token, '/', 2)::int, count(*) FROM outbox"
    " WHERE status = 'pending' AND claim_token IS NOT NULL GROUP BY 1"
)


@dataclass
class Fleet:
    services: list[asyncio.subprocess.Process]
    logs: dict[int, list[str]] = field(default_factory=dict)  # pid -> its stderr lines
    _readers: list[asyncio.Task[None]] = field(default_factory=list)

    @classmethod
    async def start(cls, env: Mapping[str, str], folder: Path, count: int) -> Fleet:
        fleet = cls([await start(env, "run", cwd=folder) for _ in range(count)])
        for service in fleet.services:
            fleet.logs[service.pid] = []
            fleet._readers.append(asyncio.create_task(fleet._read(service)))
        return fleet

    async def _read(self, service: asyncio.subprocess.Process) -> None:
        assert service.stderr is not None
        while line := await service.stderr.readline():
            self.logs[service.pid].append(line.decode())

    def log(self, pid: int) -> str:
        return "".join(self.logs[pid])

    async def held(self, url: str) -> Counter[int]:
        """Outbox rows claimed and not yet marked, by the pid of the service holding them."""
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
            cursor = await conn.execute(_HELD)
            return Counter(dict(await cursor.fetchall()))

    async def kill_busiest(self, url: str) -> tuple[int, int]:
        """kill -9 the service holding the most rows: its pid and the rows it held."""
        held = await self.held(url)
        ours = {service.pid for service in self.services}
        pid, rows = max(((p, n) for p, n in held.items() if p in ours), key=lambda x: x[1])
        await self.kill(pid)
        return pid, rows

    async def kill(self, pid: int) -> None:
        """kill -9 the service `pid`, and wait for it to be gone."""
        [service] = [service for service in self.services if service.pid == pid]
        service.send_signal(signal.SIGKILL)
        await service.wait()

    async def stop(self) -> dict[int, int | None]:
        """SIGTERM to those still running; every return code by pid (-9: the killed)."""
        for service in self.services:
            if service.returncode is None:
                service.send_signal(signal.SIGTERM)
        for service in self.services:
            try:
                await asyncio.wait_for(service.wait(), 60)
            except TimeoutError:
                service.kill()
                await service.wait()
        for reader in self._readers:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(reader, 5)
        return {service.pid: service.returncode for service in self.services}

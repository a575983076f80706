"""Keeping the outbox rows one batch claimed, for as long as it takes to send them (issue 17).

On a database several instances share, `due_deliveries` claims a batch's rows for a lease
(storage/shared.py: BLOCKWATCH_CLAIM_LEASE); when the lease ends, another instance may take
them. A batch can take longer than any lease chosen in advance (a slow mail server, a hundred
digests at Telegram's pace), and a batch taken again is a batch sent twice. So while a batch is
sent its claim is renewed: in the background every third of a lease, and before a send whenever
the last renewal is older than half a lease (the loop or the database was slow, the process was
stopped for a while). Rows the renewal no longer finds held were taken by another instance
after this one let the lease run out; they are that one's now, and this one does not send them
(`Claim.holds`, asked before each send). A killed instance renews nothing: its rows come due
when the lease it last renewed ends.

On SQLite (one instance per database) rows carry no claim and there is nothing to keep.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.errors import StorageError
from bot.core.models import Delivery
from bot.ports import Clock, Storage

__all__ = ["Claim", "kept"]

log = logging.getLogger(__name__)

# Renewed this often, in parts of a lease: two renewals can fail (the database unreachable for
# a moment) before the lease ends.
RENEW_EVERY = 1 / 3
# A send waits for a renewal of its own when the last one is older than this part of a lease.
RENEW_BEFORE_SEND = 1 / 2


@dataclass(slots=True)
class Claim:
    """One batch's claim: its token (None: not claimed, nothing to keep) and what it holds."""

    store: Storage
    clock: Clock
    token: str | None
    renewed_at: datetime
    held: frozenset[int] | None = None  # None: every row of the batch (none renewed away yet)
    _renewing: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def holds(self, rows: Sequence[Delivery]) -> bool:
        """Whether these rows are still this batch's to send (renewing first if it is late)."""
        if self.token is None:
            return True
        if self.clock() - self.renewed_at >= self.store.claim_lease * RENEW_BEFORE_SEND:
            await self.renew()
        return self.held is None or all(row.id in self.held for row in rows)

    async def renew(self) -> None:
        assert self.token is not None
        async with self._renewing:
            now = self.clock()
            held = await self.store.renew_claim(self.token, now)
            # Once taken, taken: a row another instance holds is never this batch's again.
            self.held = held if self.held is None else self.held & held
            self.renewed_at = now

    async def keep(self) -> None:
        """Renew every third of a lease until cancelled; a failed renewal waits for the next."""
        while True:
            await asyncio.sleep(self.store.claim_lease.total_seconds() * RENEW_EVERY)
            try:
                await self.renew()
            except StorageError as exc:  # the send that needs it will renew, or stop the run
                log.warning("could not renew the claim on the outbox rows being sent: %s", exc)


@contextlib.asynccontextmanager
async def kept(store: Storage, rows: Sequence[Delivery], clock: Clock) -> AsyncIterator[Claim]:
    """The claim of a batch of `rows`, renewed for as long as the block runs."""
    claim = Claim(store, clock, rows[0].claim if rows else None, clock())
    if claim.token is None:
        yield claim
        return
    keeper = asyncio.create_task(claim.keep())
    try:
        yield claim
    finally:
        keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await keeper

"""What the service's /metrics asks the database (storage/ops.py)."""

from __future__ import annotations

from typing import Protocol

from bot.core.ops import ServiceTally


class OpsStorage(Protocol):
    async def service_tally(self) -> ServiceTally:
        """Items, events, outbox rows per channel and state, the oldest pending row."""
        ...

"""The command line's way into the database: open it, run one piece of work, close it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from bot.config import Settings
from storage.open import open_store
from storage.store import Store


def with_store(settings: Settings, work: Callable[[Store], Awaitable[int]]) -> int:
    """`work`'s exit status, run on the settings' database, which is closed whatever happens."""

    async def run() -> int:
        store = await open_store(settings.database)
        try:
            return await work(store)
        finally:
            await store.close()

    return asyncio.run(run())

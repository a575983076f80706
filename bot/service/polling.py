"""Telegram polling as a supervised part (bot/service/supervise.py): the bot's commands keep coming
in, or /health says they do not.

getMe first: while Telegram is unreachable it raises, and the supervisor tries again with
backoff (issue 12 item 4: a bare polling task died on its first getMe and the bot stayed deaf
for good). Then aiogram's own polling, which rides out network trouble by itself, retrying
getUpdates every few seconds without a word to anyone but the log. So a request middleware
watches getUpdates: with none answered for STALLED_AFTER, the part is taken for down and
restarted, and /health answers 503 until getMe answers again.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import TelegramType

from bot.core.errors import PartStalledError
from bot.ports import Clock, utc_now
from bot.service.supervise import Ready

if TYPE_CHECKING:
    from aiogram.methods import Response

# aiogram long-polls getUpdates for 10 s (start_polling's polling_timeout): six in a row
# without an answer is an outage, not a slow network.
STALLED_AFTER = timedelta(seconds=60)
# Polling asked to stop first ends its current getUpdates: at most this long.
STOP_TIMEOUT = 15.0


class _UpdatesWatch(BaseRequestMiddleware):
    """Remembers when getUpdates last answered."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self.last_answer = clock()

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        response = await make_request(bot, method)  # raises when Telegram did not answer
        if isinstance(method, GetUpdates):
            self.last_answer = self._clock()
        return response


async def poll_telegram(
    bot: Bot,
    dispatcher: Dispatcher,
    on_connect: Callable[[], Awaitable[None]],
    ready: Ready,
    *,
    stalled_after: timedelta = STALLED_AFTER,
    clock: Clock = utc_now,
) -> None:
    """getMe, `on_connect` (the command menu), then polling until cancelled; PartStalledError
    once getUpdates has not answered for `stalled_after`."""
    await bot.me()
    # getUpdates answers 409 while a webhook is set: one left by webhook mode must go.
    await bot.delete_webhook()
    await on_connect()
    ready()
    watch = _UpdatesWatch(clock)
    bot.session.middleware(watch)
    polling = asyncio.create_task(
        dispatcher.start_polling(
            bot,
            handle_signals=False,
            close_bot_session=False,  # the app closes the session
        )
    )
    try:
        while not polling.done():
            # asyncio.wait, not await: a cancelled part must stop polling, not orphan it.
            await asyncio.wait({polling}, timeout=stalled_after.total_seconds() / 6)
            silent = clock() - watch.last_answer
            if silent > stalled_after:
                raise PartStalledError("telegram polling", silent.total_seconds())
        polling.result()  # its error, if it ended with one
    finally:
        await _stop(dispatcher, polling)
        bot.session.middleware.unregister(watch)


async def _stop(dispatcher: Dispatcher, polling: asyncio.Task[Any]) -> None:
    if not polling.done():
        try:
            await asyncio.wait_for(dispatcher.stop_polling(), STOP_TIMEOUT)
        except (RuntimeError, TimeoutError):  # not started yet, or stuck: cancel it outright
            polling.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await polling

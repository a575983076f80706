"""Counts the Bot API's 429s and 403s for /metrics: an aiogram request middleware on the bot's
session sees every answer, whichever part (alerts, replies, moderators' cards) made the call.
Imported only with a bot token (aiogram is heavy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

from bot.service.metrics import Metrics

if TYPE_CHECKING:
    from aiogram.methods import Response


class RefusalCounter(BaseRequestMiddleware):
    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter:
            self._metrics.telegram_refusals.labels("429").inc()
            raise
        except TelegramForbiddenError:
            self._metrics.telegram_refusals.labels("403").inc()
            raise

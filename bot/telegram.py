"""The Telegram adapter: make the aiogram Bot, and send rendered alerts through it.

`TelegramSender.send` turns every aiogram failure into the project's error tree, so the delivery
loop decides on retries and dead addresses without knowing aiogram:

    TelegramRetryAfter (429)            -> TemporaryDeliveryError(retry_after=...)
    TelegramMigrateToChat               -> PermanentDeliveryError(new_address=<supergroup id>)
    TelegramForbiddenError (403)        -> PermanentDeliveryError  (blocked, kicked, deactivated)
    400 "message thread not found"      -> TopicGoneError          (forum topic deleted)
    TelegramBadRequest (400)            -> PermanentDeliveryError  (chat not found, bad markup...)
    network errors, timeouts, 5xx       -> TemporaryDeliveryError

Every send first waits for its turn under Telegram's flood limits (bot/pacing.py); a turn
further off than the pacer's max_wait is a TemporaryDeliveryError, sent nothing, so the outbox
keeps the message and the other chats go on.

Telegram's limits count every message the bot sends to a chat, alerts and command replies
alike, so one pacer serves both: a TelegramSender installs `PacedSends` on its bot's session,
and every reply the dispatcher sends through that bot waits for the chat's turn too. A reply
is not given back to anyone, so it waits as long as its turn takes (a group's 20 a minute: at
most a minute); an alert already took its turn, and passes.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from typing import Any

import aiohttp
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import CopyMessage, ForwardMessage, SendMessage
from aiogram.methods.base import Response, TelegramMethod, TelegramType
from aiogram.types import LinkPreviewOptions

from bot.deliver import TopicGoneError
from bot.errors import DeliveryError, PermanentDeliveryError, TemporaryDeliveryError
from bot.models import Channel, OutgoingMessage
from bot.pacing import Pacer

log = logging.getLogger(__name__)

CHANNEL: Channel = "telegram"
# Methods that put a new message in a chat: what Telegram's flood limits count. Edits and
# answers to button presses answer the user's own taps, one each, and are not paced.
_POSTS = (SendMessage, CopyMessage, ForwardMessage)
# Set while the outbox sends: that message took its turn already (TelegramSender.send).
_TURN_TAKEN: ContextVar[bool] = ContextVar("blockwatch_turn_taken", default=False)


def make_bot(token: str, api_url: str | None = None) -> Bot:
    """An aiogram Bot; `api_url` points it at another Bot API server (local server, tests)."""
    if api_url is None:
        return Bot(token)
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    return Bot(token, session=session)


def chat_id_of(address: str) -> int | str:
    """Subscriber addresses are stored as text: numeric chat ids, or @channel usernames."""
    try:
        return int(address)
    except ValueError:
        return address


class TelegramSender:
    """Sends OutgoingMessage.text (HTML) to one chat per call, paced under the flood limits."""

    channel: Channel = CHANNEL

    def __init__(self, bot: Bot, pacer: Pacer | None = None) -> None:
        self.bot = bot
        self.pacer = pace_sends(bot, pacer)

    def batch(self) -> AbstractAsyncContextManager[TelegramSender]:
        """The sender for a run of sends. Telegram needs no connection setup, so it is self."""
        return self._batch()

    @asynccontextmanager
    async def _batch(self) -> AsyncIterator[TelegramSender]:
        yield self

    async def send(self, address: str, message: OutgoingMessage) -> None:
        """Send one message; raise TemporaryDeliveryError or PermanentDeliveryError on failure."""
        chat_id = chat_id_of(address)
        wait = await self.pacer.acquire(chat_id)
        if wait:
            raise TemporaryDeliveryError(CHANNEL, f"paced: next turn in {wait:.1f}s",
                                         retry_after=wait)
        turn = _TURN_TAKEN.set(True)
        try:
            await self.bot.send_message(
                chat_id=chat_id,
                text=message.text,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                # None leaves the field out: a notification, and the chat's general topic.
                disable_notification=True if message.silent else None,
                message_thread_id=message.topic_id,
            )
        except (TelegramAPIError, aiohttp.ClientError, TimeoutError) as exc:
            error = delivery_error(exc)
            # The address stays out of info-level logs: subscribers may be at risk.
            log.debug("telegram send to %s failed: %s", address, error.reason)
            raise error from exc
        finally:
            _TURN_TAKEN.reset(turn)


class PacedSends(BaseRequestMiddleware):
    """Makes every new message the bot posts wait for its chat's turn under `pacer`."""

    def __init__(self, pacer: Pacer) -> None:
        self.pacer = pacer

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        chat = _posts_to(method)
        if chat is None or _TURN_TAKEN.get():
            return await make_request(bot, method)
        await self.pacer.acquire(chat, max_wait=math.inf)
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as exc:
            # Our pacing and Telegram disagree (another client on the token?): wait as told,
            # once, rather than lose the reply.
            log.info("a reply hit flood control; retrying in %ss", exc.retry_after)
            await asyncio.sleep(exc.retry_after)
            await self.pacer.acquire(chat, max_wait=math.inf)
            return await make_request(bot, method)


def _posts_to(method: TelegramMethod[Any]) -> int | str | None:
    """The chat a method posts a new message to; None for every other method."""
    return method.chat_id if isinstance(method, _POSTS) else None


def pace_sends(bot: Bot, pacer: Pacer | None = None) -> Pacer:
    """Pace every message `bot` posts under one pacer: `pacer`, else the one already in place,
    else a new one. Returns the pacer in use."""
    installed = next((m for m in bot.session.middleware if isinstance(m, PacedSends)), None)
    if installed is None:
        installed = PacedSends(pacer or Pacer())
        bot.session.middleware(installed)
    elif pacer is not None:
        installed.pacer = pacer
    return installed.pacer


def delivery_error(exc: BaseException) -> DeliveryError:
    """Map one aiogram / aiohttp exception to the project's delivery error."""
    if isinstance(exc, TelegramRetryAfter):
        return TemporaryDeliveryError(
            CHANNEL, f"flood control: retry after {exc.retry_after}s",
            retry_after=float(exc.retry_after),
        )
    if isinstance(exc, TelegramMigrateToChat):
        # A group became a supergroup: the chat lives on under a new id; the loop re-addresses.
        return PermanentDeliveryError(
            CHANNEL, "group migrated to a supergroup", new_address=str(exc.migrate_to_chat_id)
        )
    if isinstance(exc, TelegramForbiddenError):
        return PermanentDeliveryError(CHANNEL, f"forbidden: {exc.message}")
    if isinstance(exc, TelegramBadRequest):
        if "chat not found" in exc.message.lower():
            return PermanentDeliveryError(CHANNEL, "chat not found")
        if "thread not found" in exc.message.lower():
            return TopicGoneError(CHANNEL, "message thread not found")
        return PermanentDeliveryError(CHANNEL, f"bad request: {exc.message}")
    if isinstance(exc, TelegramNetworkError | TelegramServerError):
        return TemporaryDeliveryError(CHANNEL, f"{type(exc).__name__}: {exc.message}")
    if isinstance(exc, aiohttp.ClientError | TimeoutError):
        return TemporaryDeliveryError(CHANNEL, f"{type(exc).__name__}: {exc}")
    # Other API errors (401 bad token, 404, 409, 413) will not heal by retrying this message,
    # but they are the bot's fault, not the address's: temporary, so no subscriber is dropped.
    return TemporaryDeliveryError(CHANNEL, f"{type(exc).__name__}: {exc}")

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
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import aiohttp
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
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
from aiogram.types import LinkPreviewOptions

from bot.deliver import TopicGoneError
from bot.errors import DeliveryError, PermanentDeliveryError, TemporaryDeliveryError
from bot.models import Channel, OutgoingMessage
from bot.pacing import Pacer

log = logging.getLogger(__name__)

CHANNEL: Channel = "telegram"


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
        self.pacer = pacer or Pacer()

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

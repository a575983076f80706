"""The Telegram adapter: make the aiogram Bot, and send rendered alerts through it.

`TelegramSender.send` turns every aiogram failure into the project's error tree, so the delivery
loop decides on retries and dead addresses without knowing aiogram:

    TelegramRetryAfter (429)            -> TemporaryDeliveryError(retry_after=...)  this chat
    TelegramMigrateToChat               -> PermanentDeliveryError(new_address=<supergroup id>)
    TelegramForbiddenError (403)        -> PermanentDeliveryError  (blocked, kicked, deactivated)
    400 about the chat                  -> PermanentDeliveryError  (chat not found, no rights...)
    400 "message thread not found"      -> TopicGoneError          (forum topic deleted)
    any other 400, 413                  -> MessageRefusedError     (bad markup, too long...)
    network errors, timeouts, 5xx,      -> TemporaryDeliveryError(channel_down=True)
    a reply that is not the API's JSON     (a proxy's 502 page, garbage), 401, anything else

Which 400s are about the chat is a table (bot/telegram/refusals.py): any other 400 is taken to
be about the message, so no rendering bug can unsubscribe anyone.

Every send first waits for its turn under Telegram's flood limits (bot/telegram/pacing.py); a turn
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
from aiogram.client.telegram import PRODUCTION, TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    AiogramError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
)
from aiogram.methods import CopyMessage, ForwardMessage, SendMessage
from aiogram.methods.base import Response, TelegramMethod, TelegramType
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from bot.core.errors import (
    DeliveryError,
    MessageRefusedError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
    TopicGoneError,
)
from bot.core.models import Channel, OutgoingMessage
from bot.telegram.pacing import Pacer
from bot.telegram.refusals import bad_request_scope

log = logging.getLogger(__name__)

CHANNEL: Channel = "telegram"
# Methods that put a new message in a chat: what Telegram's flood limits count. Edits and
# answers to button presses answer the user's own taps, one each, and are not paced.
_POSTS = (SendMessage, CopyMessage, ForwardMessage)
# Set while the outbox sends: that message took its turn already (TelegramSender.send).
_TURN_TAKEN: ContextVar[bool] = ContextVar("blockwatch_turn_taken", default=False)


# Seconds a Bot API request may take. aiogram's default (60 s) made a hanging API cost 61 s
# per subscriber, with email waiting behind (issue 12: 3 chats and 1 mail took 3 min 6 s).
# A healthy Bot API answers a sendMessage well within a second; 20 s still lets a slow proxy
# or a congested link through, and a hang now costs one timeout, after which bot/delivery/outbox.py
# pauses the channel. getUpdates' long poll gets its own wait on top (aiogram adds it).
REQUEST_TIMEOUT = 20.0


def make_bot(token: str, api_url: str | None = None, *, timeout: float = REQUEST_TIMEOUT) -> Bot:
    """An aiogram Bot; `api_url` points it at another Bot API server (local server, tests)."""
    server = TelegramAPIServer.from_base(api_url) if api_url is not None else PRODUCTION
    return Bot(token, session=AiohttpSession(api=server, timeout=timeout))


def chat_id_of(address: str) -> int | str:
    """Subscriber addresses are stored as text: numeric chat ids, or @channel usernames."""
    try:
        return int(address)
    except ValueError:
        return address


class TelegramSender:
    """Sends OutgoingMessage.text (HTML) to one chat per call, paced under the flood limits."""

    channel: Channel = CHANNEL
    connections = 1  # one pacer, one stream of sends: subscribers take turns (outbox.py)

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
            raise TemporaryDeliveryError(
                CHANNEL, f"paced: next turn in {wait:.1f}s", retry_after=wait
            )
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
                reply_markup=_keyboard(message.buttons),
            )
        except (AiogramError, aiohttp.ClientError, OSError, TimeoutError) as exc:
            # AiogramError: the API's own errors, and ClientDecodeError for a reply that is not
            # the API's JSON (a proxy's HTML 502, garbage): issue 12 saw it escape every handler.
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
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
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
    if isinstance(exc, TelegramRetryAfter):  # flood control for this one chat
        return TemporaryDeliveryError(
            CHANNEL,
            f"flood control: retry after {exc.retry_after}s",
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
        return _bad_request(exc.message)
    if isinstance(exc, TelegramEntityTooLarge):  # 413: this message is too big, for anyone
        return MessageRefusedError(CHANNEL, f"too large: {exc.message}")
    if isinstance(exc, TelegramAPIError):
        # Network errors and timeouts (TelegramNetworkError), 5xx (TelegramServerError), and
        # what is the bot's fault, not the chat's (401 bad token, 404 wrong API URL): every
        # other chat would get the same, so the channel pauses.
        return _channel_down(f"{type(exc).__name__}: {exc.message}")
    if isinstance(exc, AiogramError):  # ClientDecodeError: its text holds the whole reply
        return _channel_down(f"{type(exc).__name__}: a reply that is not the Bot API's")
    return _channel_down(f"{type(exc).__name__}: {exc}")


def _bad_request(description: str) -> DeliveryError:
    """A 400: about the chat, its forum topic, or (anything else) the message."""
    scope = bad_request_scope(description)
    reason = description.removeprefix("Bad Request: ")
    if scope == "topic":
        return TopicGoneError(CHANNEL, reason)
    if scope == "chat":
        return PermanentDeliveryError(CHANNEL, reason)
    return MessageRefusedError(CHANNEL, reason)


def _channel_down(reason: str) -> TemporaryDeliveryError:
    return TemporaryDeliveryError(CHANNEL, reason, channel_down=True)


def _keyboard(buttons: tuple[tuple[str, str], ...]) -> InlineKeyboardMarkup | None:
    """One row of the message's buttons ("Read here"); None: no keyboard at all."""
    if not buttons:
        return None
    row = [InlineKeyboardButton(text=label, callback_data=data) for label, data in buttons]
    return InlineKeyboardMarkup(inline_keyboard=[row])

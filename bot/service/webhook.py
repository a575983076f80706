"""Telegram webhook mode (TELEGRAM_WEBHOOK_URL), the alternative to long polling: Telegram posts
each update to our web endpoint, at that URL's path.

    mount_webhook(app, ...)    aiogram's SimpleRequestHandler on the aiohttp app: a request
                               without the right X-Telegram-Bot-Api-Secret-Token gets 401 and
                               is never handled
    serve_webhook(...)         the supervised part "telegram webhook": getMe, setWebhook with
                               the secret token, the command menu, then a look every
                               CHECK_EVERY that the webhook is still ours; any failure restarts
                               it (and so registers it again), /health says so meanwhile

An update is handled before its request is answered (handle_in_background=False): a process
killed mid-update never answered, so Telegram posts the update again rather than losing it.
The secret is derived from the database's own secret (bot/mail/links.py keeps one): stable
across restarts, never configured, never logged. Leaving webhook mode, long polling deletes
the webhook first (bot/service/polling.py). Imported only with a bot token.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.core.errors import WebhookLostError
from bot.service.supervise import Ready

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(minutes=5)


def webhook_secret(database_secret: bytes) -> str:
    """The secret_token: 64 characters of [0-9a-f], within Telegram's 1-256 of [A-Za-z0-9_-]."""
    return hmac.new(database_secret, b"telegram webhook", hashlib.sha256).hexdigest()


def webhook_path(url: str) -> str:
    return urlsplit(url).path or "/"


def mount_webhook(
    app: web.Application, bot: Bot, dispatcher: Dispatcher, url: str, secret: str
) -> None:
    handler = SimpleRequestHandler(dispatcher, bot, handle_in_background=False, secret_token=secret)
    handler.register(app, path=webhook_path(url))
    setup_application(app, dispatcher, bot=bot)  # the dispatcher's startup and shutdown


async def serve_webhook(
    bot: Bot,
    dispatcher: Dispatcher,
    url: str,
    secret: str,
    on_connect: Callable[[], Awaitable[None]],
    ready: Ready,
    *,
    check_every: timedelta = CHECK_EVERY,
) -> None:
    await bot.me()
    await bot.set_webhook(
        url,
        secret_token=secret,
        allowed_updates=dispatcher.resolve_used_update_types(),
    )
    log.info("telegram webhook registered")
    await on_connect()
    ready()
    while True:
        await asyncio.sleep(check_every.total_seconds())
        info = await bot.get_webhook_info()
        if info.url != url:  # another process (or a polling one) took the bot over
            raise WebhookLostError

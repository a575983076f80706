"""The service's web endpoints, started by `serve` (bot/service/run.py): the public one
(one-click unsubscribe, the webhook, and /health and /metrics unless they have an address of
their own) and the operator's (BLOCKWATCH_ADMIN_HOST); and the Telegram webhook part.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp.web import AppRunner

from bot.app import App
from bot.config import DEFAULT_HTTP_PORT
from bot.service.admin import Admin, start_admin
from bot.service.supervise import Part
from bot.service.web import Mount, start_web


async def start_endpoints(app: App, admin: Admin, mount: list[Mount]) -> list[AppRunner]:
    """One-click unsubscribe, /health, /metrics and the webhook, when PUBLIC_URL,
    BLOCKWATCH_HTTP_PORT or TELEGRAM_WEBHOOK_URL is set; /health and /metrics at
    BLOCKWATCH_ADMIN_HOST instead when it is."""
    settings, runners = app.settings, []
    if settings.admin_address is not None:
        runners.append(await start_admin(admin, *settings.admin_address))
    wanted = (settings.public_url, settings.http_port, settings.telegram_webhook_url)
    if any(setting is not None for setting in wanted):
        try:
            web = await start_web(
                app.store,
                settings.http_port or DEFAULT_HTTP_PORT,
                settings.http_host,
                public_url=settings.public_url,
                ooni=app.ooni,
                admin=admin,
                admin_here=settings.admin_address is None,
                mount=mount,
            )
        except BaseException:
            for runner in runners:
                await runner.cleanup()
            raise
        runners.append(web)
    return runners


async def webhook_part(
    app: App, mount: list[Mount], on_connect: Callable[[], Awaitable[None]]
) -> Part | None:
    """With TELEGRAM_WEBHOOK_URL and a bot: the webhook's handler added to `mount`, and the
    part that registers it (bot/service/webhook.py)."""
    url = app.settings.telegram_webhook_url
    if url is None or app.bot is None or app.dispatcher is None:
        return None
    from bot.service.webhook import mount_webhook, serve_webhook, webhook_secret

    bot, dispatcher = app.bot, app.dispatcher
    secret = webhook_secret(await app.store.mail_secret())
    mount.append(lambda web: mount_webhook(web, bot, dispatcher, url, secret))
    return lambda ready: serve_webhook(bot, dispatcher, url, secret, on_connect, ready)

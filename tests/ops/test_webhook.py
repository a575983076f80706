"""Telegram webhook mode (TELEGRAM_WEBHOOK_URL): `serve` registers the webhook with a secret
token and serves it from the web endpoint; the Bot API stand-in posts updates to it over
loopback. A request without the right secret token is refused and never handled; long polling
is not started."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from bot.app import open_app
from bot.service.webhook import webhook_secret
from tests.ops.test_metrics import get
from tests.service.test_serve import serving, settings_for, wait_until
from tests.support.botapi import BotAPI, make_test_update
from tests.support.feedserver import FeedServer
from tests.support.imapserver import free_port

NEWCOMER, INTRUDER = 3002, 3003


async def test_updates_come_by_webhook_with_the_secret_token_only(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    settings = settings_for(
        tmp_path,
        feed_server,
        telegram_token=bot_api.token,
        telegram_api_url=bot_api.base_url,
        telegram_webhook_url=url,
        http_port=port,
    )
    async with open_app(settings, out=io.StringIO()) as app:
        secret = webhook_secret(await app.store.mail_secret())
        async with serving(app):
            await wait_until(lambda: bot_api.webhook is not None)
            hook = bot_api.webhook
            assert hook is not None and hook["url"] == url and hook["secret_token"] == secret
            assert "message" in hook["allowed_updates"]
            await wait_until(lambda: "setMyCommands" in bot_api.methods())

            # Without the header, or with a wrong one: 401, and nobody answers.
            forged = make_test_update("/subscribe RU", chat_id=INTRUDER, update_id=1)
            assert (await bot_api.post_to_webhook(forged, secret=""))[0] == 401
            assert (await bot_api.post_to_webhook(forged, secret="x" * 64))[0] == 401

            update = make_test_update("/subscribe RU", chat_id=NEWCOMER, update_id=2)
            status, _ = await bot_api.post_to_webhook(update)
            assert status == 200
            # Handled before the answer: the reply is already out, the subscription stored.
            assert bot_api.texts_to(NEWCOMER)
            answers: list[tuple[int, str]] = []

            async def up() -> bool:
                answers.append(await get(port, "/health"))
                return answers[-1][0] == 200

            for _ in range(100):  # the parts report ready a moment after their last call
                if await up():
                    break
                await asyncio.sleep(0.1)
            assert "telegram webhook: running since" in answers[-1][1], answers[-1]
        newcomer = await app.store.subscriber("telegram", str(NEWCOMER))
        assert newcomer is not None and newcomer.countries == {"RU"}
        assert await app.store.subscriber("telegram", str(INTRUDER)) is None
        assert not bot_api.texts_to(INTRUDER)
        assert "getUpdates" not in bot_api.methods()  # no long polling beside it


async def test_long_polling_stays_the_default_and_drops_a_webhook_left_behind(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    bot_api.webhook = {"url": "https://old.example/hook"}  # left by webhook mode
    settings = settings_for(
        tmp_path, feed_server, telegram_token=bot_api.token, telegram_api_url=bot_api.base_url
    )
    async with open_app(settings, out=io.StringIO()) as app, serving(app):
        await wait_until(lambda: "getUpdates" in bot_api.methods())
        assert getattr(bot_api, "webhook") is None  # noqa: B009 (mypy kept the dict above)
        assert "setWebhook" not in bot_api.methods()

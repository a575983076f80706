"""Telling the moderators about feeds in trouble (bot/feeds/watch.py decides which, and when),
and about alerts a channel refused for their content (bot/pipeline.py).

One HTML message to each moderator, those of BLOCKWATCH_MODERATORS and those added at runtime,
in their private chat with the bot. A moderator who cannot be reached (never started the bot,
blocked it) is logged, by id at DEBUG only, and the others still get it.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError

from bot.moderation.common import NO_PREVIEW
from bot.ports import ModerationStorage, Notify

log = logging.getLogger(__name__)


def moderator_notifier(
    bot: Bot, store: ModerationStorage, env_moderators: frozenset[int]
) -> Notify:
    """Sends one HTML message to every moderator; those it cannot reach are logged."""

    async def notify(text: str) -> None:
        added = {moderator.user_id for moderator in await store.moderators()}
        for user_id in sorted(env_moderators | added):
            try:
                await bot.send_message(
                    user_id, text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                )
            except TelegramAPIError as exc:
                log.warning("a moderator could not be told: %s", exc.message)
                log.debug("moderator %s: %s", user_id, exc.message)

    return notify

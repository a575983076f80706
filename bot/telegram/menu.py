"""The command menu Telegram shows: per language, and per kind of chat. Lists are data.

Telegram picks the most specific menu: for a group's administrators the admins' list, for its
other members the members' list (they may only read), in private chats the private list; each
first in the user's interface language (ru, tk, uz, kk), else the English default.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
    BotCommandScopeUnion,
)

from bot.telegram.catalogues import LANGUAGES, N_, translate

DESCRIPTIONS: dict[str, str] = {
    "start": N_("Choose what to follow"),
    "settings": N_("Change countries, services, frequency"),
    "status": N_("What is blocked now: /status TM"),
    "latest": N_("Latest events with sources"),
    "channel": N_("Manage a channel's alerts: /channel @name"),
    "here": N_("Send alerts to this forum topic"),
    "subscribe": N_("Alerts for countries: /subscribe TM RU"),
    "unsubscribe": N_("Stop one country, or everything"),
    "stop": N_("Pause alerts"),
    "forget": N_("Delete everything about this chat"),
    "help": N_("How Blockwatch works"),
}
PRIVATE = (
    "start",
    "settings",
    "status",
    "latest",
    "channel",
    "subscribe",
    "unsubscribe",
    "stop",
    "forget",
    "help",
)
GROUP_ADMINS = (
    "start",
    "settings",
    "status",
    "latest",
    "here",
    "subscribe",
    "unsubscribe",
    "stop",
    "forget",
    "help",
)
GROUP_MEMBERS = ("status", "latest", "help")  # the rest would only tell them "admins only"
MENUS: tuple[tuple[BotCommandScopeUnion, tuple[str, ...]], ...] = (
    (BotCommandScopeDefault(), PRIVATE),
    (BotCommandScopeAllPrivateChats(), PRIVATE),
    (BotCommandScopeAllGroupChats(), GROUP_MEMBERS),
    (BotCommandScopeAllChatAdministrators(), GROUP_ADMINS),
)


def menu(commands: tuple[str, ...], language: str) -> list[BotCommand]:
    """The menu's commands, described in `language`."""
    return [
        BotCommand(command=name, description=translate(language, DESCRIPTIONS[name]))
        for name in commands
    ]


async def publish_commands(bot: Bot) -> None:
    """Every menu in every language (call once at start-up: 20 calls)."""
    for scope, commands in MENUS:
        for language in LANGUAGES:
            if "_" in language:  # Telegram takes ISO 639-1 codes only; these clients say "uz"
                continue
            # English is the default: no language_code, for every language we do not speak.
            code = None if language == "en" else language
            await bot.set_my_commands(menu(commands, language), scope=scope, language_code=code)

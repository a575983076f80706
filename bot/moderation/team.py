"""Who moderates, and what they did: /moderators, /addmod, /delmod, /audit.

Moderators of BLOCKWATCH_MODERATORS are the operator's: they are listed, never removed here.
Those added with /addmod (by id, or in reply to the person's own message) can be removed by
any moderator. Every change is in the audit log, written with it in one transaction.
"""

from __future__ import annotations

import html
import logging

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.moderation.auth import IsModerator
from bot.moderation.common import fit, reply, user_id, when
from bot.ports import Clock, ModerationStorage, utc_now

log = logging.getLogger(__name__)

AUDIT_SHOWN, AUDIT_MOST = 20, 100


def build_router() -> Router:
    router = Router(name="moderation-team")
    router.message.register(on_moderators, Command("moderators"), IsModerator())
    router.message.register(on_addmod, Command("addmod"), IsModerator())
    router.message.register(on_delmod, Command("delmod"), IsModerator())
    router.message.register(on_audit, Command("audit"), IsModerator())
    return router


async def on_moderators(
    message: Message, store: ModerationStorage, moderators: frozenset[int] = frozenset()
) -> None:
    lines = ["<b>Moderators</b>"]
    lines += [f"• {user} (BLOCKWATCH_MODERATORS)" for user in sorted(moderators)]
    for added in await store.moderators():
        if added.user_id not in moderators:
            by = "the command line" if added.added_by == 0 else str(added.added_by)
            lines.append(f"• {added.user_id} (added by {by}, {when(added.added_at)})")
    if len(lines) == 1:
        lines.append("None yet: set BLOCKWATCH_MODERATORS.")
    await reply(message, fit(lines))


async def on_addmod(
    message: Message,
    command: CommandObject,
    store: ModerationStorage,
    moderators: frozenset[int] = frozenset(),
    clock: Clock = utc_now,
) -> None:
    target = _target(message, command)
    if target is None:
        await reply(message, _USAGE.format(command="addmod"))
    elif target in moderators or await store.is_moderator(target):
        await reply(message, f"{target} is a moderator already.")
    else:
        await store.add_moderator(target, message.from_user.id if message.from_user else 0, clock())
        log.debug("moderator %s added %s", message.from_user and message.from_user.id, target)
        await reply(
            message,
            f"{target} is a moderator now. They can use the moderators' "
            "commands once they have started a chat with the bot.",
        )


async def on_delmod(
    message: Message,
    command: CommandObject,
    store: ModerationStorage,
    moderators: frozenset[int] = frozenset(),
    clock: Clock = utc_now,
) -> None:
    target = _target(message, command)
    if target is None:
        await reply(message, _USAGE.format(command="delmod"))
    elif target in moderators:
        await reply(
            message,
            f"{target} is listed in BLOCKWATCH_MODERATORS: only the operator "
            "can remove them, there.",
        )
    elif await store.remove_moderator(
        target, message.from_user.id if message.from_user else 0, clock()
    ):
        log.debug("moderator %s removed %s", message.from_user and message.from_user.id, target)
        await reply(message, f"{target} is no longer a moderator.")
    else:
        await reply(message, f"{target} is not a moderator.")


async def on_audit(message: Message, command: CommandObject, store: ModerationStorage) -> None:
    """/audit [N]: the newest N actions (20; at most 100)."""
    arg = (command.args or "").strip()
    shown = (
        min(int(arg), AUDIT_MOST) if arg.isascii() and arg.isdigit() and int(arg) else AUDIT_SHOWN
    )
    entries = await store.audit_log(shown)
    if not entries:
        await reply(message, "The audit log is empty.")
        return
    lines = [f"<b>Audit log</b>, newest first ({len(entries)}):"]
    lines += [
        f"{when(e.at)} · {e.actor_id or 'command line'} · <b>{html.escape(e.action)}</b>"
        f" {html.escape(e.detail)}"
        for e in entries
    ]
    await reply(message, fit(lines))


_USAGE = (
    "Give a Telegram user id (/{command} 123456789), or send /{command} in reply to "
    "the person's own message."
)


def _target(message: Message, command: CommandObject) -> int | None:
    """The user id typed after the command, else the author of the message replied to.

    A reply names its author only when a person wrote it themselves: a forward, a bot's
    message or one posted in a chat's name says nothing reliable about who that person is.
    """
    if command.args:
        return user_id(command.args)
    replied = message.reply_to_message
    if replied is None or replied.sender_chat is not None or replied.forward_origin is not None:
        return None
    author = replied.from_user
    return author.id if author is not None and not author.is_bot else None

"""`blockwatch moderators` and `blockwatch audit`: the operator's side of moderation.

    blockwatch moderators                  who moderates (BLOCKWATCH_MODERATORS and runtime)
    blockwatch moderators add USER_ID      audited as the operator (user id 0)
    blockwatch moderators remove USER_ID   runtime moderators only: the environment is yours
    blockwatch audit [-n N]                the newest moderator actions

Prints user ids: an operator's commands, like `blockwatch subscribers`.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from bot.cli.store import with_store
from bot.config import Settings
from bot.core.moderation import OPERATOR
from storage.store import Store


def add_moderation_commands(commands: Any) -> None:
    """`moderators` and `audit`, on the top-level subparsers."""
    moderators = commands.add_parser("moderators", help="list, add or remove moderators")
    moderators.set_defaults(handler=_list)
    actions = moderators.add_subparsers(metavar="ACTION")
    for name, handler in (("add", _add), ("remove", _remove)):
        action = actions.add_parser(name, help=f"{name} a moderator by Telegram user id")
        action.add_argument("user_id", type=_user_id, metavar="USER_ID")
        action.set_defaults(handler=handler)
    audit = commands.add_parser("audit", help="the newest moderator actions")
    audit.add_argument("-n", type=int, default=50, metavar="N", help="how many (default 50)")
    audit.set_defaults(handler=_audit)


def _user_id(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or int(value) == 0:
        raise argparse.ArgumentTypeError(f"not a Telegram user id: {value!r}")
    return int(value)


def _list(args: argparse.Namespace, settings: Settings) -> int:
    async def listing(store: Store) -> int:
        for user in sorted(settings.moderators):
            print(f"{user}\tBLOCKWATCH_MODERATORS")
        for added in await store.moderators():
            if added.user_id not in settings.moderators:
                by = "command line" if added.added_by == OPERATOR else added.added_by
                print(f"{added.user_id}\tadded by {by}, {added.added_at:%Y-%m-%d %H:%M} UTC")
        return 0

    return with_store(settings, listing)


def _add(args: argparse.Namespace, settings: Settings) -> int:
    async def add(store: Store) -> int:
        added = await store.add_moderator(args.user_id, OPERATOR, datetime.now(UTC))
        print(
            f"{args.user_id} is a moderator now"
            if added
            else f"{args.user_id} is a moderator already"
        )
        return 0

    return with_store(settings, add)


def _remove(args: argparse.Namespace, settings: Settings) -> int:
    if args.user_id in settings.moderators:
        print(f"{args.user_id} is in BLOCKWATCH_MODERATORS: remove it there")
        return 1

    async def remove(store: Store) -> int:
        if await store.remove_moderator(args.user_id, OPERATOR, datetime.now(UTC)):
            print(f"{args.user_id} is no longer a moderator")
            return 0
        print(f"{args.user_id} is not a moderator")
        return 1

    return with_store(settings, remove)


def _audit(args: argparse.Namespace, settings: Settings) -> int:
    async def show(store: Store) -> int:
        for entry in await store.audit_log(max(args.n, 1)):
            actor = "command line" if entry.actor_id == OPERATOR else entry.actor_id
            print(f"{entry.at:%Y-%m-%d %H:%M} UTC\t{actor}\t{entry.action}\t{entry.detail}")
        return 0

    return with_store(settings, show)

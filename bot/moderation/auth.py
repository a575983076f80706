"""Who is a moderator: the one check every moderator command and button passes.

A moderator is a Telegram *user*: listed in BLOCKWATCH_MODERATORS (the dispatcher's workflow
data `moderators`) or added at runtime (storage). The check looks at the sender's user id and
nothing else: not the chat (a moderators' group admits no one by itself), not an administrator
status, not whom a message was forwarded from. A message posted in a group's or channel's name
(`sender_chat`: anonymous administrators, linked channels) carries a stand-in user id, so it
is never a moderator's, and neither is a bot's.

    router.message.register(handler, Command("feeds"), IsModerator())
    router.callback_query.register(handler, SomeData.filter(), IsModerator())
"""

from __future__ import annotations

import logging
from typing import Protocol

from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message, User

log = logging.getLogger(__name__)


class ModeratorLookup(Protocol):
    async def is_moderator(self, user_id: int) -> bool: ...


class IsModerator(Filter):
    """Passes only when the sender is a moderator, in any chat."""

    async def __call__(
        self,
        event: Message | CallbackQuery,
        store: ModeratorLookup | None = None,
        moderators: frozenset[int] = frozenset(),
    ) -> bool:
        user = sender(event)
        if user is None:
            return False
        allowed = await is_moderator(user.id, moderators, store)
        if not allowed:
            log.debug("user %s is not a moderator", user.id)
        return allowed


def sender(event: Message | CallbackQuery) -> User | None:
    """The person who sent the message or pressed the button; None when no person did."""
    if isinstance(event, Message) and event.sender_chat is not None:
        return None  # posted in a chat's name: from_user is a stand-in, not the person
    user = event.from_user
    if user is None or user.is_bot:
        return None
    return user


async def is_moderator(
    user_id: int, moderators: frozenset[int], store: ModeratorLookup | None
) -> bool:
    """Listed in the environment, or added at runtime."""
    if user_id in moderators:
        return True
    return store is not None and await store.is_moderator(user_id)

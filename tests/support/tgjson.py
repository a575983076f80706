"""Telegram objects shaped as the Bot API sends them, for the stand-in (tests/support/botapi.py)
and tests.

The stand-in answers with these JSON shapes and aiogram validates them strictly (pydantic), so
every required field of the real API is here, and nothing else.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any, Literal

from aiogram.types import Chat, Message, MessageEntity, Update, User

Json = dict[str, Any]
BOT_ID = 123456
BOT_USERNAME = "blockwatch_test_bot"

# ChatMemberAdministrator's required flags (aiogram 3.31 validates every one of them).
_ADMIN_RIGHTS = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
)


def bot_user_json() -> Json:
    """The bot itself, as getMe returns it."""
    return {"id": BOT_ID, "is_bot": True, "first_name": "Blockwatch", "username": BOT_USERNAME}


def message_json(message_id: int, chat_id: int | str, text: str) -> Json:
    """The Message that sendMessage returns: private chats have positive ids, groups negative."""
    chat: Json = {"id": chat_id, "type": "private"}
    if isinstance(chat_id, str):  # an @channel username
        chat = {"id": -1000000000001, "type": "channel", "username": chat_id.lstrip("@")}
    elif chat_id < 0:
        chat = {"id": chat_id, "type": "supergroup", "title": "Test group"}
    return {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": chat,
        "from": bot_user_json(),
        "text": text,
    }


def chat_member_json(
    user_id: int,
    status: Literal["creator", "administrator", "member"],
    *,
    can_post_messages: bool = True,
) -> Json:
    """A ChatMember as getChatMember returns it: an administrator with no rights beyond that
    one but posting (which channels report, and the bot needs there)."""
    user = {"id": user_id, "is_bot": user_id == BOT_ID, "first_name": f"user{user_id}"}
    if status == "creator":
        return {"status": status, "user": user, "is_anonymous": False}
    if status == "administrator":
        return {
            "status": status,
            "user": user,
            **dict.fromkeys(_ADMIN_RIGHTS, False),
            "can_post_messages": can_post_messages,
        }
    return {"status": status, "user": user}


def chat_full_info_json(chat_id: int, chat_type: str, title: str, username: str | None) -> Json:
    """A ChatFullInfo as getChat returns it (every field aiogram requires, no more)."""
    gifts = dict.fromkeys(
        (
            "unlimited_gifts",
            "limited_gifts",
            "unique_gifts",
            "premium_subscription",
            "gifts_from_channels",
        ),
        False,
    )
    info: Json = {
        "id": chat_id,
        "type": chat_type,
        "title": title,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": gifts,
    }
    if username:
        info["username"] = username
    return info


def make_test_update(
    text: str,
    *,
    chat_id: int,
    user_id: int | None = None,
    chat_type: str = "private",
    language_code: str | None = "en",
    update_id: int = 0,
) -> Update:
    """A text message from a user: in a private chat (chat id = user id) or in a group.

    Commands carry their bot_command entity, as real clients send them.
    """
    user_id = chat_id if user_id is None else user_id
    command = text.split(maxsplit=1)[0] if text.startswith("/") else ""
    entities = (
        [MessageEntity(type="bot_command", offset=0, length=len(command))] if command else None
    )
    title = None if chat_type == "private" else "Test group"
    return Update(
        update_id=update_id,
        message=Message(
            message_id=update_id or 1,
            date=datetime.now(UTC),
            chat=Chat(id=chat_id, type=chat_type, title=title),
            from_user=User(
                id=user_id, is_bot=False, first_name="Tester", language_code=language_code
            ),
            text=text,
            entities=entities,
        ),
    )

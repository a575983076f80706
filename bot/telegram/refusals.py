"""What a Telegram 400 "Bad Request" is about: the chat, its forum topic, or the message.

The Bot API answers 400 both for a chat we can no longer post to ("chat not found") and for a
message it cannot take ("can't parse entities", "message is too long"). Only the first may stop
a subscription: taking a rendering bug for a dead chat would unsubscribe everyone who got that
alert (issue 12). So the chat-level descriptions are listed here, and every 400 not listed is
taken to be about the message: it fails, the moderators are told, and nobody is unsubscribed
on a guess.

Matched case-insensitively as substrings of the description, first match wins. The phrases are
Telegram's own wording (Bot API descriptions and the MTProto error names it passes through).
"""

from __future__ import annotations

from typing import Literal

RefusalScope = Literal["chat", "topic", "message"]

BAD_REQUEST_SCOPES: tuple[tuple[str, RefusalScope], ...] = (
    # The forum topic was deleted; the chat lives on (bot/delivery/outbox.py falls back to General).
    ("message thread not found", "topic"),
    # The chat is gone, or the bot may not post in it: stop sending; /start revives it.
    ("chat not found", "chat"),
    ("peer_id_invalid", "chat"),
    ("bot is not a member", "chat"),
    ("bot was kicked", "chat"),
    ("bot was blocked", "chat"),
    ("have no rights to send", "chat"),
    ("not enough rights to send", "chat"),
    ("need administrator rights", "chat"),
    ("chat_admin_required", "chat"),
    ("chat_write_forbidden", "chat"),
    ("chat_restricted", "chat"),
    ("channel_private", "chat"),
    ("user is deactivated", "chat"),
    ("chat is deactivated", "chat"),
    ("user not found", "chat"),
    # Upgraded to a supergroup without saying where (with migrate_to_chat_id, aiogram raises
    # TelegramMigrateToChat and the subscriber moves instead).
    ("group chat was upgraded", "chat"),
)


def bad_request_scope(description: str) -> RefusalScope:
    """What a 400's description is about; "message" for anything not listed above."""
    said = description.lower()
    return next((scope for phrase, scope in BAD_REQUEST_SCOPES if phrase in said), "message")

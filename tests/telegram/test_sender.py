"""The Telegram adapter: aiogram's real Bot against the local Bot API stand-in
(tests/support/botapi.py)."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys

import pytest
from aiogram import Bot

from bot.core.errors import (
    MessageRefusedError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
    TopicGoneError,
)
from bot.core.models import OutgoingMessage
from bot.telegram.pacing import Limits, Pacer
from bot.telegram.sender import TelegramSender, make_bot
from tests.support.botapi import BotAPI, SentMessage
from tests.support.paths import REPO

ALERT = OutgoingMessage(
    text='<b>Turkmenistan: IMO blocked</b>\n<a href="https://a.example/1">A</a>'
)


def paced(bot: Bot, pacer: Pacer | None = None) -> TelegramSender:
    """A sender on Telegram's limits twenty times faster: one message per 50 ms per chat."""
    return TelegramSender(bot, pacer or Pacer(Limits().scaled(0.05)))


def send_params(api: BotAPI) -> list[dict[str, object]]:
    return [params for method, params in api.calls if method.lower() == "sendmessage"]


async def test_send_posts_html_without_link_previews(bot_api: BotAPI, bot: Bot) -> None:
    sender = paced(bot)
    async with sender.batch() as batch:
        await batch.send("1001", ALERT)
        await batch.send("@blockwatch_channel", ALERT)
    [private, channel] = bot_api.sent
    assert (private.chat_id, private.text, private.parse_mode) == (1001, ALERT.text, "HTML")
    assert private.link_preview_options == {"is_disabled": True}
    assert channel.chat_id == "@blockwatch_channel"


async def test_quiet_messages_are_silent_and_topics_are_threads(bot_api: BotAPI, bot: Bot) -> None:
    sender = paced(bot)
    await sender.send("-1001", OutgoingMessage(text="quiet", silent=True, topic_id=7))
    await sender.send("-1002", OutgoingMessage(text="loud"))
    quiet, loud = send_params(bot_api)
    assert (str(quiet["disable_notification"]).lower(), quiet["message_thread_id"]) == ("true", "7")
    assert "disable_notification" not in loud and "message_thread_id" not in loud


async def test_a_deleted_topic_is_its_own_refusal(bot_api: BotAPI, bot: Bot) -> None:
    bot_api.fail(-1001, 400, "Bad Request: message thread not found")
    with pytest.raises(TopicGoneError) as caught:
        await paced(bot).send("-1001", OutgoingMessage(text="x", topic_id=7))
    assert isinstance(caught.value, PermanentDeliveryError) and caught.value.new_address is None


async def test_a_turn_too_far_off_is_temporary_and_sends_nothing(bot_api: BotAPI, bot: Bot) -> None:
    sender = paced(bot, Pacer(max_wait=0.5))  # Telegram's real pace: 1 s per chat
    await sender.send("1001", ALERT)
    with pytest.raises(TemporaryDeliveryError) as caught:
        await sender.send("1001", ALERT)
    assert caught.value.retry_after is not None and 0.5 < caught.value.retry_after <= 1.0
    await sender.send("1002", ALERT)  # other chats go on at once
    assert [m.chat_id for m in bot_api.sent] == [1001, 1002]


async def test_flood_control_is_temporary_with_the_servers_delay(bot_api: BotAPI, bot: Bot) -> None:
    bot_api.flood(1001, retry_after=7, times=1)
    with pytest.raises(TemporaryDeliveryError) as caught:
        await paced(bot).send("1001", ALERT)
    assert caught.value.retry_after == 7
    await paced(bot).send("1001", ALERT)  # the flood was for one send only
    assert bot_api.texts_to(1001) == [ALERT.text]


async def test_blocked_bot_is_permanent(bot_api: BotAPI, bot: Bot) -> None:
    bot_api.block(1001)
    with pytest.raises(PermanentDeliveryError) as caught:
        await paced(bot).send("1001", ALERT)
    assert caught.value.new_address is None
    assert "blocked" in caught.value.reason
    assert bot_api.sent == []


async def test_migrated_group_gives_its_new_chat_id(bot_api: BotAPI, bot: Bot) -> None:
    bot_api.migrate(-1001, -1009999)
    with pytest.raises(PermanentDeliveryError) as caught:
        await paced(bot).send("-1001", ALERT)
    assert caught.value.new_address == "-1009999"


@pytest.mark.parametrize(
    "description",
    [
        "Bad Request: chat not found",
        "Bad Request: PEER_ID_INVALID",
        "Bad Request: have no rights to send a message",
        "Bad Request: bot is not a member of the channel chat",
    ],
)
async def test_bad_requests_about_the_chat_are_permanent(
    bot_api: BotAPI, bot: Bot, description: str
) -> None:
    bot_api.fail(1001, 400, description)
    with pytest.raises(PermanentDeliveryError) as caught:
        await paced(bot).send("1001", ALERT)
    assert caught.value.reason == description.removeprefix("Bad Request: ")


# Issue 12 changed this: a 400 about the message was a PermanentDeliveryError, which set the
# subscriber inactive.
@pytest.mark.parametrize(
    "description",
    [
        'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3',
        "Bad Request: message is too long",
        "Bad Request: message text is empty",
        "Bad Request: something Telegram never said before",
    ],
)
async def test_bad_requests_about_the_message_refuse_the_message_only(
    bot_api: BotAPI, bot: Bot, description: str
) -> None:
    bot_api.fail(1001, 400, description)
    with pytest.raises(MessageRefusedError) as caught:
        await paced(bot).send("1001", ALERT)
    assert caught.value.reason == description.removeprefix("Bad Request: ")


async def test_server_errors_are_temporary(bot_api: BotAPI, bot: Bot) -> None:
    bot_api.fail(1001, 502, "Bad Gateway")
    with pytest.raises(TemporaryDeliveryError) as caught:
        await paced(bot).send("1001", ALERT)
    assert caught.value.retry_after is None and caught.value.channel_down


async def test_unreachable_server_is_temporary() -> None:
    with socket.socket() as probe:  # a port nothing listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        bot = make_bot("1:x", f"http://127.0.0.1:{port}")
        try:
            with pytest.raises(TemporaryDeliveryError) as caught:
                await paced(bot).send("1001", ALERT)
        finally:
            await bot.session.close()
    assert "TelegramNetworkError" in caught.value.reason


async def test_a_message_whose_answer_never_left_is_not_accepted(bot_api: BotAPI, bot: Bot) -> None:
    """The hook runs before the answer; cutting the client off then loses that message."""
    hook_done = asyncio.Event()

    async def cut_off_second(message: SentMessage) -> None:
        if message.seq == 2:
            await bot.session.close()  # the client vanishes, as a killed process would
            hook_done.set()

    bot_api.before_send = cut_off_second
    sender = paced(bot)
    await sender.send("1001", OutgoingMessage(text="one"))
    with pytest.raises(TemporaryDeliveryError):
        await sender.send("1001", OutgoingMessage(text="two"))
    await asyncio.wait_for(hook_done.wait(), 5)
    await asyncio.sleep(0.05)  # the stand-in's handler finishes after the hook
    assert bot_api.texts_to(1001) == ["one"]


SENDER_SCRIPT = """
import asyncio, sys
from bot.core.models import OutgoingMessage
from bot.telegram.sender import TelegramSender, make_bot

async def main() -> None:
    sender = TelegramSender(make_bot(sys.argv[1], sys.argv[2]))
    for n in range(1, 6):
        await sender.send(str(1000 + n), OutgoingMessage(text=f"message {n}"))

asyncio.run(main())
"""


@pytest.mark.slow
async def test_a_killed_client_leaves_its_message_in_flight_unaccepted(bot_api: BotAPI) -> None:
    """What crash tests rely on: SIGKILL in the hook, and that message does not count."""
    client = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SENDER_SCRIPT,
        bot_api.token,
        bot_api.base_url,
        cwd=REPO,
        stderr=asyncio.subprocess.DEVNULL,
    )

    async def kill_at_third(message: SentMessage) -> None:
        if message.seq == 3:
            client.send_signal(signal.SIGKILL)
            await client.wait()

    bot_api.before_send = kill_at_third
    await asyncio.wait_for(client.wait(), 30)
    assert client.returncode == -signal.SIGKILL
    assert [message.text for message in bot_api.sent] == ["message 1", "message 2"]

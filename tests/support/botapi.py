"""A local stand-in for the Telegram Bot API, for aiogram's real client to talk to.

A real aiohttp server on 127.0.0.1 (random port) answering `POST /bot{token}/{method}` with form
or JSON bodies (aiogram sends url-encoded forms, nested objects as JSON strings). Point a bot at
it with `TelegramAPIServer.from_base(api.base_url)`, i.e. `bot.telegram.sender.make_bot(api.token,
api.base_url)`. It records what it accepted and can be told to fail, per chat:

    api.flood(chat, retry_after=3, times=2)   429 with parameters.retry_after for the next 2 sends
    api.block(chat)                           403 "Forbidden: bot was blocked by the user"
    api.migrate(chat, new_chat)               400 with parameters.migrate_to_chat_id
    api.fail(chat, 400, "Bad Request: chat not found", times=None)   anything else (None: forever)
    api.fail(chat, 400, "Bad Request: can't parse entities: ...")  a message-level refusal
    api.fail_raw(chat, 502, "<html>Bad Gateway</html>")   a reply that is not the API's JSON (a
                                              proxy's error page; 200 "garbage" for junk)
    api.hang(chat, times=None)                sendMessage never answered: the client must give
                                              up; `api.hanging` counts those waiting now,
                                              `api.given_up` those whose client went away
    api.clear_faults()                        every injected fault gone: the API is back
    api.before_send = hook                    awaited before each sendMessage is answered
    api.enforce_limits(scale=0.1)             Telegram's flood limits: 429 when a client sends
                                              faster (tests/support/floodlimits.py)
    api.add_chat(-100555, "channel", "News", username="news")   getChat by id or @news;
                                              getChatMember in a channel the bot does not
                                              administer answers 400, as Telegram does
    api.set_admins(chat, *users, creator=, can_post=)           who getChatMember calls admins
    api.webhook                               what setWebhook registered (url, secret_token,
                                              allowed_updates), None after deleteWebhook;
                                              getWebhookInfo answers from it
    await api.post_to_webhook(update, secret=...)   post an update to the registered URL as
                                              Telegram does, with its secret token header
                                              (or `secret`); (status, body) of the answer

A sendMessage counts as accepted (lands in `api.sent`) only once its response went out, so a
hook that kills the client makes that message a lost one, as a crash would in production.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram.types import Update
from aiohttp import web

from tests.support.floodlimits import (
    FloodLimits,  # issue 4: Telegram's flood limits, enforced on request
)
from tests.support.tgjson import (
    BOT_ID,
    Json,
    bot_user_json,
    chat_full_info_json,
    chat_member_json,
    make_test_update,
    message_json,
)

__all__ = ["BotAPI", "SentMessage", "make_test_update"]


@dataclass(frozen=True)
class SentMessage:
    """One sendMessage the stand-in accepted (or, for the hook, is about to answer)."""

    seq: int  # 1-based count of the sendMessage calls no injected fault answered
    chat_id: int | str
    text: str
    parse_mode: str | None
    link_preview_options: Json | None
    message_id: int


@dataclass
class Fault:
    status: int
    description: str
    parameters: Json | None = None
    times: int | None = 1  # None: every send from now on
    body: str | None = None  # the raw reply instead of the API's JSON (fail_raw)
    content_type: str = "text/html"
    hang: bool = False  # never answer (hang)


@dataclass
class BotAPI:
    token: str = f"{BOT_ID}:stand-in-token"
    long_poll_cap: float = 0.5  # getUpdates waits at most this long, whatever `timeout` says
    sent: list[SentMessage] = field(default_factory=list)
    calls: list[tuple[str, Json]] = field(default_factory=list)  # every request: method, params
    before_send: Callable[[SentMessage], Awaitable[None]] | None = None
    base_url: str = ""
    _faults: dict[int | str, list[Fault]] = field(default_factory=dict)
    _admins: dict[int, set[int]] = field(default_factory=dict)
    _creators: dict[int, int] = field(default_factory=dict)
    _may_post: dict[int, bool] = field(default_factory=dict)
    _chats: dict[int, Json] = field(default_factory=dict)  # getChat answers, by id
    _refused: dict[str, tuple[int, str]] = field(default_factory=dict)  # method -> error
    _updates: list[Json] = field(default_factory=list)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _attempts: int = 0
    _new_update: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None
    flood_limits: FloodLimits | None = None  # enforce_limits(): tests/support/floodlimits.py
    hanging: int = 0  # requests hang() holds unanswered now
    given_up: int = 0  # hung requests whose client closed the connection
    _stopping: bool = False
    webhook: Json | None = None  # setWebhook's parameters, until deleteWebhook

    # --- lifecycle --------------------------------------------------------------------------
    async def start(self, port: int = 0) -> None:
        """Listen on 127.0.0.1:`port` (0: any free port); `base_url` says where."""
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._dispatch)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        self._new_update.set()  # wake pending long polls so shutdown does not wait for them
        self._stopping = True  # and end hung requests
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- test controls ----------------------------------------------------------------------
    def fail(
        self,
        chat_id: int | str,
        status: int,
        description: str,
        *,
        parameters: Json | None = None,
        times: int | None = 1,
    ) -> None:
        self._faults.setdefault(chat_id, []).append(Fault(status, description, parameters, times))

    def fail_raw(
        self,
        chat_id: int | str,
        status: int,
        body: str,
        *,
        content_type: str = "text/html",
        times: int | None = 1,
    ) -> None:
        """Answer with `body` as it is, not the API's JSON: what a proxy in front of it says."""
        self._faults.setdefault(chat_id, []).append(
            Fault(status, "", times=times, body=body, content_type=content_type)
        )

    def hang(self, chat_id: int | str, *, times: int | None = None) -> None:
        """Never answer: the request waits until the client gives up (or the server stops)."""
        self._faults.setdefault(chat_id, []).append(Fault(0, "", times=times, hang=True))

    def clear_faults(self) -> None:
        self._faults.clear()
        self._refused.clear()

    def refuse(self, method: str, status: int, description: str) -> None:
        """Answer every call of `method` (any chat, or none: setMyCommands) with this error."""
        self._refused[method.lower()] = (status, description)

    def flood(self, chat_id: int | str, retry_after: int, times: int = 1) -> None:
        self.fail(
            chat_id,
            429,
            f"Too Many Requests: retry after {retry_after}",
            parameters={"retry_after": retry_after},
            times=times,
        )

    def block(self, chat_id: int | str) -> None:
        self.fail(chat_id, 403, "Forbidden: bot was blocked by the user", times=None)

    def migrate(self, chat_id: int | str, new_chat_id: int) -> None:
        self.fail(
            chat_id,
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            parameters={"migrate_to_chat_id": new_chat_id},
            times=None,
        )

    def enforce_limits(self, scale: float = 1.0) -> FloodLimits:
        """From now on, answer 429 to sends beyond Telegram's limits (periods x `scale`)."""
        self.flood_limits = FloodLimits(scale=scale)
        return self.flood_limits

    def set_admins(
        self, chat_id: int, *user_ids: int, creator: int | None = None, can_post: bool = True
    ) -> None:
        """Who getChatMember reports as administrator / creator of a chat; others are members.
        `can_post`: the administrators' can_post_messages (a channel's posting right)."""
        self._admins[chat_id] = set(user_ids)
        self._may_post[chat_id] = can_post
        if creator is not None:
            self._creators[chat_id] = creator

    def add_chat(
        self, chat_id: int, chat_type: str, title: str, *, username: str | None = None
    ) -> None:
        """A chat getChat knows, by its id and by @username."""
        self._chats[chat_id] = chat_full_info_json(chat_id, chat_type, title, username)

    def push_update(self, update: Update | Json) -> None:
        """Queue an update for getUpdates (update_id numbered here when missing or 0)."""
        data = (
            update.model_dump(mode="json", exclude_none=True, by_alias=True)
            if isinstance(update, Update)
            else dict(update)
        )
        if not data.get("update_id"):
            data["update_id"] = next(self._update_ids)
        self._updates.append(data)
        self._new_update.set()

    async def post_to_webhook(
        self, update: Update | Json, *, secret: str | None = None
    ) -> tuple[int, str]:
        """POST the update to the registered webhook with the registered secret token (or
        `secret`; "" sends no header), over loopback as Telegram would."""
        import aiohttp  # the client side, only here

        assert self.webhook is not None, "no webhook registered"
        data = (
            update.model_dump(mode="json", exclude_none=True, by_alias=True)
            if isinstance(update, Update)
            else dict(update)
        )
        data.setdefault("update_id", next(self._update_ids))
        token = self.webhook.get("secret_token") if secret is None else secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": str(token)} if token else {}
        async with (
            aiohttp.ClientSession() as session,
            session.post(str(self.webhook["url"]), json=data, headers=headers) as response,
        ):
            return response.status, await response.text()

    def messages_to(self, chat_id: int | str) -> list[SentMessage]:
        return [message for message in self.sent if message.chat_id == chat_id]

    def texts_to(self, chat_id: int | str) -> list[str]:
        return [message.text for message in self.messages_to(chat_id)]

    def methods(self) -> list[str]:
        return [method for method, _ in self.calls]

    # --- the API ----------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params = await _params(request)
        self.calls.append((method, params))
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        if method.lower() in self._refused:
            return _error(*self._refused[method.lower()])
        if method.lower() == "sendmessage":
            return await self._send_message(request, params)
        if method.lower() == "getupdates":
            return _ok(await self._get_updates(params))
        # The rest answer at once; the harmless ones just say yes.
        simple: dict[str, Callable[[], Any]] = {
            "getme": bot_user_json,
            "getchat": lambda: self._chat(params),
            "getchatmember": lambda: self._chat_member(params),
            "deletewebhook": lambda: self._set_webhook(None),
            "setwebhook": lambda: self._set_webhook(params),
            "getwebhookinfo": self._webhook_info,
            "setmycommands": lambda: True,
            "close": lambda: True,
            "logout": lambda: True,
        }
        if method.lower() in _BUTTON_METHODS:
            return await self._button_method(request, method.lower(), params)
        handler = simple.get(method.lower())
        if handler is None:
            return _error(404, "Not Found: method not found")
        try:
            return _ok(handler())
        except LookupError as exc:  # what Telegram says of chats it will not show us
            return _error(400, f"Bad Request: {exc.args[0]}")

    # --- callback queries (inline-keyboard buttons) --------------------------------------------
    # answerCallbackQuery says yes; the edits answer with the edited message, as Telegram does,
    # or with the chat's next injected fault (`api.fail(chat, 400, "Bad Request: message is not
    # modified")`). Edits are recorded in `calls` only, never in `sent`: not new messages.
    async def _button_method(
        self, request: web.Request, method: str, params: Json
    ) -> web.StreamResponse:
        if method == "answercallbackquery":
            return _ok(True)
        chat_id, message_id = _chat_id(params["chat_id"]), int(params["message_id"])
        fault = self._take_fault(chat_id)
        if fault is not None:
            return await self._fault_answer(request, fault)
        return _ok(message_json(message_id, chat_id, str(params.get("text", ""))))

    async def _send_message(self, request: web.Request, params: Json) -> web.StreamResponse:
        chat_id = _chat_id(params["chat_id"])
        fault = self._take_fault(chat_id)
        if fault is not None:
            return await self._fault_answer(request, fault)
        if self.flood_limits is not None and (wait := self.flood_limits.check(chat_id)):
            return _error(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
        self._attempts += 1
        preview = params.get("link_preview_options")
        message = SentMessage(
            self._attempts,
            chat_id,
            str(params["text"]),
            params.get("parse_mode"),
            json.loads(preview) if isinstance(preview, str) else preview,
            next(self._message_ids),
        )
        if self.before_send is not None:
            await self.before_send(message)
            # A client the hook killed has closed its socket; give the loop a moment to see
            # it, or the answer would go into the kernel buffer and count as accepted.
            await asyncio.sleep(0.02)
        transport = request.transport
        if transport is None or transport.is_closing():
            return _error(503, "client went away before the answer")  # never read: not accepted
        response = _ok(message_json(message.message_id, message.chat_id, message.text))
        try:
            await response.prepare(request)
            await response.write_eof()
        except ConnectionResetError:
            return response  # the client is gone: not accepted
        self.sent.append(message)  # only now: the answer is on its way to the client
        return response

    async def _fault_answer(self, request: web.Request, fault: Fault) -> web.StreamResponse:
        if fault.hang:
            await self._hang(request)
            return _error(504, "never read: the client is gone")
        if fault.body is not None:
            return web.Response(
                status=fault.status, text=fault.body, content_type=fault.content_type
            )
        return _error(fault.status, fault.description, fault.parameters)

    async def _hang(self, request: web.Request) -> None:
        """Hold the request until its client closes the connection, or the server stops."""
        self.hanging += 1
        try:
            while not self._stopping:
                transport = request.transport
                if transport is None or transport.is_closing():
                    self.given_up += 1
                    return
                await asyncio.sleep(0.01)
        finally:
            self.hanging -= 1

    def _take_fault(self, chat_id: int | str) -> Fault | None:
        faults = self._faults.get(chat_id)
        if not faults:
            return None
        fault = faults[0]
        if fault.times is not None:
            fault.times -= 1
            if fault.times <= 0:
                faults.pop(0)
        return fault

    def _set_webhook(self, params: Json | None) -> bool:
        self.webhook = dict(params) if params is not None else None
        return True

    def _webhook_info(self) -> Json:
        url = self.webhook["url"] if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    def _chat(self, params: Json) -> Json:
        wanted = str(params["chat_id"])
        for chat_id, info in self._chats.items():
            if wanted in (str(chat_id), f"@{info.get('username')}"):
                return info
        raise LookupError("chat not found")

    def _chat_member(self, params: Json) -> Json:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        chat = self._chats.get(chat_id)
        if chat and chat["type"] == "channel" and BOT_ID not in self._admins.get(chat_id, ()):
            raise LookupError("member list is inaccessible")  # the bot is not an admin there
        if self._creators.get(chat_id) == user_id:
            return chat_member_json(user_id, "creator")
        if user_id in self._admins.get(chat_id, set()):
            return chat_member_json(
                user_id, "administrator", can_post_messages=self._may_post.get(chat_id, True)
            )
        return chat_member_json(user_id, "member")

    async def _get_updates(self, params: Json) -> list[Json]:
        offset = int(params.get("offset", 0))
        # An offset confirms every update before it, as on the real server.
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            wait = min(float(params.get("timeout", 0)), self.long_poll_cap)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), wait)
        limit = int(params.get("limit", 100))
        return self._updates[:limit]


_BUTTON_METHODS = frozenset({"answercallbackquery", "editmessagetext", "editmessagereplymarkup"})


async def _params(request: web.Request) -> Json:
    if request.content_type == "application/json":
        return dict(await request.json())
    return dict(await request.post())


def _chat_id(raw: Any) -> int | str:
    text = str(raw)
    return int(text) if text.lstrip("-").isdigit() else text


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, parameters: Json | None = None) -> web.Response:
    body: Json = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)

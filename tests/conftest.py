"""Shared pytest fixtures. Each block belongs to one part of the service; add yours in its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram import Bot

from bot.telegram.sender import make_bot
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.feedserver import FeedServer
from tests.support.imapserver import ImapServer, require_dovecot
from tests.support.ooniserver import OoniServer
from tests.support.smtpserver import SmtpServer

# --- fetching: a real HTTP server for feeds (tests/support/feedserver.py) ------------------------


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    """A FeedServer on 127.0.0.1 with a random port, stopped after the test."""
    server = FeedServer()
    await server.start()
    try:
        yield server
    finally:
        await server.close()


# --- email: a real SMTP server (tests/support/smtpserver.py) -------------------------------------


@pytest.fixture
async def smtp_server() -> AsyncIterator[SmtpServer]:
    """An SmtpServer (aiosmtpd) on 127.0.0.1 with a random port, stopped after the test.

    `.received` holds each accepted ReceivedMail (envelope, raw bytes, parsed message),
    `.connections` counts TCP connections, `.reject(address, "550 ...")` and
    `.drop_on(address)` inject failures at RCPT TO, `.eight_bit_mime = False` hides 8BITMIME.
    """
    server = SmtpServer()
    await server.start()
    try:
        yield server
    finally:
        await server.close()


# --- telegram: a local stand-in for the Bot API (tests/support/botapi.py) ------------------------


@pytest.fixture
async def bot_api() -> AsyncIterator[BotAPI]:
    """A BotAPI stand-in on 127.0.0.1 with a random port, stopped after the test.

    Point aiogram at it with `make_bot(bot_api.token, bot_api.base_url)`. `.sent` holds each
    accepted SentMessage; `.flood/.block/.migrate/.fail` inject errors per chat,
    `.set_admins(chat, *users, creator=)` answers getChatMember, `.push_update(...)` feeds
    getUpdates, `.before_send` is awaited before each sendMessage is answered.
    """
    api = BotAPI()
    await api.start()
    try:
        yield api
    finally:
        await api.stop()


# --- email commands: a real IMAP server, Debian's dovecot (tests/support/imapserver.py) ----------


@pytest.fixture
async def imap_server() -> AsyncIterator[ImapServer]:
    """A dovecot of its own on 127.0.0.1 with a random port, stopped and removed after the test.

    `.url` is the IMAP_URL (imap://blockwatch:...@127.0.0.1:PORT/INBOX), `.deliver(raw)` appends
    a message to the INBOX and returns its UID, `.flags(uid)` reads its flags, `.set_flags(uid,
    ...)` adds some, `.stop()` takes the server down, `.log()` is dovecot's log. Skips when
    dovecot is not installed, but fails instead under CI (CI=true): .ci/run installs it.
    """
    require_dovecot()
    server = ImapServer()
    try:  # stop() also cleans up after a start that failed half-way
        await asyncio.to_thread(server.start)
        yield server
    finally:
        await asyncio.to_thread(server.stop)


# --- shared: the real store and a real bot client --------------------------------------------


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The database file `store` opens: for a test that also reads it with sqlite3."""
    return tmp_path / "blockwatch.db"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[SQLiteStorage]:
    """The tests' one store: an empty, migrated SQLiteStorage in `db_path`, closed after.

    A module that wants rows in it adds a fixture of its own that takes `store` and writes them
    (`subscribed`, `owed_alerts`, ...), rather than a second `store`.
    """
    storage = await SQLiteStorage.open(db_path)
    try:
        yield storage
    finally:
        await storage.close()


@pytest.fixture
async def bot(bot_api: BotAPI) -> AsyncIterator[Bot]:
    """aiogram's real Bot, talking to the `bot_api` stand-in."""
    client = make_bot(bot_api.token, bot_api.base_url)
    yield client
    await client.session.close()


# --- OONI: a stand-in for its aggregation API (tests/support/ooniserver.py) -----------------------


@pytest.fixture
async def ooni_server() -> AsyncIterator[OoniServer]:
    server = OoniServer()
    await server.start()
    try:
        yield server
    finally:
        await server.close()

"""Shared pytest fixtures. Each block belongs to one part of the service; add yours in its own."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from feedserver import FeedServer  # tests/ is on sys.path: it has no __init__.py
from smtpserver import SmtpServer

# --- fetching: a real HTTP server for feeds (tests/feedserver.py) -----------------------------


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    """A FeedServer on 127.0.0.1 with a random port, stopped after the test."""
    server = FeedServer()
    await server.start()
    try:
        yield server
    finally:
        await server.close()


# --- email: a real SMTP server (tests/smtpserver.py) ------------------------------------------


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

"""Delivery against a server that offers PIPELINING (RFC 2920) and one that does not: the outbox's
marking, the bounce counting and the lanes must hold alike on both paths (bot/mail/pipelining.py
and aiosmtplib's own)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.smtpserver import SmtpServer


@pytest.fixture(params=[True, False], ids=["pipelining", "no-pipelining"])
async def smtp_server(request: pytest.FixtureRequest) -> AsyncIterator[SmtpServer]:
    """tests/conftest.py's server, offering PIPELINING or not."""
    server = SmtpServer(pipelining=request.param)
    await server.start()
    try:
        yield server
    finally:
        await server.close()

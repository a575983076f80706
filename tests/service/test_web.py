"""The web endpoint (bot/service/web.py) on a real aiohttp server with the real SQLite store."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.core.errors import ConfigError
from bot.mail.links import unsubscribe_token
from bot.service.web import make_app, start_web
from storage.sqlite import SQLiteStorage
from tests.support.imapserver import free_port

ADDRESS = "aman@example.tm"
SECRET = b"k" * 32


TOKEN = unsubscribe_token(SECRET, 1)  # the first subscriber's


@pytest.fixture(autouse=True)
async def one_reader(store: SQLiteStorage) -> None:
    """The first subscriber, whose TOKEN the links carry."""
    subscriber = await store.subscribe("email", ADDRESS, ["TM"])
    assert subscriber.id == 1


@pytest.fixture
async def client(store: SQLiteStorage) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    async with TestClient(TestServer(make_app(store, SECRET))) as test_client:
        yield test_client


async def test_one_click_post_unsubscribes_and_forgets(
    client: TestClient[web.Request, web.Application],
    store: SQLiteStorage,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    response = await client.post(f"/unsubscribe/{TOKEN}", data={"List-Unsubscribe": "One-Click"})
    assert response.status == 200 and "unsubscribed" in await response.text()
    assert await store.subscriber("email", ADDRESS) is None
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot"))
    assert "unsubscribed" in ours and ADDRESS not in ours and TOKEN not in ours


async def test_get_only_asks(
    client: TestClient[web.Request, web.Application], store: SQLiteStorage
) -> None:
    """Mail scanners open links: a GET must change nothing."""
    response = await client.get(f"/unsubscribe/{TOKEN}")
    page = await response.text()
    assert response.status == 200 and 'method="post"' in page and "<img" not in page
    assert response.headers["Cache-Control"] == "no-store"
    assert await store.subscriber("email", ADDRESS) is not None


async def test_repeats_and_unknown_tokens_get_the_same_answer(
    client: TestClient[web.Request, web.Application],
) -> None:
    first = await client.post(f"/unsubscribe/{TOKEN}")
    again = await client.post(f"/unsubscribe/{TOKEN}")
    unknown = await client.post("/unsubscribe/AAAAAAAAAAAAAAAAAAAA")
    forged = await client.post(f"/unsubscribe/1-{'A' * 20}")
    assert first.status == again.status == unknown.status == forged.status == 200
    assert await first.text() == await again.text() == await unknown.text() == await forged.text()


async def test_a_forged_token_unsubscribes_nobody(
    client: TestClient[web.Request, web.Application], store: SQLiteStorage
) -> None:
    for token in (f"1-{'A' * 20}", unsubscribe_token(b"another secret", 1), "AAAAAAAAAAAAAAAAAAAA"):
        assert (await client.post(f"/unsubscribe/{token}")).status == 200
    assert await store.subscriber("email", ADDRESS) is not None


async def test_malformed_tokens_are_not_found(
    client: TestClient[web.Request, web.Application],
) -> None:
    assert (await client.post("/unsubscribe/short")).status == 404
    assert (await client.post("/unsubscribe/" + "a" * 65)).status == 404


async def test_health(client: TestClient[web.Request, web.Application]) -> None:
    response = await client.get("/health")
    assert response.status == 200 and await response.text() == "ok\ndatabase: up\n"


async def test_the_service_endpoint_logs_no_token(
    store: SQLiteStorage, caplog: pytest.LogCaptureFixture
) -> None:
    """URLs carry tokens: the running endpoint keeps no access log."""
    caplog.set_level(logging.DEBUG)
    port = free_port()
    runner = await start_web(store, port, host="127.0.0.1")
    token = unsubscribe_token(await store.mail_secret(), 1)  # the secret the service made
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"http://127.0.0.1:{port}/unsubscribe/{token}") as response,
        ):
            assert response.status == 200
    finally:
        await runner.cleanup()
    assert token not in caplog.text and "unsubscribed by one click" in caplog.text
    assert await store.subscriber("email", ADDRESS) is None


async def test_the_link_secret_survives_a_restart(tmp_path: Path) -> None:
    first = await SQLiteStorage.open(tmp_path / "secret.db")
    secret = await first.mail_secret()
    assert len(secret) == 32 and await first.mail_secret() == secret
    await first.close()
    again = await SQLiteStorage.open(tmp_path / "secret.db")
    try:
        assert await again.mail_secret() == secret  # links in mail already sent keep working
    finally:
        await again.close()


async def test_a_port_in_use_is_a_config_error_naming_the_setting(store: SQLiteStorage) -> None:
    port = free_port()
    with socket.socket() as other:  # another program holds the port
        other.bind(("127.0.0.1", port))
        other.listen()
        with pytest.raises(ConfigError) as refused:
            await start_web(store, port, host="127.0.0.1")
    assert refused.value.field == "BLOCKWATCH_HTTP_PORT"
    assert f"cannot listen on port {port} (Address already in use)" in refused.value.reason


async def test_health_fails_when_the_database_is_gone_and_the_log_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Our own failure, unlike a client's malformed request, reaches the error log; /health
    names the part down and answers 503."""
    store = await SQLiteStorage.open(tmp_path / "gone.db")
    port = free_port()
    runner = await start_web(store, port, host="127.0.0.1")
    await store.close()  # the database is gone
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{port}/health") as response,
        ):
            assert response.status == 503
            assert (await response.text()).startswith("down: database\n")
    finally:
        await runner.cleanup()
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.name == "bot.service.admin" and "database does not answer" in logged.message

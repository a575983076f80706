"""`blockwatch check` against the real local servers: the Bot API stand-in, aiosmtpd, dovecot
and an aiohttp feed server. Each configured part gets one ✓ or ✗ line; any ✗ exits 1."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.support.botapi import BotAPI
from tests.support.command import SETTING_PREFIXES
from tests.support.feedbuilder import feeds_toml, imo_blocked, rss
from tests.support.feedserver import FeedServer
from tests.support.imapserver import ImapServer, free_port
from tests.support.loopback import LOOPBACK_HOSTS
from tests.support.smtpserver import SmtpServer

NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env; the database and feeds.toml land here
    for name in list(os.environ):
        if name.startswith(SETTING_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("BLOCKWATCH_ALLOW_HOSTS", LOOPBACK_HOSTS)
    return tmp_path


async def check(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, str]]:
    """`blockwatch check` in a thread (it runs its own event loop; the servers run on ours)."""
    code = await asyncio.to_thread(main, ["check"])
    lines = capsys.readouterr().out.splitlines()
    return code, {line.split(":")[0]: line for line in lines}


@pytest.fixture
def one_feed(feed_server: FeedServer, workdir: Path) -> str:
    url = feed_server.feed("/tm.xml", rss("Azatlyk", [imo_blocked(NOW)]))
    (workdir / "feeds.toml").write_text(feeds_toml([("Azatlyk", url, "en")]), encoding="utf-8")
    return url


async def test_every_server_answers(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    one_feed: str,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    imap_server: ImapServer,
) -> None:
    smtp_server.credentials = ("alerts", "s3cret")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", bot_api.token)
    monkeypatch.setenv("TELEGRAM_API_URL", bot_api.base_url)
    monkeypatch.setenv("SMTP_URL", f"smtp://alerts:s3cret@127.0.0.1:{smtp_server.port}")
    monkeypatch.setenv("IMAP_URL", imap_server.url)
    code, lines = await check(capsys)
    assert code == 0, lines
    assert list(lines) == [
        "✓ settings",
        "✓ feeds",
        "✓ database",
        "✓ telegram",
        "✓ smtp",
        "✓ imap",
        "✓ feed",
    ]
    assert "getMe answered: @" in lines["✓ telegram"]
    assert "logged in as alerts" in lines["✓ smtp"] and smtp_server.connections == 1
    assert "INBOX selected: 0 unhandled" in lines["✓ imap"]
    assert lines["✓ feed"].endswith("Azatlyk: 1 items")
    assert smtp_server.received == [] and not bot_api.sent  # nothing sent anywhere
    assert not await asyncio.to_thread(Path("blockwatch.db").exists)  # nor created


async def test_each_failure_is_one_line_with_its_reason(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workdir: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
) -> None:
    smtp_server.credentials = ("alerts", "s3cret")
    (workdir / "feeds.toml").write_text(
        feeds_toml([("Gone", feed_server.url("/missing.xml"), "en")]), encoding="utf-8"
    )
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:wrong-token")
    monkeypatch.setenv("TELEGRAM_API_URL", bot_api.base_url)
    monkeypatch.setenv("SMTP_URL", f"smtp://alerts:WRONG@127.0.0.1:{smtp_server.port}")
    monkeypatch.setenv("IMAP_URL", f"imap://u:p@127.0.0.1:{free_port()}/INBOX")
    code, lines = await check(capsys)
    assert code == 1
    assert set(lines) == {
        "✓ settings",
        "✓ feeds",
        "✓ database",
        "✗ telegram",
        "✗ smtp",
        "✗ imap",
        "✗ feed",
    }
    assert "Unauthorized" in lines["✗ telegram"]
    assert "WRONG" not in lines["✗ smtp"] and "535" in lines["✗ smtp"]
    assert "/missing.xml" in lines["✗ feed"] and "404" in lines["✗ feed"]


async def test_a_bad_setting_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLOCKWATCH_ADMIN_HOST", "localhost")
    code, lines = await check(capsys)
    assert code == 1
    assert list(lines.values()) == [
        "✗ settings: BLOCKWATCH_ADMIN_HOST: expected HOST:PORT, like 127.0.0.1:9100"
    ]


async def test_a_webhook_needs_a_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, one_feed: str
) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram")
    code, lines = await check(capsys)
    assert code == 1 and "TELEGRAM_BOT_TOKEN is not" in lines["✗ webhook"]


async def test_the_webhook_as_telegram_sees_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    one_feed: str,
    bot_api: BotAPI,
) -> None:
    url = "https://bot.example.org/telegram"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", bot_api.token)
    monkeypatch.setenv("TELEGRAM_API_URL", bot_api.base_url)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", url)
    code, lines = await check(capsys)
    assert code == 0 and "not registered yet" in lines["✓ webhook"]
    bot_api.webhook = {"url": url}
    code, lines = await check(capsys)
    assert code == 0 and lines["✓ webhook"] == "✓ webhook: registered, 0 updates waiting"

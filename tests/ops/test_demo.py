"""`blockwatch demo`: the real pipeline on the bundled real reports, served on loopback, with no
settings: the IMO block in three languages is one event told once per channel, the unblock
later is told too, and the threat and the outage tell nobody."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import aiohttp
import pytest

from bot.cli.demo import run_demo, telegram_text
from bot.cli.demo_feeds import load_reports
from bot.cli.main import main


def test_the_bundled_reports_are_real_and_sourced() -> None:
    reports = load_reports()
    assert {r.language for r in reports} >= {"en", "ru", "fr"}
    assert all(r.url.startswith("https://") and r.summary for r in reports)
    notes = " ".join(r.note for r in reports)
    assert "threat" in notes and "outage" in notes and "unblock" in notes


async def test_the_demo_tells_the_block_and_the_unblock_and_nothing_else() -> None:
    out = io.StringIO()
    assert await run_demo(out) == 0
    text = out.getvalue()
    assert "[TM] Turkmenistan: IMO blocked (event 1, 3 sources" in text
    assert text.count("┌ Telegram message to chat") == 2
    assert text.count("┌ Mail to reader@example.org") == 2
    assert "🇹🇲 Turkmenistan: IMO blocked" in text  # Telegram, in English
    assert "Subject: [Blockwatch] Туркменистан: IMO — блокировка" in text  # mail, in Russian
    assert "Uzbekistan: X (Twitter), WeChat and VKontakte unblocked" in text
    events = [line for line in text.splitlines() if line.lstrip().startswith(("new [", "["))]
    assert all("[TM]" in line or "[UZ]" in line for line in events)  # no YouTube, no WhatsApp
    assert "2 Telegram messages and 2 mails" in text


def test_the_command_needs_no_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no feeds.toml, no .env, no database here
    assert main(["demo"]) == 0
    assert "IMO blocked" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []  # nothing left behind


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<b>IMO</b> blocked &amp; more", "IMO blocked & more"),
        ('Source: <a href="https://a.example/x">A</a>', "Source: A <https://a.example/x>"),
    ],
)
def test_telegram_html_as_the_app_shows_it(html: str, text: str) -> None:
    assert telegram_text(html) == text


async def test_the_status_page_serves_the_demos_events_until_stopped() -> None:
    out, stop = io.StringIO(), asyncio.Event()
    demo = asyncio.create_task(run_demo(out, stop))
    async with asyncio.timeout(30):
        while "Serving it until Ctrl-C." not in out.getvalue():  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    address = re.search(r"Status page: (\S+)", out.getvalue())
    assert address is not None
    async with aiohttp.ClientSession() as session, session.get(address.group(1)) as response:
        page = await response.text()
    assert response.status == 200 and "IMO" in page
    stop.set()
    assert await demo == 0

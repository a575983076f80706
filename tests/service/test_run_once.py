"""One cycle of the service's jobs (bot/service/run.py `run_cycle`, `blockwatch run --once`) in
the test's process, against the local servers: commands by mail come first, so that a change
a person asked for applies to the alerts of the same cycle; a mailbox that cannot be read
delays nobody's alerts; held events reach the moderators in the same cycle.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import open_app
from bot.config import Settings
from bot.service.run import run_cycle
from tests.support.botapi import BotAPI
from tests.support.feedbuilder import Item, rss
from tests.support.feedserver import FeedServer
from tests.support.imapserver import ImapServer, free_port
from tests.support.loopback import LOOPBACK
from tests.support.mailchat import PERSON, SERVICE, mail, words
from tests.support.smtpserver import SmtpServer

NOW = datetime.now(UTC)
READER = "reader@example.org"
MODERATOR = 900
STRONG = Item(
    "tm-imo",
    "Turkmenistan blocks IMO messenger",
    "Authorities in Turkmenistan have blocked the IMO messenger.",
    NOW - timedelta(hours=1),
)
# Names no country: the feed's default (TM) supplies it, so it waits for a moderator.
VAGUE = Item(
    "vague",
    "WhatsApp blocked",
    "Users said WhatsApp stopped working after it was blocked on Monday.",
    NOW - timedelta(hours=1),
)


def feeds_file(tmp_path: Path, feed_server: FeedServer) -> Path:
    path = tmp_path / "feeds.toml"
    strong = feed_server.feed("/strong.xml", rss("S", [STRONG]))
    vague = feed_server.feed("/vague.xml", rss("V", [VAGUE]))
    path.write_text(
        f'[[feed]]\nname = "Strong"\nurl = "{strong}"\nlanguage = "en"\n\n'
        f'[[feed]]\nname = "Vague"\nurl = "{vague}"\nlanguage = "en"\ncountry = "TM"\n'
    )
    return path


def mail_to(smtp_server: SmtpServer, address: str) -> list[str]:
    return [words(m) for m in smtp_server.received if m.rcpt_tos == [address]]


async def test_a_command_by_mail_applies_to_the_alerts_of_the_same_cycle(
    tmp_path: Path, feed_server: FeedServer, smtp_server: SmtpServer, imap_server: ImapServer
) -> None:
    settings = Settings(
        db_path=tmp_path / "blockwatch.db",
        feeds_path=feeds_file(tmp_path, feed_server),
        smtp_url=smtp_server.url,
        imap_url=f"{imap_server.url}?timeout=5",
        mail_from=f"Blockwatch <{SERVICE}>",
        allow_hosts=LOOPBACK,
    )
    async with open_app(settings, out=io.StringIO()) as app:
        for address in (PERSON, READER):
            await app.store.subscribe("email", address, ["TM"])
        imap_server.deliver(mail("DAILY"))  # PERSON wants a digest from now on
        report = await run_cycle(app)
    assert [outcome.status for outcome in report.outcomes] == ["new", "new"]
    assert any("IMO" in text for text in mail_to(smtp_server, READER))
    [answer] = mail_to(smtp_server, PERSON)  # the answer to DAILY, and no alert: it waits
    assert "IMO" not in answer


async def test_a_mailbox_that_cannot_be_read_delays_no_alert(
    tmp_path: Path,
    feed_server: FeedServer,
    smtp_server: SmtpServer,
    bot_api: BotAPI,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = Settings(
        db_path=tmp_path / "blockwatch.db",
        feeds_path=feeds_file(tmp_path, feed_server),
        smtp_url=smtp_server.url,
        imap_url=f"imap://blockwatch:secret@127.0.0.1:{free_port()}/INBOX?timeout=2",  # nobody
        mail_from=f"Blockwatch <{SERVICE}>",
        telegram_token=bot_api.token,
        telegram_api_url=bot_api.base_url,
        moderators=frozenset({MODERATOR}),
        allow_hosts=LOOPBACK,
    )
    async with open_app(settings, out=io.StringIO()) as app:
        await app.store.subscribe("email", READER, ["TM"])
        report = await run_cycle(app)
    assert report.delivered.sent == 1
    [alert] = mail_to(smtp_server, READER)
    assert "IMO" in alert and "WhatsApp" not in alert  # the vague report waits for review
    [card] = bot_api.texts_to(MODERATOR)  # shown to the moderator in the same cycle
    assert "WhatsApp" in card
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any(w.startswith("mailbox not read") for w in warnings), warnings

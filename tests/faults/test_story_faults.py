"""Issue 20, "nothing lost, nothing twice" for stories, with real `blockwatch run --once`
processes and aiosmtpd: a story of three events is one mail whose three outbox rows are marked
sent together once the server accepted it. A process killed after the server took the mail but
before the marking repeats that one mail on its next run (under the same Message-ID, which mail
clients show once), not one mail per event, and repeats nothing else.
"""

from __future__ import annotations

import signal
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.models import Alert, Entry
from bot.core.records import NewEntry, Placement
from storage.sqlite import SQLiteStorage
from tests.support.command import environment, finished, start
from tests.support.feedbuilder import feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.smtpserver import ReceivedMail, SmtpServer

pytestmark = pytest.mark.slow

READERS = ["first@example.uz", "second@example.uz"]
THREE = "[Blockwatch] Uzbekistan: X (Twitter), WeChat and VKontakte unblocked"


async def owe_two_stories(db: Path) -> None:
    """Two readers of Uzbekistan, each owed two stories: one report of three unblocks (opened
    first, so told first), and a Telegram block hours before it, a story of its own."""
    now = datetime.now(UTC)  # the child processes run on the wall clock
    three = Entry(
        feed_url="https://o.example/rss",
        key="three",
        title="Uzbekistan unblocks Twitter, WeChat and VKontakte",
        summary="The blocks were lifted on Monday.",
        published=now - timedelta(hours=1),
        source="Ozodlik",
    )
    telegram = Entry(
        feed_url="https://o.example/rss",
        key="telegram",
        title="Uzbekistan blocks Telegram",
        summary="Telegram was blocked.",
        published=now - timedelta(hours=4),
        source="Ozodlik",
    )
    unblocks = tuple(
        Placement(Alert("UZ", service, "unblock"), None)
        for service in ("twitter", "wechat", "vkontakte")
    )
    store = await SQLiteStorage.open(db)
    try:
        for address in READERS:
            await store.subscribe("email", address, ["UZ"])
        await store.record_entries(
            [
                NewEntry(three, unblocks),
                NewEntry(telegram, (Placement(Alert("UZ", "telegram", "block"), None),)),
            ],
            now=now,
        )
    finally:
        await store.close()


async def test_a_crash_between_a_story_s_mail_and_its_marking_repeats_that_mail_only(
    tmp_path: Path, feed_server: FeedServer, smtp_server: SmtpServer
) -> None:
    quiet = feed_server.feed("/quiet.xml", rss("Quiet", []))
    (tmp_path / "feeds.toml").write_text(feeds_toml([("Quiet", quiet, "en")]))
    # One connection: one mail in flight at the kill (over N connections, one on each may be).
    env = environment(tmp_path, SMTP_URL=f"{smtp_server.url}?connections=1")
    db = Path(env["BLOCKWATCH_DB"])
    await owe_two_stories(db)

    crashed = await start(env, "run", "--once")

    async def kill_once_the_server_has_the_first_mail(mail: ReceivedMail) -> None:
        if len(smtp_server.received) == 1:  # taken, but the sender never hears "250"
            crashed.send_signal(signal.SIGKILL)
            await crashed.wait()

    smtp_server.on_data = kill_once_the_server_has_the_first_mail
    await finished(crashed)
    assert crashed.returncode == -signal.SIGKILL
    [first] = smtp_server.received
    assert first.message["Subject"] == THREE

    smtp_server.on_data = None
    again = await start(env, "run", "--once")
    errors = await finished(again)
    assert again.returncode == 0, errors

    # four mails owed (two stories, two readers): the one in flight at the kill came twice,
    # as one mail under the same Message-ID, and nothing else did
    told = Counter(
        (mail.rcpt_tos[0], str(mail.message["Message-ID"]), str(mail.message["Subject"]))
        for mail in smtp_server.received
    )
    assert len(smtp_server.received) == 5 and sorted(told.values()) == [1, 1, 1, 2]
    [(repeated, _)] = [(key, n) for key, n in told.items() if n == 2]
    assert repeated == (first.rcpt_tos[0], str(first.message["Message-ID"]), THREE)
    assert Counter(subject for _, _, subject in told) == {
        THREE: 2,
        "[Blockwatch] Uzbekistan: Telegram blocked": 2,
    }
    store = await SQLiteStorage.open(db)
    try:
        assert await store.due_deliveries("email", datetime.now(UTC) + timedelta(days=1), 10) == []
    finally:
        await store.close()

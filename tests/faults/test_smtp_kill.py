"""Issue 21, "nothing lost or doubled" with several SMTP connections: a real `blockwatch run
--once` sending over 4 pipelined connections to aiosmtpd is killed (-9) mid-batch; the next run
sends every address what it still owed. A message is marked sent after the server accepted it, on
each connection, so what the kill can double is at most the one message in flight on each
connection: taken by the server, its "250" not yet heard or not yet recorded.
"""

from __future__ import annotations

import signal
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.sqlite import SQLiteStorage
from tests.support.command import environment, finished, start
from tests.support.feedbuilder import feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.owed import owe_two_events
from tests.support.smtpserver import ReceivedMail, SmtpServer

pytestmark = pytest.mark.slow

ADDRESSES = [f"reader{n}@example.org" for n in range(60)]  # x 2 events: 120 mails owed
CONNECTIONS = 4
KILL_AT = 40  # mails the server has taken when the sender dies


def told(mail: ReceivedMail) -> tuple[str, str]:
    return mail.rcpt_tos[0], str(mail.message["Subject"])


async def test_a_run_killed_mid_batch_over_four_connections_loses_nothing(
    tmp_path: Path, feed_server: FeedServer, smtp_server: SmtpServer
) -> None:
    quiet = feed_server.feed("/quiet.xml", rss("Quiet", []))
    (tmp_path / "feeds.toml").write_text(feeds_toml([("Quiet", quiet, "en")]))
    env = environment(tmp_path, SMTP_URL=f"{smtp_server.url}?connections={CONNECTIONS}")
    db = Path(env["BLOCKWATCH_DB"])
    store = await SQLiteStorage.open(db)
    try:
        await owe_two_events(store, [], ADDRESSES)
    finally:
        await store.close()

    crashed = await start(env, "run", "--once")
    open_at_kill: list[int] = []

    async def kill_mid_batch(mail: ReceivedMail) -> None:
        # This mail is taken but its "250" never leaves; the other connections are mid-message.
        if len(smtp_server.received) == KILL_AT:
            open_at_kill.append(smtp_server.open_now)
            crashed.send_signal(signal.SIGKILL)
            await crashed.wait()

    smtp_server.on_data = kill_mid_batch
    await finished(crashed)
    assert crashed.returncode == -signal.SIGKILL
    assert open_at_kill == [CONNECTIONS]  # killed with every connection busy
    before = list(smtp_server.received)
    assert KILL_AT <= len(before) < 2 * len(ADDRESSES)

    smtp_server.on_data = None
    again = await start(env, "run", "--once")
    errors = await finished(again)
    assert again.returncode == 0, errors

    counts = Counter(told(mail) for mail in smtp_server.received)
    owed = {(address, subject) for address in ADDRESSES for _, subject in counts}
    assert set(counts) == owed and len(owed) == 2 * len(ADDRESSES)  # every message arrived
    doubled = [message for message, n in counts.items() if n > 1]
    assert max(counts.values()) <= 2
    # Only messages the server had taken before the kill came again, at most one a connection.
    first_copies = {told(mail): mail.connection for mail in reversed(before)}
    assert set(doubled) <= set(first_copies)
    per_connection = Counter(first_copies[message] for message in doubled)
    assert len(doubled) <= CONNECTIONS and set(per_connection.values()) <= {1}
    # The second run's mails over its own connections: none of the first run's was reused.
    assert {mail.connection for mail in smtp_server.received[len(before) :]}.isdisjoint(
        {mail.connection for mail in before}
    )
    store = await SQLiteStorage.open(db)
    try:
        later = datetime.now(UTC) + timedelta(days=1)
        assert await store.due_deliveries("email", later, 10) == []  # every row marked sent
    finally:
        await store.close()

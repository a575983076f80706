"""Issue 17: several `blockwatch` instances on one PostgreSQL database share the work, each piece
done once (storage/shared.py), shown with real processes against the session's throwaway
cluster (tests/support/pgcluster.py), the Bot API stand-in and aiosmtpd."""

from __future__ import annotations

import asyncio
import re
import signal
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.models import Alert, Entry
from bot.core.records import NewEntry, Placement
from storage.postgres import PostgresStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.command import environment, finished, start, wait_until
from tests.support.feedbuilder import feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.instances import Fleet
from tests.support.owed import owe_two_events as owe
from tests.support.pgcluster import PgCluster
from tests.support.smtpserver import SmtpServer

pytestmark = pytest.mark.slow

CHATS = [6001 + n for n in range(1000)]  # x 2 events: 2,000 Telegram messages owed
ADDRESSES = [f"reader{n}@example.org" for n in range(60)]  # x 2 events: 120 mails owed
INSTANCES = 3


async def owe_two_events(url: str) -> None:
    store = await PostgresStorage.open(url)
    try:
        await owe(store, CHATS, ADDRESSES)
    finally:
        await store.close()


def shared_environment(tmp_path: Path, url: str, feed: str, **settings: str) -> dict[str, str]:
    (tmp_path / "feeds.toml").write_text(feeds_toml([("Quiet", feed, "en")]))
    return environment(tmp_path, BLOCKWATCH_DB=url, **settings)


async def test_three_cycles_at_once_share_the_work_and_send_each_message_once(
    tmp_path: Path,
    pg_cluster: PgCluster,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
) -> None:
    url = pg_cluster.create_database()
    quiet = feed_server.feed("/quiet.xml", rss("Quiet", []))
    env = shared_environment(
        tmp_path,
        url,
        quiet,
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_URL=bot_api.base_url,
        SMTP_URL=smtp_server.url,
    )
    await owe_two_events(url)
    limits = bot_api.enforce_limits()  # Telegram's, per bot: the three share one budget

    cycles = await asyncio.gather(
        *(start(env, "run", "--once", cwd=tmp_path) for _ in range(INSTANCES))
    )
    outputs = await asyncio.gather(*(asyncio.wait_for(c.communicate(), 600) for c in cycles))
    errors = [stderr.decode() for _, stderr in outputs]

    assert [cycle.returncode for cycle in cycles] == [0] * INSTANCES, errors
    telegram = Counter((m.chat_id, m.text) for m in bot_api.sent)
    assert len(bot_api.sent) == 2 * len(CHATS) and set(telegram.values()) == {1}
    assert sorted(Counter(chat for chat, _ in telegram).items()) == [(c, 2) for c in CHATS]
    assert limits.rejected == []  # not one 429
    mails = Counter((to, m.message["Subject"]) for m in smtp_server.received for to in m.rcpt_tos)
    assert len(smtp_server.received) == 2 * len(ADDRESSES) and set(mails.values()) == {1}
    # The feed was polled once between them.
    assert feed_server.requests["/quiet.xml"] == 1
    assert not any("Traceback" in stderr for stderr in errors)
    summaries = [stdout.decode() for stdout, _ in outputs]
    polled = [re.search(r"^polled (\d+) feeds", text, re.MULTILINE) for text in summaries]
    assert sorted(int(found[1]) for found in polled if found) == [0] * (INSTANCES - 1) + [1]
    assert sum("1 by another instance" in text for text in summaries) == INSTANCES - 1


async def test_one_instance_takes_telegram_updates_and_another_takes_over_when_it_is_killed(
    tmp_path: Path, pg_cluster: PgCluster, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    """Two services: one reads getUpdates and answers; kill -9 it, and the other takes the lead
    and answers the next command."""
    url = pg_cluster.create_database()
    env = shared_environment(
        tmp_path,
        url,
        feed_server.feed("/q.xml", rss("Q", [])),
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_URL=bot_api.base_url,
    )
    services = [await start(env, "run", cwd=tmp_path) for _ in range(2)]
    logs: dict[int, str] = {service.pid: "" for service in services}

    async def read(service: asyncio.subprocess.Process) -> None:
        assert service.stderr is not None
        while line := await service.stderr.readline():
            logs[service.pid] += line.decode()

    def leaders() -> list[asyncio.subprocess.Process]:
        return [s for s in services if "this instance leads telegram updates" in logs[s.pid]]

    readers = [asyncio.create_task(read(service)) for service in services]
    try:
        bot_api.push_update(make_test_update("/start", chat_id=4001))
        await wait_until(lambda: bot_api.messages_to(4001) and leaders(), 60)
        [leader] = leaders()
        leader.send_signal(signal.SIGKILL)
        await leader.wait()
        bot_api.push_update(make_test_update("/start", chat_id=4002))
        await wait_until(lambda: bot_api.messages_to(4002), 60)
        [survivor] = [s for s in services if s is not leader]
        assert survivor in leaders()  # it took the lead once the leader was gone
        assert len(bot_api.messages_to(4001)) == 1  # one reader: answered once
    finally:
        for service in services:
            if service.returncode is None:
                service.send_signal(signal.SIGTERM)
        await asyncio.gather(*(asyncio.wait_for(service.wait(), 30) for service in services))
        for task in readers:
            task.cancel()
    assert survivor.returncode == 0, logs[survivor.pid]
    assert "Traceback" not in logs[survivor.pid]


async def owe_one_event(url: str, chats: list[int], addresses: Sequence[str] = ()) -> None:
    store = await PostgresStorage.open(url)
    try:
        for chat in chats:
            await store.subscribe("telegram", str(chat), ["TM"])
        for address in addresses:
            await store.subscribe("email", address, ["TM"])
        now = datetime.now(UTC)
        entry = Entry("https://a.example/rss", "imo", "imo blocked in Turkmenistan", "",
                      published=now - timedelta(hours=1), link="https://a.example/imo")  # fmt: skip
        placed = Placement(Alert("TM", "imo", "block"), None)
        await store.record_entries([NewEntry(entry, (placed,))], now=now)
    finally:
        await store.close()


async def test_a_batch_longer_than_the_lease_stays_its_senders_and_goes_once(
    tmp_path: Path, pg_cluster: PgCluster, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    """Two services, a lease of 5 s, and a Bot API that takes 0.4 s to answer each send: the
    instance that claimed the batch needs some 25 s for it, five leases, while the other looks
    for due rows every 15 s. The holder renews its claim as it sends (bot/delivery/claims.py),
    so the other never takes the rows: every chat gets its message once. (Before the claims were
    renewed, the other took what was left once the lease ran out and sent it too.)"""
    url = pg_cluster.create_database()
    chats = CHATS[:60]
    await owe_one_event(url, chats)
    env = shared_environment(
        tmp_path,
        url,
        feed_server.feed("/q.xml", rss("Q", [])),
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_URL=bot_api.base_url,
        BLOCKWATCH_CLAIM_LEASE="5",
    )
    last_send = [asyncio.get_running_loop().time()]

    async def slowly(message: object) -> None:
        await asyncio.sleep(0.4)
        last_send[0] = asyncio.get_running_loop().time()

    bot_api.before_send = slowly
    services = [await start(env, "run", cwd=tmp_path) for _ in range(2)]

    def done() -> bool:  # every chat told, and nothing sent for the 15 s of a delivery turn
        quiet = asyncio.get_running_loop().time() - last_send[0] > 16
        return quiet and {m.chat_id for m in bot_api.sent} >= set(chats)

    try:
        await wait_until(done, 180)
    finally:
        for service in services:
            service.send_signal(signal.SIGTERM)
        errors = [await finished(service, 30) for service in services]
    per_chat = Counter(m.chat_id for m in bot_api.sent)
    assert sorted(per_chat.items()) == [(chat, 1) for chat in chats]  # each once: no repeat
    assert [service.returncode for service in services] == [0, 0], errors
    assert not any("Traceback" in stderr for stderr in errors)


async def test_one_of_three_killed_mid_delivery_the_others_send_its_share_once(
    tmp_path: Path,
    pg_cluster: PgCluster,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
) -> None:
    """Three services, 450 chats and 30 mailboxes owed an alert, Telegram's limits enforced:
    each service claims a batch (200 subscribers at most), and once 100 messages went, the one
    holding the most unsent rows is killed -9 (the holders' pids are in the claims' tokens).
    Once its lease (5 s) ends the two others send what it held: every alert arrives, once but
    for the one message in flight at the kill, and not one 429. (bench/shared.py --kill: the
    same with 1,000 chats, and the killed one's feeds polled again within one interval.)"""
    url = pg_cluster.create_database()
    chats, addresses = CHATS[:450], ADDRESSES[:30]
    await owe_one_event(url, chats, addresses)
    env = shared_environment(
        tmp_path,
        url,
        feed_server.feed("/q.xml", rss("Q", [])),
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_URL=bot_api.base_url,
        SMTP_URL=f"{smtp_server.url}?connections=1",  # one mail in flight at most
        BLOCKWATCH_CLAIM_LEASE="5",
    )
    limits = bot_api.enforce_limits()
    fleet = await Fleet.start(env, tmp_path, INSTANCES)
    last_send = [asyncio.get_running_loop().time()]

    async def note(message: object) -> None:
        last_send[0] = asyncio.get_running_loop().time()

    def done() -> bool:  # everyone told, and quiet for a while: a repeat would have shown
        told = {m.chat_id for m in bot_api.sent} >= set(chats)
        mailed = {to for m in smtp_server.received for to in m.rcpt_tos} >= set(addresses)
        return told and mailed and asyncio.get_running_loop().time() - last_send[0] > 5

    bot_api.before_send = note
    try:
        await wait_until(lambda: len(bot_api.sent) >= 100, 120)
        victim, held = await fleet.kill_busiest(url)
        await wait_until(done, 240)
    finally:
        codes = await fleet.stop()
    assert held > 0  # it was mid-delivery, with rows in hand
    per_chat = Counter(m.chat_id for m in bot_api.sent)
    assert set(per_chat) == set(chats)  # nothing lost
    assert sum(per_chat.values()) - len(chats) <= 1  # the one in flight, at most
    per_mailbox = Counter(to for m in smtp_server.received for to in m.rcpt_tos)
    assert set(per_mailbox) == set(addresses)
    assert sum(per_mailbox.values()) - len(addresses) <= 1
    assert limits.rejected == []  # not one 429 between the three
    survivors = {pid: code for pid, code in codes.items() if pid != victim}
    assert list(survivors.values()) == [0, 0], [fleet.log(pid) for pid in survivors]
    assert codes[victim] == -signal.SIGKILL
    assert not any("Traceback" in fleet.log(pid) for pid in survivors)

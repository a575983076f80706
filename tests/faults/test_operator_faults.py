"""Issue 12, item 9: what the operator meets. No traceback for a mistake or a known fault.

Each fault is real: a pipe closed by the reader, a database path under a regular file (which
fails for root too), a port another socket holds, a database page overwritten with garbage, a
database that fills its disk (SQLite's max_page_count, and a real 1 MB tmpfs where mounting is
allowed), a 20 kB request line. Most run `python -m bot` as a subprocess and read its exit
status and stderr: one line saying what to do, never "Traceback".
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import TypedDict

import aiohttp
import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.cli.main import main
from bot.core.addresses import canonical_address
from bot.core.countries import country_problem
from bot.core.errors import ConfigError, StorageError
from bot.core.models import FeedSpec
from bot.detect import Detector
from bot.detect.classify import classify_lines
from bot.feeds.fetch import Fetcher
from bot.feeds.file import load_feeds
from bot.mail.inbox.acts import MailActions
from bot.mail.inbox.commands import parse_command
from bot.mail.links import unsubscribe_token
from bot.pipeline import Pipeline
from bot.service.logs import OneLineForKnownFaults
from bot.service.web import start_web
from bot.telegram.chat.views import parse_codes
from storage.migrate import available_migrations
from storage.sqlite import SQLiteStorage
from tests.support.command import environment, start
from tests.support.feedbuilder import Item, feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW

pytestmark = pytest.mark.slow


class LogLevel(TypedDict):  # typed, so that mypy sees `**QUIET` fill no other parameter
    BLOCKWATCH_LOG_LEVEL: str


QUIET = LogLevel(BLOCKWATCH_LOG_LEVEL="WARNING")  # stderr then holds only what went wrong


# --- running the real command -----------------------------------------------------------------


async def blockwatch(
    tmp_path: Path, *argv: str, stdin: bytes | None = None, wait: float = 60, **settings: str
) -> tuple[int, str, str]:
    """`python -m bot ARGV` in tmp_path (no stray .env): exit status, stdout, stderr."""
    proc = await start(environment(tmp_path, **settings), *argv, cwd=tmp_path, stdin=True)
    try:
        out, err = await asyncio.wait_for(proc.communicate(stdin), wait)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


def one_line(stderr: str) -> str:
    """The single line a known fault may print; no traceback, nothing else."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("blockwatch: "), stderr
    return lines[0]


def news(count: int, *, size: int = 200, now: datetime | None = None) -> str:
    """An RSS feed of `count` items fresh at `now` (by default the wall clock, which the child
    processes run on) with `size`-character summaries."""
    now = now or datetime.now(UTC)
    return rss(
        "News",
        [
            Item(
                f"n{n}",
                f"Turkmenistan blocks service number {n}",
                "x" * size,
                now - timedelta(minutes=n),
            )
            for n in range(count)
        ],
    )


# --- a reader that goes away; settings that are wrong -----------------------------------------


def test_a_closed_pipe_ends_the_listing_quietly(tmp_path: Path) -> None:
    """`blockwatch feeds | head -1`. 1,500 feeds are 180 kB, more than a pipe holds, so the
    writer is still writing when the reader leaves: it must stop without a traceback."""
    (tmp_path / "feeds.toml").write_text(
        feeds_toml([(f"Feed {n}", f"https://feed{n}.example/rss.xml", "en") for n in range(1500)])
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "feeds"],
        cwd=tmp_path,
        env=environment(tmp_path, **QUIET),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after one line
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    proc.stderr.close()
    assert first.startswith(b"Feed 0\t")
    assert stderr == ""
    assert proc.returncode == 141  # as a shell reports a writer that SIGPIPE ended


async def test_a_bad_log_level_is_one_line_and_status_2(tmp_path: Path) -> None:
    status, _, stderr = await blockwatch(tmp_path, "subscribers", BLOCKWATCH_LOG_LEVEL="verbose")
    line = one_line(stderr)
    assert status == 2
    assert "BLOCKWATCH_LOG_LEVEL" in line and "'VERBOSE'" in line and "INFO" in line


async def test_a_database_path_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    """Under a regular file, so that it fails for root too. Twelve commands at once: the
    "Event loop is closed" traceback that used to follow the line showed on a busy machine."""
    (tmp_path / "file.txt").write_text("not a directory")
    bad = str(tmp_path / "file.txt" / "blockwatch.db")
    commands = [("subscribers",), ("feeds",), ("run", "--once")] * 4
    results = await asyncio.gather(
        *(blockwatch(tmp_path, *argv, BLOCKWATCH_DB=bad) for argv in commands)
    )
    for argv, (status, _, stderr) in zip(commands, results, strict=True):
        line = one_line(stderr)
        assert status == 2, argv
        assert bad in line and "BLOCKWATCH_DB" in line, line


async def test_a_busy_web_port_is_one_line_naming_the_setting(tmp_path: Path) -> None:
    (tmp_path / "feeds.toml").write_text(feeds_toml([("A", "https://a.example/rss", "en")]))
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        status, _, stderr = await blockwatch(
            tmp_path, "run", wait=30, BLOCKWATCH_HTTP_PORT=str(port), **QUIET
        )
    line = one_line(stderr)
    assert status == 2
    assert f"BLOCKWATCH_HTTP_PORT: cannot listen on port {port}" in line


# --- the database: damaged, full ----------------------------------------------------------------


def damage(db: Path, table: str) -> None:
    """Overwrite the first page of `table` with garbage, as a failing disk might."""
    with sqlite3.connect(db) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
    with db.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xde\xad\xbe\xef" * (page_size // 4))


@pytest.mark.parametrize("argv", [("feeds",), ("run", "--once")])
async def test_a_damaged_database_is_one_line(tmp_path: Path, argv: Sequence[str]) -> None:
    (tmp_path / "feeds.toml").write_text(
        feeds_toml([(f"F{n}", f"https://f{n}.example/rss", "en") for n in range(20)])
    )
    assert (await blockwatch(tmp_path, "feeds"))[0] == 0
    damage(tmp_path / "blockwatch.db", "feed_state")

    status, _, stderr = await blockwatch(tmp_path, *argv, **QUIET)
    line = one_line(stderr)
    assert status == 2
    assert "database disk image is malformed" in line and "restore it from a backup" in line


async def test_a_full_database_stops_the_cycle_and_leaves_the_feed_alone(
    store: SQLiteStorage, feed_server: FeedServer
) -> None:
    """SQLITE_FULL through the real code path: max_page_count caps the file at what it holds,
    as a full disk would. The poll must not be blamed on the feed: no failure counted, no
    backoff, and no "cannot rollback - no transaction is active" hiding the real error."""
    feed = FeedSpec("News", feed_server.feed("/news.xml", news(2, now=NOW)), "en")
    async with Fetcher.open(allowed=LOOPBACK) as fetcher:
        pipeline = Pipeline(store, fetcher, Detector.load(), [], lambda: NOW)
        assert (await pipeline.poll_feed(feed)).status == "new"
        before = await store.feed_state(feed.url)
        feed_server.feed("/news.xml", news(300, size=2000, now=NOW))  # 600 kB more to store
        async with store._conn.execute("PRAGMA page_count") as cursor:
            (pages,) = await cursor.fetchone() or (0,)
        await store._conn.execute(f"PRAGMA max_page_count = {pages}")

        with pytest.raises(StorageError) as caught:
            await pipeline.poll_all([feed])
    assert caught.value.fault == "full"
    assert "database or disk is full" in str(caught.value)
    assert await store.feed_state(feed.url) == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs, mounted for the test (root only; CI runs as root)."""
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root; the max_page_count test covers this")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(
            f"cannot mount a tmpfs here ({done.stderr.strip()}); "
            "the max_page_count test covers this"
        )
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill the file system, then free `leave` bytes again."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as file:
        try:
            while file.write(b"\0" * 4096):
                pass
        except OSError:  # ENOSPC: full
            pass
    os.truncate(filler, max(0, filler.stat().st_size - leave))


async def test_a_full_disk_is_one_line_from_run_once(
    tmp_path: Path, small_disk: Path, feed_server: FeedServer
) -> None:
    url = feed_server.feed("/news.xml", news(500, size=2000))  # 1 MB to store
    (tmp_path / "feeds.toml").write_text(feeds_toml([("News", url, "en")]))
    db = small_disk / "blockwatch.db"
    assert (await blockwatch(tmp_path, "feeds", BLOCKWATCH_DB=str(db)))[0] == 0
    fill(small_disk, leave=128 * 1024)  # room to open the database, not to store the feed

    status, _, stderr = await blockwatch(tmp_path, "run", "--once", BLOCKWATCH_DB=str(db), **QUIET)
    line = one_line(stderr)
    assert status == 2
    assert "database or disk is full" in line and "free some disk space" in line
    (small_disk / "filler").unlink()
    store = await SQLiteStorage.open(db)
    try:
        assert await store.feed_state(url) is None  # the feed is not blamed
    finally:
        await store.close()


# --- the web endpoint ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def raw_request(port: int, request: bytes) -> bytes:
    """What the endpoint answers to these bytes: its status line."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.readline(), 10)
    finally:
        writer.close()


async def test_an_overlong_url_is_answered_400_without_an_error_log(
    store: SQLiteStorage, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    runner = await start_web(store, port, "127.0.0.1")
    try:
        with caplog.at_level(logging.DEBUG):
            long_url = await raw_request(
                port, b"GET /unsubscribe/" + b"A" * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            long_header = await raw_request(
                port, b"GET /health HTTP/1.1\r\nHost: x\r\nX-A: " + b"b" * 20_000 + b"\r\n\r\n"
            )
            health = await raw_request(port, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    finally:
        await runner.cleanup()
    assert long_url.split()[1] == b"400" and long_header.split()[1] == b"400"
    assert health.split()[1] == b"200"
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert not any("AAAAAAAA" in r.getMessage() for r in caplog.records)  # tokens stay out


# --- classify -----------------------------------------------------------------------------------


async def test_classify_names_the_bad_line_and_ends_with_status_1(tmp_path: Path) -> None:
    good = [
        json.dumps({"id": f"i{n}", "title": "Iran blocks Instagram", "summary": ""})
        for n in range(1, 9)
    ]
    lines = [*good[:6], '{"id": "seven", "title": oops}', good[7]]
    status, out, stderr = await blockwatch(
        tmp_path, "classify", stdin="\n".join(lines).encode() + b"\n"
    )
    assert status == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == [
        "i1",
        "i2",
        "i3",
        "i4",
        "i5",
        "i6",
        "i8",
    ]
    assert one_line(stderr).startswith("blockwatch: stdin line 7: not a JSON object (")


# --- logs ---------------------------------------------------------------------------------------


async def test_the_idle_service_says_nothing_routine_at_info(tmp_path: Path) -> None:
    """APScheduler said "Running job ..." and "... executed successfully" for every run of
    every job; the delivery job alone runs at start and every 15 s."""
    (tmp_path / "feeds.toml").write_text(feeds_toml([("A", "https://a.example/rss", "en")]))
    assert (await blockwatch(tmp_path, "feeds"))[0] == 0
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=environment(tmp_path, BLOCKWATCH_LOG_LEVEL="INFO"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    # Wait for the service to say it is up (however loaded the machine), then for the first
    # delivery run, which starts with it.
    assert proc.stderr is not None
    started = b""
    while b"watching 1 feeds" not in started:
        line = await asyncio.wait_for(proc.stderr.readline(), 60)
        assert line, started.decode()  # the process ended before saying so
        started += line
    await asyncio.sleep(2)
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    stderr = started.decode() + err.decode()
    assert "watching 1 feeds" in stderr  # INFO is on
    assert "apscheduler" not in stderr and "Running job" not in stderr, stderr


async def test_a_known_fault_in_a_scheduled_job_is_one_line_a_bug_keeps_its_traceback() -> None:
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.addFilter(OneLineForKnownFaults())
    scheduler_log = logging.getLogger("apscheduler")
    scheduler_log.addHandler(handler)

    async def disk_full() -> None:
        raise StorageError(
            "database x.db: database or disk is full (free some disk space, then run again)",
            fault="full",
        )

    async def bug() -> None:
        raise RuntimeError("a bug")

    scheduler = AsyncIOScheduler(timezone=UTC)
    for job in (disk_full, bug):
        scheduler.add_job(job, "date", run_date=datetime.now(UTC))
    try:
        scheduler.start()
        await asyncio.sleep(0.5)
    finally:
        scheduler.shutdown(wait=False)
        scheduler_log.removeHandler(handler)
    text = output.getvalue()
    (full_line,) = [line for line in text.splitlines() if "disk is full" in line]
    assert "raised an exception: database x.db: database or disk is full" in full_line
    assert text.count("Traceback") == 1 and "RuntimeError: a bug" in text


# --- countries: the one list, everywhere --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("TM", None),
        ("tm", None),
        ("XK", None),
        ("XX", "XX is not an ISO 3166-1 country code"),
        ("QQ", "QQ is not an ISO 3166-1 country code"),
        ("UK", "UK is not an ISO 3166-1 country code: did you mean GB?"),
        ("el", "EL is not an ISO 3166-1 country code: did you mean GR?"),
        ("TKM", "'TKM' is not an ISO 3166-1 country code: two letters, like TM or RU"),
    ],
)
def test_country_problem(code: str, problem: str | None) -> None:
    assert country_problem(code) == problem


@pytest.mark.parametrize("code", ["XX", "QQ", "UK"])
def test_a_code_off_the_list_is_refused_everywhere(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BLOCKWATCH_DB", str(tmp_path / "blockwatch.db"))
    expected = country_problem(code)
    assert expected is not None
    with pytest.raises(SystemExit) as caught:  # the command line
        main(["subscribe", "--email", "a@example.org", "--country", f"TM,{code}"])
    assert caught.value.code == f"blockwatch: --country {expected}"
    assert not (tmp_path / "blockwatch.db").exists()  # refused before anything was stored

    assert parse_command(f"SUBSCRIBE {code}", "").countries == ()  # mail: asks which countries
    assert parse_codes(f"TM {code}") == (["TM"], [code])  # Telegram: answers "unknown code"
    feeds = tmp_path / "feeds.toml"  # the feeds file
    feeds.write_text(feeds_toml([("A", "https://a.example/", "en")]) + f'country = "{code}"\n')
    with pytest.raises(ConfigError, match=expected):
        load_feeds(feeds)
    result = classify_lines(
        [json.dumps({"id": "a", "title": "x", "country": code})], Detector.load()
    )
    assert result.output == [] and result.errors[0].reason == f"country: {expected}"


# --- one mailbox, one subscriber ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "address", "stored"),
    [
        ("email", "Q@Example.ORG", "Q@example.org"),
        ("email", "q@EXAMPLE.org", "q@example.org"),
        ("email", "Name.Surname@Mail.Example", "Name.Surname@mail.example"),
        ("email", "x@пример.рф", "x@xn--e1afmkfd.xn--p1ai"),
        ("email", "x@ПРИМЕР.РФ", "x@xn--e1afmkfd.xn--p1ai"),
        ("email", '"a@B"@Ex.COM', '"a@B"@ex.com'),
        ("telegram", "@SomeChannel", "@SomeChannel"),
        ("telegram", "-100123", "-100123"),
    ],
)
def test_canonical_address(channel: str, address: str, stored: str) -> None:
    assert canonical_address(channel, address) == stored  # type: ignore[arg-type]


async def test_spellings_of_one_mailbox_are_one_subscriber(store: SQLiteStorage) -> None:
    first = await store.subscribe("email", "Q@Example.ORG", ["TM"])
    again = await store.subscribe("email", "q@example.org", ["RU"])
    assert again.id == first.id
    (only,) = await store.subscribers()
    assert (only.address, sorted(only.countries)) == ("Q@example.org", ["RU", "TM"])
    found = await store.subscriber("email", "q@EXAMPLE.ORG")
    assert found is not None and found.id == first.id
    left = await store.unsubscribe("email", "Q@example.Org", ["TM"])
    assert left is not None and left.countries == frozenset({"RU"})
    # a mail command from another spelling acts on the same subscriber
    actions = MailActions(store, command_address="alerts@blockwatch.example")
    await actions.act(parse_command("DAILY", ""), "q@Example.org", EmailMessage())
    changed = await store.subscriber("email", "Q@example.org")
    assert changed is not None and changed.prefs.frequency == "daily"


async def test_the_command_line_finds_one_mailbox_however_written(tmp_path: Path) -> None:
    for address, country in (("Q@Example.ORG", "TM"), ("q@example.org", "RU")):
        assert (await blockwatch(tmp_path, "subscribe", "--email", address, "--country", country))[
            0
        ] == 0
    _, listing, _ = await blockwatch(tmp_path, "subscribers")
    assert [line.split("\t")[2:] for line in listing.splitlines()] == [["Q@example.org", "RU,TM"]]
    status, out, _ = await blockwatch(tmp_path, "unsubscribe", "--email", "q@EXAMPLE.ORG")
    assert (status, out.strip()) == (0, "forgotten")


def database_before_one_mailbox(path: Path) -> None:
    """A database just before the one-mailbox migration, holding one mailbox written three
    ways, with its history."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrations = available_migrations()
    one_mailbox = next(m.version for m in migrations if "one_subscriber_per_mailbox" in m.name)
    for migration in migrations[: one_mailbox - 1]:
        conn.executescript(
            f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        )
    at = NOW.isoformat()
    conn.executescript(f"""
        INSERT INTO subscribers (id, channel, address, created_at, confirmed, active, token)
        VALUES (1, 'email', 'q@example.org', '{at}', 0, 1, 'pending-confirmation-1'),
               (2, 'email', 'Q@Example.ORG', '{at}', 1, 1, NULL),
               (3, 'email', 'Q@EXAMPLE.ORG', '{at}', 1, 0, NULL),
               (4, 'email', 'other@Example.ORG', '{at}', 1, 1, NULL),
               (5, 'telegram', '123', '{at}', 1, 1, NULL);
        INSERT INTO subscriptions VALUES (1, 'KZ'), (2, 'TM'), (3, 'RU'), (4, 'TM'), (5, 'TM');
        INSERT INTO events (id, country, service, action, first_seen, last_seen)
        VALUES (1, 'TM', 'imo', 'block', '{at}', '{at}'), (2, 'RU', 'x', 'block', '{at}', '{at}');
        INSERT INTO outbox (subscriber_id, event_id, status, next_attempt_at, created_at, sent_at)
        VALUES (2, 1, 'pending', '{at}', '{at}', NULL),  -- got it already as id 3
               (3, 1, 'sent', '{at}', '{at}', '{at}'),
               (3, 2, 'pending', '{at}', '{at}', NULL),  -- owed: moves to id 2
               (1, 2, 'pending', '{at}', '{at}', NULL);  -- the same, twice: dropped
    """)
    conn.close()


async def test_the_one_mailbox_migration_merges_its_spellings(tmp_path: Path) -> None:
    db = tmp_path / "blockwatch.db"
    database_before_one_mailbox(db)
    store = await SQLiteStorage.open(db)
    try:
        rows = {
            s.id: (s.channel, s.address, sorted(s.countries), s.confirmed, s.active)
            for s in await store.subscribers()
        }
        assert rows == {  # the confirmed, active, oldest spelling stays, with every country
            2: ("email", "Q@example.org", ["KZ", "RU", "TM"], True, True),
            4: ("email", "other@example.org", ["TM"], True, True),
            5: ("telegram", "123", ["TM"], True, True),
        }
        async with store._conn.execute(
            "SELECT subscriber_id, event_id, status FROM outbox ORDER BY event_id, status"
        ) as cursor:
            assert [tuple(row) for row in await cursor.fetchall()] == [
                (2, 1, "sent"),
                (2, 2, "pending"),
            ]  # nothing twice, nothing lost
        found = await store.subscriber_by_token("pending-confirmation-1")
        assert found is not None and found.id == 2  # the awaited confirmation still works
        assert (await store.subscribe("email", "q@EXAMPLE.ORG", ["UZ"])).id == 2
    finally:
        await store.close()


async def test_a_one_click_link_of_a_merged_spelling_still_unsubscribes(tmp_path: Path) -> None:
    db = tmp_path / "blockwatch.db"
    database_before_one_mailbox(db)
    store = await SQLiteStorage.open(db)
    port = free_port()
    runner = await start_web(store, port, "127.0.0.1")
    try:
        token = unsubscribe_token(await store.mail_secret(), 3)  # signed for id 3, merged
        link = f"http://127.0.0.1:{port}/unsubscribe/{token}"
        async with aiohttp.ClientSession() as session, session.post(link) as response:
            assert response.status == 200
        assert await store.subscriber("email", "q@example.org") is None  # id 3 was merged into 2
        assert {s.id for s in await store.subscribers()} == {4, 5}
    finally:
        await runner.cleanup()
        await store.close()

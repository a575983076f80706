"""feedparser's own test feeds (../shared/feedparser-corpus) through the whole ingest: served over
HTTP by the feed server, then fetched, parsed, matched and stored by the real Pipeline into one
SQLite store, twice. tests/feeds/test_feedparser_corpus.py holds the parser alone to feedparser's
expectations; this holds everything after it to ours.

Each file is served at /tests/<path> with the `Header:` lines of its comment as response
headers (Content-Type, Content-Location, Content-Language, ETag, Last-Modified, X-Foo), and
files that name no Content-Type as application/xml without a charset (application/json for
JSON), as a web server would, so that the file's own encoding declaration decides.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.core.models import FeedSpec
from bot.core.textcut import clean
from bot.detect import Detector
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.pipeline import FeedOutcome, Pipeline
from storage.sqlite import SQLiteStorage
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock
from tests.support.paths import FEEDPARSER_CORPUS

CORPUS = FEEDPARSER_CORPUS
if not CORPUS.is_dir():
    pytest.skip(
        f"feedparser corpus not found at {CORPUS.resolve()} (CI has it: see its README.md)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.slow  # ~2,100 feeds through the pipeline, twice: ~30 s on 2 cores

_HEADER = re.compile(r"^Header:\s+([^:]+):(.*)$", re.MULTILINE)
# Markup that survived: a tag, a comment or a declaration (a lone "<" or "a < b" is prose).
_MARKUP = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9]*\s*|!--.*?--|![A-Z]+[^<>]*)>",
    re.DOTALL,
)
# Byte order marks and BOM-less signatures of the corpus's UTF-16/32 files: (prefix, codec).
_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "utf-32be"),
    (b"\xff\xfe\x00\x00", "utf-32le"),
    (b"\x00\x00\x00<", "utf-32be"),
    (b"<\x00\x00\x00", "utf-32le"),
    (b"\x00<\x00?", "utf-16be"),
    (b"<\x00?\x00", "utf-16le"),
    (b"\xfe\xff", "utf-16be"),
    (b"\xff\xfe", "utf-16le"),
)


def _comment_text(data: bytes) -> str:
    """The file as text, only to read its Header: lines (the bytes are what gets served)."""
    for prefix, codec in _SIGNATURES:
        if data.startswith(prefix):
            return data.decode(codec, errors="ignore")
    return data.decode("utf-8", errors="ignore")


def _serve(server: FeedServer, path: Path) -> FeedSpec:
    name = path.relative_to(CORPUS).as_posix()
    data = path.read_bytes()
    headers = {
        key.strip().lower(): value.strip() for key, value in _HEADER.findall(_comment_text(data))
    }
    default = "application/json" if path.suffix == ".json" else "application/xml"
    url = server.feed(
        f"/tests/{name}",
        data,
        content_type=headers.pop("content-type", default),
        etag=headers.pop("etag", ""),
        last_modified=headers.pop("last-modified", None),
        headers={key.title(): value for key, value in headers.items()},
    )
    return FeedSpec(name=name, url=url, language="en", country="TM")


def _files() -> Iterator[Path]:
    return (p for p in sorted(CORPUS.rglob("*")) if p.suffix in (".xml", ".json"))


def _problems(outcomes: list[FeedOutcome]) -> list[str]:
    found = []
    for outcome in outcomes:
        name = outcome.feed.name
        if outcome.status not in ("new", "not-modified", "failed"):
            found.append(f"{name}: status {outcome.status}")
        elif outcome.status == "failed" and not outcome.error:
            found.append(f"{name}: failed without a reason")
        elif outcome.error and outcome.error.startswith("internal error"):
            found.append(f"{name}: {outcome.error}")  # an exception our code did not expect
    return found


def _text_problems(title: object, summary: object, published: object, key: object) -> list[str]:
    found = []
    for field, value in (("title", title), ("summary", summary)):
        if not isinstance(value, str):
            found.append(f"{key}: {field} is {type(value).__name__}")
        elif clean(value) != value:
            found.append(f"{key}: {field} holds control characters: {value[:80]!r}")
        elif _MARKUP.search(value):
            found.append(f"{key}: {field} holds markup: {_MARKUP.search(value)}")
    if published is not None:
        when = datetime.fromisoformat(str(published))
        if when.utcoffset() != timedelta(0):
            found.append(f"{key}: published {published} is not UTC")
        elif when > NOW + timedelta(days=1):
            found.append(f"{key}: published {published} is ahead of the clock")
    return found


async def test_the_corpus_goes_through_the_whole_ingest(
    feed_server: FeedServer,
    store: SQLiteStorage,
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    feeds = [_serve(feed_server, path) for path in _files()]
    assert len(feeds) > 2000, f"only {len(feeds)} files under {CORPUS}"
    clock = ManualClock(NOW)
    await store.subscribe("telegram", "1001", ["TM"])
    async with Fetcher.open(FetchLimits(total_timeout=20), allowed=LOOPBACK) as fetcher:
        pipeline = Pipeline(store, fetcher, Detector.load(), [], clock)
        with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
            warnings.simplefilter("ignore")  # feedparser's DeprecationWarnings are its own
            first = await pipeline.poll_all(feeds)
            clock.now = NOW + timedelta(days=2)  # past every failed feed's backoff
            second = await pipeline.poll_all(feeds)

    assert not _problems(first + second), "\n".join(_problems(first + second))
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, "\n".join(errors)
    new = [o for o in first if o.status == "new"]
    assert len(new) > 1500 and sum(o.new_entries for o in new) > 1000  # real work was checked
    again = [f"{o.feed.name}: {o.new_entries} new" for o in second if o.new_entries]
    assert not again, "keys changed between two polls:\n" + "\n".join(again)
    failed = {o.feed.name for o in first if o.status == "failed"}
    assert {o.feed.name for o in second if o.status == "failed"} == failed

    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT title, summary, published, entry_key FROM entries").fetchall()
    problems = [p for row in rows for p in _text_problems(*row)]
    assert not problems, f"{len(problems)} of {len(rows)} entries:\n" + "\n".join(problems[:50])

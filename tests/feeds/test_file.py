"""load_feeds: a valid file loads; every malformed one names its file, line and field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.core.models import FeedSpec
from bot.core.registry import FeedStatus, RegisteredFeed
from bot.feeds.file import check_feed, dump_feeds, load_feeds
from tests.support.paths import REPO

REPO_FEEDS = REPO / "feeds.toml"

GOOD = """\
# Central Asia
[[feed]]
name = "Eurasianet: Turkmenistan"
url = "https://eurasianet.org/region/turkmenistan/rss"
language = "EN"
country = "tm"
interval = 15

[[feed]]
name = "Meduza"
url = "https://meduza.io/rss/all"
language = "ru"
"""

OK_FEED = '[[feed]]\nname = "A"\nurl = "https://a.example/rss"\nlanguage = "en"\n'

# (case, file text, line, field, words of the reason)
MALFORMED = [
    ("unknown key", OK_FEED + 'colour = "red"\n', 5, "colour", "unknown key"),
    ("missing url", '\n[[feed]]\nname = "A"\nlanguage = "en"\n', 2, "url", "missing"),
    (
        "missing name in 2nd table",
        OK_FEED + '\n[[feed]]\nurl = "https://b.example/"\nlanguage = "en"\n',
        6,
        "name",
        "missing",
    ),
    (
        "name not a string",
        '[[feed]]\nname = 5\nurl = "https://a.example/"\nlanguage = "en"\n',
        2,
        "name",
        "must be a string",
    ),
    (
        "empty name",
        '[[feed]]\nname = "  "\nurl = "https://a.example/"\nlanguage = "en"\n',
        2,
        "name",
        "empty",
    ),
    (
        "ftp url",
        '[[feed]]\nname = "A"\nlanguage = "en"\nurl = "ftp://a.example/rss"\n',
        4,
        "url",
        "http(s)",
    ),
    (
        "url without host",
        '[[feed]]\nname = "A"\nlanguage = "en"\nurl = "https:///rss"\n',
        4,
        "url",
        "http(s)",
    ),
    (
        "url with spaces",
        '[[feed]]\nname = "A"\nlanguage = "en"\nurl = " https://a.example/"\n',
        4,
        "url",
        "http(s)",
    ),
    (
        "url with bad port",
        '[[feed]]\nname = "A"\nlanguage = "en"\nurl = "https://a.example:x/"\n',
        4,
        "url",
        "http(s)",
    ),
    (
        "url with bad IPv6",
        '[[feed]]\nname = "A"\nlanguage = "en"\nurl = "http://[::1/rss"\n',
        4,
        "url",
        "http(s)",
    ),
    (
        "language name",
        '[[feed]]\nname = "A"\nurl = "https://a.example/"\nlanguage = "Russian"\n',
        4,
        "language",
        "ISO 639-1",
    ),
    (
        "made-up language",
        '[[feed]]\nname = "A"\nurl = "https://a.example/"\nlanguage = "xx"\n',
        4,
        "language",
        "ISO 639-1",
    ),
    ("alpha-3 country", OK_FEED + 'country = "TKM"\n', 5, "country", "ISO 3166-1"),
    ("made-up country", OK_FEED + 'country = "QQ"\n', 5, "country", "ISO 3166-1"),
    ("country not a string", OK_FEED + "country = 7\n", 5, "country", "must be a string"),
    ("interval as string", OK_FEED + 'interval = "30"\n', 5, "interval", "integer"),
    ("interval as float", OK_FEED + "interval = 30.0\n", 5, "interval", "integer"),
    ("interval as bool", OK_FEED + "interval = true\n", 5, "interval", "integer"),
    ("full_text as string", OK_FEED + 'full_text = "yes"\n', 5, "full_text", "true or false"),
    ("interval too short", OK_FEED + "interval = 4\n", 5, "interval", "5..1440"),
    ("interval too long", OK_FEED + "interval = 2000\n", 5, "interval", "5..1440"),
    (
        "duplicate url",
        OK_FEED + '\n[[feed]]\nname = "B"\nurl = "http://www.a.example/rss/"\nlanguage = "en"\n',
        8,
        "url",
        "duplicate feed (same URL as the [[feed]] at line 1)",
    ),
    ("unknown top-level key", 'title = "feeds"\n' + OK_FEED, 1, "title", "unknown top-level"),
    ("feed is a table", '[feed]\nname = "A"\n', 1, "feed", "[[feed]] tables"),
    ("no feeds", "# nothing yet\n", None, "feed", "no [[feed]]"),
    ("TOML syntax", OK_FEED + 'country = "TM\n', 5, None, "TOML syntax"),
    ("TOML duplicate key", OK_FEED + 'name = "B"\n', 5, None, "TOML syntax"),
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads(tmp_path: Path) -> None:
    assert load_feeds(write(tmp_path, GOOD)) == [
        FeedSpec(
            name="Eurasianet: Turkmenistan",
            url="https://eurasianet.org/region/turkmenistan/rss",
            language="en",
            country="TM",
            interval=timedelta(minutes=15),
        ),
        FeedSpec(
            name="Meduza",
            url="https://meduza.io/rss/all",
            language="ru",
            country=None,
            interval=timedelta(minutes=30),
        ),
    ]


@pytest.mark.parametrize(
    ("case", "text", "line", "field", "reason"), MALFORMED, ids=[case[0] for case in MALFORMED]
)
def test_malformed_file_names_line_and_field(
    tmp_path: Path, case: str, text: str, line: int | None, field: str | None, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_feeds(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), line, field), case
    assert reason in error.reason
    assert str(error).startswith(f"{path}:{line}: " if line else f"{path}: ")


def test_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError, match="cannot read") as caught:
        load_feeds(missing)
    assert caught.value.path == str(missing)
    (tmp_path / "latin1.toml").write_bytes(b'[[feed]]\nname = "Caf\xe9"\n')
    with pytest.raises(ConfigError, match="cannot read"):
        load_feeds(tmp_path / "latin1.toml")


def test_the_repository_feeds_file_is_valid() -> None:
    feeds = load_feeds(REPO_FEEDS)
    assert len(feeds) >= 20
    assert all(15 <= f.interval.total_seconds() / 60 <= 60 for f in feeds)
    assert all(f.url.startswith("https://") for f in feeds)
    countries = {f.country for f in feeds}
    assert {"TM", "UZ", "KZ", "KG", "TJ"} <= countries
    # Whole articles only where a licence allows it (README "Full articles by mail")
    assert {f.name for f in feeds if f.full_text} == {
        "Global Voices: Censorship",
        "Global Voices Advox",
    }


# --- writing the registry back out (blockwatch feeds export) -----------------------------------


def test_export_reads_back_as_the_same_feeds(tmp_path: Path) -> None:
    when = datetime(2026, 11, 20, tzinfo=UTC)
    odd = FeedSpec(
        'Quote " back\\slash\ttab \x7f del, Ürgench',
        "https://a.example/rss?a=1&b=2",
        "tk",
        "TM",
        timedelta(minutes=15),
        full_text=True,
    )
    plain = FeedSpec("Meduza", "https://meduza.io/rss/all", "ru")
    paused = FeedSpec("Paused", "https://p.example/rss", "en")

    def feed(spec: FeedSpec, feed_id: int, status: FeedStatus = "active") -> RegisteredFeed:
        return RegisteredFeed(feed_id, spec, status, "seed", False, when, when)

    text = dump_feeds(
        [
            feed(odd, 1),
            feed(plain, 2),
            feed(paused, 3, "paused"),
            feed(FeedSpec("Gone", "https://g.example/", "en"), 4, "removed"),
        ]
    )
    assert load_feeds(write(tmp_path, text)) == [odd, plain]
    assert '# paused by a moderator:\n# [[feed]]\n# name = "Paused"' in text
    assert "Gone" not in text


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ({"name": "A", "url": "https://a.example/", "language": "en", "interval": 3}, "interval"),
        ({"name": "A", "url": "https://a.example/", "language": "xx"}, "language"),
        ({"name": "A", "language": "en"}, "url"),
    ],
)
def test_check_feed_names_the_field(table: dict[str, object], field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_feed(table)
    assert caught.value.field == field

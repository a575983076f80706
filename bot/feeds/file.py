"""feeds.toml: the moderators' list of `[[feed]]` tables, validated with file:line:field errors.

tomllib reports no positions for values, so the line of the n-th `[[feed]]` header and of a key
inside it are found by scanning the text. That is exact for the plain layout feeds.toml uses;
for exotic TOML (inline tables, dotted keys) the error falls back to the nearest line it can find.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.core.countries import country_problem
from bot.core.errors import ConfigError
from bot.core.languages import is_language
from bot.core.models import FeedSpec
from bot.core.registry import RegisteredFeed
from bot.core.urls import normalise_url

REQUIRED = ("name", "url", "language")
OPTIONAL = ("country", "interval", "full_text")
DEFAULT_INTERVAL = 30
MIN_INTERVAL = 5
MAX_INTERVAL = 24 * 60  # a feed polled less than daily is a feed forgotten

_FEED_HEADER = re.compile(r"^\s*\[\[\s*feed\s*\]\]")
_ANY_HEADER = re.compile(r"^\s*\[")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True, slots=True)
class _Locator:
    """Line numbers (1-based) in the text of one feeds file."""

    path: str
    lines: list[str]

    def table(self, index: int) -> int | None:
        """The line of the `index`-th (0-based) `[[feed]]` header."""
        headers = [n for n, line in enumerate(self.lines, 1) if _FEED_HEADER.match(line)]
        return headers[index] if index < len(headers) else None

    def key(self, index: int, key: str) -> int | None:
        """The line of `key = ...` inside the `index`-th table, else the table's own line."""
        start = self.table(index)
        if start is None:
            return self.top_level(key)
        name = re.escape(key)
        pattern = re.compile(rf"""^\s*(?:{name}|"{name}"|'{name}')\s*[=.]""")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if _ANY_HEADER.match(line):
                break
            if pattern.match(line):
                return number
        return start

    def top_level(self, key: str) -> int | None:
        pattern = re.compile(rf"""^\s*(?:\[+\s*)?["']?{re.escape(key)}["']?\s*[=\].]""")
        return next((n for n, line in enumerate(self.lines, 1) if pattern.match(line)), None)

    def error(self, reason: str, line: int | None, field: str | None = None) -> ConfigError:
        return ConfigError(reason, path=self.path, line=line, field=field)


def load_feeds(path: Path) -> list[FeedSpec]:
    """Read and validate a feeds file. Raises ConfigError naming file, line and field."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read feeds file: {exc}", path=str(path)) from exc
    where = _Locator(str(path), text.splitlines())
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise where.error(f"TOML syntax: {exc}", line) from exc
    return _feeds(data, where)


def _feeds(data: dict[str, Any], where: _Locator) -> list[FeedSpec]:
    for key in data:
        if key != "feed":
            raise where.error(
                "unknown top-level key (only [[feed]] tables)", where.top_level(key), key
            )
    tables = data.get("feed")
    if tables is None:
        raise where.error("no [[feed]] tables", None, "feed")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise where.error("must be [[feed]] tables", where.top_level("feed"), "feed")
    specs: list[FeedSpec] = []
    seen: dict[str, int] = {}  # normalised URL -> index of the table that has it
    for index, table in enumerate(tables):
        spec = _feed(table, index, where)
        key = normalise_url(spec.url) or spec.url
        if key in seen:
            first = where.table(seen[key])
            raise where.error(
                f"duplicate feed (same URL as the [[feed]] at line {first})",
                where.key(index, "url"),
                "url",
            )
        seen[key] = index
        specs.append(spec)
    return specs


def _feed(table: dict[str, Any], index: int, where: _Locator) -> FeedSpec:
    _check_keys(table, index, where)

    def fail(field: str, reason: str) -> ConfigError:
        return where.error(reason, where.key(index, field), field)

    return _spec(table, fail)


def check_feed(table: Mapping[str, Any], path: str | None = None) -> FeedSpec:
    """One feed's settings from anywhere but feeds.toml (an OPML outline, a moderator's
    command), validated as a `[[feed]]` table. Raises ConfigError naming the field."""
    for key in REQUIRED:
        if key not in table:
            raise ConfigError("missing required key", path=path, field=key)

    def fail(field: str, reason: str) -> ConfigError:
        return ConfigError(reason, path=path, field=field)

    return _spec(table, fail)


def _spec(table: Mapping[str, Any], fail: _Fail) -> FeedSpec:
    name = _string(table, "name", fail).strip()
    if not name:
        raise fail("name", "must not be empty")
    language = _string(table, "language", fail).lower()
    if not is_language(language):
        raise fail("language", f"not an ISO 639-1 code: {table['language']!r}")
    country = None
    if "country" in table:
        country = _string(table, "country", fail).upper()
        problem = country_problem(country)  # the one list, and "UK: did you mean GB?"
        if problem is not None:
            raise fail("country", problem)
    return FeedSpec(
        name=name,
        url=_url(table, fail),
        language=language,
        country=country,
        interval=timedelta(minutes=_interval(table, fail)),
        full_text=_full_text(table, fail),
    )


def _full_text(table: Mapping[str, Any], fail: _Fail) -> bool:
    value = table.get("full_text", False)
    if not isinstance(value, bool):
        raise fail("full_text", f"must be true or false, got {value!r}")
    return value


def _check_keys(table: dict[str, Any], index: int, where: _Locator) -> None:
    for key in table:
        if key not in REQUIRED + OPTIONAL:
            allowed = ", ".join(REQUIRED + OPTIONAL)
            raise where.error(f"unknown key (allowed: {allowed})", where.key(index, key), key)
    for key in REQUIRED:
        if key not in table:
            raise where.error("missing required key", where.table(index), key)


_Fail = Callable[[str, str], ConfigError]


def _string(table: Mapping[str, Any], key: str, fail: _Fail) -> str:
    value = table[key]
    if not isinstance(value, str):
        raise fail(key, f"must be a string, got {type(value).__name__}")
    return value


def _url(table: Mapping[str, Any], fail: _Fail) -> str:
    url = _string(table, "url", fail)
    try:
        parts = urlsplit(url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a bad port or IPv6 literal
        usable = False
    if not usable or url != url.strip():
        raise fail("url", f"must be an http(s) URL with a host, got {url!r}")
    return url


def _interval(table: Mapping[str, Any], fail: _Fail) -> int:
    interval = table.get("interval", DEFAULT_INTERVAL)
    # bool is an int to Python, but `interval = true` is a mistake, not one minute.
    if not isinstance(interval, int) or isinstance(interval, bool):
        raise fail("interval", f"must be an integer number of minutes, got {interval!r}")
    if not MIN_INTERVAL <= interval <= MAX_INTERVAL:
        raise fail("interval", f"must be {MIN_INTERVAL}..{MAX_INTERVAL} minutes, got {interval}")
    return interval


def dump_feeds(feeds: Sequence[RegisteredFeed]) -> str:
    """The registry as a feeds.toml that `load_feeds` reads back to the same feeds.

    Paused feeds are written commented out: seeding a fresh database from the file then leaves
    them out, as the moderators had; removed feeds are not written at all.
    """
    parts = ["# Blockwatch feeds, exported from the database (`blockwatch feeds export`).\n"]
    for feed in feeds:
        if feed.status == "removed":
            continue
        table = _table(feed.spec)
        if feed.status == "paused":
            table = "# paused by a moderator:\n" + "".join(
                f"# {line}\n" for line in table.splitlines()
            )
        parts.append(table)
    return "\n".join(parts)


def _table(spec: FeedSpec) -> str:
    lines = [
        "[[feed]]",
        f"name = {_toml_string(spec.name)}",
        f"url = {_toml_string(spec.url)}",
        f"language = {_toml_string(spec.language)}",
    ]
    if spec.country:
        lines.append(f"country = {_toml_string(spec.country)}")
    lines.append(f"interval = {int(spec.interval.total_seconds() // 60)}")
    if spec.full_text:
        lines.append("full_text = true")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    # A JSON string is a TOML basic string, except that TOML also wants DEL escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")

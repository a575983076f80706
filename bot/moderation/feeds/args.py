"""What a moderator types after /addfeed: a URL, then optional settings. Pure.

    /addfeed https://example.org/news lang=ru country=TM every=15

The settings are checked as a feeds.toml table would be, so a typo is refused with the reason
before anything is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from bot.core.countries import is_country
from bot.core.errors import ConfigError
from bot.core.languages import is_language
from bot.feeds.file import MAX_INTERVAL, MIN_INTERVAL

USAGE = (
    "Send <code>/addfeed URL</code>: the address of a feed, or of a page of the site (its feed "
    "is found). Optional after it: <code>lang=ru country=TM every=15</code> (minutes)."
)
_KEYS = {
    "lang": "language",
    "language": "language",
    "country": "country",
    "every": "every",
    "interval": "every",
}


@dataclass(frozen=True, slots=True)
class AddFeed:
    url: str
    language: str | None = None  # None: the feed's own, else a guess
    country: str | None = None
    interval: timedelta | None = None  # None: the default


def parse_addfeed(args: str | None) -> AddFeed:
    """The request, or ConfigError saying what is wrong (its field names the word)."""
    words = (args or "").split()
    if not words:
        raise ConfigError("which feed?", field="url")
    url = words[0]
    try:
        parts = urlsplit(url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        usable = False
    if not usable:
        raise ConfigError("not an http(s) address", field="url")
    values: dict[str, str] = {}
    for word in words[1:]:
        key, sign, value = word.partition("=")
        if not sign or key.lower() not in _KEYS or not value:
            raise ConfigError(f"not a setting: {word!r} (lang=, country=, every=)", field=key)
        values[_KEYS[key.lower()]] = value
    return AddFeed(
        url,
        _language(values.get("language")),
        _country(values.get("country")),
        _interval(values.get("every")),
    )


def _language(value: str | None) -> str | None:
    if value is None:
        return None
    if not is_language(value.lower()):
        raise ConfigError(f"not an ISO 639-1 language code: {value!r}", field="lang")
    return value.lower()


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    if not (len(value) == 2 and is_country(value)):
        raise ConfigError(f"not an ISO 3166-1 country code: {value!r}", field="country")
    return value.upper()


def _interval(value: str | None) -> timedelta | None:
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or not MIN_INTERVAL <= int(value) <= MAX_INTERVAL:
        raise ConfigError(
            f"every takes {MIN_INTERVAL}..{MAX_INTERVAL} minutes, got {value!r}", field="every"
        )
    return timedelta(minutes=int(value))

"""What SMTP_URL and IMAP_URL have in common: options in the query string, and errors that
name the setting but never echo the URL (it holds a password).

    scheme://[user:pass@]host[:port][/path]?starttls=1&timeout=30
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import SplitResult, parse_qs, urlsplit

from bot.core.errors import ConfigError

TlsMode = Literal["none", "starttls", "implicit"]

DEFAULT_TIMEOUT = 30.0  # seconds per connect and per command
_FLAGS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
OPTIONS = frozenset({"starttls", "timeout"})  # both URLs take these


def split_url(url: str, setting: str, schemes: tuple[str, ...]) -> tuple[SplitResult, int | None]:
    """The URL's parts and its explicit port; ConfigError for another scheme or a bad port."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ConfigError("not a valid URL (check the port)", field=setting) from exc
    if parts.scheme.lower() not in schemes:
        raise ConfigError(
            f"expected a {' or '.join(s + '://' for s in schemes)} URL", field=setting
        )
    return parts, port


def url_options(query: str, setting: str, allowed: frozenset[str] = OPTIONS) -> dict[str, str]:
    """The query string's options (the last value wins); any not `allowed` is refused."""
    try:
        values = parse_qs(query, strict_parsing=bool(query), max_num_fields=10)
    except ValueError as exc:
        raise ConfigError("malformed query string", field=setting) from exc
    unknown = set(values) - allowed
    if unknown:
        raise ConfigError(f"unknown option(s) {', '.join(sorted(unknown))}", field=setting)
    return {key: items[-1] for key, items in values.items()}


def starttls_flag(value: str | None, setting: str) -> bool | None:
    """?starttls=1/0 (also true/false, yes/no); None when the URL does not say."""
    return flag_option(value, "starttls", setting)


def flag_option(value: str | None, option: str, setting: str) -> bool | None:
    """?option=1/0 (also true/false, yes/no); None when the URL does not say."""
    if value is None:
        return None
    if value.lower() not in _FLAGS:
        raise ConfigError(f"{option} must be 1 or 0", field=setting)
    return _FLAGS[value.lower()]


def timeout_option(value: str | None, setting: str) -> float:
    if value is None:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 600:
        raise ConfigError("timeout must be seconds between 0 and 600", field=setting)
    return seconds

"""Settings from the environment (and a `.env` file), read once by the composition root.

Every setting is optional: with none, Blockwatch polls `feeds.toml` into `blockwatch.db` and
prints what it would send.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import dotenv_values

from bot.core.errors import ConfigError
from bot.feeds.hosts import PUBLIC_ONLY, AllowedHosts
from bot.mail.imap_settings import ImapSettings
from bot.mail.inbox.limits import DEFAULT_PER_HOUR as DEFAULT_MAIL_REPLIES_PER_HOUR

DEFAULT_DB = Path("blockwatch.db")
DEFAULT_FEEDS = Path("feeds.toml")
DEFAULT_MAIL_FROM = "Blockwatch <alerts@blockwatch.invalid>"
DEFAULT_HTTP_PORT = 8080
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
# Stored entries are kept this long after their feed last showed them (storage/retention.py):
# half a year of evidence behind every event, without keeping every feed item forever.
DEFAULT_RETENTION_DAYS = 180


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path = DEFAULT_DB
    feeds_path: Path = DEFAULT_FEEDS
    telegram_token: str | None = None
    telegram_api_url: str | None = None  # None: Telegram's own Bot API
    smtp_url: str | None = None
    mail_from: str = DEFAULT_MAIL_FROM
    log_level: str = "INFO"
    imap_url: str | None = None  # the mailbox where commands by mail arrive
    public_url: str | None = None  # public base of the web endpoint (one-click unsubscribe)
    http_port: int | None = None  # the web endpoint's port; None: DEFAULT_HTTP_PORT if public_url
    moderators: frozenset[int] = frozenset()  # Telegram user ids (BLOCKWATCH_MODERATORS)
    # Non-public hosts feeds may be fetched from (BLOCKWATCH_ALLOW_HOSTS); none by default.
    allow_hosts: AllowedHosts = PUBLIC_ONLY
    retention_days: int = DEFAULT_RETENTION_DAYS  # BLOCKWATCH_RETENTION_DAYS
    mail_replies_per_hour: int = DEFAULT_MAIL_REPLIES_PER_HOUR  # answers by mail, to anyone

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
    ) -> Settings:
        """Read settings; real environment variables win over the `.env` file."""
        values: dict[str, str] = {}
        if dotenv is not None and dotenv.is_file():
            values.update({k: v for k, v in dotenv_values(dotenv).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        settings = cls(
            db_path=Path(values.get("BLOCKWATCH_DB") or DEFAULT_DB),
            feeds_path=Path(values.get("BLOCKWATCH_FEEDS") or DEFAULT_FEEDS),
            telegram_token=values.get("TELEGRAM_BOT_TOKEN") or None,
            telegram_api_url=values.get("TELEGRAM_API_URL") or None,
            smtp_url=values.get("SMTP_URL") or None,
            mail_from=values.get("MAIL_FROM") or DEFAULT_MAIL_FROM,
            log_level=(values.get("BLOCKWATCH_LOG_LEVEL") or "INFO").upper(),
            imap_url=values.get("IMAP_URL") or None,
            public_url=(values.get("PUBLIC_URL") or "").rstrip("/") or None,
            http_port=_port(values.get("BLOCKWATCH_HTTP_PORT")),
            moderators=_user_ids(values.get("BLOCKWATCH_MODERATORS")),
            allow_hosts=AllowedHosts.parse(values.get("BLOCKWATCH_ALLOW_HOSTS")),
            retention_days=_retention_days(values.get("BLOCKWATCH_RETENTION_DAYS")),
            mail_replies_per_hour=_count(
                values.get("BLOCKWATCH_MAIL_REPLIES_PER_HOUR"),
                DEFAULT_MAIL_REPLIES_PER_HOUR,
                "BLOCKWATCH_MAIL_REPLIES_PER_HOUR",
            ),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.imap_url is not None:
            ImapSettings.from_url(self.imap_url)  # raises ConfigError naming IMAP_URL
        for name, url, schemes in (
            ("TELEGRAM_API_URL", self.telegram_api_url, ("http", "https")),
            ("PUBLIC_URL", self.public_url, ("http", "https")),
            ("SMTP_URL", self.smtp_url, ("smtp", "smtps")),
        ):
            parts = urlsplit(url) if url is not None else None
            if parts is not None and (parts.scheme not in schemes or not parts.hostname):
                raise ConfigError(f"expected a {' or '.join(schemes)} URL with a host", field=name)
        if self.log_level not in LOG_LEVELS:
            raise ConfigError(
                f"expected {', '.join(LOG_LEVELS)}, not {self.log_level!r}",
                field="BLOCKWATCH_LOG_LEVEL",
            )
        if "@" not in self.mail_from:
            raise ConfigError("expected an email address", field="MAIL_FROM")
        if self.telegram_token is not None and ":" not in self.telegram_token:
            raise ConfigError("a bot token looks like 123456:ABC-DEF…", field="TELEGRAM_BOT_TOKEN")


def _port(value: str | None) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError("expected a TCP port number, 1 to 65535", field="BLOCKWATCH_HTTP_PORT")
    return int(value)


def _retention_days(value: str | None) -> int:
    """Days; at least 30, so that no open event (7 days) nor a daily digest loses its sources."""
    if not value:
        return DEFAULT_RETENTION_DAYS
    if not (value.isascii() and value.isdigit()) or not 30 <= int(value) <= 36500:
        raise ConfigError(
            "expected a number of days, 30 or more (default 180)", field="BLOCKWATCH_RETENTION_DAYS"
        )
    return int(value)


def _count(value: str | None, default: int, field: str) -> int:
    if not value:
        return default
    if not (value.isascii() and value.isdigit()):
        raise ConfigError("expected a whole number, 0 or more", field=field)
    return int(value)


def _user_ids(value: str | None) -> frozenset[int]:
    """ "123, 456": Telegram user ids. Users are positive; a negative id is a group's."""
    ids = set()
    for part in (value or "").replace(",", " ").split():
        if not (part.isascii() and part.isdigit()) or int(part) == 0:
            raise ConfigError(
                f"{part!r} is not a Telegram user id (digits, like 123456789)",
                field="BLOCKWATCH_MODERATORS",
            )
        ids.add(int(part))
    return frozenset(ids)

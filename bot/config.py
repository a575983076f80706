"""Settings from the environment (and a `.env` file), read once by the composition root.

Every setting is optional: with none, Blockwatch polls `feeds.toml` into `blockwatch.db` and
prints what it would send.

pydantic-settings does the reading and checking (`_Variables` below): the same variable names,
the `.env` file in the working directory beneath the real environment, an empty value meaning
the default. What it refuses becomes one ConfigError line naming the variable; pydantic's own
report never reaches an operator (it takes several lines, and would echo a URL's password).
`Settings` stays a plain frozen dataclass: what the rest of the code reads and tests build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainValidator,
    PositiveInt,
    ValidationError,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from bot.core.errors import ConfigError
from bot.feeds.hosts import PUBLIC_ONLY, AllowedHosts
from bot.mail.imap_settings import ImapSettings
from bot.mail.inbox.limits import DEFAULT_PER_HOUR as DEFAULT_MAIL_REPLIES_PER_HOUR

DEFAULT_DB = Path("blockwatch.db")
DEFAULT_FEEDS = Path("feeds.toml")
DEFAULT_MAIL_FROM = "Blockwatch <alerts@blockwatch.invalid>"
DEFAULT_HTTP_PORT = 8080
# Stored entries are kept this long after their feed last showed them (storage/retention.py):
# half a year of evidence behind every event, without keeping every feed item forever.
DEFAULT_RETENTION_DAYS = 180
DEFAULT_CLAIM_LEASE = 600  # seconds a killed instance's deliveries wait for another (renewed)
# OONI's public API (bot/ooni/): its figures beside alerts; OONI_API_URL= (empty) turns them off.
DEFAULT_OONI_API_URL = "https://api.ooni.io"
DEFAULT_OONI_REQUESTS_PER_HOUR = 60
# The web endpoint listens on loopback unless told otherwise: a reverse proxy in front of it
# (or BLOCKWATCH_HTTP_HOST=0.0.0.0) decides who reaches it.
DEFAULT_HTTP_HOST = "127.0.0.1"
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
LOG_LEVELS: tuple[str, ...] = get_args(LogLevel)
LogFormat = Literal["text", "json"]


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path = DEFAULT_DB  # SQLite's file, unless db_url is set
    db_url: str | None = None  # BLOCKWATCH_DB=postgresql://...: the PostgreSQL database instead
    # PostgreSQL: the lease on deliveries an instance took (storage/shared.py), renewed while it
    # sends them; a killed instance's are sent by another once it ends (BLOCKWATCH_CLAIM_LEASE, s).
    claim_lease: int = DEFAULT_CLAIM_LEASE
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
    mail_articles_per_day: int = 20  # ARTICLE answers per address a day
    ooni_api_url: str = DEFAULT_OONI_API_URL  # "": no OONI figures
    ooni_requests_per_hour: int = DEFAULT_OONI_REQUESTS_PER_HOUR
    log_format: LogFormat = "text"  # BLOCKWATCH_LOG_FORMAT: json for log collectors
    http_host: str = DEFAULT_HTTP_HOST  # BLOCKWATCH_HTTP_HOST: the web endpoint's address
    # BLOCKWATCH_ADMIN_HOST: /metrics and /health on an address of their own (host, port)
    admin_address: tuple[str, int] | None = None
    telegram_webhook_url: str | None = None  # TELEGRAM_WEBHOOK_URL: webhook, not long polling

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
    ) -> Settings:
        """Read settings; real environment variables win over the `.env` file."""
        source = os.environ if environ is None else environ
        # _env_file is BaseSettings' own argument, which mypy's view of the model leaves out.
        arguments: dict[str, Any] = {"_env_file": dotenv}
        arguments.update((name, source[name]) for name in _Variables.names() if name in source)
        try:
            read = _Variables(**arguments)
        except ValidationError as exc:
            raise _config_error(exc) from None
        values = {name: value for name, value in read if value is not None}
        if "db_path" in values:
            values.update(database_setting(values.pop("db_path")))
        return cls(**values)

    @property
    def database(self) -> str | Path:
        """What storage opens: the PostgreSQL URL, or SQLite's file."""
        return self.db_url if self.db_url is not None else self.db_path

    @property
    def database_name(self) -> str:
        """The database as messages name it: a URL without its password."""
        if self.db_url is None:
            return str(self.db_path)
        parts = urlsplit(self.db_url)
        return (
            self.db_url.replace(f":{parts.password}@", ":***@") if parts.password else self.db_url
        )


def database_setting(value: str) -> dict[str, Any]:
    """BLOCKWATCH_DB as Settings keeps it: a postgresql:// (or postgres://) URL in db_url;
    a path, or a `sqlite:` URL of one, in db_path. `sqlite:///blockwatch.db` is relative,
    `sqlite:////var/lib/blockwatch.db` absolute (SQLAlchemy's spelling), `sqlite:x.db` too."""
    if value.startswith(("postgresql://", "postgres://")):
        return {"db_url": value}
    if value.startswith("sqlite://"):
        return {"db_path": Path(value.removeprefix("sqlite://").removeprefix("/"))}
    return {"db_path": Path(value.removeprefix("sqlite:"))}


# --- how pydantic-settings reads and checks them --------------------------------------------


def _url(*schemes: str) -> Callable[[str], str]:
    def check(url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme not in schemes or not parts.hostname:
            raise ValueError(f"expected a {' or '.join(schemes)} URL with a host")
        return url

    return check


def _database(value: str) -> str:
    """A file's path, a sqlite: URL, or a PostgreSQL URL with a database name."""
    if value.startswith(("postgresql:", "postgres:")):
        parts = urlsplit(value)
        if not value.startswith(("postgresql://", "postgres://")) or not parts.path.strip("/"):
            raise ValueError("expected postgresql://user:password@host/database")
    return value


def _imap_url(url: str) -> str:
    ImapSettings.from_url(url)  # its ConfigError names IMAP_URL; pydantic lets it through
    return url


_HttpUrl = Annotated[str, AfterValidator(_url("http", "https"))]
_SmtpUrl = Annotated[str, AfterValidator(_url("smtp", "smtps"))]
_ImapUrl = Annotated[str, AfterValidator(_imap_url)]
# No trailing slash on the web endpoint's base: paths are appended ("/" alone means none).
_PublicUrl = Annotated[_HttpUrl | None, BeforeValidator(lambda url: url.rstrip("/") or None)]
_Database = Annotated[str, AfterValidator(_database)]
# Empty: OONI's figures off (kept empty, unlike the others: see _empty_means_default).
_OoniUrl = Annotated[
    str,
    BeforeValidator(lambda url: url.strip().rstrip("/")),
    AfterValidator(lambda url: _url("http", "https")(url) if url else url),
]
_LogLevel = Annotated[LogLevel, BeforeValidator(str.upper)]
_LogFormat = Annotated[LogFormat, BeforeValidator(str.lower)]
# "123, 456": Telegram user ids. Users are positive; a negative id is a group's.
_UserIds = Annotated[
    frozenset[PositiveInt], BeforeValidator(lambda ids: ids.replace(",", " ").split())
]
# AllowedHosts.parse raises its own ConfigError naming the variable.
_Hosts = Annotated[AllowedHosts, PlainValidator(AllowedHosts.parse)]


def host_port(text: str) -> tuple[str, int]:
    """ "127.0.0.1:9100", "[::1]:9100" or ":9100" (loopback) as (host, port)."""
    host, colon, port = text.rpartition(":")
    if not colon or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError("expected HOST:PORT, like 127.0.0.1:9100")
    return host.strip("[]") or DEFAULT_HTTP_HOST, int(port)


_HostPort = Annotated[tuple[str, int], PlainValidator(host_port)]


class _Variables(BaseSettings):
    """The variables, each checked on the way in; None: not set (the dataclass's default)."""

    model_config = SettingsConfigDict(
        case_sensitive=True,
        enable_decoding=False,  # lists are "123, 456", not JSON
        extra="ignore",  # `.env` may hold other programs' variables
        frozen=True,
        validate_default=False,  # the defaults are None: not set
    )

    db_path: _Database | None = Field(None, alias="BLOCKWATCH_DB")
    feeds_path: Path | None = Field(None, alias="BLOCKWATCH_FEEDS")
    telegram_token: str | None = Field(None, alias="TELEGRAM_BOT_TOKEN", pattern=":")
    telegram_api_url: _HttpUrl | None = Field(None, alias="TELEGRAM_API_URL")
    smtp_url: _SmtpUrl | None = Field(None, alias="SMTP_URL")
    mail_from: str | None = Field(None, alias="MAIL_FROM", pattern="@")
    log_level: _LogLevel | None = Field(None, alias="BLOCKWATCH_LOG_LEVEL")
    imap_url: _ImapUrl | None = Field(None, alias="IMAP_URL")
    public_url: _PublicUrl = Field(None, alias="PUBLIC_URL")
    http_port: int | None = Field(None, alias="BLOCKWATCH_HTTP_PORT", ge=1, le=65535)
    moderators: _UserIds | None = Field(None, alias="BLOCKWATCH_MODERATORS")
    allow_hosts: _Hosts | None = Field(None, alias="BLOCKWATCH_ALLOW_HOSTS")
    # At least 30 days, so that no open event (7 days) nor a daily digest loses its sources.
    retention_days: int | None = Field(None, alias="BLOCKWATCH_RETENTION_DAYS", ge=30, le=36500)
    mail_replies_per_hour: int | None = Field(None, alias="BLOCKWATCH_MAIL_REPLIES_PER_HOUR", ge=0)
    mail_articles_per_day: int | None = Field(None, alias="BLOCKWATCH_MAIL_ARTICLES_PER_DAY", ge=0)
    claim_lease: int | None = Field(None, alias="BLOCKWATCH_CLAIM_LEASE", ge=5, le=86400)
    ooni_api_url: _OoniUrl | None = Field(None, alias="OONI_API_URL")
    ooni_requests_per_hour: int | None = Field(None, alias="OONI_REQUESTS_PER_HOUR", ge=1)
    log_format: _LogFormat | None = Field(None, alias="BLOCKWATCH_LOG_FORMAT")
    http_host: str | None = Field(None, alias="BLOCKWATCH_HTTP_HOST", pattern=r"^[\w.:\-]+$")
    admin_address: _HostPort | None = Field(None, alias="BLOCKWATCH_ADMIN_HOST")
    telegram_webhook_url: _HttpUrl | None = Field(None, alias="TELEGRAM_WEBHOOK_URL")

    @model_validator(mode="before")
    @classmethod
    def _empty_means_default(cls, values: dict[str, object]) -> dict[str, object]:
        """`SMTP_URL=` means no SMTP, also over a `.env` that names a server: an empty variable
        in the environment still wins (pydantic-settings' env_ignore_empty would skip it)."""
        return {
            name: value
            for name, value in values.items()
            if value != "" or name == "OONI_API_URL"  # empty there means off, not the default
        }

    @classmethod
    def names(cls) -> list[str]:
        """The variables' names."""
        return [str(field.alias) for field in cls.model_fields.values()]

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The environment arrives as init values (from_env's `environ`, so that tests can pass
        their own), above the `.env` file; no secrets directory."""
        return init_settings, dotenv_settings


# What the operator reads when a check above refuses a value ({input!r}: the value as given)
_REASONS = {
    "BLOCKWATCH_HTTP_PORT": "expected a TCP port number, 1 to 65535",
    "BLOCKWATCH_MODERATORS": "{input!r} is not a Telegram user id (digits, like 123456789)",
    "BLOCKWATCH_RETENTION_DAYS": "expected a number of days, 30 or more (default 180)",
    "BLOCKWATCH_MAIL_REPLIES_PER_HOUR": "expected a whole number, 0 or more",
    "BLOCKWATCH_MAIL_ARTICLES_PER_DAY": "expected a whole number, 0 or more",
    "BLOCKWATCH_CLAIM_LEASE": "expected seconds, 5 to 86400 (default 600)",
    "BLOCKWATCH_LOG_LEVEL": f"expected {', '.join(LOG_LEVELS)}, not {{input!r}}",
    "BLOCKWATCH_LOG_FORMAT": "expected text or json, not {input!r}",
    "BLOCKWATCH_HTTP_HOST": "expected a host name or address, like 127.0.0.1 or 0.0.0.0",
    "MAIL_FROM": "expected an email address",
    "TELEGRAM_BOT_TOKEN": "a bot token looks like 123456:ABC-DEF…",
}


def _config_error(exc: ValidationError) -> ConfigError:
    """pydantic's first complaint as one ConfigError line naming the variable."""
    error = exc.errors(include_url=False)[0]
    variable = str(error["loc"][0])
    if error["type"] == "value_error":  # _url's
        reason = str(error["ctx"]["error"])
    elif variable in _REASONS:
        reason = _REASONS[variable].format(input=error["input"])
    else:  # pydantic's own words: one line, without the value
        reason = error["msg"]
    return ConfigError(reason, field=variable)

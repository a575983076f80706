"""IMAP settings and their one-line form, the IMAP_URL setting. Pure: no connection here.

    imap://user:pass@host/INBOX            plain IMAP on port 143 (a local server only)
    imap://user:pass@host?starttls=1       STARTTLS on port 143; never a silent plain fallback
    imaps://user:pa%40ss@host/Commands     implicit TLS on port 993, the mailbox "Commands"
    imap://user:pass@host:993/INBOX        port 993 is implicit TLS whatever the scheme says
    ...?timeout=10                         seconds per connect and per IMAP command (default 30)

The path names the mailbox (percent-decoded; default INBOX). Like SMTP_URL, the TLS mode is what
the operator wrote, and errors never echo the URL: it holds a password.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from bot.errors import ConfigError

TlsMode = Literal["none", "starttls", "implicit"]

_DEFAULT_PORTS = {"imap": 143, "imaps": 993}
_IMAPS_PORT = 993  # RFC 8314: implicit TLS; plain text there can only fail, after the password
_DEFAULT_TIMEOUT = 30.0
_FLAGS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
_FIELD = "IMAP_URL"


@dataclass(frozen=True, slots=True)
class ImapSettings:
    """Where the service's own mailbox is and how to log in to it."""

    host: str
    port: int
    username: str
    password: str = field(repr=False)  # never printed with the settings
    tls: TlsMode
    mailbox: str = "INBOX"
    timeout: float = _DEFAULT_TIMEOUT  # seconds per connect and per IMAP command

    @classmethod
    def from_url(cls, url: str) -> ImapSettings:
        """Parse imap[s]://user:pass@host[:port][/mailbox][?starttls=1&timeout=30]."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise ConfigError("not a valid URL (check the port)", field=_FIELD) from exc
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            raise ConfigError("expected an imap:// or imaps:// URL", field=_FIELD)
        if not parts.hostname or parts.fragment:
            raise ConfigError("expected scheme://user:pass@host[:port][/mailbox]", field=_FIELD)
        if not parts.username or parts.password is None:
            raise ConfigError("the URL needs the mailbox's user and password", field=_FIELD)
        options = _url_options(parts.query)
        port = port or _DEFAULT_PORTS[scheme]
        return cls(
            host=parts.hostname,
            port=port,
            username=unquote(parts.username),
            password=unquote(parts.password),
            tls=_tls_mode(scheme, port, options.get("starttls")),
            mailbox=_mailbox(parts.path),
            timeout=_timeout(options.get("timeout")),
        )


def _mailbox(path: str) -> str:
    name = unquote(path.removeprefix("/")) or "INBOX"
    # Non-ASCII names need IMAP's modified UTF-7, and control characters would end a command.
    if not name.isascii() or not name.isprintable():
        raise ConfigError("the mailbox name must be printable ASCII", field=_FIELD)
    return name


def _url_options(query: str) -> dict[str, str]:
    try:
        values = parse_qs(query, strict_parsing=bool(query), max_num_fields=10)
    except ValueError as exc:
        raise ConfigError("malformed query string", field=_FIELD) from exc
    unknown = set(values) - {"starttls", "timeout"}
    if unknown:
        raise ConfigError(f"unknown option(s) {', '.join(sorted(unknown))}", field=_FIELD)
    return {key: items[-1] for key, items in values.items()}


def _tls_mode(scheme: str, port: int, starttls: str | None) -> TlsMode:
    if starttls is not None and starttls.lower() not in _FLAGS:
        raise ConfigError("starttls must be 1 or 0", field=_FIELD)
    wanted = _FLAGS[starttls.lower()] if starttls is not None else False
    if scheme == "imaps" or port == _IMAPS_PORT:
        if wanted:
            raise ConfigError("implicit TLS already (imaps:// or port 993); drop starttls=1",
                              field=_FIELD)
        return "implicit"
    return "starttls" if wanted else "none"


def _timeout(value: str | None) -> float:
    if value is None:
        return _DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 600:
        raise ConfigError("timeout must be seconds between 0 and 600", field=_FIELD)
    return seconds

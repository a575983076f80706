"""IMAP settings and their one-line form, the IMAP_URL setting. Pure: no connection here.

    imap://user:pass@host/INBOX            plain IMAP on port 143 (a local server only)
    imap://user:pass@host?starttls=1       STARTTLS on port 143; never a silent plain fallback
    imaps://user:pa%40ss@host/Commands     implicit TLS on port 993, the mailbox "Commands"
    imap://user:pass@host:993/INBOX        port 993 is implicit TLS whatever the scheme says
    ...?timeout=10                         seconds per connect and per IMAP command (default 30)
    ...?authserv_id=mx.example.org         the receiving server whose Authentication-Results
                                           headers are trusted (bot/mail/inbox/auth.py); repeatable

The path names the mailbox (percent-decoded; default INBOX). Like SMTP_URL, the TLS mode is what
the operator wrote, and errors never echo the URL: it holds a password.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlencode

from bot.core.errors import ConfigError
from bot.mail.url_options import (
    DEFAULT_TIMEOUT,
    TlsMode,
    split_url,
    starttls_flag,
    timeout_option,
    url_options,
)

_DEFAULT_PORTS = {"imap": 143, "imaps": 993}
_IMAPS_PORT = 993  # RFC 8314: implicit TLS; plain text there can only fail, after the password
_FIELD = "IMAP_URL"
_AUTHSERV = "authserv_id"


@dataclass(frozen=True, slots=True)
class ImapSettings:
    """Where the service's own mailbox is and how to log in to it."""

    host: str
    port: int
    username: str
    password: str = field(repr=False)  # never printed with the settings
    tls: TlsMode
    mailbox: str = "INBOX"
    timeout: float = DEFAULT_TIMEOUT  # seconds per connect and per IMAP command
    # Servers whose Authentication-Results count: their word that From is genuine lets a STOP
    # act at once (bot/mail/inbox/acts.py). Empty: no header is trusted, STOP asks for a reply
    # first.
    authserv_ids: frozenset[str] = frozenset()

    @classmethod
    def from_url(cls, url: str) -> ImapSettings:
        """Parse imap[s]://user:pass@host[:port][/mailbox][?starttls=1&timeout=30]."""
        parts, port = split_url(url, _FIELD, tuple(_DEFAULT_PORTS))
        scheme = parts.scheme.lower()
        if not parts.hostname or parts.fragment:
            raise ConfigError("expected scheme://user:pass@host[:port][/mailbox]", field=_FIELD)
        if not parts.username or parts.password is None:
            raise ConfigError("the URL needs the mailbox's user and password", field=_FIELD)
        query, authserv_ids = _authserv_ids(parts.query)
        options = url_options(query, _FIELD)
        port = port or _DEFAULT_PORTS[scheme]
        return cls(
            host=parts.hostname,
            port=port,
            username=unquote(parts.username),
            password=unquote(parts.password),
            tls=_tls_mode(scheme, port, options.get("starttls")),
            mailbox=_mailbox(parts.path),
            timeout=timeout_option(options.get("timeout"), _FIELD),
            authserv_ids=authserv_ids,
        )


def _authserv_ids(query: str) -> tuple[str, frozenset[str]]:
    """The query without its authserv_id options, and their values (lower case)."""
    try:
        pairs = parse_qsl(query, keep_blank_values=True)
    except ValueError as exc:
        raise ConfigError("malformed query string", field=_FIELD) from exc
    servers = {value.strip().lower() for key, value in pairs if key == _AUTHSERV}
    if any(
        not name or not name.isascii() or not name.isprintable() or " " in name for name in servers
    ):
        raise ConfigError("authserv_id must be a server name, e.g. mx.example.org", field=_FIELD)
    rest = [(key, value) for key, value in pairs if key != _AUTHSERV]
    return (urlencode(rest) if len(rest) != len(pairs) else query), frozenset(servers)


def _mailbox(path: str) -> str:
    name = unquote(path.removeprefix("/")) or "INBOX"
    # Non-ASCII names need IMAP's modified UTF-7, and control characters would end a command.
    if not name.isascii() or not name.isprintable():
        raise ConfigError("the mailbox name must be printable ASCII", field=_FIELD)
    return name


def _tls_mode(scheme: str, port: int, starttls: str | None) -> TlsMode:
    wanted = bool(starttls_flag(starttls, _FIELD))
    if scheme == "imaps" or port == _IMAPS_PORT:
        if wanted:
            raise ConfigError(
                "implicit TLS already (imaps:// or port 993); drop starttls=1", field=_FIELD
            )
        return "implicit"
    return "starttls" if wanted else "none"

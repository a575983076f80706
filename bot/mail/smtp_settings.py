"""SMTP settings and their one-line form, the SMTP_URL setting. Pure: no connection here.

    smtp://host                      plain SMTP on port 25 (a local relay)
    smtp://user:pa%40ss@host:587     STARTTLS: port 587 (submission) implies it
    smtp://host:2525?starttls=1      STARTTLS on another port; ?starttls=0 forces it off
    smtps://user:pass@host           implicit TLS on port 465
    ...?timeout=10                   seconds per connect and per SMTP command (default 30)
    ...?connections=8                SMTP connections at once while delivering (default 4)
    ...?pipelining=0                 wait for each SMTP reply even where the server offers
                                     PIPELINING (RFC 2920; on by default: bot/mail/pipelining.py)
    ...?cafile=/etc/relay-ca.pem     trust this CA file (PEM) instead of the system's CAs
    ...?fingerprint=sha256:AB:CD:... pin the relay's certificate: its SHA-256, as
                                     `openssl x509 -noout -fingerprint -sha256` prints it

With a pinned fingerprint the certificate must be exactly that one (checked after the TLS
handshake, before AUTH), whoever signed it: a self-signed relay needs nothing else. With both
cafile and fingerprint, both checks apply. Certificate checks are never off otherwise.

The TLS mode is always what the operator wrote: no opportunistic STARTTLS that an attacker on
the path could silently strip, and no surprise TLS against a local relay without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.utils import parseaddr
from urllib.parse import unquote

from bot.core.errors import ConfigError
from bot.mail.url_options import (
    DEFAULT_TIMEOUT,
    OPTIONS,
    TlsMode,
    flag_option,
    split_url,
    starttls_flag,
    timeout_option,
    url_options,
)

_DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
_SUBMISSION_PORT = 587  # RFC 6409 submission: STARTTLS is expected there
_FIELD = "SMTP_URL"
_OPTIONS = OPTIONS | {"connections", "cafile", "fingerprint", "pipelining"}
DEFAULT_CONNECTIONS = 4
_MAX_CONNECTIONS = 64  # more is a typo: no submission server takes that many from one client
_SHA256 = re.compile(r"sha256:((?:[0-9a-f]{2}:?){31}[0-9a-f]{2})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where and how to submit mail. `tls`: none, STARTTLS after connecting, or implicit TLS."""

    host: str
    port: int
    username: str | None
    password: str | None = field(repr=False)  # never printed with the settings
    tls: TlsMode
    mail_from: str  # From header, e.g. "Blockwatch <alerts@example.org>"
    timeout: float = DEFAULT_TIMEOUT  # seconds per connect and per SMTP command
    connections: int = DEFAULT_CONNECTIONS  # at once while delivering (bot/delivery/lanes.py)
    cafile: str | None = None  # PEM file of the CAs to trust instead of the system's
    fingerprint: bytes | None = None  # the SHA-256 of the one certificate to accept
    pipelining: bool = True  # RFC 2920 where the server offers it (bot/mail/pipelining.py)

    @classmethod
    def from_url(cls, url: str, mail_from: str) -> SmtpSettings:
        """Parse smtp://[user[:pass]@]host[:port][?starttls=1&timeout=30] or smtps://...
        (options: the module docstring).

        smtp:// is plain SMTP unless the port is 587 or ?starttls=1 (no opportunistic STARTTLS:
        the mode is always what the operator wrote); smtps:// is implicit TLS, default port 465.
        User and password are percent-decoded. Errors never echo the URL: it holds a password.
        """
        parts, port = split_url(url, _FIELD, tuple(_DEFAULT_PORTS))
        scheme = parts.scheme.lower()
        if not parts.hostname or parts.path not in ("", "/") or parts.fragment:
            raise ConfigError("expected scheme://[user:pass@]host[:port]", field=_FIELD)
        options = url_options(parts.query, _FIELD, _OPTIONS)
        port = port or _DEFAULT_PORTS[scheme]
        if "@" not in parseaddr(mail_from)[1]:
            raise ConfigError("expected an email address", field="MAIL_FROM")
        tls = _tls_mode(scheme, port, options.get("starttls"))
        cafile, fingerprint = options.get("cafile"), _fingerprint(options.get("fingerprint"))
        if tls == "none" and (cafile is not None or fingerprint is not None):
            raise ConfigError("cafile and fingerprint need smtps:// or STARTTLS", field=_FIELD)
        return cls(
            host=parts.hostname,
            port=port,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password is not None else None,
            tls=tls,
            mail_from=mail_from,
            timeout=timeout_option(options.get("timeout"), _FIELD),
            connections=_connections(options.get("connections")),
            cafile=cafile or None,
            fingerprint=fingerprint,
            pipelining=flag_option(options.get("pipelining"), "pipelining", _FIELD) is not False,
        )

    @property
    def envelope_from(self) -> str:
        """The bare address for MAIL FROM."""
        return parseaddr(self.mail_from)[1]


def _tls_mode(scheme: str, port: int, starttls: str | None) -> TlsMode:
    wanted = starttls_flag(starttls, _FIELD)
    if scheme == "smtps":
        if wanted:
            raise ConfigError("smtps:// is already TLS; drop starttls=1", field=_FIELD)
        return "implicit"
    if wanted is None:
        wanted = port == _SUBMISSION_PORT
    return "starttls" if wanted else "none"


def _connections(value: str | None) -> int:
    if value is None:
        return DEFAULT_CONNECTIONS
    if not value.isdigit() or not 1 <= int(value) <= _MAX_CONNECTIONS:
        raise ConfigError(
            f"connections must be a whole number from 1 to {_MAX_CONNECTIONS}", field=_FIELD
        )
    return int(value)


def _fingerprint(value: str | None) -> bytes | None:
    """sha256:AB:CD:... (64 hex digits, colons optional) as the 32 bytes of the digest."""
    if value is None:
        return None
    match = _SHA256.fullmatch(value.strip())
    if match is None:
        raise ConfigError("fingerprint must be sha256: and 64 hex digits", field=_FIELD)
    return bytes.fromhex(match.group(1).replace(":", ""))

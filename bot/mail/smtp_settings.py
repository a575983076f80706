"""SMTP settings and their one-line form, the SMTP_URL setting. Pure: no connection here.

    smtp://host                      plain SMTP on port 25 (a local relay)
    smtp://user:pa%40ss@host:587     STARTTLS: port 587 (submission) implies it
    smtp://host:2525?starttls=1      STARTTLS on another port; ?starttls=0 forces it off
    smtps://user:pass@host           implicit TLS on port 465
    ...?timeout=10                   seconds per connect and per SMTP command (default 30)

The TLS mode is always what the operator wrote: no opportunistic STARTTLS that an attacker on
the path could silently strip, and no surprise TLS against a local relay without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parseaddr
from urllib.parse import unquote

from bot.core.errors import ConfigError
from bot.mail.url_options import (
    DEFAULT_TIMEOUT,
    TlsMode,
    split_url,
    starttls_flag,
    timeout_option,
    url_options,
)

_DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
_SUBMISSION_PORT = 587  # RFC 6409 submission: STARTTLS is expected there
_FIELD = "SMTP_URL"


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

    @classmethod
    def from_url(cls, url: str, mail_from: str) -> SmtpSettings:
        """Parse smtp://[user[:pass]@]host[:port][?starttls=1&timeout=30] or smtps://...

        smtp:// is plain SMTP unless the port is 587 or ?starttls=1 (no opportunistic STARTTLS:
        the mode is always what the operator wrote); smtps:// is implicit TLS, default port 465.
        User and password are percent-decoded. Errors never echo the URL: it holds a password.
        """
        parts, port = split_url(url, _FIELD, tuple(_DEFAULT_PORTS))
        scheme = parts.scheme.lower()
        if not parts.hostname or parts.path not in ("", "/") or parts.fragment:
            raise ConfigError("expected scheme://[user:pass@]host[:port]", field=_FIELD)
        options = url_options(parts.query, _FIELD)
        port = port or _DEFAULT_PORTS[scheme]
        if "@" not in parseaddr(mail_from)[1]:
            raise ConfigError("expected an email address", field="MAIL_FROM")
        return cls(
            host=parts.hostname,
            port=port,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password is not None else None,
            tls=_tls_mode(scheme, port, options.get("starttls")),
            mail_from=mail_from,
            timeout=timeout_option(options.get("timeout"), _FIELD),
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

"""TLS for SMTP_URL (and IMAP_URL): one client context per trust setting and process, and the
certificate pin.

A context loads its CA bundle when it is built (tens of milliseconds of CPU with the system's
bundle), so the composition root (bot/app.py) keeps one TlsContexts for the process: the alerts'
EmailSender, the mail commands' answers and the mailbox (IMAP) take their context from it, and
every connection, every lane, shares it. A context holds no per-connection state.

    no cafile, no fingerprint   the system's CAs, host name checked (the default)
    cafile                      that file's CAs instead of the system's, host name checked
    fingerprint                 the certificate must be the pinned one: checked by
                                `check_pin` after the handshake, before AUTH; no CA needed
    both                        both checks
"""

from __future__ import annotations

import hashlib
import hmac
import ssl

from bot.core.errors import ConfigError
from bot.mail.smtp_settings import SmtpSettings

__all__ = ["TlsContexts", "check_pin", "client_context", "fingerprint_text"]


class TlsContexts:
    """The process's client contexts, each built on first use: one per (cafile, pin only)."""

    def __init__(self) -> None:
        self._built: dict[tuple[str | None, bool], ssl.SSLContext] = {}

    @property
    def built(self) -> int:
        """How many contexts were built (each loaded its CA bundle once)."""
        return len(self._built)

    def for_smtp(self, settings: SmtpSettings) -> ssl.SSLContext | None:
        """What `client_context` gives, shared by every sender of the same trust setting."""
        if settings.tls == "none":
            return None
        return self._get(settings.cafile, _pin_only(settings))

    def system(self) -> ssl.SSLContext:
        """The system's CAs, host name checked: IMAP_URL's, and SMTP_URL's without options."""
        return self._get(None, pin_only=False)

    def _get(self, cafile: str | None, pin_only: bool) -> ssl.SSLContext:
        key = (cafile, pin_only)
        if key not in self._built:
            self._built[key] = _build(cafile, pin_only)
        return self._built[key]


def client_context(settings: SmtpSettings) -> ssl.SSLContext | None:
    """A new context for the TLS connections of these settings; None without TLS. ConfigError
    if the cafile cannot be read."""
    if settings.tls == "none":
        return None
    return _build(settings.cafile, _pin_only(settings))


def _pin_only(settings: SmtpSettings) -> bool:
    return settings.fingerprint is not None and settings.cafile is None


def _build(cafile: str | None, pin_only: bool) -> ssl.SSLContext:
    try:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        # The path is the operator's own, not a secret; the reason says which way it failed.
        raise ConfigError(
            f"cafile {cafile!r} cannot be used: {exc.strerror or exc}", field="SMTP_URL"
        ) from exc
    if pin_only:
        # The pin is the check: a self-signed relay has no CA to verify it by.
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def check_pin(ssl_object: ssl.SSLObject | ssl.SSLSocket | None, pinned: bytes) -> str | None:
    """Why the connection's certificate is not the pinned one; None when it is."""
    certificate = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
    if not certificate:
        return "the server showed no certificate"
    seen = hashlib.sha256(certificate).digest()
    if hmac.compare_digest(seen, pinned):
        return None
    return f"certificate sha256:{fingerprint_text(seen)} is not the pinned one"


def fingerprint_text(digest: bytes) -> str:
    """AB:CD:... as openssl prints it, for the log."""
    return ":".join(f"{byte:02X}" for byte in digest)

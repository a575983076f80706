"""TLS for SMTP_URL: one client context per sender, built once, and the certificate pin.

A context loads its CA bundle when it is built (tens of milliseconds of CPU with the system's
bundle), so EmailSender builds one and every connection, every lane, shares it.

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

__all__ = ["check_pin", "client_context", "fingerprint_text"]


def client_context(settings: SmtpSettings) -> ssl.SSLContext | None:
    """The context every TLS connection of these settings uses; None without TLS."""
    if settings.tls == "none":
        return None
    try:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=settings.cafile)
    except (OSError, ssl.SSLError) as exc:
        # The path is the operator's own, not a secret; the reason says which way it failed.
        raise ConfigError(
            f"cafile {settings.cafile!r} cannot be used: {exc.strerror or exc}", field="SMTP_URL"
        ) from exc
    if settings.fingerprint is not None and settings.cafile is None:
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

"""SMTP_URL's delivery and TLS options: ?connections=, ?pipelining=, ?cafile=, ?fingerprint= (pure
parsing)."""

from __future__ import annotations

import pytest

from bot.core.errors import ConfigError
from bot.mail.smtp_settings import SmtpSettings
from bot.mail.tls import fingerprint_text

MAIL_FROM = "alerts@blockwatch.example"
DIGEST = bytes(range(32))
COLONS = ":".join(f"{b:02X}" for b in DIGEST)


@pytest.mark.parametrize(
    ("query", "connections", "cafile", "fingerprint"),
    [
        ("", 4, None, None),
        ("?connections=1", 1, None, None),
        ("?connections=16", 16, None, None),
        ("?cafile=/etc/ssl/relay-ca.pem", 4, "/etc/ssl/relay-ca.pem", None),
        ("?cafile=%2Fsrv%2Fmy%20ca.pem", 4, "/srv/my ca.pem", None),
        (f"?fingerprint=sha256:{COLONS}", 4, None, DIGEST),
        (f"?fingerprint=SHA256:{COLONS.lower().replace(':', '')}", 4, None, DIGEST),
        (f"?connections=8&cafile=/ca.pem&fingerprint=sha256:{COLONS}", 8, "/ca.pem", DIGEST),
    ],
)
def test_options(
    query: str, connections: int, cafile: str | None, fingerprint: bytes | None
) -> None:
    settings = SmtpSettings.from_url(f"smtps://u:p@relay.example{query}", MAIL_FROM)
    assert (settings.connections, settings.cafile, settings.fingerprint) == (
        connections,
        cafile,
        fingerprint,
    )


@pytest.mark.parametrize(
    "url",
    [
        "smtps://u:s3cret@h?connections=0",
        "smtps://u:s3cret@h?connections=65",
        "smtps://u:s3cret@h?connections=four",
        "smtps://u:s3cret@h?connections=-2",
        "smtps://u:s3cret@h?fingerprint=AB:CD",
        "smtps://u:s3cret@h?fingerprint=sha1:" + "ab" * 20,
        "smtps://u:s3cret@h?fingerprint=sha256:" + "ab" * 31,
        "smtps://u:s3cret@h?fingerprint=sha256:" + "zz" * 32,
        "smtp://u:s3cret@h?cafile=/ca.pem",  # plain SMTP: nothing to check a certificate of
        "smtp://u:s3cret@h:587?starttls=0&fingerprint=sha256:" + "ab" * 32,
        "smtps://u:s3cret@h?pipelining=maybe",
        "smtps://u:s3cret@h?pipeline=0",
    ],
)
def test_bad_options_are_refused_without_echoing_the_password(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        SmtpSettings.from_url(url, MAIL_FROM)
    assert caught.value.field == "SMTP_URL" and "s3cret" not in str(caught.value)


def test_starttls_takes_the_tls_options_too() -> None:
    url = f"smtp://h:587?cafile=/ca.pem&fingerprint=sha256:{COLONS}"
    settings = SmtpSettings.from_url(url, MAIL_FROM)
    assert (settings.tls, settings.cafile, settings.fingerprint) == ("starttls", "/ca.pem", DIGEST)


def test_fingerprint_text_is_what_openssl_prints() -> None:
    assert fingerprint_text(DIGEST) == COLONS


@pytest.mark.parametrize(
    ("query", "pipelining"),
    [("", True), ("?pipelining=1", True), ("?pipelining=0", False), ("?pipelining=no", False)],
)
def test_pipelining_is_on_unless_turned_off(query: str, pipelining: bool) -> None:
    settings = SmtpSettings.from_url(f"smtps://relay.example{query}", MAIL_FROM)
    assert settings.pipelining is pipelining

"""SMTP over real TLS on 127.0.0.1: aiosmtpd requiring STARTTLS and AUTH (and implicit TLS), with
a certificate from a private CA made for each test (trustme). SMTP_URL's ?cafile= trusts that
CA, ?fingerprint= pins the certificate itself; neither: the system's CAs, which refuse it."""

from __future__ import annotations

import hashlib
import ssl
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Literal

import pytest
import trustme

from bot.app import open_app
from bot.config import Settings
from bot.core.errors import ConfigError, TemporaryDeliveryError
from bot.core.models import Alert, Entry, OutgoingMessage
from bot.core.records import NewEntry, Placement
from bot.delivery.outbox import deliver_due
from bot.mail.links import MailIdentity
from bot.mail.mirrors import Mirrors
from bot.mail.render import EmailRenderer
from bot.mail.smtp import EmailSender, SmtpSettings
from bot.mail.tls import TlsContexts
from storage.sqlite import SQLiteStorage
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock
from tests.support.smtpserver import SmtpServer

MAIL_FROM = "Blockwatch <alerts@blockwatch.example>"
MESSAGE = OutgoingMessage(text="IMO is blocked.\n", subject="[Blockwatch] Turkmenistan: IMO")
USER, PASSWORD = "blockwatch", "pa ss"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def certificate(ca: trustme.CA) -> trustme.LeafCert:
    return ca.issue_cert("127.0.0.1")


@pytest.fixture
def cafile(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "relay-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def pin(certificate: trustme.LeafCert) -> str:
    """sha256:AB:CD:... of the certificate, as `openssl x509 -fingerprint -sha256` prints it."""
    der = ssl.PEM_cert_to_DER_cert(certificate.cert_chain_pems[0].bytes().decode())
    return "sha256:" + ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


async def relay(
    certificate: trustme.LeafCert, tls: Literal["starttls", "implicit"]
) -> AsyncIterator[SmtpServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    server = SmtpServer(credentials=(USER, PASSWORD), tls=tls, tls_context=context)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture(params=["starttls", "implicit"])
async def server(
    request: pytest.FixtureRequest, certificate: trustme.LeafCert
) -> AsyncIterator[SmtpServer]:
    """A relay requiring AUTH: after STARTTLS (which it requires), or over implicit TLS."""
    async for running in relay(certificate, request.param):
        yield running


def url(server: SmtpServer, options: str) -> str:
    scheme, _, rest = server.url.partition("://")
    starttls = "&starttls=1" if server.tls == "starttls" else ""
    return f"{scheme}://{USER}:pa%20ss@{rest}?timeout=5{starttls}{options}"


async def send(server: SmtpServer, options: str) -> None:
    sender = EmailSender(SmtpSettings.from_url(url(server, options), MAIL_FROM))
    async with sender.batch() as batch:
        await batch.send("reader@example.org", MESSAGE)


async def test_cafile_trusts_a_private_ca(server: SmtpServer, cafile: Path) -> None:
    await send(server, f"&cafile={cafile}")
    assert [mail.rcpt_tos for mail in server.received] == [["reader@example.org"]]
    assert server.auth_attempts == 1


async def test_a_pinned_certificate_needs_no_ca(
    server: SmtpServer, certificate: trustme.LeafCert
) -> None:
    await send(server, f"&fingerprint={pin(certificate)}")
    assert len(server.received) == 1


async def test_pin_and_cafile_together(
    server: SmtpServer, certificate: trustme.LeafCert, cafile: Path
) -> None:
    await send(server, f"&cafile={cafile}&fingerprint={pin(certificate).lower()}")
    assert len(server.received) == 1


async def test_without_cafile_a_private_ca_is_refused_before_auth(server: SmtpServer) -> None:
    with pytest.raises(TemporaryDeliveryError) as caught:
        await send(server, "")
    assert caught.value.channel_down and "CERTIFICATE_VERIFY_FAILED" in caught.value.reason
    assert server.auth_attempts == 0 and server.received == []


async def test_another_certificate_than_the_pinned_one_gets_no_password(
    server: SmtpServer, cafile: Path, ca: trustme.CA
) -> None:
    other = pin(ca.issue_cert("127.0.0.1"))  # the same CA, the same name: still not the one
    with pytest.raises(TemporaryDeliveryError) as caught:
        await send(server, f"&cafile={cafile}&fingerprint={other}")
    assert caught.value.channel_down and "not the pinned one" in caught.value.reason
    assert server.auth_attempts == 0 and server.received == []


async def test_the_wrong_password_over_tls_is_the_channel_down(
    server: SmtpServer, cafile: Path
) -> None:
    sender = EmailSender(
        SmtpSettings.from_url(url(server, f"&cafile={cafile}").replace("pa%20ss", "x"), MAIL_FROM)
    )
    with pytest.raises(TemporaryDeliveryError) as caught:
        async with sender.batch():
            pass
    assert caught.value.channel_down and server.auth_attempts >= 1  # one per mechanism tried


def test_an_unreadable_cafile_is_a_config_error_when_the_sender_is_made(tmp_path: Path) -> None:
    for bad in (tmp_path / "missing.pem", tmp_path):
        settings = SmtpSettings.from_url(f"smtps://relay.example?cafile={bad}", MAIL_FROM)
        with pytest.raises(ConfigError) as caught:
            EmailSender(settings)
        assert caught.value.field == "SMTP_URL"
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a certificate\n")
    with pytest.raises(ConfigError):
        EmailSender(SmtpSettings.from_url(f"smtps://relay.example?cafile={garbage}", MAIL_FROM))


async def test_deliveries_over_four_tls_connections_log_in_once_each(
    server: SmtpServer, cafile: Path, store: SQLiteStorage
) -> None:
    addresses = [f"reader{n}@example.org" for n in range(10)]
    for address in addresses:
        await store.subscribe("email", address, ["TM"])
    entry = Entry("https://a.example/rss", "1", "IMO blocked", "IMO blocked.", published=NOW)
    alert = Placement(Alert("TM", "imo", "block"), None)
    await store.record_entries([NewEntry(entry, (alert,))], now=NOW)
    sender = EmailSender(SmtpSettings.from_url(url(server, f"&cafile={cafile}"), MAIL_FROM))
    identity = MailIdentity("blockwatch.example", "alerts@blockwatch.example", None, b"k" * 32)
    stats = await deliver_due(
        store, sender, EmailRenderer(identity, Mirrors(())).alert, ManualClock(NOW)
    )
    assert stats.sent == len(addresses) and stats.down == frozenset()
    assert sorted(mail.rcpt_tos[0] for mail in server.received) == sorted(addresses)
    assert server.connections == server.auth_attempts == 4  # the default: AUTH once each


async def test_one_tls_context_per_process_for_the_alerts_and_the_answers(
    server: SmtpServer, cafile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The alerts' sender and the mail commands' answers, built by open_app, load the relay's CA
    once between them, however many connections they open."""
    loaded: list[str] = []
    create = ssl.create_default_context

    def counting(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        if kwargs.get("cafile") is not None:
            loaded.append(kwargs["cafile"])
        return create(*args, **kwargs)

    monkeypatch.setattr(ssl, "create_default_context", counting)
    feeds = tmp_path / "feeds.toml"
    feeds.write_text('[[feed]]\nname = "A"\nurl = "http://127.0.0.1:9/rss"\nlanguage = "en"\n')
    settings = Settings(
        db_path=tmp_path / "app.db",
        feeds_path=feeds,
        smtp_url=url(server, f"&cafile={cafile}"),
        mail_from=MAIL_FROM,
        imap_url="imaps://blockwatch:pw@127.0.0.1:9/INBOX",  # not reached: only wired
        allow_hosts=LOOPBACK,
    )
    async with open_app(settings) as app:
        assert app.inbox is not None
        [alerts] = [c.sender for c in app.pipeline._channels if c.sender.channel == "email"]
        answers = app.inbox._sender
        for sender in (alerts, answers, alerts):  # a new connection each time
            async with sender.batch() as batch:
                await batch.send("reader@example.org", MESSAGE)
    assert len(server.received) == 3 and server.connections == 3
    assert loaded == [str(cafile)]


def test_contexts_are_shared_per_trust_setting() -> None:
    contexts = TlsContexts()
    plain = SmtpSettings.from_url("smtps://relay.example", MAIL_FROM)
    assert contexts.for_smtp(plain) is contexts.system()  # the system's CAs, host name checked
    pinned = SmtpSettings.from_url(
        f"smtps://relay.example?fingerprint=sha256:{'ab' * 32}", MAIL_FROM
    )
    again = SmtpSettings.from_url(
        f"smtp://other.example:587?fingerprint=sha256:{'cd' * 32}", MAIL_FROM
    )
    only_pin = contexts.for_smtp(pinned)
    assert only_pin is not None and only_pin.verify_mode == ssl.CERT_NONE  # the pin checks
    assert contexts.for_smtp(again) is only_pin
    assert contexts.for_smtp(SmtpSettings.from_url("smtp://relay.example", MAIL_FROM)) is None
    assert contexts.built == 2

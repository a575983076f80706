"""The IMAP adapter against a real dovecot on 127.0.0.1 (fixture imap_server, imapserver.py)."""

from __future__ import annotations

import asyncio
import email.policy
import logging
import ssl
from collections.abc import AsyncIterator
from email.message import EmailMessage

import pytest

from bot.core.errors import ConfigError, MailboxError
from bot.mail.imap import KEYWORD, MAX_BYTES, MAX_MESSAGES, ImapSettings, Mailbox
from tests.support import imapserver
from tests.support.imapserver import ImapServer, free_port, require_dovecot

SENDER = "aman.at.risk@example.tm"


def raw_mail(subject: str, body: str, *, message_id: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = "alerts@blockwatch.example"
    message["Subject"] = subject
    if message_id:
        message["Message-ID"] = message_id
    message.set_content(body)
    return message.as_bytes(policy=email.policy.SMTP)


def mailbox_for(server: ImapServer, max_messages: int = MAX_MESSAGES) -> Mailbox:
    return Mailbox(ImapSettings.from_url(f"{server.url}?timeout=5"), max_messages=max_messages)


# --- settings from IMAP_URL -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host", "port", "tls", "user", "password", "mailbox"),
    [
        ("imap://u:p@localhost", "localhost", 143, "none", "u", "p", "INBOX"),
        ("imap://u:p@mail.example/INBOX", "mail.example", 143, "none", "u", "p", "INBOX"),
        ("imap://u:p@mail.example?starttls=1", "mail.example", 143, "starttls", "u", "p", "INBOX"),
        ("imap://u:p@mail.example:993/INBOX", "mail.example", 993, "implicit", "u", "p", "INBOX"),
        (
            "imaps://u%40x.org:p%40ss%3Aw%2Frd@mail.example/Blockwatch%20Commands",
            "mail.example",
            993,
            "implicit",
            "u@x.org",
            "p@ss:w/rd",
            "Blockwatch Commands",
        ),
        ("IMAPS://u:@mail.example:1993/", "mail.example", 1993, "implicit", "u", "", "INBOX"),
        ("imap://u:p@[::1]:1143?starttls=0", "::1", 1143, "none", "u", "p", "INBOX"),
    ],
)
def test_settings_from_url(
    url: str, host: str, port: int, tls: str, user: str, password: str, mailbox: str
) -> None:
    settings = ImapSettings.from_url(url)
    assert (settings.host, settings.port, settings.tls) == (host, port, tls)
    assert (settings.username, settings.password, settings.mailbox) == (user, password, mailbox)
    assert settings.timeout == 30.0
    assert "password=" not in repr(settings)


@pytest.mark.parametrize(
    ("query", "servers", "timeout"),
    [
        ("", set(), 30.0),
        ("?authserv_id=MX.Example.org", {"mx.example.org"}, 30.0),
        (
            "?timeout=5&authserv_id=mx1.example.org&authserv_id=mx2.example.org",
            {"mx1.example.org", "mx2.example.org"},
            5.0,
        ),
    ],
)
def test_trusted_receiving_servers_from_url(query: str, servers: set[str], timeout: float) -> None:
    settings = ImapSettings.from_url(f"imap://u:p@mail.example/INBOX{query}")
    assert settings.authserv_ids == servers and settings.timeout == timeout


@pytest.mark.parametrize(
    "url",
    [
        "smtp://u:s3cret@host",
        "imap://u:s3cret@host:99999",
        "imap://u:s3cret@/INBOX",
        "imap://host/INBOX",
        "imap://u@host",
        "imap://u:s3cret@host?starttls=maybe",
        "imaps://u:s3cret@host?starttls=1",
        "imap://u:s3cret@host?timeout=0",
        "imap://u:s3cret@host?tls=1",
        "imap://u:s3cret@host/%D0%9F%D0%BE%D1%87%D1%82%D0%B0",
        "imap://u:s3cret@host/IN%0D%0ABOX",
        "imap://u:s3cret@host?authserv_id=",
        "imap://u:s3cret@host?authserv_id=mx%20example",
    ],
)
def test_bad_urls_are_config_errors_without_the_password(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        ImapSettings.from_url(url)
    assert caught.value.field == "IMAP_URL"
    assert "s3cret" not in str(caught.value)


# --- reading and marking ----------------------------------------------------------------------


async def test_fetch_returns_each_unhandled_message_unread(imap_server: ImapServer) -> None:
    first = imap_server.deliver(raw_mail("SUBSCRIBE TM", "please", message_id="<a1@example.tm>"))
    second = imap_server.deliver(raw_mail("Re: [confirm:abc]", "yes"))
    async with mailbox_for(imap_server) as mailbox:
        mails = await mailbox.fetch_unhandled()
    assert [mail.uid for mail in mails] == [first, second]
    assert mails[0].message_id == "<a1@example.tm>" and mails[1].message_id is None
    assert mails[0].message["Subject"] == "SUBSCRIBE TM"
    assert mails[0].message.get_content().strip() == "please"
    assert not mails[0].truncated and mails[0].size > 0
    assert imap_server.flags(first) == set()  # read with PEEK: not even \Seen


async def test_a_marked_message_is_never_returned_again(imap_server: ImapServer) -> None:
    handled = imap_server.deliver(raw_mail("HELP", ""))
    waiting = imap_server.deliver(raw_mail("STATUS TM", ""))
    async with mailbox_for(imap_server) as mailbox:
        await mailbox.fetch_unhandled()
        await mailbox.mark_handled(handled)
        assert [mail.uid for mail in await mailbox.fetch_unhandled()] == [waiting]
    assert imap_server.flags(handled) == {KEYWORD}
    async with mailbox_for(imap_server) as mailbox:  # a new connection, as after a restart
        await mailbox.mark_handled(waiting)
        assert await mailbox.fetch_unhandled() == []


async def test_a_crash_before_marking_reads_the_message_again(imap_server: ImapServer) -> None:
    uid = imap_server.deliver(raw_mail("STOP", ""))
    crashed = mailbox_for(imap_server)
    assert [mail.uid for mail in await crashed.fetch_unhandled()] == [uid]
    crashed._forget()  # the process died: the connection is cut, no logout, nothing marked
    async with mailbox_for(imap_server) as mailbox:
        assert [mail.uid for mail in await mailbox.fetch_unhandled()] == [uid]


async def test_a_person_reading_the_mailbox_does_not_hide_mail(imap_server: ImapServer) -> None:
    uid = imap_server.deliver(raw_mail("DAILY", ""))
    imap_server.set_flags(uid, "\\Seen")
    async with mailbox_for(imap_server) as mailbox:
        assert [mail.uid for mail in await mailbox.fetch_unhandled()] == [uid]


async def test_deleted_messages_are_skipped(imap_server: ImapServer) -> None:
    imap_server.set_flags(imap_server.deliver(raw_mail("WEEKLY", "")), "\\Deleted")
    async with mailbox_for(imap_server) as mailbox:
        assert await mailbox.fetch_unhandled() == []


async def test_a_huge_message_is_cut_at_the_cap(imap_server: ImapServer) -> None:
    body = "SUBSCRIBE TM\n" + "spam spam spam spam\n" * 60_000  # 1.2 MB
    uid = imap_server.deliver(raw_mail("hello", body))
    async with mailbox_for(imap_server) as mailbox:
        [mail] = await mailbox.fetch_unhandled()
    assert mail.uid == uid and mail.truncated and mail.size > 1_000_000
    assert mail.message["Subject"] == "hello"
    text = mail.message.get_content()
    assert text.startswith("SUBSCRIBE TM\n") and len(text) <= MAX_BYTES


async def test_one_poll_takes_the_oldest_few(imap_server: ImapServer) -> None:
    uids = [imap_server.deliver(raw_mail(f"HELP {n}", "")) for n in range(5)]
    async with mailbox_for(imap_server, max_messages=3) as mailbox:
        assert [mail.uid for mail in await mailbox.fetch_unhandled()] == uids[:3]


async def test_nothing_personal_is_logged_at_info(
    imap_server: ImapServer, caplog: pytest.LogCaptureFixture
) -> None:
    uid = imap_server.deliver(raw_mail("SUBSCRIBE TM Ashgabat", "my secret words"))
    caplog.set_level(logging.INFO)
    async with mailbox_for(imap_server) as mailbox:
        await mailbox.fetch_unhandled()
        await mailbox.mark_handled(uid)
    assert "unhandled message" in caplog.text  # the adapter does log at info
    for private in (SENDER, "Ashgabat", "secret words", imap_server.password):
        assert private not in caplog.text


# --- failures ---------------------------------------------------------------------------------


async def test_a_wrong_password_is_a_mailbox_error(imap_server: ImapServer) -> None:
    url = imap_server.url.replace("%20rd@", "%20wrong@")
    async with Mailbox(ImapSettings.from_url(url)) as mailbox:
        with pytest.raises(MailboxError, match="login refused") as caught:
            await mailbox.fetch_unhandled()
    assert "wrong" not in str(caught.value)


async def test_a_missing_mailbox_is_a_mailbox_error(imap_server: ImapServer) -> None:
    url = imap_server.url.replace("/INBOX", "/Nowhere")
    with pytest.raises(MailboxError, match="select refused"):
        await Mailbox(ImapSettings.from_url(url)).fetch_unhandled()


async def test_no_server_is_a_mailbox_error() -> None:
    url = f"imap://u:s3cret@127.0.0.1:{free_port()}/INBOX?timeout=5"
    with pytest.raises(MailboxError) as caught:
        await Mailbox(ImapSettings.from_url(url)).fetch_unhandled()
    assert "s3cret" not in str(caught.value)


async def test_a_server_gone_between_polls_is_a_mailbox_error(imap_server: ImapServer) -> None:
    uid = imap_server.deliver(raw_mail("HELP", ""))
    mailbox = mailbox_for(imap_server)
    assert [mail.uid for mail in await mailbox.fetch_unhandled()] == [uid]
    await asyncio.to_thread(imap_server.stop)
    with pytest.raises(MailboxError):
        await mailbox.mark_handled(uid)
    await mailbox.close()


@pytest.mark.parametrize("answered", [0, 1], ids=["silent-at-capability", "silent-at-login"])
async def test_a_silent_server_times_out_as_a_mailbox_error(answered: int) -> None:
    async def greet_then_hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"* OK fake ready\r\n")
        for _ in range(answered):  # CAPABILITY, then never a word about LOGIN
            tag = (await reader.readline()).split()[0]
            writer.write(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
        await reader.read()
        writer.close()

    server = await asyncio.start_server(greet_then_hang, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    settings = ImapSettings.from_url(f"imap://u:s3cret@127.0.0.1:{port}/INBOX?timeout=0.5")
    async with server:
        with pytest.raises(MailboxError, match="in time") as caught:
            await asyncio.wait_for(Mailbox(settings).fetch_unhandled(), 5)
    assert "s3cret" not in str(caught.value)


# --- TLS: dovecot with a self-signed certificate ----------------------------------------------


@pytest.fixture
async def imap_tls_server() -> AsyncIterator[ImapServer]:
    require_dovecot()
    server = ImapServer(tls=True)
    try:  # stop() also cleans up after a start that failed half-way
        await asyncio.to_thread(server.start)
        yield server
    finally:
        await asyncio.to_thread(server.stop)


async def test_implicit_tls_and_starttls(imap_tls_server: ImapServer) -> None:
    uid = imap_tls_server.deliver(raw_mail("HELP", ""))
    trusted = ssl.create_default_context(cafile=str(imap_tls_server.cert_file))
    for url in (imap_tls_server.tls_url, f"{imap_tls_server.url}?starttls=1"):
        async with Mailbox(ImapSettings.from_url(url), ssl_context=trusted) as mailbox:
            assert [mail.uid for mail in await mailbox.fetch_unhandled()] == [uid]


async def test_an_untrusted_certificate_is_a_mailbox_error(imap_tls_server: ImapServer) -> None:
    async with Mailbox(ImapSettings.from_url(f"{imap_tls_server.tls_url}?timeout=5")) as mailbox:
        with pytest.raises(MailboxError, match="CERTIFICATE_VERIFY_FAILED"):
            await mailbox.fetch_unhandled()


async def test_starttls_is_never_skipped(imap_server: ImapServer) -> None:
    async with Mailbox(ImapSettings.from_url(f"{imap_server.url}?starttls=1")) as mailbox:
        with pytest.raises(MailboxError, match="does not offer STARTTLS"):
            await mailbox.fetch_unhandled()


# --- the fixture itself -----------------------------------------------------------------------


def test_missing_dovecot_fails_under_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imapserver, "DOVECOT", "/nonexistent/dovecot")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="dovecot-imapd"):
        require_dovecot()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        require_dovecot()

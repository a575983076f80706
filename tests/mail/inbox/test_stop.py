"""STOP by mail cannot be forged: a real dovecot and aiosmtpd, a subscriber, and mails that say
STOP with or without proof that they come from the subscriber's mailbox."""

from __future__ import annotations

import pytest

from bot.mail.inbox.reader import MailInbox
from storage.sqlite import SQLiteStorage
from tests.support.imapserver import ImapServer
from tests.support.mailchat import PERSON, ask, deliver, inbox_for, mail, record, reply_to, words
from tests.support.smtpserver import SmtpServer

RECEIVER = "mx.blockwatch.test"  # the server that receives the service's mail: trusted
GENUINE = (
    f"{RECEIVER}; dkim=pass header.d=example.tm header.s=s1; dmarc=pass header.from=example.tm"
)


@pytest.fixture
def inbox(imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage) -> MailInbox:
    return inbox_for(imap_server, smtp_server, store, f"&authserv_id={RECEIVER}")


@pytest.fixture
async def subscribed(store: SQLiteStorage) -> None:
    await store.subscribe("email", PERSON, ["TM", "RU"])


@pytest.mark.usefixtures("subscribed")
@pytest.mark.parametrize(
    "results",
    [
        GENUINE,
        f"{RECEIVER}; dmarc=pass (p=reject) header.from=example.tm",
        f"{RECEIVER}; dkim=pass (2048-bit key) header.d=example.tm; spf=fail",
        f"{RECEIVER} 1; spf=pass smtp.mailfrom=example.tm; dkim=pass header.i=@mail.example.tm",
    ],
)
async def test_a_stop_the_receiving_server_vouches_for_acts_at_once(
    imap_server: ImapServer,
    inbox: MailInbox,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    results: str,
) -> None:
    answer = await ask(
        imap_server, inbox, smtp_server, mail("STOP", Authentication_Results=results)
    )
    assert "your address has been deleted" in words(answer)
    assert await store.subscriber("email", PERSON) is None


@pytest.mark.usefixtures("subscribed")
@pytest.mark.parametrize(
    "headers",
    [
        {},  # nothing but a From header: anyone can write that
        {"Authentication_Results": GENUINE.replace(RECEIVER, "mx.forger.test")},  # not our server
        {"Authentication_Results": f"{RECEIVER}; dkim=pass header.d=forger.test"},  # not From's
        {"Authentication_Results": f"{RECEIVER}; dmarc=pass header.from=forger.test"},
        {"Authentication_Results": f"{RECEIVER}; spf=pass smtp.mailfrom=example.tm"},  # SPF alone
        {"Authentication_Results": f"{RECEIVER}; dkim=fail header.d=example.tm"},
        {"Authentication_Results": f"{RECEIVER}; dkim=pass header.d=tm"},  # a top-level domain
        {"In_Reply_To": "<alert.1.abcdefgh@blockwatch.test>"},  # a made-up alert of ours
    ],
)
async def test_an_unproven_stop_asks_the_subscribed_address_first(
    imap_server: ImapServer,
    inbox: MailInbox,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
    headers: dict[str, str],
) -> None:
    asked = await ask(imap_server, inbox, smtp_server, mail("STOP", **headers))
    assert "[stop:" in asked.message["Subject"]
    assert "If it was not you, do nothing: your alerts go on." in words(asked)
    assert await store.subscriber("email", PERSON) is not None
    # the forger, who never sees that mail, cannot make up its tag
    refused = await ask(imap_server, inbox, smtp_server, mail("Re: [stop:AAAAAAAAAAAAAAAA]"))
    assert "no longer valid" in words(refused)
    assert await store.subscriber("email", PERSON) is not None
    # the person replies, and only then the address is gone
    done = await ask(imap_server, inbox, smtp_server, reply_to(asked))
    assert "your address has been deleted" in words(done)
    assert await store.subscriber("email", PERSON) is None


@pytest.mark.usefixtures("subscribed")
async def test_a_confirmed_partial_stop_removes_only_its_countries(
    imap_server: ImapServer,
    inbox: MailInbox,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
) -> None:
    asked = await ask(imap_server, inbox, smtp_server, mail("STOP TM"))
    assert "alerts about Turkmenistan (TM) for this address" in words(asked)
    done = await ask(imap_server, inbox, smtp_server, reply_to(asked))
    assert "You still get alerts about Russia (RU)" in words(done)
    subscriber = await store.subscriber("email", PERSON)
    assert subscriber is not None and subscriber.countries == {"RU"}


@pytest.mark.usefixtures("subscribed")
async def test_a_reply_to_an_alert_stops_at_once(
    imap_server: ImapServer,
    inbox: MailInbox,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
) -> None:
    await record(store, "imo", "block")
    [alert] = await deliver(store, smtp_server)
    # the client quotes the alert, and References name its signed Message-ID
    answer = await ask(imap_server, inbox, smtp_server, reply_to(alert, "stop"))
    assert "your address has been deleted" in words(answer)
    assert await store.subscriber("email", PERSON) is None


async def test_without_a_trusted_server_no_header_is_believed(
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    store: SQLiteStorage,
) -> None:
    await store.subscribe("email", PERSON, ["TM"])
    inbox = inbox_for(imap_server, smtp_server, store)  # no authserv_id in IMAP_URL
    asked = await ask(imap_server, inbox, smtp_server, mail("STOP", Authentication_Results=GENUINE))
    assert "[stop:" in asked.message["Subject"]
    assert await store.subscriber("email", PERSON) is not None

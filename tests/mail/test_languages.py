"""Mail in the person's language, end to end over a real dovecot and aiosmtpd: a Russian and a
Turkmen reader subscribe, confirm, get alerts and digests, ask for the status and stop, each
answered in their own words; a stranger writing English words is answered in English."""

from __future__ import annotations

import pytest

from bot.mail.inbox.reader import MailInbox
from storage.sqlite import SQLiteStorage
from tests.support.imapserver import ImapServer
from tests.support.mailchat import (
    PERSON,
    ask,
    deliver,
    inbox_for,
    mail,
    record,
    reply_to,
    words,
)
from tests.support.manualclock import NOW
from tests.support.smtpserver import SmtpServer


@pytest.fixture
def inbox(imap_server: ImapServer, smtp_server: SmtpServer, store: SQLiteStorage) -> MailInbox:
    return inbox_for(imap_server, smtp_server, store)


async def test_a_russian_exchange(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    confirmation = await ask(imap_server, inbox, smtp_server, mail("ПОДПИСАТЬСЯ TM"))
    assert confirmation.message["Subject"].startswith(
        "Blockwatch: подтвердите ответом на письмо [confirm:"
    )
    assert "оповещения Blockwatch по странам: Туркменистан (TM)" in words(confirmation)
    assert "just reply to this mail" in words(confirmation)  # the step, in every language
    done = await ask(imap_server, inbox, smtp_server, reply_to(confirmation))
    assert "Подтверждено. Вы будете получать оповещения по странам: Туркменистан (TM)" in words(
        done
    )
    subscriber = await store.subscriber("email", PERSON)
    assert subscriber is not None and subscriber.language == "ru" and subscriber.confirmed

    await record(store, "imo", "block")
    [alert] = await deliver(store, smtp_server)
    assert alert.message["Subject"] == "[Blockwatch] Туркменистан: IMO — блокировка"
    text = words(alert)
    assert "Впервые сообщено 23 нояб. 2026, 09:00 UTC." in text
    assert "A (сайт заблокирован в стране: Туркменистан):" in text
    assert "Ответьте СТОП, чтобы больше не получать оповещения" in text
    assert alert.message["Content-Transfer-Encoding"] == "8bit"

    status = await ask(imap_server, inbox, smtp_server, mail("СТАТУС"))
    assert status.message["Subject"] == "Blockwatch: статус"
    assert "Туркменистан: - 2026-11-23 Туркменистан: IMO — блокировка" in words(status)

    weekly = await ask(imap_server, inbox, smtp_server, mail("ЕЖЕНЕДЕЛЬНО"))
    assert "одной сводкой раз в неделю (понедельник) в 08:00 (UTC)" in words(weekly)
    await record(store, "whatsapp", "throttle")
    await record(store, "youtube", "throttle")
    monday = NOW.replace(day=30, hour=8)  # 23 Nov 2026 is a Monday: the next one
    [digest] = await deliver(store, smtp_server, when=monday)
    assert digest.message["Subject"] == "[Blockwatch] сводка: 2 события"

    stopped = await ask(imap_server, inbox, smtp_server, reply_to(alert, "СТОП"))
    assert "Вы больше не будете получать писем от Blockwatch" in words(stopped)
    assert await store.subscriber("email", PERSON) is None


async def test_a_turkmen_exchange(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    confirmation = await ask(imap_server, inbox, smtp_server, mail("Türkmenistan agza bol"))
    assert "Tassyklamak üçin bu hata jogap beriň" in words(confirmation)
    done = await ask(imap_server, inbox, smtp_server, reply_to(confirmation))
    assert "Tassyklandy. Siz Türkmenistan (TM) barada duýduryş alarsyňyz" in words(done)

    await record(store, "imo", "block")
    [alert] = await deliver(store, smtp_server)
    assert alert.message["Subject"] == "[Blockwatch] Türkmenistan: IMO petiklendi"
    assert "Ilkinji habar: 23 noý 2026, 09:00 UTC." in words(alert)
    assert "Duýduryşlary bes etmek üçin BES diýip jogap beriň" in words(alert)

    status = await ask(imap_server, inbox, smtp_server, mail("ýagdaý"))
    assert "Türkmenistan: IMO petiklendi" in words(status)
    assert "her biri tapylan badyna" in words(status)

    # A new mail saying BES could be forged: the address confirms it by replying.
    asked = await ask(imap_server, inbox, smtp_server, mail("BES"))
    assert "BES buýrugyny jogap berip tassyklaň [stop:" in asked.message["Subject"]
    assert "bu salga iberilýän ähli Blockwatch hatlaryny bes etmegi" in words(asked)
    stopped = await ask(imap_server, inbox, smtp_server, reply_to(asked))
    assert "Mundan beýläk Blockwatch-dan hat almarsyňyz" in words(stopped)
    assert await store.subscriber("email", PERSON) is None


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("HELP", "Blockwatch tells you by email"),
        ("ПОМОЩЬ", "Blockwatch сообщает по почте"),
        ("kömek", "Blockwatch haýsydyr bir ýurt"),
        ("yordam", "Blockwatch biror davlat"),
        ("ЁРДАМ", "Blockwatch бирор давлат"),  # Uzbek Cyrillic: its own catalogue
        ("КӨМЕК", "Blockwatch қандай да бір ел"),
        ("KOMEK", "Blockwatch haýsydyr bir ýurt"),  # Turkmen "kömek" without its letter
        ("КОМЕК", "Blockwatch қандай да бір ел"),  # Kazakh typed on a Russian keyboard
    ],
)
async def test_help_comes_in_the_language_of_the_word(
    imap_server: ImapServer,
    inbox: MailInbox,
    smtp_server: SmtpServer,
    subject: str,
    expected: str,
) -> None:
    answer = await ask(imap_server, inbox, smtp_server, mail(subject))
    assert expected in words(answer)


async def test_an_uzbek_cyrillic_exchange(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    """Cyrillic command words are answered in Uzbek Cyrillic, and the subscription keeps it;
    a Latin word later answers in Latin (the writer's alphabet, as for a language)."""
    confirmation = await ask(imap_server, inbox, smtp_server, mail("Туркманистонга обуна"))
    assert "Кимдир, эҳтимол сиз, шу манзилга Туркманистон (TM) ҳақида" in words(confirmation)
    done = await ask(imap_server, inbox, smtp_server, reply_to(confirmation))
    assert "Тасдиқланди. Сиз Туркманистон (TM) ҳақида хабарномалар оласиз" in words(done)
    subscriber = await store.subscriber("email", PERSON)
    assert subscriber is not None and subscriber.language == "uz_Cyrl"

    await record(store, "imo", "block")
    [alert] = await deliver(store, smtp_server)
    assert alert.message["Subject"] == "[Blockwatch] Туркманистон: IMO блокланди"
    assert "ТЎХТАТ деб жавоб беринг" in words(alert)

    weekly = await ask(imap_server, inbox, smtp_server, mail("ҲАР ҲАФТА"))
    assert "ҳафтада бир марта битта дайжестда, душанба куни соат 08:00 (UTC)" in words(weekly)
    latin = await ask(imap_server, inbox, smtp_server, mail("holat"))
    assert "Turkmaniston: IMO bloklandi" in words(latin)


async def test_english_words_keep_the_subscribers_language(
    imap_server: ImapServer, inbox: MailInbox, smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    subscriber = await store.subscribe("email", PERSON, ["TM"], language="ru")
    assert subscriber.language == "ru"
    # "STATUS" is on every mail the service sends: it says nothing about the writer's language
    answer = await ask(imap_server, inbox, smtp_server, mail("STATUS"))
    assert answer.message["Subject"] == "Blockwatch: статус"
    stored = await store.subscriber("email", PERSON)
    assert stored is not None and stored.language == "ru"

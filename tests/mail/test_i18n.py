"""The "mail" catalogues: complete, placeholders intact, and the command words they teach are
the ones bot/mail/inbox/commands.toml understands, in the same language."""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from bot.mail.i18n import LANGUAGES, LOCALES, MailWords, reply_language
from bot.mail.inbox.commands import parse_command
from bot.mail.inbox.replies import COMMANDS
from tests.support.paths import REPO

MODULES = ("inbox/replies", "render", "i18n", "measured")
KEYWORDS = {"_": None, "N_": None, "plural": (1, 2)}
TRANSLATED = [language for language in LANGUAGES if language != "en"]
# what COMMANDS teach, line by line ("INSTANT / DAILY / WEEKLY" is three words)
KINDS = (("subscribe",), ("instant", "daily", "weekly"), ("status",), ("stop",), ("help",))


@cache
def code_messages() -> frozenset[str | tuple[str, ...]]:
    """Every text the mail shows, as `pybabel extract` would find it."""
    root = REPO / "bot" / "mail"
    return frozenset(
        message if isinstance(message, str) else tuple(message)
        for module in MODULES
        for _line, message, _comments, _context in extract_from_file(
            "python", root / f"{module}.py", keywords=KEYWORDS
        )
    )


def catalogue(language: str) -> dict[str | tuple[str, ...], str | tuple[str, ...]]:
    with (LOCALES / language / "LC_MESSAGES" / "mail.po").open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    return {
        (m.id if isinstance(m.id, str) else tuple(m.id)): (
            m.string if isinstance(m.string, str) else tuple(m.string or ())
        )
        for m in catalog
        if m.id  # fuzzy ones too: unchecked drafts are shown (bot/locales/README.md)
    }


def placeholders(text: str | tuple[str, ...]) -> set[str]:
    return set(re.findall(r"\{\w+\}", " ".join([text] if isinstance(text, str) else text)))


def test_the_mail_has_texts_to_translate() -> None:
    assert len(code_messages()) > 40  # extraction works: an empty set would pass everything


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_translated_with_its_placeholders(language: str) -> None:
    translations = catalogue(language)
    assert set(translations) == code_messages(), f"{language}: missing or stale texts"
    for msgid, text in translations.items():
        forms = [text] if isinstance(text, str) else list(text)
        assert all(forms), (language, msgid)
        assert all(placeholders(form) == placeholders(msgid) for form in forms), (language, msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_commands_each_language_teaches_are_understood_in_it(language: str) -> None:
    _ = MailWords.of(language)
    for line, kinds in zip(COMMANDS, KINDS, strict=True):
        taught = re.split(r" [-—] ", _(line))[0]  # "ПОДПИСАТЬСЯ TM RU", "INSTANT / DAILY..."
        words = taught.split(" / ")
        assert [parse_command(word, "").kind for word in words] == list(kinds), language
        assert {parse_command(word, "").language for word in words} == {language}
        if kinds == ("stop",):  # the footer of every alert tells the same word
            footer = _(
                "Reply with STOP to end these alerts; DAILY, WEEKLY or INSTANT to "
                "change how often; STATUS TM for the latest; HELP for more."
            )
            assert taught in footer, language


@pytest.mark.parametrize(
    ("command", "stored", "answer"),
    [
        ("ru", None, "ru"),
        ("ru", "tk", "ru"),  # the word's language first
        ("en", "tk", "tk"),
        (None, "kk", "kk"),  # English words: what the subscriber chose
        ("en", None, "en"),
        (None, None, "en"),
        (None, "de", "en"),
        ("xx", None, "en"),
        ("uz_Cyrl", "uz", "uz_Cyrl"),  # Cyrillic command words: the Cyrillic catalogue
        ("uz", "uz_Cyrl", "uz"),
    ],
)
def test_reply_language(command: str | None, stored: str | None, answer: str) -> None:
    assert reply_language(command, stored) == answer


@pytest.mark.parametrize(
    ("language", "headline", "country"),
    [
        ("en", "Turkmenistan: IMO blocked", "Russia"),
        ("ru", "Туркменистан: IMO — блокировка", "Россия"),
        ("tk", "Türkmenistan: IMO petiklendi", "Russiýa"),
        ("uz", "Turkmaniston: IMO bloklandi", "Rossiya"),
        ("kk", "Түрікменстан: IMO бұғатталды", "Ресей"),
        ("uz_Cyrl", "Туркманистон: IMO блокланди", "Россия"),
        ("uz-Cyrl", "Туркманистон: IMO блокланди", "Россия"),
        ("ru-RU", "Туркменистан: IMO — блокировка", "Россия"),
        ("pt", "Turkmenistan: IMO blocked", "Russia"),  # no catalogue: English
    ],
)
def test_words_of_a_language(language: str, headline: str, country: str) -> None:
    _ = MailWords.of(language)
    assert _.headline("TM", "imo", "block") == headline
    assert _.country("RU") == country and _.country("XX") == "XX"


def test_plural_forms_follow_each_language() -> None:
    forms = ("digest: {n} event", "digest: {n} events")
    russian = MailWords.of("ru")
    assert [russian.plural(*forms, n, n=n) for n in (1, 3, 5, 21)] == [
        "сводка: 1 событие",
        "сводка: 3 события",
        "сводка: 5 событий",
        "сводка: 21 событие",
    ]
    assert MailWords.of("en").plural(*forms, 1, n=1) == "digest: 1 event"


@pytest.mark.parametrize("language", TRANSLATED)
def test_unchecked_drafts_are_marked_and_used(language: str) -> None:
    """Fuzzy entries are drafts no speaker has checked (bot/locales/README.md): shown all the
    same; none carries an old msgid ("#|"), which would mean it may say something else."""
    with (LOCALES / language / "LC_MESSAGES" / "mail.po").open("rb") as po_file:
        entries = [m for m in read_po(po_file, locale=language) if m.id]
    words = MailWords.of(language)
    for entry in entries:
        assert not entry.previous_id, entry.id
        if entry.fuzzy and isinstance(entry.id, str) and "{" not in entry.id:
            assert words(entry.id) == entry.string, entry.id


def test_uzbek_mail_has_one_apostrophe() -> None:
    """CLDR's "Oʻzbekiston" and our "TOʻXTAT" in one mail: the same U+02BB."""
    words = MailWords.of("uz")
    text = words("STOP - no more mail; your address is deleted (СТОП, bes)") + words.country("UZ")
    assert "TOʻXTAT" in text and "Oʻzbekiston" in text
    for msgid, translated in catalogue("uz").items():
        for form in [translated] if isinstance(translated, str) else translated:
            assert not re.search(r"['‘’`]", form), msgid


@pytest.mark.parametrize(
    ("language", "message", "expected"),
    [
        # "no longer valid" read as "not genuine" ("hakyky däl", "haqiqiy emas"): no longer in force
        ("tk", "confirmation not valid", "tassyklama güýjünde däl"),
        ("uz", "confirmation not valid", "tasdiqlash kuchda emas"),
        ("uz_Cyrl", "confirmation not valid", "тасдиқлаш кучда эмас"),
        # Turkmen "petiklemek", not "bökdemek", in the mail too
        ("tk", "{name} (site blocked in {where}):", "{name} (saýt petiklenen ýurt: {where}):"),
    ],
)
def test_words_a_reader_would_stumble_on(language: str, message: str, expected: str) -> None:
    assert MailWords.of(language)(message) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "одной сводкой раз в неделю (понедельник) в 08:00 (UTC)"),
        ("tk", "hepdede bir gezek bir jemlemede, duşenbe güni sagat 08:00 (UTC)"),
        ("uz", "haftada bir marta bitta dayjestda, dushanba kuni soat 08:00 (UTC)"),
        ("kk", "аптасына бір рет бір дайджестпен, дүйсенбі күні сағат 08:00 (UTC)"),
    ],
)
def test_the_weekly_digest_names_its_day_in_a_sentence(language: str, expected: str) -> None:
    _ = MailWords.of(language)
    line = _(
        "in one digest every week, on {weekday} at {hour} ({zone})",
        weekday=_.weekday(0),
        hour="08:00",
        zone="UTC",
    )
    assert line == expected

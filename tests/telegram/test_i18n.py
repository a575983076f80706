"""The catalogues: complete for every text of the bot, placeholders and markup intact, each
language in its own script; the words of alerts in each language. Pure, table-driven."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from functools import cache

import pytest
from babel import Locale
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from bot.core.display import SERVICE_NAMES
from bot.core.lists import and_list
from bot.core.locales import catalogue_of, language_for
from bot.core.models import Preferences, Subscriber
from bot.telegram.catalogues import LANGUAGES, LOCALES, translate, translate_n
from bot.telegram.chat.views import describe
from bot.telegram.i18n import get_i18n
from bot.telegram.wording import (
    SERVICE_WORDS,
    date_in,
    headline_in,
    weekday_in,
    weekday_name,
)
from tests.support.paths import REPO

UI_MODULES = (
    "chat/handlers",
    "chat/buttons",
    "chat/views",
    "board",
    "keyboards",
    "chat/pages",
    "chat/steps",
    "chat/channels",
    "menu",
    "wording",
    "render",
    "digest",
    "measured",
)
KEYWORDS = {"_": None, "N_": None, "translate": (2,), "translate_n": (2, 3)}
TRANSLATED = [language for language in LANGUAGES if language != "en"]
MsgId = str | tuple[str, str]
# Latin for Turkmen and Uzbek (both written in Latin today), Cyrillic for Russian, Kazakh and
# the Uzbek Cyrillic catalogue.
SCRIPTS = {"ru": "CYRILLIC", "kk": "CYRILLIC", "tk": "LATIN", "uz": "LATIN", "uz_Cyrl": "CYRILLIC"}
# What stays as it is in every script: commands, ISO codes, placeholders, names, examples.
_KEPT = re.compile(
    r"/\w+(@\w+)?|@name|\{\w+\}|</?\w+>|\b(TM|RU|IR|AM|GE|ISO|id|VPN|Blockwatch|OONI|"
    r"Asia/Tashkent|Tashkent)\b"
)


@cache
def code_messages() -> frozenset[MsgId]:
    """Every text the Telegram UI shows, as `pybabel extract` would find it."""
    root = REPO / "bot" / "telegram"
    return frozenset(
        message if isinstance(message, str) else (message[0], message[1])
        for module in UI_MODULES
        for _line, message, _comments, _context in extract_from_file(
            "python", root / f"{module}.py", keywords=KEYWORDS
        )
    )


def catalogue(language: str) -> dict[MsgId, tuple[str, ...]]:
    """msgid → its translation's forms (one, or one per plural form)."""
    with (LOCALES / language / "LC_MESSAGES" / "blockwatch.po").open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    return {
        (m.id if isinstance(m.id, str) else (m.id[0], m.id[1])): (
            (m.string,) if isinstance(m.string, str) else tuple(m.string or ())
        )
        for m in catalog
        if m.id  # fuzzy ones too: unchecked drafts are shown (bot/locales/README.md)
    }


def shape(text: str) -> tuple[list[str], list[str]]:
    """What a translation must keep: {placeholders} and <tags>, in any order."""
    return sorted(re.findall(r"\{\w+\}", text)), sorted(re.findall(r"</?\w+>", text))


def test_the_ui_has_texts_to_translate() -> None:
    assert len(code_messages()) > 100  # extraction works: an empty set would pass everything
    assert ("{count} event", "{count} events") in code_messages()  # plurals are found too


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_translated_with_its_placeholders(language: str) -> None:
    translations = catalogue(language)
    missing = code_messages() - set(translations)
    assert not missing, f"{language} lacks {sorted(map(str, missing))}"
    for msgid, forms in translations.items():
        source = msgid if isinstance(msgid, str) else msgid[1]
        assert all(form and shape(form) == shape(source) for form in forms), (language, msgid)


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_catalogue_keeps_texts_the_code_no_longer_shows(language: str) -> None:
    assert set(catalogue(language)) - code_messages() == set()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_is_in_its_languages_script(language: str) -> None:
    """Catches a msgstr left in English, pasted from the wrong catalogue, or mixed scripts."""
    for msgid, forms in catalogue(language).items():
        for form in forms:
            # Uzbek's oʻ gʻ (U+02BB) and tutuq belgisi (U+02BC) are modifier letters, not Latin
            letters = [c for c in _KEPT.sub("", form) if c.isalpha() and c not in "ʻʼ"]
            scripts = {unicodedata.name(c).split()[0] for c in letters}
            assert scripts <= {SCRIPTS[language]}, (language, msgid, form, scripts)
            if isinstance(msgid, str) and len(msgid) > 12:  # a long text left as it was
                assert form != msgid, (language, msgid)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # CLDR keeps "2026 г." together with a narrow no-break space, as Russian typography wants.
        ("ru", "с 1 нояб. 2026\u202fг.; источников: 2"),
        ("ru-RU", "с 1 нояб. 2026\u202fг.; источников: 2"),
        ("kk", "басталған күні: 2026\u202fж. 01 қар.; дереккөздер: 2"),
        ("en", "since Nov 1, 2026; sources: 2"),
        ("pt", "since Nov 1, 2026; sources: 2"),
        ("", "since Nov 1, 2026; sources: 2"),
    ],
)
def test_translate_outside_handlers_with_babels_dates(language: str, expected: str) -> None:
    date = date_in(datetime(2026, 11, 1, 12, tzinfo=UTC), language)
    assert translate(language, "since {date}; sources: {count}", date=date, count=2) == expected


def test_unknown_texts_stay_english() -> None:
    assert translate("ru", "Not in any catalogue") == "Not in any catalogue"


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        (
            "ru",
            {1: "1 событие", 3: "3 события", 5: "5 событий", 11: "11 событий", 21: "21 событие"},
        ),
        ("en", {1: "1 event", 3: "3 events", 21: "21 events"}),
        ("tk", {1: "1 waka", 5: "5 waka"}),  # Turkic nouns stay singular after a number
    ],
)
def test_plural_forms_follow_each_language(language: str, counts: dict[int, str]) -> None:
    for count, expected in counts.items():
        assert translate_n(language, "{count} event", "{count} events", count) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Turkmenistan: IMO blocked"),
        ("ru", "Туркменистан: IMO — блокировка"),
        ("tk", "Türkmenistan: IMO petiklendi"),
        ("uz", "Turkmaniston: IMO bloklandi"),
        ("kk", "Түрікменстан: IMO бұғатталды"),
        ("de", "Turkmenistan: IMO blocked"),
    ],
)
def test_headlines_in_each_language(language: str, expected: str) -> None:
    assert headline_in("TM", "imo", "block", language) == expected


def test_service_words_translate_and_brands_do_not() -> None:
    assert {sid: SERVICE_NAMES[sid] for sid in SERVICE_WORDS} == SERVICE_WORDS
    assert headline_in("RU", "vpn", "throttle", "ru") == "Россия: VPN-сервисы — замедление"
    assert (
        headline_in("UZ", "whatsapp", "unblock", "kk") == "Өзбекстан: WhatsApp бұғаттан шығарылды"
    )


def test_dates_follow_the_readers_time_zone() -> None:
    late = datetime(2026, 11, 1, 22, tzinfo=UTC)  # already 2 November in Ashgabat (UTC+5)
    assert date_in(late, "en") == "Nov 1, 2026"
    assert date_in(late, "en", "Asia/Ashgabat") == "Nov 2, 2026"
    assert date_in(late, "en", "Not/AZone") == "Nov 1, 2026"


def test_lists_and_weekdays() -> None:
    assert and_list(["A", "B", "C"], "en") == "A, B and C"
    assert and_list(["A", "B"], "ru") == "A и B" and and_list(["A"], "kk") == "A"
    assert [weekday_in(day, "ru") for day in (0, 6)] == ["Пн", "Вс"]


# --- issue 19: the region's languages as their readers write them ------------------------------


@pytest.mark.parametrize(
    ("client", "own_words", "expected"),
    [
        ("uz", "/start", "uz"),  # no letters of their own: Uzbek's first alphabet, Latin
        ("uz", "Salom, obuna boʻlmoqchiman", "uz"),
        ("uz", "Салом, обуна бўлмоқчиман", "uz_Cyrl"),  # their words are Cyrillic
        ("uz", "/subscribe Туркманистон", "uz_Cyrl"),
        ("uz", None, "uz"),  # a button press has no words
        ("uz-Cyrl", None, "uz_Cyrl"),  # a client that says so
        ("uz-Latn", "Салом", "uz"),  # ... or says Latin
        ("ru", "Привет", "ru"),  # Russian has one alphabet
        ("kk", "Сәлем", "kk"),
        ("pt-BR", "olá", "en"),  # no catalogue
        (None, "Салом", "en"),
    ],
)
def test_a_new_chats_language(client: str | None, own_words: str | None, expected: str) -> None:
    assert language_for(client, own_words) == expected


@pytest.mark.parametrize(
    ("tag", "catalogue"),
    [("uz_Cyrl", "uz_Cyrl"), ("uz-cyrl-UZ", "uz_Cyrl"), ("uz", "uz"), ("pt-BR", "pt"), ("", "")],
)
def test_which_catalogue_a_tag_names(tag: str, catalogue: str) -> None:
    assert catalogue_of(tag) == catalogue


def test_uzbek_cyrillic_is_its_own_catalogue_with_cldrs_names() -> None:
    assert headline_in("TM", "imo", "block", "uz_Cyrl") == "Туркманистон: IMO блокланди"
    assert headline_in("TM", "imo", "block", "uz-Cyrl") == "Туркманистон: IMO блокланди"
    assert headline_in("TM", "imo", "block", "uz") == "Turkmaniston: IMO bloklandi"
    assert weekday_name(0, "uz_Cyrl") == "душанба"


UZBEK_APOSTROPHES = re.compile(r"['‘’`ʹ]")


@pytest.mark.parametrize("language", ["uz", "uz_Cyrl"])
def test_one_apostrophe_for_uzbek(language: str) -> None:
    """oʻ gʻ with U+02BB and the tutuq belgisi with U+02BC, as CLDR writes "Oʻzbekiston": a
    message holding a country name and our words showed two different apostrophes."""
    for msgid, forms in catalogue(language).items():
        for form in forms:
            assert not UZBEK_APOSTROPHES.search(form), (msgid, form)
            assert all(form[i - 1] in "oOgG" for i, c in enumerate(form) if c == "ʻ"), form
    assert "ʻ" in Locale.parse("uz").territories["UZ"]  # what CLDR writes, to match
    assert translate("uz", "Nothing was deleted.") == "Hech narsa oʻchirilmadi."


@pytest.mark.parametrize(
    ("language", "message", "expected"),
    [
        # Turkmen: "petiklemek" (to block) as the region's press says, not "bökdemek" (to hinder)
        ("tk", "{country}: {service} blocked", "{country}: {service} petiklendi"),
        ("tk", "Blocks", "Petiklemeler"),
        ("tk", "What is blocked now: /status TM", "Häzir näme petiklenen: /status TM"),
        ("tk", "How often?", "Näçe wagtdan bir?"),  # not "how many times"
        ("tk", "How often", "Ýygylyk"),
        ("tk", "⌨ Type a zone", "⌨ Sagat guşagyny ýazmak"),  # a time zone, not a belt
        # Kazakh
        ("kk", "Welcome back.", "Қайта оралғаныңызға қуаныштымыз."),
        ("kk", "Choose what to follow", "Бақыланатын нәрселерді таңдау"),
        ("kk", "⌨ Type a zone", "⌨ Уақыт белдеуін енгізу"),
        ("uz", "⌨ Type a zone", "⌨ Vaqt mintaqasini kiritish"),
    ],
)
def test_words_a_reader_would_stumble_on(language: str, message: str, expected: str) -> None:
    assert translate(language, message) == expected


def test_turkmen_says_petiklemek_everywhere() -> None:
    for msgid, forms in catalogue("tk").items():
        assert not any("bökd" in form.lower() for form in forms), msgid


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "<b>How often:</b> weekly, Monday at 09:00 UTC"),
        ("ru", "<b>Как часто:</b> раз в неделю (понедельник), в 09:00 UTC"),
        ("tk", "<b>Ýygylyk:</b> hepdede bir gezek, duşenbe güni sagat 09:00 UTC"),
        ("uz", "<b>Qanchalik tez-tez:</b> haftada bir marta, dushanba kuni soat 09:00 UTC"),
        ("uz_Cyrl", "<b>Қанчалик тез-тез:</b> ҳафтада бир марта, душанба куни соат 09:00 UTC"),
        ("kk", "<b>Қаншалықты жиі:</b> аптасына бір рет, дүйсенбі күні сағат 09:00 UTC"),
    ],
)
def test_the_weekly_line_names_the_day_in_full(language: str, line: str) -> None:
    """ "Дс", "Duş", "Dush" inside a sentence read as typos: the day is written out."""
    prefs = Preferences(frequency="weekly", digest_hour=9, digest_weekday=0)
    subscriber = Subscriber(1, "telegram", "1", frozenset({"TM"}), language, prefs=prefs)
    with get_i18n().use_locale(language):
        assert line in describe(subscriber).split("\n")


@pytest.mark.parametrize("language", TRANSLATED)
def test_unchecked_drafts_are_marked_and_shown(language: str) -> None:
    """Entries no speaker has checked are fuzzy (bot/locales/README.md) and still used; none
    carries an old msgid ("#|"), which would mean its text may say something else."""
    with (LOCALES / language / "LC_MESSAGES" / "blockwatch.po").open("rb") as po_file:
        entries = [m for m in read_po(po_file, locale=language) if m.id]
    for entry in entries:
        assert not entry.previous_id, entry.id
        if entry.fuzzy and isinstance(entry.id, str):
            assert translate(language, entry.id) == entry.string, entry.id


def test_the_locales_readme_lists_every_catalogue() -> None:
    """bot/locales/README.md tells who checked each catalogue: a new one needs its row."""
    readme = (LOCALES / "README.md").read_text(encoding="utf-8")
    for folder in sorted(path.name for path in LOCALES.iterdir() if path.is_dir()):
        assert f"| `{folder}` |" in readme, folder

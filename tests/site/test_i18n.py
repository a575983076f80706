"""The site's catalogues (site.po) and the visitor's language. Pure, table-driven."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from bot.site.words import LANGUAGES, html_lang, language_name, pick_language, say
from bot.telegram.catalogues import LOCALES
from tests.support.paths import REPO

TRANSLATED = [language for language in LANGUAGES if language != "en"]
SCRIPTS = {"ru": "CYRILLIC", "kk": "CYRILLIC", "tk": "LATIN", "uz": "LATIN", "uz_Cyrl": "CYRILLIC"}
_KEPT = re.compile(r"\{\w+\}|\b(Blockwatch|Tor Browser)\b")


@cache
def code_messages() -> frozenset[str]:
    """Every text of bot/site/, as `pybabel extract -k say:2 -k N_` finds it."""
    return frozenset(
        message
        for path in sorted((REPO / "bot" / "site").glob("*.py"))
        for _line, message, _comments, _context in extract_from_file(
            "python", path, keywords={"say": (2,), "N_": None}
        )
        if isinstance(message, str)
    )


def catalogue(language: str) -> dict[str, str]:
    with (LOCALES / language / "LC_MESSAGES" / "site.po").open("rb") as po_file:
        return {
            m.id: m.string
            for m in read_po(po_file, locale=language)
            if isinstance(m.id, str) and m.id and isinstance(m.string, str)
        }


def test_the_site_has_texts_to_translate() -> None:
    assert len(code_messages()) > 20  # extraction works, f-strings hide nothing it needs
    assert "Reports ({count})" in code_messages()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_translated_and_none_is_stale(language: str) -> None:
    translations = catalogue(language)
    assert set(translations) == code_messages()
    for msgid, text in translations.items():
        assert text and sorted(re.findall(r"\{\w+\}", text)) == sorted(
            re.findall(r"\{\w+\}", msgid)
        ), (language, msgid)
        assert say(language, msgid) == text  # fuzzy drafts are shown (bot/locales/README.md)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_is_in_its_languages_script(language: str) -> None:
    for msgid, text in catalogue(language).items():
        letters = [c for c in _KEPT.sub("", text) if c.isalpha() and c not in "ʻʼ"]
        assert {unicodedata.name(c).split()[0] for c in letters} <= {SCRIPTS[language]}, msgid


@pytest.mark.parametrize(
    ("switch", "accept", "expected"),
    [
        (None, None, "en"),
        (None, "ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        (None, "de-DE,de;q=0.9,kk;q=0.5,en;q=0.4", "kk"),  # the best one of ours
        (None, "en;q=0.3, tk", "tk"),  # by weight, not by order
        (None, "uz-Cyrl-UZ", "uz_Cyrl"),
        (None, "uz", "uz"),
        (None, "ru;q=0, fr", "en"),  # q=0 means "not this"
        (None, "ru;q=abc", "en"),
        ("kk", "ru", "kk"),  # the switch wins
        ("uz_cyrl", None, "uz_Cyrl"),
        ("uz-Cyrl", None, "uz_Cyrl"),
        ("xx", "tk", "tk"),  # a switch we cannot honour is ignored
        ("<script>", None, "en"),
    ],
)
def test_the_visitors_language(switch: str | None, accept: str | None, expected: str) -> None:
    assert pick_language(switch, accept) == expected


def test_a_huge_accept_language_costs_nothing() -> None:
    assert pick_language(None, "de," * 100_000 + "ru") == "en"  # only the first tags are read


@pytest.mark.parametrize(
    ("code", "reader", "expected"),
    [
        ("tk", "ru", "туркменский"),
        ("ru", "en", "Russian"),
        ("uz", "kk", "өзбек тілі"),
        ("??", "en", "??"),
    ],
)
def test_a_reports_language_named_for_the_reader(code: str, reader: str, expected: str) -> None:
    assert language_name(code, reader) == expected


def test_html_lang_is_bcp47() -> None:
    assert [html_lang(language) for language in LANGUAGES] == [
        "en",
        "ru",
        "tk",
        "uz",
        "uz-Cyrl",
        "kk",
    ]

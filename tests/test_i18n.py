"""The catalogues: complete for every text of the bot, placeholders and markup intact."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from bot.i18n import LANGUAGES, LOCALES, translate

UI_MODULES = ("handlers", "conversation", "views", "board", "keyboards")
KEYWORDS = {"_": None, "N_": None, "translate": (2,)}
TRANSLATED = [language for language in LANGUAGES if language != "en"]


@cache
def code_messages() -> frozenset[str]:
    """Every text the Telegram UI shows, as `pybabel extract` would find it."""
    root = Path(__file__).parent.parent / "bot"
    return frozenset(
        str(message)
        for module in UI_MODULES
        for _line, message, _comments, _context in extract_from_file(
            "python", root / f"{module}.py", keywords=KEYWORDS)
    )


def catalogue(language: str) -> dict[str, str]:
    with (LOCALES / language / "LC_MESSAGES" / "blockwatch.po").open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    return {str(m.id): str(m.string) for m in catalog if m.id and not m.fuzzy}


def shape(text: str) -> tuple[list[str], list[str]]:
    """What a translation must keep: {placeholders} and <tags>, in any order."""
    return sorted(re.findall(r"\{\w+\}", text)), sorted(re.findall(r"</?\w+>", text))


def test_the_ui_has_texts_to_translate() -> None:
    assert len(code_messages()) > 50  # extraction works: an empty set would pass everything


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_translated_with_its_placeholders(language: str) -> None:
    translations = catalogue(language)
    missing = code_messages() - set(translations)
    assert not missing, f"{language} lacks {sorted(missing)}"
    for msgid, text in translations.items():
        assert text and shape(text) == shape(msgid), (language, msgid)


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_catalogue_keeps_texts_the_code_no_longer_shows(language: str) -> None:
    assert set(catalogue(language)) - code_messages() == set()


@pytest.mark.parametrize(("language", "expected"), [
    ("ru", "с 2026-11-01, источников: 2"), ("ru-RU", "с 2026-11-01, источников: 2"),
    ("kk", "2026-11-01 бастап, дереккөздер: 2"), ("en", "since 2026-11-01, sources: 2"),
    ("pt", "since 2026-11-01, sources: 2"), ("", "since 2026-11-01, sources: 2"),
])
def test_translate_outside_handlers(language: str, expected: str) -> None:
    assert translate(language, "since {date}, sources: {count}", date="2026-11-01",
                     count=2) == expected


def test_unknown_texts_stay_english() -> None:
    assert translate("ru", "Not in any catalogue") == "Not in any catalogue"

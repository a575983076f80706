"""ISO 639-1 codes from Babel's CLDR data."""

from __future__ import annotations

import pytest

from bot.core.languages import is_language, language_codes


def test_the_codes_are_iso_639_1() -> None:
    assert len(language_codes()) == 183  # a new Babel that changes this count is worth a look
    assert {"en", "ru", "tk", "uz", "kk", "ky", "tg", "fa", "tl", "tw"} <= language_codes()


@pytest.mark.parametrize("code", ["sh", "bh", "eng", "en_GB", "RU", "zz", ""])
def test_withdrawn_codes_and_other_tags_are_refused(code: str) -> None:
    assert not is_language(code)

"""Lists in the reader's language (bot/core/lists.py): CLDR's patterns through Babel, with the
gaps CLDR leaves in our languages filled in. Pure."""

from __future__ import annotations

import pytest

from bot.core.lists import and_list

THREE = ["X (Twitter)", "WeChat", "VKontakte"]


@pytest.mark.parametrize(
    ("language", "three", "two"),
    [
        ("en", "X (Twitter), WeChat and VKontakte", "X (Twitter) and WeChat"),  # no serial comma
        ("ru", "X (Twitter), WeChat и VKontakte", "X (Twitter) и WeChat"),
        ("tk", "X (Twitter), WeChat we VKontakte", "X (Twitter) we WeChat"),
        ("uz", "X (Twitter), WeChat va VKontakte", "X (Twitter) va WeChat"),
        ("uz_Cyrl", "X (Twitter), WeChat ва VKontakte", "X (Twitter) ва WeChat"),  # none in CLDR
        ("uz-Cyrl", "X (Twitter), WeChat ва VKontakte", "X (Twitter) ва WeChat"),  # a tag
        ("kk", "X (Twitter), WeChat және VKontakte", "X (Twitter) және WeChat"),  # CLDR: only 2
        ("pt-BR", "X (Twitter), WeChat and VKontakte", "X (Twitter) and WeChat"),  # not ours
    ],
)
def test_three_and_two_names_in_each_language(language: str, three: str, two: str) -> None:
    assert and_list(THREE, language) == three
    assert and_list(THREE[:2], language) == two
    assert and_list(THREE[:1], language) == "X (Twitter)"
    assert and_list([], language) == ""


def test_a_long_list_joins_its_middle_with_commas() -> None:
    names = ["A", "B", "C", "D", "E"]
    assert and_list(names, "ru") == "A, B, C, D и E"
    assert and_list(names, "uz_Cyrl") == "A, B, C, D ва E"

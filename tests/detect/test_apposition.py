"""A site named right after its kind ("the news website Kloop", "сайт «Азия-Плюс»") is as
near the action word as its kind; named as a report's source it is still no site blocked.
The sentences are written for these tests; none comes from the labelled sets."""

from __future__ import annotations

import pytest

from tests.detect.support import Triple, found


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        # the name three words from the action word, its kind right before it
        (
            "en",
            "Kyrgyz authorities have blocked the news website Kloop.",
            {("KG", "other", "block")},
        ),
        ("ru", "В Таджикистане заблокировали сайт «Азия-Плюс».", {("TJ", "other", "block")}),
        # the same outlets as the source of a report: only the service reported on
        (
            "en",
            "Kyrgyz authorities have blocked Telegram, the news website Kloop reported.",
            {("KG", "telegram", "block")},
        ),
        (
            "ru",
            "В Таджикистане заблокировали Telegram, сообщает сайт «Азия-Плюс».",
            {("TJ", "telegram", "block")},
        ),
    ],
)
def test_a_site_named_after_its_kind_is_acted_on_with_it(
    lang: str, summary: str, expected: set[Triple]
) -> None:
    assert found(summary, lang) == expected

"""A block word that only describes the service a sentence lifts is no block of its own.

"Mobile internet snapped on August 4 was restored": the participle says which internet came
back; the news is the lifting (bot/detect/sentence.py, `joined` in bot/detect/direction.py).
Where a comma, a conjunction ("and", "then", "puis", "затем"), "after" or a clause stands
between the two words, both are the news, as before: "blocked on Tuesday and restored on
Wednesday". Also ro "accesate din nou" (accessed again) is a lifting.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

# (language, sentence, alerts): each also reported a block before
DESCRIBED: list[tuple[str, str, str]] = [
    (
        "en",
        "Mobile internet snapped on August 4 was restored in Jammu.",
        "IN internet unblock partial",
    ),
    ("en", "The websites blocked in May were unblocked on Friday in Kenya.", "KE other unblock"),
    ("ro", "Site-urile blocate în martie pot fi accesate din nou în România.", "RO other unblock"),
]

# Joined: the block and its lifting are both the news
JOINED: list[tuple[str, str, str]] = [
    (
        "en",
        "Facebook was blocked on Tuesday and restored on Wednesday in Mali.",
        "ML facebook block; ML facebook unblock",
    ),
    (
        "fr",
        "Au Mali, Facebook interrompu puis rétabli le 3 mars.",
        "ML facebook block; ML facebook unblock",
    ),
    (
        "ru",
        "В Дагестане Telegram заблокировали, затем разблокировали.",
        "RU telegram block partial; RU telegram unblock partial",
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), DESCRIBED + JOINED)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected

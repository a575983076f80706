"""A headline that surveys blocks reports none (the `survey` cues, bot/detect/detector.py).

"В Казахстане всё чаще блокируют сайты" (ever more often), "immer öfter", "ecco quali sono"
(here is which), "record number of", "her gün" (every day), and "how does", "comment les",
"cómo", "कैसे", "cara" (how), en "how" alone: the item counts or explains blocks; the
labelling rules make it an analysis, so its body's examples are no news. In a body sentence
the same words do nothing. "Why" stays out: "Why the internet was cut in
Mauritania" explains a block that is news.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

# ("title || body", alerts): each alerted before
SURVEYS: list[tuple[str, str, str]] = [
    # any headline that tells how (after fresh-84 to 91: "How Skype became blocked")
    (
        "en",
        "How WhatsApp calls became blocked in Oman, bit by bit || Oman's regulator blocked "
        "WhatsApp calls in 2017.",
        "",
    ),
    # a headline that explains how blocks are done (after fresh-68 to 75)
    (
        "hi",
        "सरकार इंटरनेट पर रोक कैसे लगाती है || भारत में सरकार ने कई जिलों में इंटरनेट बंद कर दिया।",
        "",
    ),
    (
        "id",
        "Cara membuka situs yang diblokir Kominfo || Kominfo memblokir situs yang melanggar "
        "aturan di Indonesia.",
        "",
    ),
    (
        "fr",
        "Comment les blocages ont affecté l'Ouzbékistan || L'Ouzbékistan a bloqué des sites "
        "d'information.",
        "",
    ),
    (
        "es",
        "Cómo funciona el bloqueo de Magis TV || En Argentina la Justicia ordenó bloquear sitios "
        "de apuestas.",
        "",
    ),
    (
        "en",
        "How does Russia block websites? || Roskomnadzor blocked the sites of three outlets in "
        "Russia.",
        "",
    ),
    (
        "ru",
        "В Казахстане всё чаще блокируют сайты || Министерство ограничило доступ к сайту Orda.kz.",
        "",
    ),
    (
        "de",
        "Afrikanische Staaten kappen immer öfter das Netz || In Gabun wurde das Internet gesperrt.",
        "",
    ),
    (
        "it",
        "Siti bloccati in Italia: ecco quali sono || L'AGCOM ha oscurato il sito in Italia.",
        "",
    ),
    (
        "en",
        "Record number of websites blocked in Kenya || The regulator blocked the site in Kenya.",
        "",
    ),
    (
        "tr",
        "Türkiye'de her gün onlarca site erişime kapatılıyor || BTK, Türkiye'de siteye erişimi "
        "engelledi.",
        "",
    ),
]

# The same words in a body, and a headline that explains one block, leave it alone
GUARDS: list[tuple[str, str, str]] = [
    (
        "en",
        "Regulator blocks news site in Kenya || More and more people read it; the regulator "
        "blocked the site on Monday.",
        "KE other block",
    ),
    ("ru", "Министерство ограничило доступ к сайту Orda.kz в Казахстане.", "KZ other block"),
    ("fr", "Pourquoi l'internet mobile a été coupé en Mauritanie", "MR internet block"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SURVEYS + GUARDS)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected

"""Fines, returns told in more words, and the nearer clause (after fresh-34 and 35).

- A fine decides no block (`procedure` cues now: en "fined", ru "штраф", fr "amende", es/pt
  "multa", tr "para cezası", uk "штраф", ar "غرامة"): a headline about one voids the item,
  whose body names what the regulator wanted removed.
- A service that "can be reached again" (en), "redevient accessible" / "de nouveau
  pleinement accessible" (fr) is unblocked; a bandwidth cut lifted ("bant genişliği
  daraltması ... kaldırıldı") and restrictions that "kalktı" (tr) are liftings; zh "被封" is
  a block; en "limits (caps) download speeds" is a slowdown, fr "au compte-gouttes" too.
- fr "jusque-là" (until then) tells the earlier state: "des sites jusque-là bloqués, comme
  YouTube, ... de nouveau accessibles" blocks nothing (the participle, nearer to YouTube than
  the lifting, still takes it: no unblock either, yet).
- A typhoon or a hurricane is a physical cause: "power and internet restored" after one is an
  outage repaired.
- Two action words at the same distance from a service: the one in its own clause wins over
  one across "but" or "though" ("restored access to YouTube, but Facebook and about 1,200 web
  pages remain blocked": Facebook is not restored) (bot/detect/pairing.py `nearest`).

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

# (language, "title || body" or a sentence, expected alerts as the language tables write them)
FINES: list[tuple[str, str, str]] = [
    (
        "ru",
        "Google и Twitter грозят новые штрафы || В суд поступили протоколы Роскомнадзора в"
        " отношении Google и Twitter за отказ удалить запрещенную информацию.",
        "",
    ),
]
# the guards: fines in other languages stay silent, and a block told beside a fine still
# reports
FINES_GUARDS: list[tuple[str, str, str]] = [
    (
        "en",
        "Telegram fined again in Russia || The regulator said it would not remove banned content.",
        "",
    ),
    ("fr", "Amende pour X en Turquie || X a refusé de bloquer des comptes interdits.", ""),
    ("tr", "X'e idari para cezası || BTK, yasaklı içeriklerin kaldırılmadığını açıkladı.", ""),
    ("ru", "Роскомнадзор заблокировал LinkedIn в России.", "RU linkedin block"),
    ("en", "Russia blocks LinkedIn.", "RU linkedin block"),
]
RETURNS: list[tuple[str, str, str]] = [
    ("en", "YouTube can be reached again in Beijing.", "CN youtube unblock"),
    (
        "fr",
        "En Guinée, WhatsApp, Facebook et Telegram redeviennent accessibles.",
        "GN facebook unblock; GN telegram unblock; GN whatsapp unblock",
    ),
    (
        "fr",
        "En Chine, LinkedIn paraît aujourd'hui de nouveau pleinement accessible.",
        "CN linkedin unblock",
    ),
    (
        "tr",
        "İstanbul'da internette bant genişliği daraltması 21 saat sonra kaldırıldı.",
        "TR internet unblock",
    ),
    (
        "tr",
        "Türkiye'de X ve YouTube'a yönelik kısıtlamaların kalktığı görüldü.",
        "TR twitter unblock; TR youtube unblock",
    ),
    ("zh", "中国YouTube被封", "CN youtube block"),
    ("en", "Iran's government is limiting internet download speeds.", "IR internet throttle"),
    (
        "fr",
        "En Algérie, l'accès à Facebook ne passe plus qu'au compte-gouttes.",
        "DZ facebook throttle",
    ),
    (
        "fr",
        "En Tunisie, des sites jusque-là bloqués, comme YouTube, étaient de nouveau accessibles.",
        "",
    ),
    (
        "en",
        "Typhoon-hit airport resumes operations || The Philippine airport reopened, with power"
        " and internet restored.",
        "",
    ),
    (
        "en",
        "Pakistan has restored access to YouTube, but Facebook and about 1,200 web pages remain"
        " blocked.",
        "PK youtube unblock",
    ),
]
# the guards: an outage's word alone, and a plain list, still report
RETURNS_GUARDS: list[tuple[str, str, str]] = [
    ("en", "The Philippines restored internet access.", "PH internet unblock"),
    (
        "en",
        "Pakistan has restored access to YouTube and Facebook.",
        "PK facebook unblock; PK youtube unblock",
    ),
    ("fr", "En Tunisie, YouTube était de nouveau accessible.", "TN youtube unblock"),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), FINES + FINES_GUARDS + RETURNS + RETURNS_GUARDS
)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected

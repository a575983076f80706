"""Nationality adjectives in German, French, Spanish, Portuguese and Italian name the country.

An item may name the censor only by its adjective ("die spanische Justiz", "les autorités
guinéennes"): each language file lists the adjectives of the countries of 3 million people
and more, declined. The guards check the words left out on purpose: an adjective that names
a service's owner ("le milliardaire américain"), a language's name read as a country, and
the outlets that name themselves by their own country's adjective. The sentences were
written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import Triple, found

# (language, summary, expected alerts): each found no country before the adjectives
NAMED: list[tuple[str, str, set[Triple]]] = [
    ("de", "Die spanische Justiz hat Telegram gesperrt.", {("ES", "telegram", "block")}),
    ("de", "Die kenianischen Behörden haben TikTok blockiert.", {("KE", "tiktok", "block")}),
    ("de", "Die ägyptische Regierung sperrt Instagram.", {("EG", "instagram", "block")}),
    ("fr", "Les autorités jordaniennes ont bloqué Facebook.", {("JO", "facebook", "block")}),
    ("fr", "Le gouvernement turc a bloqué Instagram.", {("TR", "instagram", "block")}),
    ("fr", "La justice espagnole a bloqué Telegram.", {("ES", "telegram", "block")}),
    ("es", "El gobierno ucraniano bloqueó VKontakte.", {("UA", "vkontakte", "block")}),
    ("es", "La justicia española bloqueó Telegram.", {("ES", "telegram", "block")}),
    ("es", "Las autoridades jordanas bloquearon WhatsApp.", {("JO", "whatsapp", "block")}),
    ("pt", "A Justiça portuguesa bloqueou o Telegram.", {("PT", "telegram", "block")}),
    ("pt", "O governo ucraniano bloqueou o VKontakte.", {("UA", "vkontakte", "block")}),
    ("pt", "As autoridades russas bloquearam o YouTube.", {("RU", "youtube", "block")}),
    ("it", "Le autorità spagnole hanno bloccato Telegram.", {("ES", "telegram", "block")}),
    ("it", "Il governo tedesco ha bloccato Telegram.", {("DE", "telegram", "block")}),
    ("it", "Le autorità ucraine hanno bloccato VKontakte.", {("UA", "vkontakte", "block")}),
]


@pytest.mark.parametrize(("lang", "summary", "expected"), NAMED)
def test_an_adjective_names_the_country(lang: str, summary: str, expected: set[Triple]) -> None:
    assert found(summary, lang) == expected


# (language, summary, country that must not be found)
LEFT_OUT: list[tuple[str, str, str]] = [
    # the US adjective names the owner of the service, not the censor
    ("fr", "Le réseau social du milliardaire américain a été bloqué.", "US"),
    ("pt", "O X, do bilionário norte-americano, foi bloqueado.", "US"),
    ("es", "Bloquean una web del gobierno estadounidense.", "US"),
    ("it", "La piattaforma statunitense è stata bloccata.", "US"),
    ("de", "Die amerikanische Plattform X wurde gesperrt.", "US"),
    # an outlet named by its own country's adjective; a language spoken on several continents
    ("fr", "Les médias français ont été suspendus et Facebook bloqué.", "FR"),
    ("de", "Die Deutsche Welle berichtet, Telegram sei gesperrt worden.", "DE"),
    ("es", "El sitio en español de Facebook fue bloqueado.", "ES"),
    ("pt", "A versão em português do Facebook foi bloqueada.", "PT"),
    ("pt", "Sites em língua portuguesa e o Facebook foram bloqueados.", "PT"),
    # North or South Korea; DR Congo or Congo
    ("de", "Die koreanische Regierung hat Telegram gesperrt.", "KR"),
    ("de", "Die kongolesische Regierung hat Facebook gesperrt.", "CD"),
]


@pytest.mark.parametrize(("lang", "summary", "country"), LEFT_OUT)
def test_an_ambiguous_adjective_names_no_country(lang: str, summary: str, country: str) -> None:
    assert country not in {alert[0] for alert in found(summary, lang)}

"""The network told by its telephones, names the vocabulary lacked, returns told as "allowed
back" (after fresh-56 to 59 were scored).

- A "phone blackout", a "communication blackout" and "GSM services" are the network
  (services.toml `internet`): "the military lifted the mobile phone blackout in Maiduguri".
- Tor by its bare name is a word elsewhere (de "das Tor"): it counts with a word of
  anonymity or circumvention in the item (services.toml `other` `weak` and `context`).
  Pokémon Go is a site regulators ban.
- en "allowed back", "again be allowed" (to operate) return a service; hi "फिर शुरू" (started
  again) and "N घंटे बाद ... शुरू" (started after N hours) too.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

BLACKOUTS: list[tuple[str, str, str]] = [
    (
        "en",
        "The Nigerian military lifted the mobile phone blackout in Maiduguri.",
        "NG internet unblock partial",
    ),
    (
        "en",
        "Defence headquarters authorised the restoration of GSM services in Adamawa state in "
        "Nigeria.",
        "NG internet unblock partial",
    ),
    (
        "en",
        "Residents of Parachinar in Pakistan have been cut off by a communication blackout "
        "since Friday.",
        "PK internet block",
    ),
]
BLACKOUTS_GUARDS: list[tuple[str, str, str]] = [
    ("en", "A power blackout hit Lagos in Nigeria on Monday.", ""),
    ("en", "Nigeria's army imposed a media blackout on the offensive.", ""),
]

NAMES: list[tuple[str, str, str]] = [
    ("en", "Iran blocked Tor, the anonymity network, on Monday.", "IR other block"),
    ("en", "Iran blocks Tor. Its developers ship a fix for the bridges.", "IR other block"),
    ("ru", "Роскомнадзор заблокировал Tor, сервис для анонимного доступа.", "RU other block"),
    ("en", "Iran's Supreme Council of Virtual Spaces banned Pokémon Go.", "IR other block"),
]
NAMES_GUARDS: list[tuple[str, str, str]] = [
    ("de", "Die Polizei sperrte das Tor des Stadions in Berlin.", ""),
    ("en", "Police closed Glastonbury Tor to visitors after the storm in England.", ""),
    ("pl", "Policja zablokowała tor wyścigowy w Poznaniu.", ""),
]

RETURNS: list[tuple[str, str, str]] = [
    (
        "en",
        "Mobile phone services will again be allowed to operate in Gilgit-Baltistan.",
        "PK internet unblock partial",
    ),
    (
        "en",
        "Mobile internet was allowed back in Gilgit-Baltistan on Sunday.",
        "PK internet unblock partial",
    ),
    ("hi", "उदयपुर में 71 घंटे बाद इंटरनेट सेवा शुरू", "IN internet unblock partial"),
    ("hi", "जयपुर में इंटरनेट सेवा फिर शुरू कर दी गई।", "IN internet unblock partial"),
]
RETURNS_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Trucks were allowed back on the Karakoram Highway in Pakistan.", ""),
    ("hi", "जयपुर में 5G सेवा शुरू", ""),
    ("hi", "दो दिन बाद जयपुर में बस सेवा शुरू", ""),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    BLACKOUTS + BLACKOUTS_GUARDS + NAMES + NAMES_GUARDS + RETURNS + RETURNS_GUARDS,
)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected

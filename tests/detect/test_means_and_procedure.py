"""The means people use, and what a court only hears (fresh-29 and the earlier batches).

- A service named as the means is not acted on (`source` cues right before its name): "turned
  to VPNs to post", "reachable only through a VPN", "contournable par VPN", "über VPN weiter
  erreichbar", "через VPN": the VPN is how people get round the block, not its target.
- fr "site(s) internet" is a site: the internet there only says what kind of site.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

# (language, "title || body" or a sentence, expected alerts as the language tables write them)
MEANS: list[tuple[str, str, str]] = [
    (
        "en",
        "Tanzania blocks Telegram || Tanzania restricted access to Telegram; users turned to VPNs"
        " to post.",
        "TZ telegram block",
    ),
    ("fr", "Le Burundi a bloqué WhatsApp, contournable seulement par VPN.", "BI whatsapp block"),
    ("de", "Russland sperrte Telegram; über VPN ist es weiter erreichbar.", "RU telegram block"),
    ("es", "Venezuela bloqueó Twitter, accesible solo mediante VPN.", "VE twitter block"),
    ("pt", "A Venezuela bloqueou o Twitter, acessível só por meio de VPN.", "VE twitter block"),
]
# the guards: a VPN blocked is still blocked
MEANS_GUARDS: list[tuple[str, str, str]] = [
    ("en", "Turkmenistan blocked VPN services.", "TM vpn block"),
    ("ru", "В России заблокировали VPN-сервисы.", "RU vpn block"),
    ("en", "Iran banned the use of VPNs.", "IR vpn block"),
    ("en", "Kenya blocked Telegram, now reachable only through a VPN.", "KE telegram block"),
    (
        "ru",
        "В Казахстане заблокировали Telegram, пользователи заходят через VPN.",
        "KZ telegram block",
    ),
]

# fr "sites internet": sites, not the internet
SITES: list[tuple[str, str, str]] = [
    ("fr", "Cinq sites internet bloqués en France pour apologie du terrorisme.", "FR other block"),
    ("fr", "Bahreïn bloque l'accès au site Internet d'une chaîne libanaise.", "BH other block"),
    ("fr", "La Russie a coupé internet au Daghestan.", "RU internet block partial"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), MEANS + MEANS_GUARDS + SITES)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected

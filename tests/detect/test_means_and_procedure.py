"""The means people use, and what a court only hears (fresh-29 and the earlier batches).

- A service named as the means is not acted on (`source` cues right before its name): "turned
  to VPNs to post", "reachable only through a VPN", "contournable par VPN", "über VPN weiter
  erreichbar", "через VPN": the VPN is how people get round the block, not its target.
- fr "site(s) internet" is a site: the internet there only says what kind of site; a kind
  word's complement ("sites de apostas esportivas do RJ", "Website des Senders Yle", "websites
  of opposition parties") tells what kind, and the action word may stand after it
  (bot/detect/mentions.py `_complement`); it "ancora accessibile" (still reachable) is no block.
- A court's procedural step in a headline (`procedure` cues: "seeks reply", "adjourns",
  "reserves verdict", "to explain why", ru "подал в суд иск", fr "demande à la justice", pt
  "pedido de bloqueio ... chega à Justiça") voids the whole item: its body tells the block as
  the case's background. A court that orders, lifts or decides still reports.
- A ban "still in place" is the same ban told again (`past`).
- "mobile communications" cut is the mobile network, as ru "мобильная связь" is; a service
  "opened again" or that "can be used again" is unblocked; a court that "tears up" a ban
  lifts it; de "Internetsperre ... beendet" (the ban ended) is a lifting; pt "saia do ar" (a
  site ordered off the air) is a block; WikiLeaks is a site.
- Written after fresh-30 to 33 were scored (the next batches judge them): ru "снижение
  пропускной способности" (the bandwidth cut) is a slowdown, "подтвердил в Twitter" is where
  it was said; sabotage is a physical cause (fr, en); Mauritania's operators (Mauritel,
  Chinguitel) act for it; fr "de nouveau possible" is a lifting; a ban on 4G (or "3G and
  4G") leaves the slow network: a slowdown (en `speed` cues).
- Asking for "ways to block" is no order to block (en `threat`: "ways of", "ways to",
  "explore"), while asking the providers to block still orders it.

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
    ("de", "Website des finnischen Senders Yle in Russland gesperrt", "RU other block"),
    ("fr", "Les sites de paris en ligne illégaux sont bloqués en France.", "FR other block"),
    (
        "pt",
        "Sites de apostas esportivas do RJ começam a ser bloqueados no Brasil.",
        "BR other block",
    ),
    ("en", "Websites of opposition parties were blocked in Cambodia.", "KH other block"),
    ("it", "I siti dei media russi sanzionati restano raggiungibili in Italia.", ""),
    (
        "it",
        "La maggioranza dei siti dei media russi bloccati in Italia è ancora accessibile.",
        "",
    ),
]

PROCEDURE: list[tuple[str, str, str]] = [
    (
        "en",
        "SHC seeks government's reply in internet shutdown case || The Sindh High Court asked the"
        " federal government to respond; PTA's lawyer said the interior ministry had told it to"
        " block internet service.",
        "",
    ),
    (
        "en",
        "Gujarat HC reserves verdict on plea against mobile internet ban || The state suspended"
        " mobile internet in Gujarat after the protests.",
        "",
    ),
    (
        "en",
        "Court asks PTA to explain why party website was blocked || The Islamabad High Court"
        " ordered the regulator to explain why the website of a party was blocked in Pakistan.",
        "",
    ),
    (
        "ru",
        "Роскомнадзор подал в суд иск о блокировке Telegram || Ведомство просит суд"
        " заблокировать Telegram в России.",
        "",
    ),
    (
        "fr",
        "L'Arcom demande à la justice de bloquer cinq sites || Le régulateur veut faire bloquer en"
        " France cinq sites pornographiques.",
        "",
    ),
    (
        "pt",
        "Pedido de bloqueio do aplicativo chega à Justiça || O Ministério Público pede que o"
        " aplicativo seja bloqueado no Brasil.",
        "",
    ),
    (
        "en",
        "News site's access ban still in place despite top court ruling || The criminal"
        " judgeship has not lifted its ban on the site in Turkey.",
        "",
    ),
]
# the guards: a court that decides reports, and "upheld" in the body voids only its sentence
DECISIONS: list[tuple[str, str, str]] = [
    (
        "en",
        "High court orders internet restored in Jharkhand || The court ordered the state to"
        " restore internet services in Jharkhand immediately.",
        "IN internet unblock partial",
    ),
    (
        "en",
        "Court lifts ban on TikTok in Nepal || The Supreme Court lifted the government's ban on"
        " TikTok in Nepal.",
        "NP tiktok unblock",
    ),
    (
        "en",
        "Russia blocks LinkedIn after court ruling || Roskomnadzor blocked LinkedIn in Russia"
        " after a Moscow court upheld the ban.",
        "RU linkedin block",
    ),
]

WAYS: list[tuple[str, str, str]] = [
    (
        "en",
        "India's telecom department asked service providers to find ways to block Telegram.",
        "",
    ),
    (
        "en",
        "India's telecom department asked service providers to block Telegram.",
        "IN telegram block",
    ),
]

NETWORK: list[tuple[str, str, str]] = [
    ("en", "Uzbek authorities cut mobile communications in Andijan.", "UZ internet block partial"),
    ("en", "Facebook opened again in Tajikistan.", "TJ facebook unblock"),
    ("en", "Telegram can be used again in Iran without a proxy.", "IR telegram unblock"),
    ("en", "Protesters in Iran used Telegram again to organise rallies.", ""),
    ("en", "Appeal court tears up Pirate Bay ban in the Netherlands", "NL other unblock"),
    ("de", "Tschad: Internetsperre nach drei Tagen offenbar beendet", "TD internet unblock"),
    ("de", "Die Sperre von Telegram in Russland ist beendet.", "RU telegram unblock"),
    ("pt", "Justiça determina que o site saia do ar no Brasil.", "BR other block"),
    ("pt", "WikiLeaks bloqueado na Turquia", "TR other block"),
]

AFTER_FRESH_30: list[tuple[str, str, str]] = [
    (
        "ru",
        "Мобильные операторы сообщили о снижении пропускной способности интернета в Минске.",
        "BY internet throttle",
    ),
    (
        "ru",
        "Оператор A1 подтвердил в Twitter, что в Минске снижена пропускная способность"
        " мобильного интернета.",
        "BY internet throttle",
    ),
    ("fr", "Gabon : un sabotage coupe Internet pendant une journée", ""),
    ("en", "Gabon offline for a day after sabotage of the fibre cable.", ""),
    (
        "fr",
        "Sur ordre des autorités, Mauritel et Chinguitel ont coupé l'Internet mobile.",
        "MR internet block",
    ),
    (
        "fr",
        "En Guinée, l'accès à Facebook était de nouveau possible sans VPN.",
        "GN facebook unblock",
    ),
    ("fr", "Le Gabon a coupé Internet pendant le scrutin.", "GA internet block"),
    (
        "en",
        "J&K administration extends ban on 4G mobile internet in Kashmir.",
        "IN internet throttle partial",
    ),
    ("en", "Mobile internet suspended in Kashmir.", "IN internet block"),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    MEANS + MEANS_GUARDS + SITES + PROCEDURE + DECISIONS + WAYS + NETWORK + AFTER_FRESH_30,
)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected

"""A site's own domain names its country, telecoms shutdowns are the network, and a few words.

- A site named by a country-code domain ("ratel.kz") in an item that names no country is
  blocked at home (bot/detect/item.py `site_country`); generic domains (.com) name none.
- A telecoms shutdown cuts the mobile network, "internet" in the labelling rules: "telecom
  services restored", "phone services cut", "telecoms blackout" (Nigeria's press); "shut" on
  its own ("internet shut", "ordered shut"), but not the idiom "shut the door".
- ru "перекрыли доступ" is a block; Roblox and Google by their Arabic names; a threat
  ("تلوّح بحجب"), a condition ("স্বাভাবিক হলেই") and an allegation ("dugaan") report none.
- IP addresses blocked are sites blocked ("blocks IP addresses used to watch banned
  channels"); the Baltic states by their adjectives in de, fr, es, pt, it.
- Written after fresh-23 and 24 were scored: Blogspot, Pirate Bay, Xiaohongshu, Uber are sites;
  "république du Congo"; en "plans a ... ban" and "tried to block" are no block yet; fr "le
  signal de RFI" is a radio's signal.
- Written after fresh-92 to 107 were scored: Starlink is a site; text messages ("bulk SMS")
  cut are a service of their own, "other", in an item that names no other service acted on.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import Triple, found

# (language, summary, expected alerts): each found nothing before these rules
FOUND: list[tuple[str, str, set[Triple]]] = [
    ("en", "The portal ratel.kz has been blocked.", {("KZ", "other", "block")}),
    # news portals and IPTV services by their Bengali names (written after fresh-86 was scored)
    ("bn", "বিটিআরসি ৪০টি নিউজ পোর্টাল বন্ধ করেছে।", {("BD", "other", "block")}),
    ("bn", "বিটিআরসি ৫৯টি আইপিটিভি বন্ধ করেছে।", {("BD", "other", "block")}),
    # sites taken down by Brazil's federal police and its justice ministry's operation
    # (written after fresh-90 was scored)
    ("pt", "Operação 404 derruba 600 sites piratas.", {("BR", "other", "block")}),
    ("pt", "A Polícia Federal tira mais três sites do ar.", {("BR", "other", "block")}),
    # pirate television platforms are sites (written after fresh-85 was scored)
    (
        "en",
        "A Madrid court ordered providers to block 40 pirate IPTV platforms in Spain.",
        {("ES", "other", "block")},
    ),
    # fr "paris" are bets there, not the city (written after fresh-90 was scored)
    (
        "fr",
        "Au Sénégal, la justice ordonne de bloquer les sites de paris en ligne.",
        {("SN", "other", "block")},
    ),
    ("en", "Police ordered the internet shut in Amravati.", {("IN", "internet", "block")}),
    ("en", "Telecom services restored in Gusau, Zamfara.", {("NG", "internet", "unblock")}),
    ("en", "Phone services cut in Katsina.", {("NG", "internet", "block")}),
    ("en", "Telecoms blackout reaches Katsina.", {("NG", "internet", "block")}),
    (
        "ru",
        "В Казахстане власти перекрыли доступ к сайтам оппозиции.",
        {("KZ", "other", "block")},
    ),
    ("ar", "العراق يحظر لعبة روبلوكس.", {("IQ", "other", "block")}),
    # IP addresses blocked are sites blocked; the Baltic states by their adjectives
    (
        "en",
        "Lithuania's watchdog blocks IP addresses used to watch banned channels.",
        {("LT", "other", "block")},
    ),
    (
        "ru",
        "Власти Литвы заставляют блокировать IP-адреса телеканалов.",
        {("LT", "other", "block")},
    ),
    ("it", "I provider lituani hanno bloccato i siti di propaganda.", {("LT", "other", "block")}),
    ("de", "Die lettische Behörde hat die Website gesperrt.", {("LV", "other", "block")}),
    ("fr", "Le régulateur estonien a bloqué le site.", {("EE", "other", "block")}),
    # sites by the names the press gives them; the Republic of the Congo written in full
    ("en", "Google Blogspot blocked in Turkey.", {("TR", "other", "block")}),
    (
        "en",
        "Dutch providers must block Pirate Bay again, a court in the Netherlands ruled.",
        {("NL", "other", "block")},
    ),
    ("zh", "刑事局決定封鎖小紅書一年，台灣", {("TW", "other", "block")}),
    ("fr", "Internet suspendu en République du Congo.", {("CG", "internet", "block")}),
    ("pt", "Justiça paulista manda suspender o Uber em todo o Brasil.", {("BR", "other", "block")}),
    # Starlink is a service of its own; text messages cut are one too, where no other service
    # is acted on (written after fresh-92 to 107 were scored)
    ("en", "Niue orders Starlink switched off over licensing.", {("NU", "other", "block")}),
    ("en", "Zambia blocks bulk SMS ahead of the vote.", {("ZM", "other", "block")}),
    ("fr", "Au Tchad, les SMS sont coupés depuis lundi.", {("TD", "other", "block")}),
    # hi "वेबसाइटों" (websites, oblique) is the sites, no object; "ब्लॉक कीं" (blocked,
    # feminine plural) and "लगाई रोक" (put a stop) block them
    ("hi", "हाईकोर्ट ने 23 वेबसाइटों पर लगाई रोक।", {("IN", "other", "block")}),
    ("hi", "दिल्ली हाईकोर्ट ने 7 वेबसाइटें ब्लॉक कीं।", {("IN", "other", "block")}),
    ("hi", "अदालत ने 18 वेबसाइटों को ब्लॉक करने का आदेश दिया।", {("IN", "other", "block")}),
    # id "dicekik" (choked): the press's word for a slowdown
    (
        "id",
        "Layanan internet di Wamena, Papua dicekik pemerintah.",
        {("ID", "internet", "throttle")},
    ),
]
GUARDS: list[tuple[str, str, set[Triple]]] = [
    # a court that takes down a block lifts it
    ("pt", "O STF derruba bloqueio de sites no Brasil.", {("BR", "other", "unblock")}),
    ("en", "The portal novosti.example.com has been blocked.", set()),
    ("en", "Shops were shut in Amravati.", set()),
    ("en", "The government shut the door on talks with Telegram in Russia.", set()),
    ("ar", "قيدت فنزويلا الوصول إلى غوغل.", {("VE", "google", "block")}),
    ("fr", "Le Congo-Brazzaville bloque la messagerie Signal.", {("CG", "signal", "block")}),
    # ...but text messages cut with the internet are the network's
    ("en", "Internet and SMS suspended in Mon, Nagaland.", {("IN", "internet", "block")}),
    # German "über" keeps its umlaut when folded: no Uber in it
    (
        "de",
        "Russland sperrt Telegram, berichtet die Zeitung über die Blockade.",
        {("RU", "telegram", "block")},
    ),
]


@pytest.mark.parametrize(("lang", "summary", "expected"), FOUND + GUARDS)
def test_found(lang: str, summary: str, expected: set[Triple]) -> None:
    assert found(summary, lang) == expected


# Threats and conditions in Arabic ("brandishes a block"), Bengali ("as soon as it is normal")
# and Indonesian ("suspicion of"): each read as a block or a lifting before.
THREATS: list[tuple[str, str]] = [
    ("ar", "هيئة الاتصالات السعودية تلوّح بحجب واتساب."),
    ("bn", "বাংলাদেশে পরিস্থিতি স্বাভাবিক হলেই ফেসবুক খুলে দেওয়া হবে।"),
    ("id", "Muncul dugaan pembatasan Twitter oleh pemerintah Indonesia."),
    ("en", "Papua New Guinea plans a month-long Facebook ban."),
    ("en", "Uganda's regulator tried to block Facebook."),
    # a radio's signal is no Signal messenger (the messenger stays: test_signals.py)
    ("fr", "Au Congo-Brazzaville, le signal de RFI est coupé."),
]


@pytest.mark.parametrize(("lang", "summary"), THREATS)
def test_threat(lang: str, summary: str) -> None:
    assert found(summary, lang) == set()

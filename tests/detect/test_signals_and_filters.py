"""Signals jammed around prisons, bans named by what they are on, and sites filtered
(written from the errors of fresh-116 to 123, after they were scored untuned).

Latin America's press tells the mobile network blocked around a prison by its signal
("bloqueo de la señal celular en las cárceles") or by the jammers installed ("inhibidores de
señal", "bloqueadores de celular"): the labels count a partial internet block, and the prison
makes it partial (es, pt `region`). Southern Africa's English press tells the network by its
telephones ("mobile phone communications were cut", "jammed phones": plain "phones" next to
a strong action word only).

The prison services that order jammers name their country (Colombia's Inpec and Uspec,
Peru's INPE), as Korea's and Japan's regulators do by their short names (방심위, 금융위,
金融庁). Brazil's states by their people's names ("presídios paulistas") are its regions.
Plain Korean "인터넷" is as weak as English "internet" ("인터넷 사이트" is a site).

A ban told as a noun names what it is on ("lifts its block on Elaph": bot/detect/names.py).
Iran's and the Gulf's English press says "filtered" and "censored" for a site blocked, and a
prosecutor orders a site's "closure". "Unbans" undoes a ban. Online games are blocked as
sites are ("memblokir 15 game online"). An Arabic blog ("مدونة") and forum ("منتدى") are
sites; the blogger ("مدون") stays an `object`.

An internet law is no network, and Ukraine International Airlines is no Ukraine (en `[mask]`).
French blocks told as "antérieurs" are past.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import alerts

ALERTS: list[tuple[str, str, str]] = [
    # a prison's signal blocked, by order or by jammers
    (
        "es",
        "Colombia ordena bloquear la señal celular en tres cárceles.",
        "CO internet block partial",
    ),
    (
        "es",
        "El Inpec instala inhibidores de señal en la cárcel de Cómbita.",
        "CO internet block partial",
    ),
    (
        "es",
        "El INPE bloquea la señal de celulares en el penal de Huacho.",
        "PE internet block partial",
    ),
    (
        "pt",
        "Bloqueadores de celular começam a operar na penitenciária de Alcaçuz, no Brasil.",
        "BR internet block partial",
    ),
    # Brazil's states by their people's names are regions of Brazil
    (
        "pt",
        "Bloqueadores de celular entram em operação em presídios paulistas.",
        "BR internet block partial",
    ),
    # the operators of mobile telephony are no network blocked, and arrests no prison
    (
        "pt",
        "As operadoras de telefonia celular devem bloquear o WhatsApp no Brasil.",
        "BR whatsapp block",
    ),
    ("pt", "Houve quatro prisões; o Brasil bloqueou o Telegram.", "BR telegram block"),
    # a ban named by what it is on
    (
        "en",
        "Saudi Arabia lifts its two-year block on Elaph || Saudi Arabia has lifted its block on"
        " the London-based online daily Elaph; the site saw more visitors.",
        "SA other unblock",
    ),
    # the network told by its telephones
    (
        "en",
        "Phones cut in Mbabane as Swaziland protests begin || Mobile phone communications in"
        " the capital Mbabane were cut.",
        "SZ internet block",
    ),
    ("en", "Togo's telephone networks restored after the vote.", "TG internet unblock"),
    ("en", "Soldiers in Lesotho jammed phones and radio stations.", "LS internet block"),
    ("en", "Police in Lesotho seized phones of protesters.", ""),
    # Korea's and Japan's regulators by their short names; an internet site is a site
    ("ko", "금융위, 해외 가상자산사업자 KCEX 접속차단", "KR other block"),
    ("ko", "방심위, 불법 도박 인터넷 사이트 45개 접속차단", "KR other block"),
    # a site's closure ordered, not a road's
    ("en", "Prosecutors order closure of the dating site Coco in France.", "FR other block"),
    ("en", "The road was closed down in France.", ""),
    # a ban undone in one word; a law is no network
    (
        "en",
        "Reddit added to the list of sites Turkey bans and then unbans.",
        "TR other block; TR other unblock",
    ),
    ("en", "Turkey unbanned Reddit on Saturday.", "TR other unblock"),
    ("en", "Turkey blocks Imgur under its internet law.", "TR other block"),
    # online games are blocked as sites are
    ("id", "Kominfo telah memblokir 15 game online yang mengandung kekerasan.", "ID other block"),
    ("en", "Vietnam blocked 15 online games.", "VN other block"),
    # an airline is no country: the item names none, and gets no alert in Ukraine
    (
        "en",
        "Targeted internet disruptions return after protests || Filterwatch reports targeted"
        " disruptions of internet access after the downing of Ukraine International Airlines"
        " Flight 752 by the IRGC.",
        "",
    ),
    # an Arabic blog and forum are sites; bloggers' accounts stay objects
    ("ar", "رفعت الإمارات الحظر عن مدونة «مجرد إنسان».", "AE other unblock"),
    ("ar", "هيئة الاتصالات في الإمارات تحجب منتدى الحوار.", "AE other block"),
    ("ar", "السعودية تحجب حسابات مدونين على تويتر.", ""),
    # earlier blocks recalled are background
    ("fr", "Le texte rappelle des blocages antérieurs de TikTok en Azerbaïdjan.", ""),
    (
        "fr",
        "La Mauritanie a coupé l'internet mobile, comme lors des coupures précédentes.",
        "MR internet block",
    ),
    # filtered and censored sites
    ("en", "Persian Wikipedia filtered in Iran.", "IR other block"),
    ("en", "A blogger's website censored in Saudi Arabia.", "SA other block"),
    ("en", "The film was censored in China.", ""),
    # a match's name in the complement of a site's kind tells what the sites stream: the
    # sentence is no sports story; Ireland's providers by their Irish names
    (
        "en",
        "The High Court extended an order requiring Eir, Sky Ireland and Vodafone Ireland to"
        " block illegal streams of UEFA matches.",
        "IE other block",
    ),
    (
        "en",
        "The court ordered British providers to block illegal streaming of Premier League matches.",
        "GB other block",
    ),
    ("en", "UEFA banned the club from its matches for two seasons.", ""),
    ("en", "Consob ordered 11 new websites blocked.", "IT other block"),
    # online television is a site of its own
    ("en", "Tanzania's regulator suspended Kwanza online TV for six months.", "TZ other block"),
    ("en", "She watched the debate on online TV.", ""),
    # BlackBerry's messenger and data service are services; the phone is none
    ("en", "Saudi Arabia lifts BlackBerry Messenger ban.", "SA other unblock"),
    ("en", "Bahrain bans sharing news on BlackBerrys.", ""),
    # Nigeria's mobile operators name their country
    (
        "en",
        "Glo and 9mobile have restricted access to the Peoples Gazette website.",
        "NG other block",
    ),
    # ko a block "untied" by whoever imposed it is lifted
    ("ko", "중국, 네이버 차단 풀었다", "CN other unblock"),
    # tr apps by their kind are sites, as "apps" are in en; the app named before stays one
    ("tr", "BTK'dan 29 tanışma uygulamasına erişim engeli", "TR other block"),
    (
        "tr",
        "Türkiye Discord'a erişim engeli getirdi. Uygulama artık açılmıyor.",
        "TR discord block",
    ),
    # a cyberattack's cut is an outage, in Arabic as in English
    ("ar", "وزير الاتصالات الإيراني: هجوم إلكتروني شديد أدى إلى قطع الإنترنت", ""),
    ("ar", "السلطات الإيرانية قطعت الإنترنت في طهران", "IR internet block"),
    # a headline that explains what a block is, or what is known of one, reports none
    (
        "ru",
        "Интернет-блокировки в России: что это такое || Роскомнадзор ограничивает доступ к сайтам.",
        "",
    ),
    (
        "es",
        "Qué sabemos sobre los inhibidores de señal en las cárceles chilenas || Gendarmería"
        " instaló inhibidores de señal en las cárceles.",
        "",
    ),
    ("en", "Russia blocks WhatsApp || Russia blocked WhatsApp on Monday.", "RU whatsapp block"),
    # the bodies that order or track blocks name their countries: India's high courts,
    # Egypt's AFTE, Finland's Market Court, Slovakia's financial administration
    (
        "en",
        "The Madras High Court said the ISPs should block the websites listed in the schedule.",
        "IN other block",
    ),
    ("en", "AFTE condemns the blocking of the Batel website.", "EG other block"),
    ("fi", "Markkinaoikeus määräsi Telian estämään pääsyn Yify-palveluun.", "FI other block"),
    ("sk", "Finančná správa zakázala webové stránky 85 kasín.", "SK other block"),
    # a technical fault blamed, in any case form: an outage, not a shutdown
    (
        "bn",
        "বিটিআরসি বলছে কারিগরি ত্রুটিতে বন্ধ মোবাইল ইন্টারনেট || দেশের প্রায় সব জেলায় মোবাইল"
        " ইন্টারনেট বন্ধ হয়ে যায়।",
        "",
    ),
    ("bn", "বাংলাদেশে মোবাইল ইন্টারনেট বন্ধ করে দিয়েছে সরকার", "BD internet block"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ALERTS)
def test_signals_and_filters(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected

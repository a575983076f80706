"""Issue 14's structures, language by language: lists, names the press uses (domains, CLDR
country names in each language), a service named in another sentence, and the confidence.

The sentences are written for these tests; none comes from the labelled sets.
"""

from __future__ import annotations

import pytest

from bot.core.models import ItemText
from bot.detect import Detector
from bot.detect.confidence import Confidence, features
from bot.detect.places import name_patterns

DETECTOR = Detector.load()
Triple = tuple[str, str, str]


def found(title: str, summary: str = "", lang: str = "en") -> set[Triple]:
    item = ItemText("t", title, summary, lang)
    return {(a.country, a.service, a.action) for a in DETECTOR.detect(item)}


@pytest.mark.parametrize(
    ("lang", "title", "summary", "expected"),
    [
        # one verb, several services: every one of them
        (
            "en",
            "Uzbekistan unblocks Twitter, WeChat and VKontakte",
            "",
            {
                ("UZ", "twitter", "unblock"),
                ("UZ", "wechat", "unblock"),
                ("UZ", "vkontakte", "unblock"),
            },
        ),
        (
            "en",
            "",
            "Authorities in Ethiopia have blocked Facebook, Instagram, Telegram, TikTok and "
            "YouTube across the country.",
            {
                ("ET", s, "block")
                for s in ("facebook", "instagram", "telegram", "tiktok", "youtube")
            },
        ),
        (
            "ru",
            "",
            "Власти Узбекистана разблокировали Twitter, WeChat и ВКонтакте.",
            {
                ("UZ", "twitter", "unblock"),
                ("UZ", "wechat", "unblock"),
                ("UZ", "vkontakte", "unblock"),
            },
        ),
        (
            "tr",
            "",
            "Türkiye'de X, Instagram ve YouTube'a erişim engellendi.",
            {("TR", "twitter", "block"), ("TR", "instagram", "block"), ("TR", "youtube", "block")},
        ),
        # a list does not run across a semicolon
        ("en", "", "Russia blocked Viber; WhatsApp could follow.", {("RU", "viber", "block")}),
    ],
)
def test_a_listed_service_shares_the_action(
    lang: str, title: str, summary: str, expected: set[Triple]
) -> None:
    assert found(title, summary, lang) == expected


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        # the headline names the services, the body says what happened
        (
            "WhatsApp and IMO in Turkmenistan",
            "Both were blocked by the state operator on Monday.",
            {("TM", "whatsapp", "block"), ("TM", "imo", "block")},
        ),
        # "the messenger" points back
        (
            "Telegram faces pressure in Iran",
            "On Tuesday the authorities blocked the messenger nationwide.",
            {("IR", "telegram", "block")},
        ),
        # a short sentence that opens with "And" continues the one before
        (
            "Facebook and Telegram have been blocked in Uzbekistan. And immediately unblocked",
            "",
            {
                ("UZ", "facebook", "block"),
                ("UZ", "telegram", "block"),
                ("UZ", "facebook", "unblock"),
                ("UZ", "telegram", "unblock"),
            },
        ),
        # no antecedent, no alert
        ("Weather in Ashgabat", "On Tuesday the authorities blocked the road.", set()),
    ],
)
def test_a_service_named_in_another_sentence(
    title: str, summary: str, expected: set[Triple]
) -> None:
    assert found(title, summary) == expected


@pytest.mark.parametrize(
    ("lang", "title", "summary", "expected"),
    [
        # a site named by its domain is "other", right next to the action word...
        (
            "ru",
            "Беларусь",
            "Мининформ заблокировал gordonua.com и obozrevatel.com.",
            {("BY", "other", "block")},
        ),
        # ...but not when the domain is where the news comes from
        (
            "ru",
            "",
            "Как сообщает tut.by, в Белоруссии заблокировали YouTube.",
            {("BY", "youtube", "block")},
        ),
        # an X listed with named services counts; alone it needs its context
        (
            "en",
            "Nigeria suspended X, Facebook and WhatsApp",
            "",
            {("NG", "twitter", "block"), ("NG", "facebook", "block"), ("NG", "whatsapp", "block")},
        ),
        # the lifted ban is the news, the block its background
        (
            "en",
            "Turkey lifted the ban on Instagram",
            "The block was imposed on August 2.",
            {("TR", "instagram", "unblock")},
        ),
        # a worldwide outage is no state action
        ("en", "", "WhatsApp stopped working around the world for two hours.", set()),
    ],
)
def test_names_sources_and_directions(
    lang: str, title: str, summary: str, expected: set[Triple]
) -> None:
    assert found(title, summary, lang) == expected


@pytest.mark.parametrize(
    ("lang", "rule", "name", "pattern"),
    [
        ("ru", "stem", "Эфиопия", "эфиопи*"),  # Эфиопии, Эфиопией, эфиопский
        ("ru", "stem", "Ирак", "ирак"),  # five letters or fewer: whole
        ("ar", "clitic", "العراق", "بالعراق"),
        ("ar", "clitic", "العراق", "للعراق"),
        ("ar", "clitic", "العراق", "عراقي*"),  # the adjective
        ("hi", "exact", "इराक", "इराक"),
    ],
)
def test_country_names_come_from_cldr_in_each_language(
    lang: str, rule: str, name: str, pattern: str
) -> None:
    patterns = {p for p, _ in name_patterns(lang, rule)}
    assert pattern in patterns


def test_a_stem_of_one_language_never_finds_words_of_another() -> None:
    # Hungarian "India" is stemmed "indi*"; English text must not find India in "indicated".
    assert found("", "Officials indicated that Pakistan blocked TikTok.") == {
        ("PK", "tiktok", "block")
    }


@pytest.mark.parametrize(
    ("signals", "expected"),
    [
        (("gap:3", "listed"), {"gap": 3.0, "listed": 1.0}),
        (("country:title", "cue:threat"), {"country:title": 1.0, "cue:threat": 1.0}),
    ],
)
def test_signals_become_features(signals: tuple[str, ...], expected: dict[str, float]) -> None:
    assert features(signals) == expected


def test_the_confidence_weighs_the_signals() -> None:
    model = Confidence(bias=0.0, weights={"gap": -1.0, "listed": 0.5})
    assert model.score(()) == pytest.approx(0.5)
    assert model.score(("gap:2",)) < model.score(("gap:0",)) < model.score(("listed",))


def test_every_alert_carries_its_confidence_and_signals() -> None:
    (alert,) = DETECTOR.detect(ItemText("t", "Kazakhstan blocks TikTok", "", "en"))
    assert alert.evidence is not None
    assert 0.0 < alert.evidence.confidence <= 1.0
    assert {"gap:0", "country:sentence", "sentence:title"} <= set(alert.evidence.signals)


@pytest.mark.parametrize(
    ("lang", "title", "summary", "expected"),
    [
        # an app or a site named only by its kind is "other"...
        (
            "ru",
            "Роскомнадзор заблокировал приложение-рацию водителей",
            "",
            {("RU", "other", "block")},
        ),
        ("id", "Kominfo blokir aplikasi obrolan di Indonesia", "", {("ID", "other", "block")}),
        # ...unless the item names the service the kind word stands for
        (
            "en",
            "Brazil suspends WhatsApp for 48 hours",
            "The app was suspended by a judge in São Paulo.",
            {("BR", "whatsapp", "block")},
        ),
        # ...in the title, or before the kind word: a headline's site stays a site of its own
        # when the body names a service blocked with it (after fresh-84 to 91)
        (
            "en",
            "Egypt blocks ANHRI website",
            "Egyptian authorities also blocked VPN services.",
            {("EG", "other", "block"), ("EG", "vpn", "block")},
        ),
        # a small count of sites is one decision
        ("en", "Egypt blocked 21 websites on Wednesday", "", {("EG", "other", "block")}),
        # "internet services" are the internet; their providers are not
        (
            "en",
            "Pakistan on election day",
            "Mobile phone and internet services are suspended across Pakistan.",
            {("PK", "internet", "block")},
        ),
        (
            "en",
            "Internet service providers in Ghana blocked the site of a newspaper",
            "",
            {("GH", "other", "block")},
        ),
        # long forms of country names beside CLDR's short ones
        (
            "fr",
            "",
            "L'accès à internet a été coupé en République démocratique du Congo lundi.",
            {("CD", "internet", "block")},
        ),
    ],
)
def test_kinds_counts_and_long_names(
    lang: str, title: str, summary: str, expected: set[Triple]
) -> None:
    assert found(title, summary, lang) == expected


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        # a Latin name in a sentence of another script, next to the action word: a site or app
        ("ru", "Роскомнадзор заблокировал Zulipchat и Mastodon", {("RU", "other", "block")}),
        ("kk", "Ресейде Tutanota пошта сервисі бұғатталды", {("RU", "other", "block")}),
        # ...not a gloss in parentheses, nor a monitor that reports it
        ("hi", "राजस्थान में इंटरनेट (internet shutdown) पर बैन", {("IN", "internet", "block")}),
        ("ru", "По данным NetBlocks, в Иране отключили интернет", {("IR", "internet", "block")}),
        # a slowdown lifted is an unblock
        ("ru", "Роскомнадзор снял замедление Twitter", {("RU", "twitter", "unblock")}),
        ("en", "Russia stops slowing Twitter on fixed networks", {("RU", "twitter", "unblock")}),
        ("fr", "Tunisie : la censure d'Internet levée", {("TN", "internet", "unblock")}),
    ],
)
def test_foreign_names_and_lifted_slowdowns(lang: str, title: str, expected: set[Triple]) -> None:
    assert found(title, "", lang) == expected


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        # a lawsuit asking for a block, or a regulator allowing that it may slow, is no block
        ("ru", "Роскомнадзор подал в суд иск о блокировке Signal", set()),
        ("ru", "Роскомнадзор допустил замедление YouTube", set()),
        # sites states often block, and VPN brands, by name
        ("en", "Indonesia blocks Dailymotion", {("ID", "other", "block")}),
        ("ru", "В России заблокировали NordVPN", {("RU", "vpn", "block")}),
    ],
)
def test_lawsuits_and_names_of_often_blocked_sites(
    lang: str, title: str, expected: set[Triple]
) -> None:
    assert found(title, "", lang) == expected


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        # a question without its mark, a court upholding a block, "blocked for years"
        ("ru", "Заблокируют ли Signal в России окончательно", set()),
        ("ru", "Мосгорсуд оставил в силе решение о блокировке Signal", set()),
        ("es", "En China, Google y Facebook llevan años bloqueados", set()),
        # news outlets named by their kind
        ("en", "Russia bans 81 EU media outlets", {("RU", "other", "block")}),
        ("ru", "Мининформ Беларуси ограничил доступ к СМИ", {("BY", "other", "block")}),
    ],
)
def test_questions_history_and_outlets(lang: str, title: str, expected: set[Triple]) -> None:
    assert found(title, "", lang) == expected


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        # a VPN as the way around, news blocked on a platform by its owner: no block of them
        (
            "en",
            "In Iran the site is no longer accessible without a VPN",
            {("IR", "other", "block")},
        ),
        ("en", "Meta begins blocking news on Facebook in Canada", set()),
        (
            "en",
            "Azerbaijan blocked TikTok and Google Play Store",
            {("AZ", "tiktok", "block"), ("AZ", "google", "block")},
        ),
    ],
)
def test_ways_around_and_content_on_platforms(lang: str, title: str, expected: set[Triple]) -> None:
    assert found(title, "", lang) == expected


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        # a foreign name before an SVO verb is the one acting, not what was blocked
        ("ru", "Visa и Mastercard приостановили работу в России", set()),
        # "того" is "of that", not Togo
        (
            "ru",
            "После того как скорость упала, в Туркменистане отключили интернет",
            {("TM", "internet", "block")},
        ),
    ],
)
def test_actors_and_words_that_look_like_countries(
    lang: str, title: str, expected: set[Triple]
) -> None:
    assert found(title, "", lang) == expected


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        # a slowdown or a filter lifted is an unblock; "without a VPN" names no VPN blocked
        (
            "tr",
            "YouTube ve Instagram'a uygulanan bant daraltması kaldırıldı",
            {("TR", "youtube", "unblock"), ("TR", "instagram", "unblock")},
        ),
        ("fa", "فیلترینگ واتساپ در ایران برداشته شد", {("IR", "whatsapp", "unblock")}),
        (
            "fa",
            "دسترسی به اینستاگرام در ایران برقرار شد؛ این شبکه بدون فیلترشکن باز می‌شود",
            {("IR", "instagram", "unblock")},
        ),
    ],
)
def test_lifted_slowdowns_and_filters(lang: str, title: str, expected: set[Triple]) -> None:
    assert found(title, "", lang) == expected


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        # history after a comma belongs to its own clause; a suspension lifted is an unblock
        (
            "ru",
            "Власти Пакистана сняли блокировку «Википедии», введенную несколькими днями ранее",
            {("PK", "other", "unblock")},
        ),
        (
            "en",
            "India's Manipur government lifted the suspension on broadband internet services",
            {("IN", "internet", "unblock")},
        ),
    ],
)
def test_history_in_its_clause_and_lifted_suspensions(
    lang: str, title: str, expected: set[Triple]
) -> None:
    assert found(title, "", lang) == expected


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        # access given again, an order taken back: unblocks; a hearing postponed: no news
        ("tr", "YouTube'a Türkiye'den yeniden erişim sağlanıyor", {("TR", "youtube", "unblock")}),
        ("tr", "Telegram'a erişim engeli talimatı geri alındı", {("TR", "telegram", "unblock")}),
        ("tr", "AYM, Wikipedia'ya erişim engeli başvurusunu yine erteledi", set()),
    ],
)
def test_access_given_again_and_postponed_hearings(
    lang: str, title: str, expected: set[Triple]
) -> None:
    assert found(title, "", lang) == expected


@pytest.mark.parametrize(
    ("lang", "title", "tally"),
    [
        # a count of a hundred or more may be a tally ("11 000 sites blocked this year") or
        # one regulator's decision ("blocks 175 gambling sites"): the confidence model weighs
        # it by the signal "tally" and the sentence's words
        ("en", "Russia: 11 000 sites blocked this year", True),
        ("en", "Estonia orders ISPs to block 175 unlicensed gambling sites", True),
        # a comma that groups digits is no clause boundary between the verb and its sites
        ("en", "Ukraine blocks 2,500 unlicensed gambling sites", True),
        ("kk", "Қазақстанда 6 мыңнан астам сайт бұғатталды", True),
        ("en", "Egypt blocked 21 websites on Wednesday", False),
    ],
)
def test_counted_sites_carry_a_tally_signal(lang: str, title: str, tally: bool) -> None:
    alerts = DETECTOR.detect(ItemText("t", title, "", lang))
    assert alerts
    signals = [alert.evidence.signals if alert.evidence else () for alert in alerts]
    assert all(("tally" in found) == tally for found in signals)

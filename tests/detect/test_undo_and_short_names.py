"""A ban named before the services and undone after them; short country names in their
cases. The sentences are written for these tests; none comes from the labelled sets."""

from __future__ import annotations

import pytest

from bot.core.errors import ConfigError
from bot.detect.grammar import read_grammar
from bot.detect.places import name_patterns
from tests.detect.support import Triple, found


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        (
            "en",
            "The ban imposed on Facebook, WhatsApp and Viber after the riots in Sri Lanka was"
            " lifted today.",
            {
                ("LK", "facebook", "unblock"),
                ("LK", "whatsapp", "unblock"),
                ("LK", "viber", "unblock"),
            },
        ),
        (
            "en",
            "In Gabon, restrictions on Facebook introduced after the election were lifted.",
            {("GA", "facebook", "unblock")},
        ),
        # the undo word has its own object: each service keeps its own verb
        (
            "en",
            "Pakistan banned TikTok on Monday and the ban on YouTube was lifted.",
            {("PK", "tiktok", "block"), ("PK", "youtube", "unblock")},
        ),
        # a clause word between: the ban stays a ban
        (
            "en",
            "Kenya suspended Telegram while the curfew in Nairobi was ended.",
            {("KE", "telegram", "block")},
        ),
        (
            "fr",
            "Au Gabon, la suspension de Facebook décidée après l'élection a été levée.",
            {("GA", "facebook", "unblock")},
        ),
        # short names in their cases (Russian, Ukrainian)
        ("ru", "В Габоне отключили интернет после выборов.", {("GA", "internet", "block")}),
        ("ru", "Власти Непала сняли запрет на TikTok.", {("NP", "tiktok", "unblock")}),
        ("ru", "В Кении заблокировали Telegram.", {("KE", "telegram", "block")}),
        ("uk", "У Кенії заблокували Telegram.", {("KE", "telegram", "block")}),
    ],
)
def test_sentences(lang: str, summary: str, expected: set[Triple]) -> None:
    assert found(summary, lang) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("габон", {"габон", "габона", "габоне", "габону", "габоном"}),
        ("кения", {"кения", "кении", "кению"}),
        ("китай", {"китай", "китая", "китае"}),
        ("перу", {"перу"}),  # indeclinable: as written
    ],
)
def test_short_names_take_the_listed_endings(name: str, expected: set[str]) -> None:
    endings = (("", ("а", "е", "у", "ом")), ("я", ("и", "ю")), ("й", ("я", "е")))
    forms = {pattern for pattern, _ in name_patterns("ru", "stem", (), endings)}
    assert {form for form in forms if form[:3] == name[:3] and len(form) <= len(name) + 2} >= (
        expected
    )


def test_endings_setting_is_checked() -> None:
    with pytest.raises(ConfigError, match="endings"):
        read_grammar({"endings": {"ая": ["и"]}}, __file__)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        # a place's name inside a site's address names no place the block happens in
        (
            "ru",
            "В Туркменистане заблокирован сайт letters.kremlin.ru.",
            {("TM", "other", "block")},
        ),
        # Russian "газа" is gas here, not Gaza
        (
            "ru",
            "На фоне протестов против подорожания газа в Казахстане заблокировали Telegram.",
            {("KZ", "telegram", "block")},
        ),
        # a court suspending a block lifts it
        ("ru", "Суд Испании приостановил блокировку Telegram.", {("ES", "telegram", "unblock")}),
        (
            "es",
            "Un juez de España suspende la orden que bloqueaba Telegram.",
            {("ES", "telegram", "unblock")},
        ),
        # a site word a few words from a strong action word is a site blocked
        (
            "ru",
            "Министерство информации Беларуси ограничило доступ к нескольким интернет-ресурсам.",
            {("BY", "other", "block")},
        ),
        # a list opened by "including" details the object of the action before it
        (
            "ru",
            "Служба связи Таджикистана велела провайдерам заблокировать 131 сайт, в основном с"
            " музыкой и видео, в том числе соцсети «ВКонтакте» и Twitter.",
            {("TJ", "vkontakte", "block"), ("TJ", "twitter", "block")},
        ),
        (
            "en",
            "Regulators in Gabon announced the immediate suspension of access to the main"
            " platforms across the whole country, including Facebook and TikTok.",
            {("GA", "facebook", "block"), ("GA", "tiktok", "block")},
        ),
        # a ban set off by commas and undone after them
        (
            "fr",
            "En Guinée, les restrictions imposées depuis trois mois sur l'accès à internet,"
            " officiellement pour un problème de sécurité, ont été levées.",
            {("GN", "internet", "unblock")},
        ),
        ("ru", "В Таджикистане открыли доступ к YouTube.", {("TJ", "youtube", "unblock")}),
        # a site word across a comma from an action word is not its object
        (
            "tr",
            "İzmir'de elektrik kesintileri yaşandı, dağıtım şirketlerinin sitelerine ulaşılamadı.",
            set(),
        ),
        # a place's name in quotes names a site, not where it was blocked
        (
            "ru",
            "Для большинства пользователей в Киргизии оказался недоступен сайт «Фергана».",
            {("KG", "other", "block")},
        ),
        ("ru", "Роскомнадзор ограничил доступ к домену t.me.", {("RU", "telegram", "block")}),
        # Spanish and Portuguese "para" (for) is no Surinamese district
        (
            "es",
            "Las autoridades bloquearon TikTok para todos los usuarios de Venezuela.",
            {("VE", "tiktok", "block")},
        ),
        (
            "en",
            "UAE lifts curbs on Skype and Zoom.",
            {("AE", "skype", "unblock"), ("AE", "zoom", "unblock")},
        ),
        # words that are also places' names: Turkish money, Mongolian "official", Vietnamese law
        (
            "tr",
            "Twitter'a erişim engellendi, para transferleri sürüyor.",
            {("TR", "twitter", "block")},
        ),
        # a ruling that a past block violated rights is no block
        ("tr", "AYM: Ekşi Sözlük'e erişim engeli ifade özgürlüğünü ihlal etti", set()),
        # an outage of connections is no slowdown
        ("ru", "В Астане были перебои со связью и интернетом.", set()),
    ],
)
def test_fresh_9_structures(lang: str, summary: str, expected: set[Triple]) -> None:
    assert found(summary, lang) == expected

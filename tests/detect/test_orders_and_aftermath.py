"""Orders withdrawn or suspended, shutdowns that end, the mobile network by its South Asian
name, and what is told as aftermath or opinion. The sentences are written for these tests
(on the patterns of fresh-16's errors); none comes from the labelled sets."""

from __future__ import annotations

import pytest

from tests.detect.support import Triple, found


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        # a slowdown ended is lifted, like a ban ("the decision to slow withdrawn")
        ("bn", "বাংলাদেশে ইন্টারনেটের গতি কমানোর সিদ্ধান্ত প্রত্যাহার", {("BD", "internet", "unblock")}),
        ("en", "Nepal stopped throttling Facebook on Monday.", {("NP", "facebook", "unblock")}),
        # the shutdown as subject of "ends"
        ("en", "The internet shutdown ends in parts of Chad.", {("TD", "internet", "unblock")}),
        ("en", "Chad's TikTok ban ended on Friday.", {("TD", "tiktok", "unblock")}),
        # the order of a shutdown suspended
        ("bn", "বাংলাদেশে ইন্টারনেট বন্ধের নির্দেশনা স্থগিত", {("BD", "internet", "unblock")}),
        (
            "en",
            "Nepal's order suspended: TikTok works again.",
            {("NP", "tiktok", "unblock")},
        ),
        # restrictions named before the verb that eases them
        (
            "en",
            "In Manipur, mobile data restrictions eased in most areas.",
            {("IN", "internet", "unblock")},
        ),
        # restrictions being lifted, the mobile network sped up again
        (
            "ru",
            "В Курске начали снимать ограничения мобильного интернета.",
            {("RU", "internet", "unblock")},
        ),
        ("ru", "В Курске ускоряют мобильный интернет.", {("RU", "internet", "unblock")}),
        # still a slowdown when nothing ends it
        ("bn", "বাংলাদেশে ইন্টারনেটের গতি কমানোর সিদ্ধান্ত", {("BD", "internet", "throttle")}),
    ],
)
def test_an_order_or_slowdown_ended_is_lifted(
    lang: str, summary: str, expected: set[Triple]
) -> None:
    assert found(summary, lang) == expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("Mobile services suspended in Karachi ahead of Ashura.", {("PK", "internet", "block")}),
        ("Internet snapped in several districts of Sindh.", {("PK", "internet", "block")}),
        ("Mobile phone service restored in Quetta.", {("PK", "internet", "unblock")}),
        ("Mobile internet begins to return in Quetta.", {("PK", "internet", "unblock")}),
        ("Mobile services have returned in Quetta.", {("PK", "internet", "unblock")}),
        ("A mobile blackout hit Quetta as the army deployed.", {("PK", "internet", "block")}),
        # a service of another kind is not the network
        ("Quetta's bus service restored after the strike.", set()),
    ],
)
def test_mobile_services_are_the_mobile_network(summary: str, expected: set[Triple]) -> None:
    assert found(summary, "en") == expected


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        # the pluperfect tells what came before the news
        (
            "fr",
            "Au Sénégal, le ministère avait annoncé la coupure de WhatsApp et Facebook.",
            set(),
        ),
        (
            "fr",
            "Au Sénégal, le ministère annonce la coupure de WhatsApp et Facebook.",
            {("SN", "whatsapp", "block"), ("SN", "facebook", "block")},
        ),
        # restrictions that remain, a past recalled: no news
        ("uz", "Россияда Telegram чекловлари сақланиб қолади", set()),
        ("uz", "Россияда Telegram чекланди", {("RU", "telegram", "block")}),
        (
            "az",
            "O, Hindistanda TikTok-un fəaliyyətinin məhdudlaşdırıldığını xatırladıb.",
            set(),
        ),
        # powers granted, opposition voiced: no block yet
        ("kk", "Қазақстанда төрт орган интернетті бұғаттай алатын болды", set()),
        ("kk", "Қазақстанда интернет бұғатталды", {("KZ", "internet", "block")}),
        ("ru", "Депутат выступает против блокировки Telegram в России.", set()),
        # not yet lifted; a condition ("if need be", "a decision is needed")
        ("ky", "Өзбекстанда Twitter боюнча чектөө азырынча алына элек", set()),
        ("ky", "Өзбекстанда Twitter боюнча чектөө алынды", {("UZ", "twitter", "unblock")}),
        ("uz", "O'zbekistonda zarurat bo'lsa internet taqiqlanadi", set()),
        ("uk", "В Україні для блокування Telegram потрібне рішення РНБО.", set()),
    ],
)
def test_aftermath_powers_and_opinion_report_no_block(
    lang: str, summary: str, expected: set[Triple]
) -> None:
    assert found(summary, lang) == expected


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        # a court asking for replies, a case reaching a court, a court asking a ban of another
        ("en", "Internet ban in Kashmir: HC seeks state's reply.", set()),
        ("en", "The HC issues notice on a plea against the internet ban in Kashmir.", set()),
        ("en", "Kashmir imposed an internet ban on Monday.", {("IN", "internet", "block")}),
        ("hi", "भारत में टिक-टॉक पर रोक का मामला सुप्रीम कोर्ट पहुंचा", set()),
        ("hi", "हाईकोर्ट ने भारत सरकार से टिक टॉक पर बैन लगाने को कहा", set()),
        ("hi", "भारत में टिक टॉक पर बैन", {("IN", "tiktok", "block")}),
        # a deadline given is no ban yet; the providers asked to block are no internet cut
        ("en", "Iran's judiciary gives the government a month to ban WhatsApp.", set()),
        (
            "es",
            "En Argentina, los prestadores de internet bloquearon el sitio de Uber.",
            {("AR", "other", "block")},
        ),
        # no order of any kind
        ("ru", "Мининформ Казахстана не выносил никаких предписаний о блокировке Telegram.", set()),
    ],
)
def test_court_steps_and_orders_denied_report_no_block(
    lang: str, summary: str, expected: set[Triple]
) -> None:
    assert found(summary, lang) == expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        # the mobile network failing in a place is read as its cut, as the labels have it
        ("В Курске пропал мобильный интернет.", {("RU", "internet", "block")}),
        ("В Москве начались перебои с мобильным интернетом.", {("RU", "internet", "block")}),
        ("Мобильный интернет сбоит в трети регионов России.", {("RU", "internet", "block")}),
        # a service's own failure, the power: no cut
        ("WhatsApp дал глобальный сбой в России.", set()),
        ("В Москве начались перебои со светом.", set()),
    ],
)
def test_the_mobile_network_failing_in_a_place_is_its_cut(
    summary: str, expected: set[Triple]
) -> None:
    assert found(summary, "ru") == expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        # a slowdown told by its speed, and Jammu and Kashmir by its initials
        ("Internet speed curbs in Bangladesh during the exams.", {("BD", "internet", "throttle")}),
        ("Users in Pakistan face slow speeds on the internet.", {("PK", "internet", "throttle")}),
        ("J&K throttles mobile internet to 2G.", {("IN", "internet", "throttle")}),
        # speed without a restriction of it
        ("Pakistan's internet speed ranks low in a new survey.", set()),
    ],
)
def test_slowdowns_told_by_their_speed(summary: str, expected: set[Triple]) -> None:
    assert found(summary, "en") == expected

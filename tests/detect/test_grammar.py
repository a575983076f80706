"""The detector's grammar rules on hand-written sentences: word order, cues that come after the
verb, negative verb forms, denials, item topics and language defaults.

Each rule has a sentence that must alert and a trap that must not; the sentences are our own
(the labelled corpora measure, they are not test data).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.core.models import ItemText
from bot.detect import Detector
from bot.detect.pattern_index import Lexicon
from bot.detect.patterns import labelled
from bot.detect.scan import Scanner
from bot.detect.text import key, sentences
from tests.support.paths import REPO

DETECTOR = Detector.load()
Key = tuple[str, str, str]


def detect(lang: str, title: str, summary: str = "") -> set[Key]:
    item = ItemText("t", title, summary, lang)
    return {(a.country, a.service, a.action) for a in DETECTOR.detect(item)}


CASES: list[tuple[str, str, str, str, set[Key]]] = [
    # (rule, language, title, summary, expected alerts)
    # verb-final: a service takes the verb after it ("VPN ... petiklendi"), not the one before
    (
        "verb last",
        "tk",
        "",
        "Internetiň tizligi peseldi we VPN hyzmatlary petiklendi.",
        {("TM", "internet", "throttle"), ("TM", "vpn", "block")},
    ),
    (
        "verb last",
        "uz",
        "",
        "Toshkentda Skype cheklandi, TikTok esa blokdan chiqarildi.",
        {("UZ", "skype", "block"), ("UZ", "tiktok", "unblock")},
    ),
    # a governing verb after the action word: proposals, warnings, expectations
    ("cue after", "uz", "", "O'zbekistonda TikTok bloklandi.", {("UZ", "tiktok", "block")}),
    ("cue after", "uz", "", "Partiya O'zbekistonda TikTok'ni bloklashni taklif qildi.", set()),
    ("cue after", "kk", "", "Ресейде Telegram бұғатталатыны туралы ақпарат тарады.", set()),
    ("cue after", "ky", "", "Министр TikTok'ту бөгөттөөнүн зарылчылыгы жоктугун айтты.", set()),
    ("cue after", "de", "", "Russland hat WhatsApp gesperrt.", {("RU", "whatsapp", "block")}),
    (
        "cue after",
        "de",
        "",
        "Die Behörde hat mit einer Sperrung von WhatsApp in Russland gedroht.",
        set(),
    ),
    ("cue after", "de", "", "Russland sperrt WhatsApp nicht.", set()),
    # the clause ends at a comma: the threat after it is Telegram's own
    (
        "cue after",
        "de",
        "",
        "Russland hat WhatsApp gesperrt, droht aber auch Telegram.",
        {("RU", "whatsapp", "block")},
    ),
    # a cue running into the action word: German "zu" infinitives after a plan
    ("zu", "de", "", "Russland drosselt YouTube.", {("RU", "youtube", "throttle")}),
    (
        "zu",
        "de",
        "",
        "Der Kreml plant, die Geschwindigkeit von YouTube in Russland zu drosseln.",
        set(),
    ),
    # negative verb forms carry the "not" inside the word
    ("negated", "tr", "", "Türkiye'de Discord'a erişim engellendi.", {("TR", "discord", "block")}),
    ("negated", "tr", "", "Türkiye'de Discord'a erişim engellenmedi.", set()),
    ("negated", "uz", "", "O'zbekistonda Telegram bloklanmagan.", set()),
    # pluperfect endings tell history
    ("pluperfect", "tr", "", "Türkiye'de Twitter'a erişim engellenmişti.", set()),
    ("pluperfect", "uz", "", "O'zbekistonda Skype'ga cheklov qo'yilgandi.", set()),
    # Turkic "-siz" is "without": "VPN'siz" names no VPN being acted on
    (
        "without",
        "tr",
        "",
        "Türkiye'de Twitter yasağı kaldırıldı, site VPN'siz açılıyor.",
        {("TR", "twitter", "unblock")},
    ),
    # denials whose "not" is far from the action word
    ("denial", "en", "", "No decision on blocking YouTube has been made, officials said.", set()),
    ("denial", "en", "", "Blocking Telegram in Russia is not being planned, a deputy said.", set()),
    ("denial", "en", "", "No restrictions on WhatsApp were introduced in Kazakhstan.", set()),
    ("denial", "ru", "", "Решение о блокировке YouTube в России не принималось.", set()),
    ("denial", "ru", "", "Блокировка Telegram в России не планируется.", set()),
    (
        "denial",
        "ru",
        "",
        "Власти не предпринимают новых ограничительных мер против Telegram.",
        set(),
    ),
    # reactions and complaints: the action was news before
    ("reaction", "ru", "", "Роскомнадзор отреагировал на блокировку Telegram в Казахстане.", set()),
    ("reaction", "ru", "", "Депутат направил в Роскомнадзор жалобы на блокировку Discord.", set()),
    ("reaction", "en", "", "Kazakhstan responded to the blocking of Telegram in Russia.", set()),
    # threats and trends
    ("threat", "en", "", "A ban hangs over TikTok in Kazakhstan.", set()),
    ("threat", "en", "", "Activists demand a ban on TikTok in Uzbekistan.", set()),
    ("trend", "en", "", "Russia continues to throttle YouTube.", set()),
    ("trend", "en", "", "Telegram faces growing restrictions in Russia.", set()),
    ("since", "en", "", "TikTok is banned in Kyrgyzstan and has been since last spring.", set()),
    # courts blocking laws are no unblock; zero-rated access is no service
    ("trap", "en", "", "A federal judge blocked a state ban on TikTok.", set()),
    ("trap", "en", "", "Operators in Azerbaijan suspended free access to Facebook.", set()),
    # an outage named in the title is what the whole item is about
    (
        "topic",
        "en",
        "WhatsApp restored after a two-hour outage",
        "Users in India said WhatsApp was restored on Tuesday.",
        set(),
    ),
    (
        "topic",
        "en",
        "India restores WhatsApp",
        "Users in India said WhatsApp was restored on Tuesday.",
        {("IN", "whatsapp", "unblock")},
    ),
    (
        "topic",
        "ru",
        "Массовый сбой в работе Telegram",
        "В России Telegram снова заработал после перебоев.",
        set(),
    ),
    # a register
    (
        "register",
        "en",
        "",
        "Roskomnadzor removed Viber from the register of banned sites.",
        {("RU", "viber", "unblock")},
    ),
    (
        "access",
        "en",
        "",
        "In Iran, access to Instagram disappeared on Wednesday.",
        {("IR", "instagram", "block")},
    ),
    # French "après que" opens a clause, not a list of earlier blocks
    (
        "after",
        "fr",
        "",
        "Les habitants sont privés de messagerie après que l'application Viber "
        "est devenue inaccessible au Turkménistan.",
        {("TM", "viber", "block")},
    ),
    # verb-final object before the verb: the platform blocked channels, not the state
    ("object", "fa", "", "تلگرام صدها کانال را مسدود کرد.", set()),
    # the language's country when the text names none; a named one wins
    ("country", "fa", "", "اینستاگرام فیلتر شد.", {("IR", "instagram", "block")}),
    ("country", "fa", "", "اینستاگرام در افغانستان فیلتر شد.", {("AF", "instagram", "block")}),
    ("country", "uz", "Афғонистонда интернет бутунлай ўчирилди", "", {("AF", "internet", "block")}),
    ("country", "az", "", "Türkiyədə instaqrama giriş bloklanıb.", {("TR", "instagram", "block")}),
    # a Persian question reports nothing
    ("question", "fa", "آیا تلگرام رفع فیلتر میشود؟", "", set()),
    # a dateline is where the report was written, a country of last resort
    (
        "dateline",
        "en",
        "Afghanistan cuts the internet",
        "ASTANA. Kazinform - The internet was switched off on Monday.",
        {("AF", "internet", "block")},
    ),
    (
        "dateline",
        "en",
        "",
        "ISLAMABAD (AP) - The authorities blocked X, formerly Twitter.",
        {("PK", "twitter", "block")},
    ),
    # Arabic has no capitals: a city, a dash and the agency with a colon, or the agency in
    # brackets and a dash
    (
        "dateline",
        "ar",
        "",
        "لندن - وكالات: قطع النظام السوري شبكة الإنترنت عن المواطنين.",
        {("SY", "internet", "block")},
    ),
    (
        "dateline",
        "ar",
        "",
        "القاهرة (رويترز) - قطعت السلطات الإنترنت.",
        {("EG", "internet", "block")},
    ),
    # year first is a full date, the news' own day; a bare old year ahead of the verb is history
    (
        "year",
        "uz",
        "",
        "2024 yilning 5 mart kuni Toshkentda Telegram bloklandi.",
        {("UZ", "telegram", "block")},
    ),
    ("year", "tr", "", "2014 yılında Türkiye'de Twitter'a erişim engellendi.", set()),
    (
        "denial",
        "en",
        "",
        "The regulator said the disruption of WhatsApp in Pakistan was not due to any restriction.",
        set(),
    ),
    ("denial", "ru", "", "Оснований для разблокировки Discord в России сейчас нет.", set()),
]


@pytest.mark.parametrize(
    ("rule", "lang", "title", "summary", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)],
)
def test_grammar_rules(rule: str, lang: str, title: str, summary: str, expected: set[Key]) -> None:
    assert detect(lang, title, summary) == expected


def test_glued_sentences_are_cut_so_a_denial_stays_in_its_own() -> None:
    text = "Kazakhstan blocked TikTok.Officials denied plans to block Telegram."
    assert sentences(text) == [
        "Kazakhstan blocked TikTok.",
        "Officials denied plans to block Telegram.",
    ]
    assert detect("en", "", text) == {("KZ", "tiktok", "block")}


@pytest.mark.parametrize(
    "text",
    [
        "U.S.Army units",
        "visit vk.com today",
        "a Ph.D thesis",
        "in 2021.Then",
        'недоступен сайт "Фергана.Ru", сообщил главред',
        "the site Vesti.Kz was blocked",
    ],
)
def test_glued_cut_spares_abbreviations_domains_and_numbers(text: str) -> None:
    assert sentences(text) == [text]


def test_persian_question_mark_ends_a_sentence() -> None:
    assert sentences("تلگرام فیلتر میشود؟ اینستاگرام فیلتر شد.") == [
        "تلگرام فیلتر میشود؟",
        "اینستاگرام فیلتر شد.",
    ]


def test_ordinals_keep_a_numbered_court_in_its_sentence() -> None:
    text = "Wattpad, Ankara 10. Sulh Ceza Hakimliği'nin kararıyla kapatıldı. Karar kesin."
    assert sentences(text, ordinals=True) == [
        "Wattpad, Ankara 10. Sulh Ceza Hakimliği'nin kararıyla kapatıldı.",
        "Karar kesin.",
    ]
    # without the setting (English): "killing 34. The blackout..." ends where it stops
    assert sentences("Troops fired, killing 34. The blackout went on.") == [
        "Troops fired, killing 34.",
        "The blackout went on.",
    ]


def test_scanner_hands_each_lexicon_only_its_candidate_words() -> None:
    actions = Lexicon(labelled(["block*", "cut off"], "action"), key)
    places = Lexicon(labelled(["iran"], "place"), key)
    scanner = Scanner([actions, places])
    text = key("Iran blocked Instagram and cut off the internet")
    found_actions, found_places = scanner.scan(text)
    assert found_actions == [(5, "blocked"), (27, "cut")]
    assert found_places == [(0, "iran")]
    assert [hit.text for hit in actions.find(text, found_actions)] == ["blocked", "cut off"]


def test_a_later_word_missing_from_the_text_skips_the_pattern_but_not_its_match() -> None:
    lexicon = Lexicon(labelled(["lift* ... ban", "lift*"], "x"), key)
    assert [hit.text for hit in lexicon.find(key("They lifted the ban"))] == ["lifted the ban"]
    assert [hit.text for hit in lexicon.find(key("They lifted it"))] == ["lifted"]


@pytest.mark.parametrize(
    ("setting", "field"),
    [
        ('cues_after = "four"', "language.cues_after"),
        ("verb_final = 1", "language.verb_final"),
        ('ordinals = "yes"', "language.ordinals"),
        ('country = "Iran"', "language.country"),
        ('word_order = "SOV"', "language"),
    ],
)
def test_language_setting_mistakes_name_the_field(tmp_path: Path, setting: str, field: str) -> None:
    vocab = tmp_path / "vocab"
    (vocab / "lang").mkdir(parents=True)
    source = REPO / "bot" / "detect" / "vocab"
    for name in ("services.toml", "countries.toml", "boilerplate.toml"):
        (vocab / name).write_text((source / name).read_text("utf-8"), "utf-8")
    (vocab / "lang" / "xx.toml").write_text(
        f'[language]\n{setting}\n\n[actions]\nblock = ["block"]\n', "utf-8"
    )
    with pytest.raises(ConfigError) as error:
        Detector.load(vocab)
    assert error.value.field == field
    assert "xx.toml" in str(error.value)

"""Scripts written without spaces (bot/detect/segment.py): cut into the vocabulary's words,
then read like any other language. The sentences are written for these tests; none comes
from the labelled sets."""

from __future__ import annotations

import pytest

from bot.core.errors import ConfigError
from bot.core.models import ItemText
from bot.detect import Detector
from bot.detect.grammar import read_grammar
from bot.detect.segment import Segmenter, known_words

DETECTOR = Detector.load()
Triple = tuple[str, str, str]


def found(title: str, summary: str, lang: str) -> set[Triple]:
    item = ItemText("t", title, summary, lang)
    return {(a.country, a.service, a.action) for a in DETECTOR.detect(item)}


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        # the longest known word wins; unknown stretches in pieces of two
        (["封锁", "解除封锁", "俄罗斯"], "俄罗斯解除封锁", "俄罗斯 解除封锁"),
        (["封锁", "俄罗斯"], "俄罗斯当局封锁了", "俄罗斯 当局 封锁 了"),
        # Latin names and numbers stay whole, with spaces around the run
        (["封锁"], "Telegram被封锁23日", "Telegram 被 封锁 23 日"),
        # a full stop of the script ends a sentence; the enumeration comma joins a list
        (["封锁"], "封锁。明天", "封锁。 明天"),
        (["和"], "脸书、推特和油管", "脸书 , 推特 和 油管"),
        # pattern syntax is no word: gaps, stars, numbers
        (["解除 ... 禁令", "차단*"], "解除禁令", "解除 禁令"),
        # a Thai vowel sign belongs to the letter before it: "ไม" is not cut out of "ไม่"
        (["ไม"], "ไม่ได้", "ไม่ ได้"),
        # text with no unspaced script is left alone
        (["封锁"], "Russia blocked  X", "Russia blocked  X"),
    ],
)
def test_segmenter_cuts_runs_into_known_words(
    patterns: list[str], text: str, expected: str
) -> None:
    assert Segmenter(lambda: patterns, 2).split(text) == expected


def test_known_words_drop_the_pattern_syntax_and_other_scripts() -> None:
    assert known_words(["解除 ... 禁令", "차단*", "blocked", "# 日"]) == {
        "解除",
        "禁令",
        "차단",
        "日",
    }


@pytest.mark.parametrize(
    ("lang", "title", "summary", "expected"),
    [
        ("zh", "俄罗斯封锁WhatsApp", "", {("RU", "whatsapp", "block")}),
        ("zh", "", "伊朗当局恢复了Instagram的访问。", {("IR", "instagram", "unblock")}),
        # the enumeration comma makes a list: the verb reaches every service
        (
            "zh",
            "土库曼斯坦屏蔽脸书、推特和油管",
            "",
            {("TM", "facebook", "block"), ("TM", "twitter", "block"), ("TM", "youtube", "block")},
        ),
        ("zh", "俄罗斯可能封锁WhatsApp", "", set()),  # a threat
        ("zh", "上海封城", "", set()),  # a lockdown is no block
        ("ja", "ロシアでテレグラムが遮断", "", {("RU", "telegram", "block")}),
        ("ko", "러시아에서 유튜브 접속 차단", "", {("RU", "youtube", "block")}),
        ("ko", "이란, 인스타그램 차단 해제", "", {("IR", "instagram", "unblock")}),
        ("th", "รัสเซียบล็อกเทเลแกรม", "", {("RU", "telegram", "block")}),
        # Thai news that names no country is about Thailand
        ("th", "กสทช สั่งปิดกั้นเว็บไซต์ Pornhub", "", {("TH", "other", "block")}),
        ("zh", "伊朗宪法法院", "", set()),  # 宪法 holds 法, and 法国 is France: no place
    ],
)
def test_unspaced_languages_report_like_the_others(
    lang: str, title: str, summary: str, expected: set[Triple]
) -> None:
    assert found(title, summary, lang) == expected


def test_segment_setting_is_checked(tmp_path: object) -> None:
    with pytest.raises(ConfigError, match="segment"):
        read_grammar({"segment": "yes"}, __file__)  # type: ignore[arg-type]

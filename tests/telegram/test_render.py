"""Rendering alerts as Telegram HTML, and the display words they use. Pure: no I/O."""

from __future__ import annotations

import pytest

from bot.core.display import country_name, flag, service_name
from bot.core.models import Action, EventSource
from bot.core.story import Story
from bot.core.textcut import clean, excerpt, sentences, shorten, utf16_len, web_url
from bot.telegram.render import (
    TELEGRAM_LIMIT,
    also_reported,
    render_telegram,
    telegram_length,
)
from tests.support.reports import FIVE_SENTENCES, parse, report, source

TROUBLE = 'IMO <b>"blocked"</b> & <script>x</script>'
TROUBLE_URL = 'https://example.org/a?x=1&y="2"&z=<3>'


# --- Telegram ---------------------------------------------------------------------------------


def test_telegram_headline_title_excerpt_and_source() -> None:
    parsed = parse(render_telegram(Story.of(report(source()))).text)
    lines = parsed.text.split("\n")
    assert lines[0] == "🇹🇲 Turkmenistan: IMO blocked"
    assert lines[2] == "IMO blocked"
    assert lines[3] == "One is here. Two is here! Three is here?"  # three sentences at most
    assert parsed.links == [("https://Azatlyk.test/1", "Azatlyk")]
    assert parsed.tags == {"b", "a"}


@pytest.mark.parametrize(
    ("name", "title", "link", "text"),
    [
        (TROUBLE, "plain", "https://ok.test/", "plain."),
        ("plain", TROUBLE, "https://ok.test/", "plain."),
        ("plain", "plain", "https://ok.test/", TROUBLE),
        ("plain", "plain", TROUBLE_URL, "plain."),
        ("a&b", 'x"y', 'https://ok.test/?q="><b>', "<i>&amp;</i>"),
    ],
)
def test_telegram_escapes_everything(name: str, title: str, link: str, text: str) -> None:
    parsed = parse(render_telegram(Story.of(report(source(name, title, link, text)))).text)
    assert parsed.tags == {"b", "a"}  # no tag from the data survived as markup
    assert title in parsed.text
    assert text in parsed.text
    assert parsed.links == [(link, name)]


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "tg://resolve?domain=x",
        "ftp://x.test/",
        "https://x.test/" + "a" * 5000,
        "https://x.test/a b",
        "",
    ],
)
def test_telegram_links_only_sane_web_urls(link: str) -> None:
    parsed = parse(render_telegram(Story.of(report(source(link=link)))).text)
    assert parsed.links == []
    assert "Source: Azatlyk" in parsed.text


@pytest.mark.parametrize(
    ("names", "count", "expected"),
    [
        (["A"], None, None),
        (["A", "B"], None, "Also reported by B"),
        (["A", "B", "C"], None, "Also reported by B and C"),
        (["A", "B", "B", "A"], None, "Also reported by B"),  # one voice per outlet
        (["A", "B"], 5, "Also reported by B and 3 more"),  # the event knows of more reports
        (["A"], 2, "Also reported by 1 source"),
        (["A"], 3, "Also reported by 2 sources"),
        (
            [chr(65 + n) for n in range(15)],
            None,
            "Also reported by B, C, D, E, F, G, H, I, J and 5 more",
        ),
    ],
)
def test_telegram_also_reported_by(
    names: list[str], count: int | None, expected: str | None
) -> None:
    text = parse(render_telegram(Story.of(report(*map(source, names), count=count))).text).text
    last = text.split("\n")[-1]
    if expected is None:
        assert "Also reported" not in text
    else:
        assert last == expected


HUGE = "Слово " * 20_000
EMOJI = "🙂" * 20_000  # astral: two UTF-16 units each


@pytest.mark.parametrize(
    "sources",
    [
        [source(title=HUGE, text=HUGE)],
        [source(title=EMOJI, text=EMOJI + ". " + EMOJI + ". " + EMOJI)],
        [source(name=EMOJI, title=EMOJI, text=EMOJI) for _ in range(300)],
        [source(name=f"{n}{EMOJI}", title=EMOJI, text=("🙂" * 150 + ". ") * 3) for n in range(300)],
        [source(name=f"{n}" + "&" * 500, title="<" * 9000, text='"' * 9000) for n in range(50)],
    ],
)
def test_telegram_fits_4096_utf16_units(sources: list[EventSource]) -> None:
    html_text = render_telegram(Story.of(report(*sources, service="x" * 5000))).text
    visible = parse(html_text).text
    assert utf16_len(visible) <= TELEGRAM_LIMIT
    assert telegram_length(html_text) == utf16_len(visible)  # our counter agrees with a parser
    assert visible.startswith("🇹🇲 Turkmenistan: ")
    assert "Source: " in visible


@pytest.mark.parametrize(
    ("title", "name_length", "story_length"),
    [
        ("IMO blocked", 79, 300),  # fits as it is
        ("🙂" * 300, 79, 330),  # a long emoji title
        ("🙂" * 300 + "🙃" * 5000, 79, 330),  # longer still: the title is clipped, not more
        ("🙂" * 300, 40, 330),  # shorter names: more of them fit
    ],
)
def test_telegram_lists_as_many_sources_as_fit_and_keeps_the_story(
    title: str, name_length: int, story_length: int
) -> None:
    story = ("🙂" * story_length + ". ") * 3
    sources = [
        source(
            name=f"{n}" + "🙃" * name_length, title=title, text=story, link=f"https://s{n}.test/"
        )
        for n in range(40)
    ]
    parsed = parse(render_telegram(Story.of(report(*sources))).text)
    lines = parsed.text.split("\n")
    links = len(parsed.links)
    assert lines[3] == story.strip()  # the whole excerpt survives
    assert 5 <= links <= 10
    assert lines[-1].endswith(f" and {40 - links} more")
    room = TELEGRAM_LIMIT - utf16_len(parsed.text)
    assert room >= 0
    assert links == 10 or room < utf16_len(sources[links].source) + 2  # no room for one more


def test_telegram_ordinary_text_keeps_everything() -> None:
    story = "Жители сообщают о сбоях с утра понедельника и не могут отправить фото. " * 3
    sources = [
        source(
            name=f"Издание номер {n}",
            title="Заголовок " * 30,
            text=story,
            link=f"https://s{n}.test/",
        )
        for n in range(10)
    ]
    parsed = parse(render_telegram(Story.of(report(*sources))).text)
    assert len(parsed.links) == 10
    assert parsed.text.split("\n")[3] == story.strip()


# --- display ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "service", "action", "expected"),
    [
        ("tm", "imo", "block", "🇹🇲 Turkmenistan: IMO blocked"),
        ("RU", "twitter", "throttle", "🇷🇺 Russia: X (Twitter) throttled"),
        ("ZZ", "vpn", "unblock", "🇿🇿 ZZ: VPN services unblocked"),
        ("T1", "newapp", "block", "T1: newapp blocked"),
    ],
)
def test_headline_words(code: str, service: str, action: Action, expected: str) -> None:
    first_line = parse(
        render_telegram(
            Story.of(report(source(), country=code, service=service, action=action))
        ).text
    ).text.split("\n")[0]
    assert first_line == expected


def test_display_lookups() -> None:
    assert (flag("TM"), flag("tm"), flag("T"), flag("Т М")) == ("🇹🇲", "🇹🇲", "", "")
    assert country_name("kz") == "Kazakhstan"
    assert service_name("internet") == "Internet access"


# --- text helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("one two three four", 12, "one two…"),
        ("abcdefghij", 5, "abcd…"),
        ("abc", 1, "…"),
        ("a b", 0, ""),
    ],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A b. C d! E?", ["A b.", "C d!", "E?"]),
        ("Нет точки", ["Нет точки"]),
        ("版本。第二句。", ["版本。", "第二句。"]),
        ("3.5 percent. Next", ["3.5 percent.", "Next"]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_excerpt_and_clean() -> None:
    assert excerpt(" One.\n\nTwo.\tThree. Four.", 2, 100) == "One. Two."
    assert excerpt(FIVE_SENTENCES, 5, 20) == "One is here. Two is…"
    assert clean("a\x00b\u200bc\r\nd 👨\u200d👩") == "abc d 👨\u200d👩"
    assert utf16_len("a🙂") == 3


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://x.test/a?b=1", True),
        ("HTTP://x.test", True),
        ("https://", False),
        ("javascript:alert(1)", False),
        ("https://x.test/\nSubject: hi", False),
        (None, False),
        ("https://[bad", False),
    ],
)
def test_web_url(url: str | None, ok: bool) -> None:
    assert web_url(url, 100) == (url if ok else None)


@pytest.mark.parametrize(
    ("language", "room", "expected"),
    [
        ("en", 1, "Also reported by B and 3 more"),
        ("en", 0, "Also reported by 4 sources"),
        ("ru", 1, "Также сообщили: B и ещё 3"),
        ("ru", 0, "Также сообщили: 4 источника"),
        ("kk", 2, "Сондай-ақ хабарлағандар: B, C және тағы 2"),
        ("tk", 0, "Şeýle hem habar berdiler: 4 çeşme"),
    ],
)
def test_also_reported_in_each_language(language: str, room: int, expected: str) -> None:
    made = report(*(source(name) for name in "ABCDE"))
    assert parse(also_reported(made, room, language)).text == "\n" + expected

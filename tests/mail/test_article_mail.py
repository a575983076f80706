"""ARTICLE's pure parts: the article as a light mail, its opening when that is all we may send,
the numbered sources of alerts and digests, the command in five languages, its daily limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.core.article import Article, AskedSource
from bot.core.models import Event, EventReport, EventSource, Subscriber
from bot.core.records import Correspondence
from bot.core.story import Story
from bot.feeds.extract import extract_article
from bot.mail.article import ARTICLE_BYTES, Why, article_mail, opening_mail
from bot.mail.inbox.commands import parse_command
from bot.mail.inbox.limits import ReplyLimits, refusal
from bot.mail.links import MailIdentity
from bot.mail.mirrors import Mirrors, Site
from bot.mail.render import EmailRenderer
from tests.support.articlepages import LEFT_OUT, long_paragraphs, news_page
from tests.support.manualclock import NOW

ONION = "https://www.rferlo2zxgv23tct66v45s5mecftol5vod3hf4rqbipfp46fqu2q56ad.onion"
MIRRORS = Mirrors(
    (
        Site("rferl.org", frozenset({"TM", "RU"}), ONION),
        Site("azathabar.com", frozenset({"TM"})),
    )
)
READER = Subscriber(7, "email", "aman@example.tm", frozenset({"TM"}))
RUSSIAN = Subscriber(9, "email", "olga@example.ru", frozenset({"RU"}), language="ru")
PAGE = "https://www.azathabar.com/a/1.html"
ASKED = AskedSource(
    number=1,
    entry_id=5,
    source="Azatlyk",
    title="Turkmenistan blocks IMO messenger",
    link=PAGE,
    summary="Authorities blocked IMO. Calls fail since Monday. Nobody explained. A fourth. "
    "A fifth sentence is one too many.",
    language="en",
    full_text=True,
)


def article(paragraphs: tuple[str, ...] | None = None) -> Article:
    page = news_page() if paragraphs is None else news_page(paragraphs=paragraphs)
    found = extract_article(page, PAGE, NOW)
    assert found is not None
    return found


def test_extraction_keeps_the_report_and_leaves_the_page_around_it() -> None:
    found = article()
    assert found.title == "Turkmenistan blocks IMO messenger"
    assert (found.author, found.published) == ("Soltan Achilova", "2026-11-23")
    assert len(found.paragraphs) == 4 and found.paragraphs[0].startswith("Authorities in")
    text = " ".join(found.paragraphs)
    assert not [word for word in LEFT_OUT if word in text]
    assert "our colleagues at RFE/RL [1]" in text and "an earlier story [2]" in text
    assert found.links == (
        "https://www.rferl.org/a/turkmenistan-vpn/123.html",
        "https://www.azathabar.com/a/2.html",  # made absolute
    )


def test_a_page_without_an_article_gives_none() -> None:
    assert extract_article("<html><body><nav>Home</nav></body></html>", PAGE, NOW) is None


def test_the_article_mail_is_the_report_with_its_links_marked_for_the_reader() -> None:
    message = article_mail(article(), ASKED, READER, MIRRORS)
    assert message.subject == "[Blockwatch] Turkmenistan blocks IMO messenger"
    lines = message.text.splitlines()
    assert lines[:3] == [
        "Turkmenistan blocks IMO messenger",
        "By Soltan Achilova",
        "Published 2026-11-23",
    ]
    assert "Azatlyk (site blocked in Turkmenistan):" in lines
    start = lines.index("Links in the article:")
    assert lines[start + 1 :][:6] == [
        "[1] rferl.org (site blocked in Turkmenistan):",
        # (space-stuffed, RFC 3676: a flowed reader removes the first space)
        "     https://www.rferl.org/a/turkmenistan-vpn/123.html",
        "     in Tor Browser:",
        f"     {ONION}/a/turkmenistan-vpn/123.html",
        "[2] azathabar.com (site blocked in Turkmenistan):",
        "     https://www.azathabar.com/a/2.html",
    ]
    text = " ".join(message.text.split())
    assert "readers in Ashgabat told our correspondent on Monday." in text
    assert "goes on for" not in text  # nothing was cut
    assert all(len(line) <= 72 or line.strip().startswith("https:") for line in lines)


def test_a_reader_elsewhere_gets_the_links_unmarked_and_our_words_in_russian() -> None:
    message = article_mail(article(), ASKED, RUSSIAN, MIRRORS)
    lines = message.text.splitlines()
    assert "Автор: Soltan Achilova" in lines and "Ссылки в статье:" in lines
    assert "[2] azathabar.com" in lines  # not blocked in Russia
    assert "[1] rferl.org (сайт заблокирован в стране: Россия):" in lines
    assert "Authorities in Turkmenistan have blocked" in message.text  # its own language


@pytest.mark.parametrize("count", [60, 200])
def test_a_long_article_is_cut_at_a_paragraph_under_60_kb_with_a_note(count: int) -> None:
    paragraphs = long_paragraphs(count)
    message = article_mail(article(paragraphs), ASKED, READER, MIRRORS)
    size = len(message.text.encode("utf-8"))
    assert ARTICLE_BYTES - 2000 < size <= ARTICLE_BYTES
    text = " ".join(message.text.split())
    kept = sum(1 for n in range(1, count + 1) if f"Paragraph {n} ends here." in text)
    assert kept == sum(1 for n in range(1, count + 1) if f"Paragraph {n} begins here." in text)
    left = count - kept
    left_kb = round(sum(len(p.encode()) for p in paragraphs[kept:]) / 1024)
    assert f"goes on for {left} more paragraphs ({left_kb} KB)" in text


def test_one_paragraph_over_the_limit_still_goes_alone() -> None:
    message = article_mail(article(long_paragraphs(1, words=12000)), ASKED, READER, MIRRORS)
    assert "Paragraph 1 ends here." in " ".join(message.text.split())


@pytest.mark.parametrize(
    ("why", "said"),
    [
        ("terms", "Azatlyk does not allow its articles to be sent on whole"),
        ("unavailable", "The article could not be fetched just now"),
    ],
)
def test_the_opening_says_why_and_gives_the_link(why: Why, said: str) -> None:
    asked = replace(ASKED, link="https://www.rferl.org/a/1.html", full_text=False)
    message = opening_mail(asked, READER, MIRRORS, why)
    text = " ".join(message.text.split())
    assert said in text
    assert "Authorities blocked IMO. Calls fail since Monday." in text
    assert "A fifth sentence" not in text  # the opening only
    assert f"in Tor Browser: {ONION}/a/1.html" in text


def _source(name: str, entry_id: int) -> EventSource:
    return EventSource(
        name, "IMO blocked", f"https://{name}.test/1", "IMO is down.", NOW, "en", entry_id
    )


def _story(event_id: int, *names: str) -> Story:
    sources = tuple(_source(name, event_id * 10 + n) for n, name in enumerate(names))
    when = NOW + timedelta(hours=event_id)
    return Story.of(EventReport(Event(event_id, "TM", "imo", "block", when, when, 1), sources))


RENDER = EmailRenderer(
    MailIdentity("blockwatch.test", "alerts@blockwatch.test", None, b"k"), MIRRORS
)


def test_an_alert_numbers_its_sources_and_says_what_each_number_is() -> None:
    message = RENDER.alert(_story(1, "a", "b", "c"), READER)
    lines = message.text.splitlines()
    assert [line for line in lines if line[:1] == "["] == ["[1] a", "[2] b", "[3] c"]
    assert message.sources == (10, 11, 12)
    assert "Reply ARTICLE and the number of a source" in " ".join(message.text.split())


def test_a_digest_numbers_its_sources_through_each_part() -> None:
    stories = [_story(n, f"s{n}", f"t{n}") for n in range(1, 200)]
    parts = RENDER.digest(stories, READER)
    assert len(parts) > 1
    for message, ids in parts:
        numbered = [line.split()[0] for line in message.text.splitlines() if line[:1] == "["]
        assert numbered == [f"[{n}]" for n in range(1, len(numbered) + 1)]
        assert len(message.sources) == len(numbered) == 2 * len(ids)


@pytest.mark.parametrize(
    ("text", "number", "language"),
    [
        ("ARTICLE 2", 2, "en"),
        ("article", None, "en"),
        ("full text 12", 12, "en"),
        ("Статья 3", 3, "ru"),
        ("статью 2 пожалуйста", 2, "ru"),
        ("makala 1", 1, "tk"),
        ("2 makala", 2, "tk"),
        ("maqola 4", 4, "uz"),
        ("МАҚОЛА 4", 4, "uz_Cyrl"),
        ("мақала 5", 5, "kk"),
    ],
)
def test_article_in_five_languages(text: str, number: int | None, language: str) -> None:
    command = parse_command(text, "")
    assert (command.kind, command.number, command.language) == ("article", number, language)


@pytest.mark.parametrize("text", ["article about TM", "ARTICLE 1 2", "an article"])
def test_prose_is_not_the_command(text: str) -> None:
    assert parse_command(text, "").kind != "article"


def test_articles_have_their_own_daily_limit() -> None:
    limits = ReplyLimits(articles_per_day=3, per_address_hour=100)
    sent = [("article", NOW - timedelta(hours=h)) for h in (1, 2, 3)]
    full = Correspondence(tuple(sent))  # type: ignore[arg-type]
    assert (
        refusal(limits, full, 0, "article", NOW) == "rate limited: 3 articles a day to one address"
    )
    assert refusal(limits, full, 0, "answer", NOW) is None  # other answers go on
    yesterday = Correspondence(tuple((k, w - timedelta(days=1)) for k, w in sent))  # type: ignore[misc]
    assert refusal(limits, yesterday, 0, "article", NOW) is None


def test_the_same_page_extracted_again_is_the_same_article() -> None:
    """trafilatura's `deduplicate` would drop paragraphs it has seen: a refreshed copy of an
    article, or two outlets with the same agency text, must not come back empty."""
    first = article()
    for _ in range(8):  # with `deduplicate`, the seventh came back empty
        assert article().paragraphs == first.paragraphs
    assert len(first.paragraphs) == 4


def test_an_outlet_s_licence_is_named_where_the_mirrors_file_gives_one() -> None:
    licensed = Mirrors(
        (Site("open.example", frozenset(), None, "CC BY 3.0", "https://creativecommons.org/l/"),)
    )
    asked = replace(ASKED, source="Open", link="https://open.example/a")
    found = Article("https://open.example/a", "Title", None, None, ("Body.",), (), NOW)
    text = article_mail(found, asked, READER, licensed).text
    flat = " ".join(text.replace(" \n", " ").split())
    assert "Published by Open under CC BY 3.0 (https://creativecommons.org/l/)" in flat
    assert "CC BY" not in article_mail(found, asked, READER, Mirrors()).text

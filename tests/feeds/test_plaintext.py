"""plain_text: markup to one line of text; its regex fast path must agree with HTMLParser."""

from __future__ import annotations

import io
import re
import warnings

import feedparser
import pytest

from bot.feeds.plaintext import _strip_simple_tags, _strip_with_html_parser, plain_text
from tests.support.paths import FEEDPARSER_CORPUS

CORPUS = FEEDPARSER_CORPUS


def same_text(a: str, b: str) -> bool:
    """Equal but for how many blanks in a row (plain_text collapses them): HTMLParser reports
    "<br/>" as a start and an end tag, two spaces where the fast path leaves one."""
    return re.sub(r"\s+", " ", a) == re.sub(r"\s+", " ", b)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("plain", "plain"),
        ("<p>a</p><p>b</p>", "a b"),
        ("a<br>b", "a b"),
        ("a<br/>b<BR />c", "a b c"),
        ("<b>bold</b>face", "boldface"),
        ("x &lt; y &amp;&amp; z", "x < y && z"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;news", "news"),
        ("&amp;lt;b&amp;gt;twice&amp;lt;/b&amp;gt;", "twice"),
        ("<style>p{}</style><script>x()</script>body", "body"),
        ('<a href="javascript:evil()">link</a>', "link"),
        ("  many \n\t spaces\u00a0here ", "many spaces here"),
        (
            '<p class="lead">Telegram <a href="https://x.example/?a=1&amp;b=2">blocked</a></p>',
            "Telegram blocked",
        ),
        ('<img src="a.jpg" alt="a > b"/>Caption', "Caption"),
        ("<!-- note -->News", "News"),
        ("a < b, c > d", "a < b, c > d"),
        ("<div><iframe src=x>fallback</iframe>text</div>", "text"),
        ("", ""),
    ],
)
def test_plain_text(markup: str, text: str) -> None:
    assert plain_text(markup) == text


@pytest.mark.parametrize(
    "markup",
    [
        '<p>Telegram</p><p><a href="https://news.example/more">Read more</a></p>',
        "<P>upper case</P>",
        "<h2>Head</h2><ul><li>one</li><li>two</li></ul>",
        "<a href=bare>bare value</a> &amp; &#1058;&#1052; &nbsp;&eacute;",
        "<span data-x=\"1\"\nclass='y'>line break in a tag</span>",
        "<br/><hr /><img src='x.png' />",
        "&amp stray &; entities &#xZZ;",
        "<p>unclosed",
        "</p>end tag first",
    ],
)
def test_the_fast_path_takes_plain_tags_and_agrees(markup: str) -> None:
    fast = _strip_simple_tags(markup)
    assert fast is not None
    assert same_text(fast, _strip_with_html_parser(markup))


@pytest.mark.parametrize(
    "markup",
    [
        "<!-- a comment -->x",
        "<!DOCTYPE html><p>x</p>",
        "<![CDATA[x]]>",
        "<?php echo 1 ?>",
        '<a title="x>y">quoted ></a>',
        '<a href="x"title="y">no space between attributes</a>',
        "<script>if (a < b) {}</script>",
        "<custom-element>x</custom-element>",
        "a < b",
    ],
)
def test_anything_else_goes_to_html_parser(markup: str) -> None:
    assert _strip_simple_tags(markup) is None


def _corpus_texts() -> list[str]:
    """Every title, summary and content value feedparser gives for its own test feeds."""
    texts: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in sorted(CORPUS.rglob("*.xml")):
            doc = feedparser.parse(
                io.BytesIO(path.read_bytes()), sanitize_html=False, resolve_relative_uris=False
            )
            for item in [doc.get("feed", {}), *doc.get("entries", [])]:
                texts += [item.get("title"), item.get("summary")]
                texts += [block.get("value") for block in item.get("content", [])]
    return [text for text in texts if isinstance(text, str) and text]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"feedparser corpus not found at {CORPUS}")
def test_the_fast_path_agrees_with_html_parser_on_the_feedparser_corpus() -> None:
    texts = _corpus_texts()
    fast = [(text, _strip_simple_tags(text)) for text in texts if "<" in text or "&" in text]
    taken = [(text, result) for text, result in fast if result is not None]
    differ = [
        text for text, fast_text in taken if not same_text(fast_text, _strip_with_html_parser(text))
    ]
    assert not differ, differ[:5]
    assert len(taken) > 500, f"the fast path took only {len(taken)} of {len(fast)} texts"

"""Markup to one line of plain text: what every title and summary of a feed is reduced to.

The standard library's HTMLParser is the reference, and it is slow: a pure-Python state machine,
about as costly per entry as everything else we do after feedparser (bench/poll.py). Most feed
markup is simple: paragraphs, links, emphasis, entities. For that, one regular expression
splits tags from text and gives the same result; markup with anything else in it (comments,
declarations, scripts, odd attribute syntax, a stray "<") goes to HTMLParser.
tests/feeds/test_plaintext.py checks the two agree on every text of feedparser's test corpus.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements whose content is code or styling, never prose.
_SKIPPED_ELEMENTS = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
# Elements that separate words: "<p>a</p><p>b</p>" is "a b", not "ab".
_BREAKING_ELEMENTS = frozenset(
    {
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "hr",
        "img",
        "figure",
        "figcaption",
        "section",
        "article",
        "dd",
        "dt",
    }
)
_TAG_LIKE = re.compile(r"<[A-Za-z!/?]")
_WHITESPACE = re.compile(r"\s+")

# A start or end tag in plain syntax: a letters-and-digits name, then attributes whose values
# are quoted (no "<" or ">" inside) or bare. The name is the only group, so re.split returns
# text, name, text, name, ..., text.
_SIMPLE_TAG = re.compile(
    r"</?([A-Za-z][A-Za-z0-9]*)"
    r"""(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*"""
    r"\s*/?>"
)


class _TextExtractor(HTMLParser):
    """Collects character data (entities already unescaped), dropping tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_ELEMENTS:
            self._skipping += 1
        elif tag in _BREAKING_ELEMENTS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_ELEMENTS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BREAKING_ELEMENTS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def plain_text(markup: str) -> str:
    """Markup reduced to one line of plain text: no tags, entities decoded, whitespace collapsed.

    Feeds that escape their HTML twice leave tags in the text after one pass (`&amp;lt;b&amp;gt;`),
    so passes repeat while something tag-like is left, a few times at most. Fields feedparser
    calls text/plain are stripped too: a literal `<word>` in such a title is lost (rare in news),
    and in exchange no markup ever reaches a renderer from here.
    """
    if "<" not in markup and "&" not in markup:  # most titles: nothing to parse or decode
        return _WHITESPACE.sub(" ", markup).strip()
    text = markup
    for _ in range(3):
        # One pass decoded one level of entities; a second level is the double escaping above.
        stripped = html.unescape(strip_tags(text))
        text = _WHITESPACE.sub(" ", stripped).strip()
        if not _TAG_LIKE.search(text):
            break
    return text


def strip_tags(markup: str) -> str:
    """One pass of HTML parsing: the character data, entities decoded, a space for each tag
    that separates words, script and style content left out."""
    simple = _strip_simple_tags(markup)
    return simple if simple is not None else _strip_with_html_parser(markup)


def _strip_with_html_parser(markup: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    return "".join(extractor.parts)


def _strip_simple_tags(markup: str) -> str | None:
    """`strip_tags` for markup of plain tags only; None for anything else."""
    pieces = _SIMPLE_TAG.split(markup)
    texts, names = pieces[0::2], pieces[1::2]
    if any("<" in text for text in texts):
        return None  # a comment, a declaration, odd syntax: HTMLParser knows the rules
    parts = [html.unescape(texts[0])]
    for name, text in zip(names, texts[1:], strict=True):
        name = name.lower()
        if name in _SKIPPED_ELEMENTS:
            return None
        if name in _BREAKING_ELEMENTS:
            parts.append(" ")
        parts.append(html.unescape(text))
    return "".join(parts)

"""A news page's main text with trafilatura: title, author, date, body and its links. Pure.

    extract_article(html, url, now) -> Article | None

trafilatura (made for main-text extraction, kept up since 2019) drops navigation, ads,
comments and scripts; we ask it for its XML so that paragraphs and links stay apart: each
`<ref>` becomes "text [n]" and its target the n-th entry of `Article.links`. Images and tables
are left out: the article goes to slow links as plain text. Not its `deduplicate`: that keeps a
process-wide cache of paragraphs seen, and drops them from every later page, so the same article
extracted again (a stale copy refreshed) would come back empty.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from bot.core.article import Article
from bot.core.textcut import clean

__all__ = ["extract_article"]

_BLOCKS = frozenset({"head", "p", "item", "quote", "code", "lb"})
_MAX_LINK = 900  # characters: a longer URL is left out (SMTP lines end at 998 octets)


def extract_article(html: str | bytes, url: str, now: datetime) -> Article | None:
    """The page's article, or None when no main text was found."""
    # Imported on first use: trafilatura and lxml cost ~25 MB and 0.2 s at start-up, and most
    # runs (cron's `run --once`, the CLI) never read an article.
    import trafilatura

    xml = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        include_links=True,
        include_comments=False,
        include_images=False,
        include_tables=False,
        with_metadata=True,
    )
    if not xml:
        return None
    try:
        doc = ET.fromstring(xml)
    except ET.ParseError:
        return None
    main = doc.find("main")
    if main is None:
        return None
    links: list[str] = []
    paragraphs = [text for block in _blocks(main) if (text := _text(block, url, links))]
    title = clean(doc.get("title") or "")
    if paragraphs and paragraphs[0] == title:  # the page's <h1>, said once
        paragraphs.pop(0)
    if not paragraphs:
        return None
    return Article(
        url=url,
        title=title,
        author=clean(doc.get("author") or "") or None,
        published=doc.get("date") or None,
        paragraphs=tuple(paragraphs),
        links=tuple(links),
        fetched_at=now,
    )


def _blocks(element: ET.Element) -> list[ET.Element]:
    """The paragraph-like elements in document order; a list is its items."""
    found: list[ET.Element] = []
    for child in element:
        if child.tag in ("list", "div", "table"):
            found += _blocks(child)
        elif child.tag in _BLOCKS:
            found.append(child)
    return found


def _text(block: ET.Element, base: str, links: list[str]) -> str:
    """A block's words, each link followed by its number in `links`."""
    parts = [block.text or ""]
    for child in block:
        inner = "".join(child.itertext())
        target = child.get("target") if child.tag == "ref" else None
        absolute = _absolute(base, target) if target else None
        if absolute is not None:
            if absolute not in links:
                links.append(absolute)
            inner = f"{inner} [{links.index(absolute) + 1}]"
        parts += [inner, child.tail or ""]
    return clean("".join(parts))


def _absolute(base: str, target: str) -> str | None:
    url = urljoin(base, target.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > _MAX_LINK:
        return None
    return url

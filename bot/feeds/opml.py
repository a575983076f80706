"""OPML 2.0 in and out: the feed list as feed readers exchange it. Pure.

Out: one `<outline type="rss">` per feed, with the feed's language, and what only Blockwatch
knows (default country, interval, paused) in attributes of our own namespace, which other
readers ignore. In: every outline with an xmlUrl, at any depth (readers nest them in folders),
validated as a feeds.toml table would be; the rest is reported, not guessed.

The file comes from outside, so it is read with expat directly and refused at the first
DOCTYPE or entity declaration: no entity expansion (billion laughs), no external entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET
from xml.parsers import expat

from bot.core.errors import ConfigError
from bot.core.models import FeedSpec
from bot.core.registry import RegisteredFeed, feed_key
from bot.feeds.file import check_feed

NAMESPACE = "https://blockwatch.invalid/opml/1"  # names our attributes; never fetched
MAX_OPML_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    spec: FeedSpec
    paused: bool = False


@dataclass(frozen=True, slots=True)
class OpmlImport:
    """What a file holds: the feeds it gives, and the outlines left out with the reason."""

    feeds: tuple[OpmlFeed, ...]
    skipped: tuple[tuple[str, str], ...]  # (the outline's URL or title, why)


def to_opml(feeds: Sequence[RegisteredFeed], now: datetime) -> str:
    """The active and paused feeds as an OPML 2.0 document."""
    ET.register_namespace("blockwatch", NAMESPACE)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "Blockwatch feeds"
    ET.SubElement(head, "dateCreated").text = format_datetime(now)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        if feed.status != "removed":
            ET.SubElement(body, "outline", _attributes(feed))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _attributes(feed: RegisteredFeed) -> dict[str, str]:
    spec = feed.spec
    attributes = {
        "type": "rss",
        "text": spec.name,
        "title": spec.name,
        "xmlUrl": spec.url,
        "language": spec.language,
        f"{{{NAMESPACE}}}interval": str(int(spec.interval.total_seconds() // 60)),
    }
    if spec.country:
        attributes[f"{{{NAMESPACE}}}country"] = spec.country
    if feed.status == "paused":
        attributes[f"{{{NAMESPACE}}}paused"] = "true"
    return attributes


def from_opml(data: bytes, default_language: str | None = None) -> OpmlImport:
    """The feeds of an OPML file. Raises ConfigError when it is not readable, safe XML."""
    if len(data) > MAX_OPML_BYTES:
        raise ConfigError(f"OPML file larger than {MAX_OPML_BYTES} bytes")
    outlines = _outlines(data)
    feeds: list[OpmlFeed] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    for attributes in outlines:
        label = attributes.get("xmlurl") or attributes.get("text") or "(an outline)"
        try:
            feed = _feed(attributes, default_language)
        except ConfigError as exc:
            skipped.append((label, str(exc)))
            continue
        if feed_key(feed.spec.url) in seen:
            skipped.append((label, "listed twice"))
            continue
        seen.add(feed_key(feed.spec.url))
        feeds.append(feed)
    return OpmlImport(tuple(feeds), tuple(skipped))


def _feed(attributes: dict[str, str], default_language: str | None) -> OpmlFeed:
    url = attributes.get("xmlurl", "").strip()
    name = attributes.get("text") or attributes.get("title") or urlsplit(url).hostname or url
    language = (attributes.get("language") or default_language or "").split("-")[0]
    if not language:
        raise ConfigError("no language given (import with --language)", field="language")
    table: dict[str, Any] = {"name": name.strip(), "url": url, "language": language}
    if country := attributes.get(f"{NAMESPACE} country"):
        table["country"] = country
    if interval := attributes.get(f"{NAMESPACE} interval"):
        if not interval.isdigit():
            raise ConfigError(f"not a number of minutes: {interval!r}", field="interval")
        table["interval"] = int(interval)
    paused = attributes.get(f"{NAMESPACE} paused", "").lower() == "true"
    return OpmlFeed(check_feed(table), paused)


def _outlines(data: bytes) -> list[dict[str, str]]:
    """The attributes of each <outline> that has an xmlUrl, names of plain attributes
    lower-cased (readers write xmlUrl, xmlurl and XMLURL); ours as "namespace name"."""
    found: list[dict[str, str]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: object) -> None:
        raise ConfigError("OPML file with a DOCTYPE or entities: refused")

    def start(name: str, attributes: dict[str, str]) -> None:
        if name.rpartition(" ")[2] != "outline":
            return
        plain = {(key if " " in key else key.lower()): value for key, value in attributes.items()}
        if "xmlurl" in plain:
            found.append(plain)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise ConfigError(f"not well-formed OPML: {exc}") from exc
    return found

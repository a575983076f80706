"""The feeds of events: Atom (RFC 4287) and JSON Feed 1.1, for all countries or one. Pure.

One entry per event, its id the event page's URL (stable while PUBLIC_URL is), updated to the
newest report's date (the event's last_seen, which moves when a later report joins), its
reports as related links and as the content. Readers and bots that want the data, not prose,
read the JSON Feed's `_blockwatch` extension: country, service, action, scope and every report.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.core.models import EventReport
from bot.core.outlets import outlet_name
from bot.core.textcut import clip, web_url
from bot.site.layout import esc
from bot.site.words import html_lang, say
from bot.telegram.board import state_label, state_of
from bot.telegram.wording import headline_in

__all__ = ["FeedInfo", "atom_feed", "json_feed", "last_modified"]

ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # `updated` of a feed with no entries yet
_URL_CHARS = 900
_TITLE_CHARS = 300
ET.register_namespace("", ATOM)  # Atom as the default namespace, not "ns0:"


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """Where a feed lives and what it covers."""

    base: str  # the site's public base URL, no trailing slash
    path: str  # "/feeds/TM" or "/feeds/events", no extension
    title: str
    home: str  # the page it mirrors: "/status/TM"
    language: str = "en"


def last_modified(events: Sequence[EventReport]) -> datetime:
    """When the feed last changed: its newest event's last report."""
    return max((told.event.last_seen for told in events), default=_EPOCH)


def atom_feed(info: FeedInfo, events: Sequence[EventReport]) -> bytes:
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": _tag(info)})
    _text(feed, "id", f"{info.base}{info.path}.atom")
    _text(feed, "title", info.title)
    _text(feed, "updated", _time(last_modified(events)))
    _link(feed, f"{info.base}{info.path}.atom", "self", "application/atom+xml")
    _link(feed, f"{info.base}{info.home}", "alternate", "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "Blockwatch")
    _text(feed, "generator", "Blockwatch")
    for told in events:
        event, url = told.event, _event_url(info, told)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", url)
        _text(entry, "title", _headline(told, info.language))
        _text(entry, "updated", _time(event.last_seen))
        _text(entry, "published", _time(event.first_seen))
        _link(entry, url, "alternate", "text/html")
        for link in _links(told):
            _link(entry, link, "related")
        for term in (event.country, event.service, event.action):
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": term})
        _text(entry, "summary", _summary(told, info.language))
        _text(entry, "content", _content(told), type="html")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def json_feed(info: FeedInfo, events: Sequence[EventReport]) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": info.title,
        "home_page_url": f"{info.base}{info.home}",
        "feed_url": f"{info.base}{info.path}.json",
        "language": _tag(info),
        "authors": [{"name": "Blockwatch"}],
        "items": [_item(info, told) for told in events],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1).encode()


def _item(info: FeedInfo, told: EventReport) -> dict[str, object]:
    event = told.event
    return {
        "id": _event_url(info, told),
        "url": _event_url(info, told),
        "title": _headline(told, info.language),
        "summary": _summary(told, info.language),
        "content_html": _content(told),
        "date_published": _time(event.first_seen),
        "date_modified": _time(event.last_seen),
        "tags": [event.country, event.service, event.action],
        "_blockwatch": {
            "country": event.country,
            "service": event.service,
            "action": event.action,
            "scope": event.scope,
            "reports": [
                {
                    "source": outlet_name(s),
                    "title": clip(s.title, _TITLE_CHARS),
                    "url": web_url(s.link, _URL_CHARS),
                    "published": _time(s.published) if s.published else None,
                    "language": s.language,
                }
                for s in told.sources
            ],
        },
    }


def _headline(told: EventReport, language: str) -> str:
    event = told.event
    return headline_in(event.country, event.service, event.action, language)


def _summary(told: EventReport, language: str) -> str:
    state = state_label(state_of(told.event), language)
    return say(language, "{state}; reports: {count}", state=state, count=len(told.sources))


def _content(told: EventReport) -> str:
    """The reports as an HTML list, each in its own language."""
    items = []
    for s in told.sources:
        title = (
            f'<span lang="{esc(html_lang(s.language))}">{esc(clip(s.title, _TITLE_CHARS))}</span>'
        )
        url = web_url(s.link, _URL_CHARS)
        linked = f'<a href="{esc(url)}">{title}</a>' if url else title
        items.append(f"<li>{esc(outlet_name(s))}: {linked}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _links(told: EventReport) -> list[str]:
    """The reports' URLs, each once (RFC 4287 allows many rel=related links)."""
    urls = (web_url(s.link, _URL_CHARS) for s in told.sources)
    return list(dict.fromkeys(url for url in urls if url))


def _event_url(info: FeedInfo, told: EventReport) -> str:
    return f"{info.base}/events/{told.event.id}"


def _tag(info: FeedInfo) -> str:
    return html_lang(info.language)


def _time(moment: datetime) -> str:
    """RFC 3339 in UTC, as both formats want."""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _text(parent: ET.Element, name: str, text: str, **attrs: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs).text = text


def _link(parent: ET.Element, href: str, rel: str, kind: str | None = None) -> None:
    attrs = {"rel": rel, "href": href} | ({"type": kind} if kind else {})
    ET.SubElement(parent, f"{{{ATOM}}}link", attrs)

"""The status site's pages: what is blocked now across countries, one country's board, one event
with all its reports. Pure: data in (frozen dataclasses the routes fill), an HTML string out.

Each page stays under `PAGE_BYTES` whatever the data (readable over a 0.5 Mb/s link): lists are
cut where they would pass their share, with a line saying how many were left out, and an
event's reports come `REPORTS_PER_PAGE` at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.lists import and_list
from bot.core.models import Event, EventReport
from bot.mail.mirrors import Mirrors
from bot.site.layout import Feed, Visit, esc, page
from bot.site.reports import report_item
from bot.site.words import N_, language_name, say
from bot.telegram.board import BoardRow, state_label, state_of
from bot.telegram.catalogues import translate
from bot.telegram.wording import country_label, date_in, headline_in, service_in

__all__ = [
    "PAGE_BYTES",
    "REPORTS_PER_PAGE",
    "CountryBoard",
    "Overview",
    "ServiceLine",
    "render_country",
    "render_event",
    "render_missing",
    "render_overview",
]
_NOTHING_NOW = N_("Nothing is reported blocked or throttled now.")
_LANGUAGES = N_("Reported in {languages}.")
_EARLIER = N_("Earlier in this story")
_REPORTS = N_("Reports ({count})")
_NO_SUCH = N_("No such country or event.")
_NOW = N_("Blocked or throttled now")
_EVERY = N_("Every report of this event")
_PREVIOUS = N_("Previous")
_NEXT = N_("Next")
_LATEST = N_("Latest events")

PAGE_BYTES = 30_000
_LIST_BYTES = 11_000  # each list's share of a page: two lists and the frame fit in PAGE_BYTES
REPORTS_PER_PAGE = 20
SOURCES_SHOWN = 3  # reports under a service on its country's board; the event page has them all
_EXCERPT = 280


@dataclass(frozen=True, slots=True)
class ServiceLine:
    """One service on a country's board, with the event that decided its state."""

    row: BoardRow
    report: EventReport
    ooni: str | None = None  # issue 11's OONI figure for this service, where it provides one


@dataclass(frozen=True, slots=True)
class CountryBoard:
    country: str
    lines: tuple[ServiceLine, ...]
    latest: tuple[Event, ...]  # the country's newest events, newest first


@dataclass(frozen=True, slots=True)
class Overview:
    rows: tuple[BoardRow, ...]  # what is blocked or throttled now, every country
    latest: tuple[Event, ...]  # the newest events anywhere, newest first


def render_overview(data: Overview, visit: Visit) -> str:
    lang = visit.language
    by_country: dict[str, list[BoardRow]] = {}
    for row in data.rows:
        by_country.setdefault(row.country, []).append(row)
    items = [
        f'<li><a href="{visit.link(f"/status/{code}")}">{esc(_named(code, lang))}</a>: '
        + esc(
            ", ".join(f"{service_in(r.service, lang)} ({state_label(r.state, lang)})" for r in rows)
        )
        + "</li>"
        for code, rows in sorted(by_country.items())
    ]
    title = say(lang, _NOW)
    body = f"<h1>{esc(title)}</h1>" + (
        _list(items, lang) if items else f"<p>{esc(say(lang, _NOTHING_NOW))}</p>"
    )
    body += _latest(data.latest, visit)
    feeds = [Feed(say(lang, "Blockwatch: all events"), "/feeds/events")]
    return page(visit, f"Blockwatch: {title}", body, path="/status/", feeds=feeds)


def render_country(data: CountryBoard, visit: Visit, mirrors: Mirrors) -> str:
    lang, code = visit.language, data.country
    parts = [f"<h1>{esc(_named(code, lang))}</h1>"]
    if not data.lines:
        parts.append(f"<p>{esc(translate(lang, 'Nothing blocked or throttled is reported.'))}</p>")
    sections = [_service(line, visit, mirrors) for line in data.lines]
    parts.append(_fit(sections, 2 * _LIST_BYTES, lang, tag=""))
    parts.append(_latest(data.latest, visit))
    feeds = [
        Feed(
            say(lang, "Blockwatch: events in {country}", country=country_label(code, lang)),
            f"/feeds/{code}",
        )
    ]
    title = say(lang, "{country}: what is blocked", country=country_label(code, lang))
    return page(visit, f"Blockwatch: {title}", "".join(parts), path=f"/status/{code}", feeds=feeds)


def render_event(told: EventReport, visit: Visit, mirrors: Mirrors, number: int = 1) -> str:
    """One event: its state, dates, languages and reports (page `number` of them)."""
    lang, event = visit.language, told.event
    headline = headline_in(event.country, event.service, event.action, lang)
    state = state_of(event)
    dates = say(
        lang,
        "First report {first}; latest {last}",
        first=date_in(event.first_seen, lang),
        last=date_in(event.last_seen, lang),
    )
    languages = and_list(sorted({language_name(s.language, lang) for s in told.sources}), lang)
    parts = [
        f"<h1>{esc(headline)}</h1>",
        f'<p><span class="state {_css(state)}">{esc(state_label(state, lang))}</span>. '
        f"{esc(dates)}</p>",
    ]
    if languages:
        parts.append(f"<p>{esc(say(lang, _LANGUAGES, languages=languages))}</p>")
    if told.story_id is not None and told.story_id != event.id:
        earlier = visit.link(f"/events/{told.story_id}")
        parts.append(f'<p><a href="{earlier}">{esc(say(lang, _EARLIER))}</a></p>')
    pages = max(1, -(-len(told.sources) // REPORTS_PER_PAGE))
    number = min(max(number, 1), pages)
    shown = told.sources[(number - 1) * REPORTS_PER_PAGE : number * REPORTS_PER_PAGE]
    count = len(told.sources)
    parts.append(f"<h2>{esc(say(lang, _REPORTS, count=count))}</h2>")
    items = [report_item(s, event.country, mirrors, lang, _EXCERPT) for s in shown]
    parts.append(_fit(items, 2 * _LIST_BYTES, lang))
    if pages > 1:
        parts.append(_pager(event.id, number, pages, visit))
    board = visit.link(f"/status/{event.country}")
    parts.append(f'<p><a href="{board}">{esc(_named(event.country, lang))}</a></p>')
    return page(visit, f"Blockwatch: {headline}", "".join(parts), path=f"/events/{event.id}")


def render_missing(visit: Visit) -> str:
    """The 404 page: a country code we do not know, or an event that is not public."""
    lang = visit.language
    title = say(lang, "Nothing here")
    body = (
        f"<h1>{esc(title)}</h1><p>{esc(say(lang, _NO_SUCH))} "
        f'<a href="{visit.link("/status/")}">{esc(say(lang, _NOW))}</a></p>'
    )
    return page(visit, f"Blockwatch: {title}", body, path="/status/")


def _service(line: ServiceLine, visit: Visit, mirrors: Mirrors) -> str:
    lang, row = visit.language, line.row
    detail = translate(
        lang, "since {date}; sources: {count}", date=date_in(row.since, lang), count=row.sources
    )
    html = [
        f"<h2>{esc(service_in(row.service, lang))}</h2>"
        f'<p><span class="state {_css(row.state)}">{esc(state_label(row.state, lang))}</span>'
        f" ({esc(detail)})</p>"
    ]
    if line.ooni:
        html.append(f"<p>OONI: {esc(line.ooni)}</p>")
    sources = line.report.sources[:SOURCES_SHOWN]
    html.append(
        "<ul>" + "".join(report_item(s, row.country, mirrors, lang) for s in sources) + "</ul>"
    )
    everything = visit.link(f"/events/{line.report.event.id}")
    html.append(f'<p><a href="{everything}">{esc(say(lang, _EVERY))}</a></p>')
    return "".join(html)


def _pager(event_id: int, number: int, pages: int, visit: Visit) -> str:
    lang, path = visit.language, f"/events/{event_id}"
    links = []
    if number > 1:
        links.append(f'<a href="{visit.link(path, number - 1)}">{esc(say(lang, _PREVIOUS))}</a>')
    links.append(esc(say(lang, "Page {number} of {pages}", number=number, pages=pages)))
    if number < pages:
        links.append(f'<a href="{visit.link(path, number + 1)}">{esc(say(lang, _NEXT))}</a>')
    return f"<nav>{' · '.join(links)}</nav>"


def _latest(events: Sequence[Event], visit: Visit) -> str:
    lang = visit.language
    items = [
        f'<li><a href="{visit.link(f"/events/{e.id}")}">'
        f"{esc(headline_in(e.country, e.service, e.action, lang))}</a> "
        f"<small>{esc(date_in(e.last_seen, lang))}</small></li>"
        for e in events
    ]
    if not items:
        return ""
    return f"<h2>{esc(say(lang, _LATEST))}</h2>{_list(items, lang)}"


def _list(items: Sequence[str], language: str) -> str:
    return _fit(items, _LIST_BYTES, language, tag="li")


def _fit(items: Sequence[str], budget: int, language: str, tag: str = "li") -> str:
    """As many `items` as fit in `budget` bytes of UTF-8, then how many were left out."""
    kept: list[str] = []
    used = 0
    for item in items:
        used += len(item.encode())
        if used > budget:
            break
        kept.append(item)
    rest = len(items) - len(kept)
    more = esc(say(language, "… and {count} more", count=rest)) if rest else ""
    if tag == "li":
        return "<ul>" + "".join(kept) + (f"<li>{more}</li>" if more else "") + "</ul>"
    return "".join(kept) + (f"<p>{more}</p>" if more else "")


def _named(code: str, language: str) -> str:
    # No flag emoji: Windows draws none, and a browser without an emoji font draws boxes
    return country_label(code, language)


def _css(state: str) -> str:
    return {"partly blocked": "partly"}.get(state, state)

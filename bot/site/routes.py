"""The site's routes on the service's aiohttp app: the I/O around pages.py and feeds.py.

    GET /status/            what is blocked or throttled now, every country
    GET /status/{CC}        a country's board
    GET /events/{id}        one event, every report (?page=2 for more)
    GET /feeds/events.atom  /feeds/events.json  /feeds/{CC}.atom  /feeds/{CC}.json

Every answer carries a strict Content-Security-Policy, an ETag (and a feed its Last-Modified),
and is 304 to a client that has it already. `?lang=` or Accept-Language picks the language.
Held, rejected and announcement events never show: only what the boards show (ON_BOARDS).
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from aiohttp import web

from bot.core.countries import is_country
from bot.core.errors import StorageError
from bot.mail.mirrors import Mirrors, load_mirrors
from bot.ports import Clock, Storage, utc_now
from bot.site.feeds import FeedInfo, atom_feed, json_feed, last_modified
from bot.site.layout import CSP, Visit
from bot.site.pages import (
    CountryBoard,
    Overview,
    ServiceLine,
    render_country,
    render_event,
    render_missing,
    render_overview,
)
from bot.site.words import pick_language, say, switched_to
from bot.telegram.board import build_board
from bot.telegram.wording import country_label

__all__ = ["OoniFigure", "add_site"]

# Issue 11's hook: (country, service) -> OONI's figure as a short text, or None for none.
OoniFigure = Callable[[str, str], Awaitable[str | None]]

BOARD_HISTORY = timedelta(days=3 * 365)  # as Telegram's /status (bot/telegram/chat/views.py)
OVERVIEW_EVENTS = 5_000  # newest events read for /status/: years of them at today's rates
LATEST = 8  # events listed under a board
FEED_EVENTS = 50
_MAX_PAGE = 10_000
_CC = "{cc:[A-Za-z]{2}}"
_FEED_TYPES = {"atom": "application/atom+xml", "json": "application/feed+json"}


def add_site(
    app: web.Application,
    store: Storage,
    *,
    public_url: str | None = None,
    clock: Clock = utc_now,
    mirrors: Mirrors | None = None,
    ooni: OoniFigure | None = None,
) -> None:
    """Mount the site on `app`. Feeds' ids and links start with `public_url` (PUBLIC_URL),
    else with the address the request came to."""
    site = _Site(store, public_url, clock, mirrors or load_mirrors(), ooni)
    app.router.add_get("/status", site.to_overview)
    app.router.add_get("/status/", site.overview)
    app.router.add_get(f"/status/{_CC}", site.country)
    app.router.add_get(r"/events/{id:\d{1,12}}", site.event)
    app.router.add_get(r"/feeds/events.{kind:atom|json}", site.feed)
    app.router.add_get(f"/feeds/{_CC}.{{kind:atom|json}}", site.feed)


class _Site:
    def __init__(
        self,
        store: Storage,
        public_url: str | None,
        clock: Clock,
        mirrors: Mirrors,
        ooni: OoniFigure | None,
    ) -> None:
        self.store, self.public_url, self.clock = store, public_url, clock
        self.mirrors, self.ooni = mirrors, ooni

    async def to_overview(self, request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently(
            request.rel_url.with_path("/status/").with_query(request.query)
        )

    async def overview(self, request: web.Request) -> web.Response:
        visit = _visit(request)
        now = self.clock()
        events = await self.store.recent_events(None, OVERVIEW_EVENTS)
        rows = tuple(row for row in build_board(events, now) if row.state != "restored")
        html = render_overview(Overview(rows, tuple(events[:LATEST])), visit)
        return _answer(request, html.encode(), "text/html")

    async def country(self, request: web.Request) -> web.Response:
        visit, code = _visit(request), request.match_info["cc"].upper()
        if not is_country(code):
            return _missing(visit)
        now = self.clock()
        events = await self.store.events_for_country(code, now - BOARD_HISTORY)
        lines = []
        for row in build_board(events, now):
            figure = await self.ooni(code, row.service) if self.ooni else None
            lines.append(ServiceLine(row, await self.store.event_report(row.event_id), figure))
        board = CountryBoard(code, tuple(lines), tuple(events[:LATEST]))
        return _answer(request, render_country(board, visit, self.mirrors).encode(), "text/html")

    async def event(self, request: web.Request) -> web.Response:
        visit, event_id = _visit(request), int(request.match_info["id"])
        try:
            told = await self.store.event_report(event_id)
        except StorageError:
            return _missing(visit)
        # Public only if the boards show it: not held for a moderator, nor rejected.
        shown = await self.store.events_for_country(told.event.country, told.event.last_seen)
        if all(event.id != event_id for event in shown):
            return _missing(visit)
        number = _number(request.query.get("page"))
        html = render_event(told, visit, self.mirrors, number)
        return _answer(request, html.encode(), "text/html")

    async def feed(self, request: web.Request) -> web.Response:
        visit, kind = _visit(request), request.match_info["kind"]
        code = request.match_info.get("cc", "").upper() or None
        if code is not None and not is_country(code):
            return _missing(visit)
        events = await self.store.recent_events(code, FEED_EVENTS)
        told = [await self.store.event_report(event.id) for event in events]
        lang = visit.language
        title = (
            say(lang, "Blockwatch: events in {country}", country=country_label(code, lang))
            if code
            else say(lang, "Blockwatch: all events")
        )
        info = FeedInfo(
            self._base(request),
            f"/feeds/{code or 'events'}",
            title,
            f"/status/{code or ''}",
            lang,
        )
        body = atom_feed(info, told) if kind == "atom" else json_feed(info, told)
        return _answer(request, body, _FEED_TYPES[kind], last_modified(told))

    def _base(self, request: web.Request) -> str:
        if self.public_url:
            return self.public_url.rstrip("/")
        return f"{request.scheme}://{request.host}"


def _visit(request: web.Request) -> Visit:
    chosen = switched_to(request.query.get("lang"))
    if chosen:
        return Visit(chosen, chosen=True)
    return Visit(pick_language(None, request.headers.get("Accept-Language")))


def _number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) <= 5 else 1


def _answer(
    request: web.Request, body: bytes, kind: str, modified: datetime | None = None
) -> web.Response:
    """200 with the body, or 304 when the client's copy is this one (RFC 9110 section 13)."""
    etag = hashlib.sha256(body).hexdigest()[:24]
    fresh = False
    if request.if_none_match is not None:  # it wins over If-Modified-Since
        fresh = any(tag.value in (etag, "*") for tag in request.if_none_match)
    elif modified is not None and request.if_modified_since is not None:
        fresh = modified.replace(microsecond=0) <= request.if_modified_since
    response = web.Response(status=304) if fresh else web.Response(body=body, content_type=kind)
    if not fresh:
        response.charset = "utf-8"
    response.etag = etag
    if modified is not None:
        response.last_modified = modified
    _secure(response)
    return response


def _missing(visit: Visit) -> web.Response:
    response = web.Response(text=render_missing(visit), content_type="text/html", status=404)
    _secure(response)
    return response


def _secure(response: web.StreamResponse) -> None:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Vary"] = "Accept-Language"
    response.headers.setdefault("Cache-Control", "public, max-age=60")

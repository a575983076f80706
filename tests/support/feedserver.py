"""A real HTTP server on 127.0.0.1 for fetch tests: feeds from a dict, with the usual misbehaviour.

Each path maps to a `Route`. The server sends real validators (ETag, Last-Modified), answers
conditional requests with 304, and counts requests, 304s and concurrent requests per path (and
logs each request's time), so tests assert what went over the wire rather than what the client
believes it sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import formatdate, parsedate_to_datetime

from aiohttp import web
from multidict import CIMultiDictProxy

DEFAULT_LAST_MODIFIED = "Mon, 03 Apr 2023 01:02:03 GMT"


@dataclass
class Route:
    """What one path serves."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None  # None: derived from the body; "" sends no ETag at all
    last_modified: str | None = DEFAULT_LAST_MODIFIED
    gzip: bool = False
    location: str | None = None  # with a 3xx status: the redirect target
    delay: float = 0.0  # seconds to wait before answering (a hang, when > client timeout)
    stream_bytes: int = 0  # > 0: stream this many bytes, chunked, with no Content-Length
    stall_after: int | None = None  # stop sending (hang) after this many streamed bytes
    headers: dict[str, str] = field(default_factory=dict)

    def validator(self) -> str | None:
        if self.etag is not None:
            return self.etag or None
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


class FeedServer:
    """Serves `routes` on a random port; `url(path)` is where a path lives."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: Counter[str] = Counter()
        self.log: list[tuple[datetime, str]] = []  # (when, path) of every request, in order
        self.not_modified: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self.seen_headers: dict[str, CIMultiDictProxy[str]] = {}  # latest request's headers
        self.streamed: Counter[str] = Counter()  # bytes of streamed bodies actually written
        self._in_flight: Counter[str] = Counter()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def feed(self, path: str, body: bytes | str, **options: object) -> str:
        """Serve `body` at `path` (options as in Route); returns its URL."""
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        target = to if to.startswith("http") else self.url(to)
        self.routes[path] = Route(status=status, location=target)
        return self.url(path)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        self._closing.set()  # wakes every hanging handler so shutdown is immediate
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path_qs if request.path_qs in self.routes else request.path
        self.requests[path] += 1
        self.log.append((datetime.now(UTC), path))
        self.seen_headers[path] = request.headers
        self._in_flight[path] += 1
        self.max_in_flight[path] = max(self.max_in_flight[path], self._in_flight[path])
        try:
            route = self.routes.get(path)
            if route is None:
                return web.Response(status=404, text="no such feed")
            if route.delay:
                await self._sleep(route.delay)
            return await self._respond(request, route, path)
        finally:
            self._in_flight[path] -= 1

    async def _respond(self, request: web.Request, route: Route, path: str) -> web.StreamResponse:
        if route.location is not None:
            return web.Response(status=route.status, headers={"Location": route.location})
        if route.status >= 400:
            return web.Response(status=route.status, text="server says no", headers=route.headers)
        headers = dict(route.headers)
        etag = route.validator()
        if etag:
            headers["ETag"] = etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if _not_modified(request, etag, route.last_modified):
            self.not_modified[path] += 1
            return web.Response(status=304, headers=headers)
        if route.stream_bytes:
            return await self._stream(request, route, path, headers)
        body = route.body
        if route.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        headers["Content-Type"] = route.content_type
        return web.Response(status=route.status, body=body, headers=headers)

    async def _stream(
        self, request: web.Request, route: Route, path: str, headers: dict[str, str]
    ) -> web.StreamResponse:
        response = web.StreamResponse(status=200, headers=headers)
        response.content_type = "application/rss+xml"
        response.enable_chunked_encoding()
        await response.prepare(request)
        chunk = b"<!-- padding -->" * 4096
        while self.streamed[path] < route.stream_bytes:
            if route.stall_after is not None and self.streamed[path] >= route.stall_after:
                await self._sleep(3600)
            await response.write(chunk)
            self.streamed[path] += len(chunk)
        await response.write_eof()
        return response

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)


def _not_modified(request: web.Request, etag: str | None, last_modified: str | None) -> bool:
    """RFC 9110: If-None-Match wins; If-Modified-Since only counts without it."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip() for tag in if_none_match.split(",")}
        return etag is not None and (etag in tags or "*" in tags)
    since = request.headers.get("If-Modified-Since")
    if since is None or last_modified is None:
        return False
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def http_date(timestamp: float) -> str:
    """An RFC 9110 date, for tests that need a Last-Modified other than the default."""
    return formatdate(timestamp, usegmt=True)

"""Fetcher against a real local HTTP server: conditional GET, limits, redirects, every failure.

The server is on loopback, which a Fetcher refuses unless allowed: these tests allow it
(tests/support/loopback.py); tests/faults/test_fetch_faults.py tests the refusals.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.core.errors import FetchError
from bot.core.models import FeedState
from bot.feeds.fetch import USER_AGENT, Fetcher, FetchLimits
from tests.support.feedserver import DEFAULT_LAST_MODIFIED, FeedServer
from tests.support.loopback import LOOPBACK

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Telegram blocked</title><link>https://example.com/1</link></item>
</channel></rss>"""

QUICK = FetchLimits(connect_timeout=1.0, total_timeout=0.5, max_body_bytes=256 * 1024)


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.open(QUICK, allowed=LOOPBACK) as opened:
        yield opened


async def test_plain_get(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.feed("/rss", RSS, headers={"X-Custom": "yes"})
    result = await fetcher.fetch(url)
    assert (result.status, result.body, result.url, result.final_url) == (200, RSS, url, url)
    assert result.etag is not None
    assert result.etag.startswith('"')
    assert result.last_modified == DEFAULT_LAST_MODIFIED
    assert result.headers["content-type"].startswith("application/rss+xml")
    assert result.headers["x-custom"] == "yes"
    assert all(key == key.lower() for key in result.headers)
    assert result.permanent_redirect is None
    sent = feed_server.seen_headers["/rss"]
    assert sent["User-Agent"] == USER_AGENT
    assert "application/rss+xml" in sent["Accept"]
    assert "If-None-Match" not in sent
    assert "If-Modified-Since" not in sent


async def test_second_poll_is_conditional_and_gets_304(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    url = feed_server.feed("/rss", RSS)
    first = await fetcher.fetch(url)
    state = FeedState(url=url, etag=first.etag, last_modified=first.last_modified)
    second = await fetcher.fetch(url, state)
    assert second.not_modified
    assert second.body == b""
    assert (second.etag, second.last_modified) == (first.etag, first.last_modified)
    assert (feed_server.requests["/rss"], feed_server.not_modified["/rss"]) == (2, 1)


async def test_validators_are_sent_verbatim(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.feed("/rss", RSS)
    state = FeedState(url=url, etag='W/"odd, but theirs"', last_modified="yesterday-ish")
    result = await fetcher.fetch(url, state)
    sent = feed_server.seen_headers["/rss"]
    assert sent["If-None-Match"] == 'W/"odd, but theirs"'
    assert sent["If-Modified-Since"] == "yesterday-ish"
    assert result.status == 200  # the tag does not match: the server sends the feed


async def test_if_modified_since_alone_gets_304(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.feed("/rss", RSS, etag="")
    first = await fetcher.fetch(url)
    assert first.etag is None
    second = await fetcher.fetch(url, FeedState(url=url, last_modified=first.last_modified))
    assert second.not_modified
    assert second.last_modified == DEFAULT_LAST_MODIFIED


async def test_changed_feed_is_refetched(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.feed("/rss", RSS, last_modified=None)
    first = await fetcher.fetch(url)
    feed_server.feed("/rss", RSS.replace(b"blocked", b"unblocked"), last_modified=None)
    second = await fetcher.fetch(url, FeedState(url=url, etag=first.etag))
    assert second.status == 200
    assert b"unblocked" in second.body
    assert second.etag != first.etag


async def test_redirect_url_is_polled_instead(feed_server: FeedServer, fetcher: Fetcher) -> None:
    old = feed_server.feed("/old", b"stale")
    new = feed_server.feed("/new", RSS)
    result = await fetcher.fetch(old, FeedState(url=old, redirect_url=new))
    assert result.body == RSS
    assert result.url == new
    assert feed_server.requests["/old"] == 0


async def test_gzip_is_accepted_and_decoded(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.feed("/rss.gz", RSS, gzip=True)
    result = await fetcher.fetch(url)
    assert result.body == RSS
    assert result.headers["content-encoding"] == "gzip"
    assert "gzip" in feed_server.seen_headers["/rss.gz"]["Accept-Encoding"]


@pytest.mark.parametrize(
    ("chain", "permanent"),
    [
        ((301,), True),
        ((308,), True),
        ((301, 308, 301), True),
        ((302,), False),
        ((307,), False),
        ((301, 302), False),
        ((302, 301), False),
    ],
)
async def test_permanent_redirect_only_when_every_hop_is_permanent(
    feed_server: FeedServer, fetcher: Fetcher, chain: tuple[int, ...], permanent: bool
) -> None:
    final = feed_server.feed("/final", RSS)
    start = final
    for hop, status in reversed(list(enumerate(chain))):
        start = feed_server.redirect(f"/hop{hop}", start, status)
    result = await fetcher.fetch(start)
    assert result.final_url == final
    assert result.body == RSS
    assert result.permanent_redirect == (final if permanent else None)


async def test_redirect_loop_fails(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.redirect("/a", "/b", 302)
    url = feed_server.redirect("/b", "/a", 302)
    with pytest.raises(FetchError, match="redirects") as caught:
        await fetcher.fetch(url)
    assert isinstance(caught.value.__cause__, aiohttp.TooManyRedirects)


@pytest.mark.parametrize("status", [403, 404, 410, 500, 503])
async def test_http_errors(feed_server: FeedServer, fetcher: Fetcher, status: int) -> None:
    url = feed_server.feed("/rss", b"", status=status)
    with pytest.raises(FetchError, match=f"HTTP {status}") as caught:
        await fetcher.fetch(url)
    assert caught.value.status == status
    assert caught.value.url == url
    assert isinstance(caught.value.__cause__, aiohttp.ClientResponseError)


async def test_retry_after_is_reported(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.feed("/rss", b"", status=429, headers={"Retry-After": "120"})
    with pytest.raises(FetchError, match=r"HTTP 429 Too Many Requests \(Retry-After: 120\)"):
        await fetcher.fetch(url)


async def test_redirect_without_location_fails(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.feed("/rss", b"", status=300)
    with pytest.raises(FetchError, match="unexpected HTTP 300") as caught:
        await fetcher.fetch(url)
    assert caught.value.status == 300


async def test_errors_name_the_configured_url(feed_server: FeedServer, fetcher: Fetcher) -> None:
    moved = feed_server.feed("/moved", b"", status=500)
    configured = feed_server.url("/configured")
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(configured, FeedState(url=configured, redirect_url=moved))
    assert caught.value.url == configured


async def test_hang_before_headers_times_out(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.feed("/slow", RSS, delay=30)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as caught:
        await fetcher.fetch(url)
    assert time.monotonic() - started < 3
    assert isinstance(caught.value.__cause__, TimeoutError)


async def test_hang_mid_body_times_out(feed_server: FeedServer, fetcher: Fetcher) -> None:
    url = feed_server.feed("/stall", b"", stream_bytes=10_000_000, stall_after=64 * 1024)
    with pytest.raises(FetchError, match="timed out"):
        await fetcher.fetch(url)


async def test_streamed_body_over_cap_is_cut_short(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    url = feed_server.feed("/huge", b"", stream_bytes=200_000_000)
    with pytest.raises(FetchError, match="exceeds"):
        await fetcher.fetch(url)
    await asyncio.sleep(0.05)
    assert feed_server.streamed["/huge"] < 50_000_000  # we hung up; the server did not finish


async def test_declared_length_over_cap_is_refused(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    url = feed_server.feed("/big", b"x" * (QUICK.max_body_bytes + 1))
    with pytest.raises(FetchError, match="exceeds"):
        await fetcher.fetch(url)


async def test_gzip_bomb_is_capped_after_decoding(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    bomb = b" " * (QUICK.max_body_bytes * 8)
    assert len(gzip.compress(bomb)) < QUICK.max_body_bytes  # small on the wire
    url = feed_server.feed("/bomb", bomb, gzip=True)
    with pytest.raises(FetchError, match="exceeds"):
        await fetcher.fetch(url)


async def test_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/rss?token=s3cret"
    with pytest.raises(FetchError, match="connection failed") as caught:
        await fetcher.fetch(url)
    assert isinstance(caught.value.__cause__, aiohttp.ClientError)
    assert "s3cret" not in caught.value.reason


class _NoDNS(aiohttp.abc.AbstractResolver):
    """A resolver that knows no names, so the DNS failure path runs without a network."""

    async def resolve(self, host: str, port: int = 0, family: int = 0) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async def close(self) -> None:
        return None


async def test_dns_failure() -> None:
    async with Fetcher.open(QUICK, resolver=_NoDNS()) as fetcher:
        with pytest.raises(FetchError, match="DNS lookup failed") as caught:
            await fetcher.fetch("https://feeds.example.invalid/rss")
    assert isinstance(caught.value.__cause__, aiohttp.ClientConnectorError)


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "not a url", "http://"])
async def test_unusable_urls(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(FetchError):
        await fetcher.fetch(url)


@pytest.mark.parametrize("per_host", [1, 2, 3])
async def test_per_host_concurrency(feed_server: FeedServer, per_host: int) -> None:
    url = feed_server.feed("/rss", RSS, delay=0.1)
    async with Fetcher.open(FetchLimits(per_host=per_host), allowed=LOOPBACK) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(url) for _ in range(6)))
    assert all(result.body == RSS for result in results)
    assert feed_server.max_in_flight["/rss"] == per_host


async def test_waiting_for_a_turn_is_not_connecting(feed_server: FeedServer) -> None:
    """Six feeds of one host at once, two at a time: the last two wait 0.8 s for their turn,
    longer than the connect limit, and still arrive (the limit times connecting, not queueing)."""
    url = feed_server.feed("/slow", RSS, delay=0.4)
    limits = FetchLimits(connect_timeout=0.5, total_timeout=3.0, per_host=2)
    async with Fetcher.open(limits, allowed=LOOPBACK) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(url) for _ in range(6)))
    assert [result.status for result in results] == [200] * 6
    assert feed_server.max_in_flight["/slow"] == 2


async def test_open_session_is_closed_on_exit() -> None:
    async with Fetcher.open(QUICK, allowed=LOOPBACK) as fetcher:
        session = fetcher._session  # the private session is what must not leak
    assert session.closed

"""Polite HTTP polling of feeds with aiohttp: conditional GET, limits, and one error type.

Every failure becomes `FetchError` (the caller schedules the backoff); every success is a
`FetchResult`, either 200 with the body or 304 with the validators to keep. Only public
addresses are fetched, plus what `allowed` names (bot/feeds/hosts.py, bot/feeds/guard.py): a
Fetcher always makes its own guarded session, so no fetch can go around the rule. Reasons
never quote what a server sent (a body, a banner, a status phrase): they reach moderators.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType

import aiohttp
from aiohttp.abc import AbstractResolver
from multidict import CIMultiDictProxy

from bot.core.errors import AddressRefusedError, FetchError
from bot.core.models import FeedState, FetchResult
from bot.core.urls import redact_url
from bot.feeds.guard import AddressRefused, guarded_session, refusal_in
from bot.feeds.hosts import PUBLIC_ONLY, AllowedHosts

log = logging.getLogger(__name__)

USER_AGENT = "Blockwatch/0.1 (+https://github.com/blockwatch/blockwatch; censorship alert service)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_CHUNK = 64 * 1024
_PERMANENT = frozenset({301, 308})
# A Retry-After worth quoting: seconds, or an HTTP date (letters, digits, spaces, : and ,).
_RETRY_AFTER = re.compile(r"\d{1,9}|[A-Za-z]{3}, [0-9A-Za-z :]{1,30}")


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long, how much and how many: one feed must never hold up the others."""

    connect_timeout: float = 10.0  # seconds for TCP and TLS of a new connection
    total_timeout: float = 60.0  # seconds for the whole request, DNS and body included
    max_body_bytes: int = 5 * 1024 * 1024  # after gzip decoding: a gzip bomb stops here too
    per_host: int = 2  # requests in flight to one host at a time (the connector's limit)
    max_redirects: int = 5  # hops followed before giving up (a loop ends here)


class Fetcher:
    """Fetches feeds over one `aiohttp.ClientSession` of its own, guarded (bot/feeds/guard.py).

    `allowed` names the non-public hosts and networks it may reach as well (the operator's
    BLOCKWATCH_ALLOW_HOSTS); `resolver` replaces aiohttp's DNS under the guard (tests).
    Create it from a coroutine; `close()` (or `async with`) closes the session.
    """

    def __init__(
        self,
        limits: FetchLimits = FetchLimits(),
        *,
        allowed: AllowedHosts = PUBLIC_ONLY,
        user_agent: str = USER_AGENT,
        resolver: AbstractResolver | None = None,
    ) -> None:
        self._session = guarded_session(
            allowed, user_agent=user_agent, resolver=resolver, per_host=limits.per_host
        )
        self._limits = limits
        self._user_agent = user_agent
        self._refused_redirects: set[str] = set()  # feeds whose saved redirect was refused

    @classmethod
    def open(
        cls,
        limits: FetchLimits = FetchLimits(),
        user_agent: str = USER_AGENT,
        *,
        allowed: AllowedHosts = PUBLIC_ONLY,
        resolver: AbstractResolver | None = None,
    ) -> Fetcher:
        """A fetcher, closed by `close()`. Call from a coroutine."""
        return cls(limits, allowed=allowed, user_agent=user_agent, resolver=resolver)

    async def close(self) -> None:
        await self._session.close()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def fetch(self, url: str, state: FeedState | None = None) -> FetchResult:
        """Poll one feed; `url` is the configured URL, `state` what the last poll left."""
        target = state.redirect_url if state and state.redirect_url else url
        try:
            return await self._fetch(url, target, state)
        except AddressRefusedError:
            if target == url:
                raise
        # A permanent redirect saved before redirects were checked may lead anywhere: the
        # configured URL is polled instead (and its own redirects are checked as they come).
        if url not in self._refused_redirects:
            self._refused_redirects.add(url)
            log.warning(
                "feed %s: its saved redirect is refused; polling its own URL", redact_url(url)
            )
        return await self._fetch(url, url, state)

    async def _fetch(self, url: str, target: str, state: FeedState | None) -> FetchResult:
        try:
            return await self._get(url, target, state)
        except FetchError:
            raise
        except TimeoutError as exc:
            raise FetchError(
                url,
                f"timed out after {self._limits.total_timeout:g}s "
                f"(connect limit {self._limits.connect_timeout:g}s)",
            ) from exc
        except aiohttp.TooManyRedirects as exc:
            raise FetchError(
                url, f"more than {self._limits.max_redirects} redirects", status=exc.status
            ) from exc
        except (aiohttp.ClientError, AddressRefused) as exc:
            refused = refusal_in(exc)
            if refused is not None:
                raise AddressRefusedError(
                    url,
                    refused.reason,
                    host=refused.host,
                    address=str(refused.address) if refused.address else None,
                ) from exc
            raise FetchError(url, _describe(exc, target)) from exc

    async def _get(self, url: str, target: str, state: FeedState | None) -> FetchResult:
        """GET `target`; errors name `url`, the configured URL that keys the feed's state."""
        # `sock_connect` covers TCP and TLS of a new connection; `total` everything from here,
        # DNS and the body included. Not `connect`: it also counts the wait for the connector's
        # per-host limit, and the fifth of six feeds on one host would time out in the queue
        # (tests/feeds/test_fetch.py::test_waiting_for_a_turn_is_not_connecting).
        timeout = aiohttp.ClientTimeout(
            total=self._limits.total_timeout, sock_connect=self._limits.connect_timeout
        )
        async with self._session.get(
            target,
            headers=self._request_headers(state),
            timeout=timeout,
            allow_redirects=True,
            max_redirects=self._limits.max_redirects,
        ) as resp:
            headers = _lower_headers(resp.headers)
            final_url = str(resp.url)
            if resp.status == 304:
                log.debug("not modified: %s", redact_url(target))
                return FetchResult(
                    url=target,
                    final_url=final_url,
                    status=304,
                    headers=headers,
                    etag=headers.get("etag") or (state.etag if state else None),
                    last_modified=headers.get("last-modified")
                    or (state.last_modified if state else None),
                    permanent_redirect=_permanent_target(resp),
                )
            _check_status(resp, url)
            body = await self._read_capped(resp, url)
        log.debug("fetched %d bytes from %s", len(body), redact_url(target))
        return FetchResult(
            url=target,
            final_url=final_url,
            status=resp.status,
            body=body,
            headers=headers,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            permanent_redirect=_permanent_target(resp),
        )

    def _request_headers(self, state: FeedState | None) -> dict[str, str]:
        headers = {"User-Agent": self._user_agent, "Accept": ACCEPT}
        # Validators go back verbatim: servers compare them as opaque strings.
        if state and state.etag:
            headers["If-None-Match"] = state.etag
        if state and state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        return headers

    async def _read_capped(self, resp: aiohttp.ClientResponse, url: str) -> bytes:
        """The decoded body, refused as soon as it passes the cap (whatever Content-Length says)."""
        cap = self._limits.max_body_bytes
        if (
            resp.content_length is not None
            and resp.content_length > cap
            and not (resp.headers.get("Content-Encoding"))
        ):
            raise FetchError(
                url, f"body of {resp.content_length} bytes exceeds {cap}", status=resp.status
            )
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise FetchError(url, f"body exceeds {cap} bytes", status=resp.status)
            chunks.append(chunk)
        return b"".join(chunks)


def _check_status(resp: aiohttp.ClientResponse, url: str) -> None:
    """Raise FetchError unless the response is a 2xx (a 304 was handled before)."""
    if 200 <= resp.status < 300:
        return
    reason = f"HTTP {resp.status} {_phrase(resp.status)}".strip()
    retry_after = resp.headers.get("Retry-After", "").strip()
    if _RETRY_AFTER.fullmatch(retry_after):
        reason += f" (Retry-After: {retry_after})"  # for moderators; backoff is the caller's
    try:
        resp.raise_for_status()  # raises for 4xx/5xx, with the request info as the cause
    except aiohttp.ClientResponseError as exc:
        raise FetchError(url, reason, status=resp.status) from exc
    raise FetchError(url, f"unexpected {reason}", status=resp.status)  # a 1xx or a bare 3xx


def _phrase(status: int) -> str:
    """The standard phrase of a status: the server's own is text of its choosing."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _permanent_target(resp: aiohttp.ClientResponse) -> str | None:
    """The final URL when every redirect hop was permanent (301/308); None otherwise.

    It was just fetched through the guard, so it passed the address rule: the only way a
    redirect target becomes a feed's saved URL (bot/pipeline.py).
    """
    hops = resp.history
    if hops and all(hop.status in _PERMANENT for hop in hops):
        return str(resp.url)
    return None


def _lower_headers(headers: CIMultiDictProxy[str]) -> Mapping[str, str]:
    # Repeated headers keep their first value, which is what feedparser would see.
    lowered: dict[str, str] = {}
    for name, value in headers.items():
        lowered.setdefault(name.lower(), value)
    return lowered


def _describe(exc: BaseException, target: str) -> str:
    """A reason for moderators; aiohttp messages may quote the URL, so hide its secrets.

    An answer that is not HTTP at all (an SMTP or SSH banner on the port) makes aiohttp quote
    the bytes it got: the reason says only what kind of failure it was.
    """
    if isinstance(exc, aiohttp.ClientResponseError):  # statuses were handled: the parser's
        return "the answer is not valid HTTP"
    text = str(exc).replace(target, redact_url(target)) or "no detail"
    if isinstance(exc, aiohttp.ClientConnectorError) and isinstance(exc.os_error, socket.gaierror):
        return f"DNS lookup failed: {text}"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the server closed the connection without an HTTP answer"
    if isinstance(exc, aiohttp.ClientConnectionError):
        return f"connection failed: {text}"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return "broken response body"
    return f"{type(exc).__name__}: {text}"

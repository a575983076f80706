"""The address rule of bot/feeds/hosts.py, wired into aiohttp so that no fetch escapes it.

Two checks, because aiohttp resolves names and IP literals differently (aiohttp 3.x,
`TCPConnector._resolve_host`): a URL whose host is an IP literal never reaches the resolver.

- `GuardedResolver` wraps aiohttp's resolver and drops every non-public address it returns.
  The connector connects only to what the resolver returned, so the address checked is the
  address connected to: a name that resolves to a public address at one moment and to
  127.0.0.1 at the next (DNS rebinding) gains nothing, and every redirect hop resolves anew.
- `literal_guard` is a client middleware, which aiohttp runs for every request it sends,
  redirect hops included: it refuses a hop whose host is a non-public IP literal.

A refusal is raised as `AddressRefused` (an OSError, as aiohttp expects from a resolver);
bot/feeds/fetch.py turns it into bot.core.errors.AddressRefusedError before anything is connected
to.
"""

from __future__ import annotations

import socket

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.client_middlewares import ClientHandlerType

from bot.feeds.hosts import AllowedHosts, IPAddress, literal_address, refusal_reason


class AddressRefused(OSError):
    """A host the rule refuses; `address` is the first refused address (None: none given)."""

    def __init__(self, host: str, address: IPAddress | None) -> None:
        self.host = host
        self.address = address
        self.reason = refusal_reason(host, address)
        super().__init__(self.reason)


class GuardedResolver(AbstractResolver):
    """Resolves with `inner` (aiohttp's default resolver), then keeps only allowed addresses."""

    def __init__(self, allowed: AllowedHosts, inner: AbstractResolver | None = None) -> None:
        self._allowed = allowed
        self._inner = inner if inner is not None else aiohttp.DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if self._allowed.allows_hostname(host):
            return results
        kept = [r for r in results if self._allows(r["host"])]
        if not kept:
            first = literal_address(results[0]["host"]) if results else None
            raise AddressRefused(host, first)
        return kept

    async def close(self) -> None:
        await self._inner.close()

    def _allows(self, host: str) -> bool:
        address = literal_address(host)  # resolvers answer with numeric hosts
        return address is not None and self._allowed.allows_address(address)


def literal_guard(allowed: AllowedHosts) -> aiohttp.ClientMiddlewareType:
    """A middleware refusing requests to non-public IP literals, on every redirect hop."""

    async def guard(
        request: aiohttp.ClientRequest, handler: ClientHandlerType
    ) -> aiohttp.ClientResponse:
        host = request.url.host or ""
        address = literal_address(host)
        if address is not None and not allowed.allows_address(address):
            raise AddressRefused(host, address)
        return await handler(request)

    return guard


def guarded_session(
    allowed: AllowedHosts,
    *,
    user_agent: str,
    resolver: AbstractResolver | None = None,
    per_host: int,
) -> aiohttp.ClientSession:
    """A session that connects only where `allowed` lets it, with at most `per_host`
    connections (so requests) in flight to one host and port (call from a coroutine)."""
    connector = aiohttp.TCPConnector(
        resolver=GuardedResolver(allowed, resolver), limit_per_host=per_host
    )
    return aiohttp.ClientSession(
        connector=connector,
        headers={"User-Agent": user_agent},
        middlewares=(literal_guard(allowed),),
        trust_env=False,  # an HTTP_PROXY would connect on our behalf, past both checks
    )


def refusal_in(exc: BaseException) -> AddressRefused | None:
    """The AddressRefused behind an aiohttp error: its os_error (from the resolver) or its
    cause (from the middleware, which aiohttp re-raises as ClientOSError)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, AddressRefused):
            return current
        seen.add(id(current))
        os_error = getattr(current, "os_error", None)
        if isinstance(os_error, AddressRefused):
            return os_error
        current = current.__cause__ or current.__context__
    return None

"""Issue 12, item 7: fetches never reach non-public addresses, whatever leads there.

The feed server listens on 127.0.0.1, which these fetchers allow (BLOCKWATCH_ALLOW_HOSTS =
127.0.0.1); an "inside" server, and an SMTP-like banner, listen on 127.0.0.2 (and ::1), which
they do not. A refusal must therefore be a refusal, not a failed connection: the inside
servers count every connection, and must count none.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiogram import Bot
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.config import Settings
from bot.core.errors import AddressRefusedError, ConfigError, FetchError
from bot.core.models import FeedSpec, FeedState
from bot.detect import Detector
from bot.feeds.desk import FeedDesk
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.feeds.hosts import AllowedHosts, is_public
from bot.pipeline import Pipeline
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.feedbuilder import imo_blocked, rss
from tests.support.feedserver import FeedServer
from tests.support.manualclock import NOW, ManualClock
from tests.support.modkit import Talk, dispatcher

ONLY_FEED_SERVER = AllowedHosts.parse("127.0.0.1")
QUICK = FetchLimits(connect_timeout=2, total_timeout=3)
NEWS = [imo_blocked(NOW, "1")]
FEED = rss("Inside", NEWS).encode()
BANNER = b"220 mail.corp.internal ESMTP Postfix (Debian/GNU) secret-build-42\r\n"
REFUSED = "is not a public address (BLOCKWATCH_ALLOW_HOSTS allows some)"


class Inside:
    """A server no fetch may reach: an HTTP feed, or a non-HTTP banner; counts connections."""

    def __init__(self, host: str, *, banner: bool = False, port: int = 0) -> None:
        self.host, self.banner, self.connections, self.port = host, banner, 0, port
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    def url(self, path: str = "/feed.xml") -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{path}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        if self.banner:
            writer.write(BANNER)
        else:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(FEED), FEED)
            )
        await writer.drain()
        writer.close()

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


async def started(host: str, *, banner: bool = False, port: int = 0) -> Inside:
    server = Inside(host, banner=banner, port=port)
    await server.start()
    return server


@pytest.fixture
async def inside() -> AsyncIterator[Inside]:
    server = await started("127.0.0.2")
    yield server
    await server.close()


@pytest.fixture
async def banner() -> AsyncIterator[Inside]:
    server = await started("127.0.0.2", banner=True)
    yield server
    await server.close()


class StandInDNS(AbstractResolver):
    """A DNS stand-in under the guard: `names` answer with their addresses; other names go to
    the system's resolver (which, offline, knows only numeric forms like 0x7f.0.0.2)."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.names = names

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if host not in self.names:
            return await aiohttp.DefaultResolver().resolve(host, port, family)
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in self.names[host]
        ]

    async def close(self) -> None:
        return None


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    dns = StandInDNS(
        {
            "internal.test": ["127.0.0.2"],
            "feeds.test": ["127.0.0.1"],
            "mixed.test": ["127.0.0.2", "127.0.0.1"],
        }
    )
    async with Fetcher.open(QUICK, allowed=ONLY_FEED_SERVER, resolver=dns) as opened:
        yield opened


# --- every hop, every form of address --------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://127.0.0.2:{port}/feed.xml", f"127.0.0.2 {REFUSED}"),
        ("http://169.254.169.254/latest/meta-data/", f"169.254.169.254 {REFUSED}"),
        ("http://[::ffff:127.0.0.2]:{port}/feed.xml", REFUSED),
        ("http://internal.test:{port}/feed.xml", "internal.test resolves to no public address"),
        ("http://0x7f.0.0.2:{port}/feed.xml", "resolves to no public address"),  # inet_aton's forms
        (
            "http://2130706434:{port}/feed.xml",
            "not a canonical IPv4 address",
        ),  # aiohttp's own check
    ],
)
@pytest.mark.parametrize("how", ["redirect", "direct"])
async def test_non_public_targets_are_refused_before_any_connection(
    feed_server: FeedServer,
    fetcher: Fetcher,
    inside: Inside,
    target: str,
    reason: str,
    how: str,
) -> None:
    url = target.format(port=inside.port)
    start = feed_server.redirect("/feed", url, 302) if how == "redirect" else url
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(start)
    assert reason in caught.value.reason
    assert caught.value.url == start
    assert inside.connections == 0


async def test_ipv6_loopback_is_refused_at_a_redirect() -> None:
    try:
        inside6 = await started("::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    server = FeedServer()
    await server.start()
    try:
        start = server.redirect("/feed", inside6.url(), 301)
        async with Fetcher.open(QUICK, allowed=ONLY_FEED_SERVER) as fetcher:
            with pytest.raises(AddressRefusedError) as caught:
                await fetcher.fetch(start)
    finally:
        await server.close()
        await inside6.close()
    assert caught.value.reason == f"refused: ::1 {REFUSED}"
    assert inside6.connections == 0


async def test_allowed_hosts_and_public_answers_of_a_name_are_fetched(
    feed_server: FeedServer, fetcher: Fetcher, inside: Inside
) -> None:
    """The control: what the setting allows goes through, at every hop; of a name's answers,
    only the allowed ones are connected to."""
    feed_server.feed("/feed.xml", FEED)
    start = feed_server.redirect("/feed", f"http://feeds.test:{feed_server.port}/feed.xml", 301)
    result = await fetcher.fetch(start)
    assert result.body == FEED
    assert result.permanent_redirect == f"http://feeds.test:{feed_server.port}/feed.xml"
    # mixed.test answers 127.0.0.2 first, where a twin of the feed server listens on its port.
    twin = await started("127.0.0.2", port=feed_server.port)
    try:
        mixed = await fetcher.fetch(f"http://mixed.test:{feed_server.port}/feed.xml")
    finally:
        await twin.close()
    assert mixed.body == FEED
    assert inside.connections == twin.connections == 0


async def test_nothing_non_public_is_fetched_by_default(feed_server: FeedServer) -> None:
    """With no BLOCKWATCH_ALLOW_HOSTS, even the feed server on 127.0.0.1 is refused: the tests
    reach it only because they allow it."""
    url = feed_server.feed("/feed.xml", FEED)
    async with Fetcher.open(QUICK) as fetcher:
        for address in (url, url.replace("127.0.0.1", "localhost")):
            with pytest.raises(AddressRefusedError):
                await fetcher.fetch(address)
    assert feed_server.requests["/feed.xml"] == 0


# --- permanent redirects -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


async def test_a_refused_301_is_not_saved_and_a_saved_one_is_not_followed(
    feed_server: FeedServer,
    fetcher: Fetcher,
    inside: Inside,
    store: SQLiteStorage,
    detector: Detector,
) -> None:
    moved = feed_server.redirect("/moved", inside.url(), 301)
    spec = FeedSpec("Moved", moved, "en", "TM")
    pipeline = Pipeline(store, fetcher, detector, [], ManualClock(NOW))
    outcome = await pipeline.poll_feed(spec)
    assert outcome.status == "failed"
    assert outcome.error == f"refused: 127.0.0.2 {REFUSED}"
    state = await store.feed_state(moved)
    assert state is not None and state.redirect_url is None and state.failures == 1

    # A redirect saved by an earlier version, before redirects were checked: the feed's own
    # URL is polled instead.
    own = feed_server.feed("/own.xml", FEED)
    await store.save_feed_state(FeedState(own, redirect_url=inside.url()))
    outcome = await pipeline.poll_feed(FeedSpec("Own", own, "en", "TM"))
    assert (outcome.status, outcome.new_entries) == ("new", 1)
    assert inside.connections == 0


# --- /addfeed ----------------------------------------------------------------------------------


async def talk_with(
    bot: Bot, bot_api: BotAPI, store: SQLiteStorage, detector: Detector, fetcher: Fetcher
) -> Talk:
    dp = dispatcher(store)
    dp["feed_desk"] = FeedDesk(store, fetcher, detector, ManualClock(NOW))
    return Talk(dp, bot, bot_api, store)


async def test_addfeed_shows_only_the_refusal(
    bot: Bot,
    bot_api: BotAPI,
    store: SQLiteStorage,
    detector: Detector,
    fetcher: Fetcher,
    feed_server: FeedServer,
    banner: Inside,
) -> None:
    talk = await talk_with(bot, bot_api, store, detector, fetcher)
    [reply] = await talk.send(f"/addfeed {banner.url('/')}")
    assert reply.startswith(f"No feed added: refused: 127.0.0.2 {REFUSED}")
    # A page on an allowed site that announces a feed inside: that candidate is refused too.
    page = feed_server.feed(
        "/",
        f'<html><head><link rel="alternate" type="application/rss+xml"'
        f' href="{banner.url()}"></head></html>',
        content_type="text/html",
    )
    [reply] = await talk.send(f"/addfeed {page}")
    assert reply.startswith("No feed added: no feed found")
    assert banner.connections == 0
    said = " ".join(str(call) for _, call in bot_api.calls)
    assert "ESMTP" not in said and "secret-build" not in said
    assert await store.registered_feeds() == []


async def test_addfeed_never_echoes_what_a_non_feed_answered(
    bot: Bot,
    bot_api: BotAPI,
    store: SQLiteStorage,
    detector: Detector,
    banner: Inside,
    feed_server: FeedServer,
) -> None:
    """Even where fetching is allowed, a banner or a non-feed body is named, never quoted."""
    allowed = AllowedHosts.parse("127.0.0.0/8")
    async with Fetcher.open(QUICK, allowed=allowed) as fetcher:
        talk = await talk_with(bot, bot_api, store, detector, fetcher)
        [reply] = await talk.send(f"/addfeed {banner.url('/')}")
        assert reply.startswith("No feed added: the answer is not valid HTTP")
        plain = feed_server.feed("/plain", BANNER, content_type="text/plain")
        [reply] = await talk.send(f"/addfeed {plain}")
        assert reply.startswith("No feed added: neither a feed nor a web page")
        status = feed_server.feed("/teapot", b"", status=503)
        [reply] = await talk.send(f"/addfeed {status}")
        assert reply.startswith("No feed added: HTTP 503 Service Unavailable")
    assert banner.connections == 1
    said = " ".join(str(call) for _, call in bot_api.calls)
    assert "ESMTP" not in said and "secret-build" not in said and "server says no" not in said


# --- the setting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "hostnames", "networks"),
    [
        (None, [], []),
        ("", [], []),
        ("localhost", ["localhost"], []),
        ("Feeds.Internal., 127.0.0.1", ["feeds.internal"], ["127.0.0.1/32"]),
        ("10.0.0.0/8 ::1,fd00::/8", [], ["10.0.0.0/8", "::1/128", "fd00::/8"]),
        ("10.1.2.3/8", [], ["10.0.0.0/8"]),  # an address with a prefix means its network
        (" , 192.168.1.5 ,, ", [], ["192.168.1.5/32"]),
    ],
)
def test_allow_hosts_setting_is_read(
    value: str | None, hostnames: list[str], networks: list[str]
) -> None:
    environ = {} if value is None else {"BLOCKWATCH_ALLOW_HOSTS": value}
    allowed = Settings.from_env(environ, dotenv=None).allow_hosts
    assert sorted(allowed.hostnames) == hostnames
    assert [str(n) for n in allowed.networks] == networks


@pytest.mark.parametrize(
    "garbage",
    [
        "http://127.0.0.1/",
        "10.0.0.0/33",
        "*.example.org",
        "feeds$.example",
        "::1/129",
        "-bad.example",
        "a..b",
        "127.0.0.1:8080",
        "x" * 64 + ".example",
    ],
)
def test_allow_hosts_garbage_is_one_clear_line(
    garbage: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"BLOCKWATCH_ALLOW_HOSTS": f"localhost, {garbage}"}, dotenv=None)
    assert caught.value.field == "BLOCKWATCH_ALLOW_HOSTS"
    assert repr(garbage) in str(caught.value) and "\n" not in str(caught.value)
    from bot.cli.main import main  # and so says the command line, in one line, exit 2

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BLOCKWATCH_ALLOW_HOSTS", garbage)
    assert main(["subscribers"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("blockwatch: BLOCKWATCH_ALLOW_HOSTS: ")


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700::1111", True),
        ("::ffff:8.8.8.8", True),
        ("2002:808:808::", True),
        ("64:ff9b::808:808", True),  # 6to4 and NAT64 of a public one
        ("127.0.0.1", False),
        ("127.255.255.254", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("255.255.255.255", False),
        ("224.0.0.1", False),
        ("239.255.255.250", False),
        ("240.0.0.1", False),
        ("192.0.0.1", False),
        ("198.18.0.1", False),
        ("192.0.2.1", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("fec0::1", False),
        ("ff02::1", False),
        ("2001:db8::1", False),
        ("2001::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("::7f00:1", False),
        ("2002:7f00:1::", False),
        ("2002:a00:1::", False),
        ("64:ff9b::7f00:1", False),
        ("64:ff9b:1::a00:1", False),
    ],
)
def test_what_counts_as_public(address: str, public: bool) -> None:
    from ipaddress import ip_address

    assert is_public(ip_address(address)) is public
    assert AllowedHosts().allows_address(ip_address(address)) is public


def test_an_allowed_network_covers_the_ipv6_forms_of_its_addresses() -> None:
    from ipaddress import ip_address

    allowed = AllowedHosts.parse("127.0.0.1")
    assert allowed.allows_address(ip_address("::ffff:127.0.0.1"))
    assert not allowed.allows_address(ip_address("::ffff:127.0.0.2"))
    assert not allowed.allows_address(ip_address("::1"))

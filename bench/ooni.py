"""How long refreshing OONI's figures takes, and what it asks, against the stand-in of its API
(tests/support/ooniserver.py) on loopback: never against OONI itself.

    .venv/bin/python -m bench.ooni

One country's every service OONI measures (bot/detect/vocab/ooni.toml), refreshed the way the
service's job does it (bot/ooni/book.py), with OONI answering, answering slowly, refusing the
connection, and hanging past the client's timeout; then `run --once`'s capped refresh
(bot/service/ooni_job.py) with OONI hanging. Prints one line per case: wall time, requests the
stand-in saw, figures got. Nothing here is a test: timings vary with the machine.
"""

from __future__ import annotations

import asyncio
import socket
import time
from datetime import UTC, datetime, timedelta

from bot.ooni.book import FigureBook
from bot.ooni.client import OoniClient, OoniLimits
from bot.ooni.targets import load_ooni_vocab
from tests.support.loopback import LOOPBACK
from tests.support.ooniserver import OoniServer

NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _case(name: str, url: str, server: OoniServer | None, *, twice: bool = False) -> None:
    vocab = load_ooni_vocab()
    pairs = [("TM", service) for service in vocab.targets]
    client = OoniClient(url, OoniLimits(), allowed=LOOPBACK)
    book = FigureBook(client, vocab, lambda: datetime.now(UTC))
    try:
        seen = len(server.requests) if server else 0
        started = time.perf_counter()
        done = await book.refresh(pairs)
        took = time.perf_counter() - started
        asked = (len(server.requests) - seen) if server else 0
        got = f"{done.fresh:2d} figures of {len(pairs)}"
        print(f"{name:<34} {took:7.2f} s  {asked:3d} requests  {got}")
        if twice and server is not None:
            started = time.perf_counter()
            again = await book.refresh(pairs)
            took = time.perf_counter() - started
            asked = len(server.requests) - seen - asked
            label = "  again, within the hour"
            print(f"{label:<34} {took:7.2f} s  {asked:3d} requests  {again.fresh:2d} figures")
    finally:
        await client.close()


async def main() -> None:
    server = OoniServer()
    await server.start()
    try:
        for test, domain in [
            (t.test_name, ",".join(t.domains)) for t in load_ooni_vocab().targets.values()
        ]:
            server.hours("TM", test, domain, NOW - timedelta(days=6), 7 * 24, (1, 0, 0, 5))
        await _case("answering (168 hourly rows each)", server.url, server, twice=True)
        server.delay = 0.5
        await _case("answering in 0.5 s", server.url, server)
        server.delay = 30.0
        await _case("hanging (timeout 8 s)", server.url, server)
        await _case("connection refused", f"http://127.0.0.1:{_free_port()}", None)
    finally:
        await server.close()


if __name__ == "__main__":
    asyncio.run(main())

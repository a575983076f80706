"""A TCP proxy on loopback that makes a link slow: each byte arrives half a round trip after it
was sent, in either direction, and a new connection waits one round trip first (the TCP
handshake a real link costs). Bandwidth is not limited: only waiting is added.

Used by bench/_stand_ins.py (`smtp --rtt 0.02`) in front of the SMTP server, so a benchmark sees
what a mail relay 20 ms away costs: every SMTP reply waited for is a round trip.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress


async def delay_proxy(to_port: int, rtt: float, host: str = "127.0.0.1") -> asyncio.Server:
    """Listen on a free port of `host` and forward each connection to `to_port`, `rtt` slower."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(rtt)  # SYN, SYN-ACK: the connection is not there before
        try:
            up_reader, up_writer = await asyncio.open_connection(host, to_port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(_pipe(reader, up_writer, rtt / 2), _pipe(up_reader, writer, rtt / 2))

    return await asyncio.start_server(handle, host, 0, backlog=1024)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    """Copy reader to writer, each chunk `delay` seconds late, in order; close at the end."""
    loop = asyncio.get_running_loop()
    late: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def read() -> None:
        with suppress(OSError):
            while data := await reader.read(65536):
                late.put_nowait((loop.time() + delay, data))
        late.put_nowait((loop.time() + delay, b""))

    async def write() -> None:
        while True:
            due, data = await late.get()
            if (wait := due - loop.time()) > 0:
                await asyncio.sleep(wait)
            if not data:
                break
            writer.write(data)
            with suppress(OSError):
                await writer.drain()
        writer.close()

    await asyncio.gather(read(), write())

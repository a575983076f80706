"""The operator's endpoints: /health and /metrics, on the web endpoint or on an address of
their own (BLOCKWATCH_ADMIN_HOST), so that a public status site can be served without them.

    GET /health    "ok" or "down: a, b" (then 503), then one line per part: the supervised
                   parts (scheduler, mailbox, telegram polling or webhook) with their state,
                   and each probe (database, telegram, smtp, imap): "up" or "down (why)"
    GET /metrics   Prometheus' text format (bot/service/metrics.py), gauges read afresh

A probe is asked at each request; it answers None when up, else a short reason without host
names or addresses (the endpoint may be reachable by others).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from aiohttp import web

from bot.ooni.book import FigureBook
from bot.ports import Clock, Storage, utc_now
from bot.service.listen import listen
from bot.service.metrics import CONTENT_TYPE_LATEST, Metrics, MetricsStorage
from bot.service.supervise import PartStates

__all__ = ["Admin", "Probe", "add_admin_routes", "start_admin"]

log = logging.getLogger(__name__)

Probe = tuple[str, Callable[[], Awaitable[str | None]]]  # (name, None when up, else why)


class AdminStorage(MetricsStorage, Storage, Protocol):
    """What /health and /metrics read: any store the service runs on."""


@dataclass(frozen=True, slots=True)
class Admin:
    store: AdminStorage
    parts: PartStates = field(default_factory=PartStates)
    metrics: Metrics = field(default_factory=Metrics)
    probes: Sequence[Probe] = ()  # besides the database's, always asked
    clock: Clock = utc_now
    ooni: FigureBook | None = None  # OONI's figures, when on: a line, never a 503


ADMIN = web.AppKey("admin", Admin)


def add_admin_routes(app: web.Application, admin: Admin) -> None:
    app[ADMIN] = admin
    app.router.add_get("/health", _health)
    app.router.add_get("/metrics", _metrics)


async def start_admin(admin: Admin, host: str, port: int) -> web.AppRunner:
    """/health and /metrics alone on host:port (BLOCKWATCH_ADMIN_HOST)."""
    app = web.Application(client_max_size=1024)
    add_admin_routes(app, admin)
    runner = await listen(
        app,
        host,
        port,
        setting="BLOCKWATCH_ADMIN_HOST",
        where=f"{host}:{port}",
        advice="choose another address",
    )
    log.info("/health and /metrics listening on %s:%d", host, port)
    return runner


async def _database(store: Storage) -> str | None:
    try:
        await store.recent_events(None, 1)
    except Exception as exc:  # whatever it is, the database does not answer
        log.error("/health: the database does not answer: %s: %s", type(exc).__name__, exc)
        return type(exc).__name__
    return None


async def health_text(admin: Admin) -> tuple[bool, str]:
    """(all up, the text of /health)."""
    states = admin.parts.all()
    down = [state.name for state in states if not state.up]
    lines = [state.describe() for state in states]
    probes: list[Probe] = [("database", partial(_database, admin.store)), *admin.probes]
    for name, probe in probes:
        reason = await probe()
        lines.append(f"{name}: up" if reason is None else f"{name}: down ({reason})")
        if reason is not None:
            down.append(name)
    if admin.ooni is not None:  # a guest: alerts go without its figures
        lines.append(ooni_health(admin.ooni))
    head = f"down: {', '.join(down)}" if down else "ok"
    return not down, "".join(f"{line}\n" for line in [head, *lines])


def ooni_health(book: FigureBook) -> str:
    """One line: whether OONI's figures come; alerts go out without them either way."""
    if book.trouble is None:
        return "ooni: answering"
    since = f" since {book.trouble_since:%Y-%m-%d %H:%M} UTC" if book.trouble_since else ""
    return f"ooni: no figures{since} ({book.trouble}); alerts go without them"


async def _health(request: web.Request) -> web.Response:
    healthy, text = await health_text(request.app[ADMIN])
    return web.Response(text=text, status=200 if healthy else 503)


async def _metrics(request: web.Request) -> web.Response:
    admin = request.app[ADMIN]
    await admin.metrics.refresh(admin.store, admin.clock())
    response = web.Response(body=admin.metrics.render())
    response.headers["Content-Type"] = CONTENT_TYPE_LATEST
    return response

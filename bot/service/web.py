"""The service's small web endpoint: one-click unsubscribe, mounted from bot/mail/unsubscribe.py,
the operator's /health and /metrics (bot/service/admin.py, unless BLOCKWATCH_ADMIN_HOST serves
them elsewhere), and what else the service mounts (the Telegram webhook). aiohttp. It listens
on 127.0.0.1 unless BLOCKWATCH_HTTP_HOST says otherwise.

    /unsubscribe/{token}        GET asks, POST unsubscribes (bot/mail/unsubscribe.py)
    GET  /health                "ok" when the database answers and every long-running part
                                runs, then one line per part; 503 naming the parts down;
                                then how OONI answers (never a 503: OONI is a guest)
    GET  /metrics               Prometheus' text format
    /status/, /events/, /feeds/ the public status site and feeds of events (bot/site/routes.py)

URLs hold tokens: the server keeps no access log, and aiohttp's own complaints about a
client's malformed request are kept out of the error log (`_ClientsMistakes`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from bot.config import DEFAULT_HTTP_HOST
from bot.core.ooni import OoniFigure as Figure
from bot.mail.unsubscribe import unsubscribe_routes
from bot.ooni.book import FigureBook
from bot.ports import MailStorage
from bot.service.admin import Admin, AdminStorage, add_admin_routes, ooni_health
from bot.service.listen import listen
from bot.service.supervise import PartStates
from bot.site.routes import OoniFigure, add_site
from bot.telegram.measured import ooni_text

__all__ = ["STORE", "make_app", "ooni_health", "start_web"]

log = logging.getLogger(__name__)

STORE = web.AppKey("store", MailStorage)
Mount = Callable[[web.Application], None]  # adds routes of another part (the webhook)


class WebStorage(MailStorage, AdminStorage, Protocol):
    """The unsubscribe pages', the status site's and the operator's endpoints' store."""


def make_app(
    store: WebStorage,
    secret: bytes,
    parts: PartStates | None = None,
    ooni: FigureBook | None = None,
    *,
    public_url: str | None = None,
    admin: Admin | None = None,
    admin_here: bool = True,
    mount: Sequence[Mount] = (),
) -> web.Application:
    """The application; `secret` checks the tokens (bot/mail/links.py); /health and /metrics
    from `admin` (None: the database, `parts` and `ooni` only), unless `admin_here` is False
    (served at BLOCKWATCH_ADMIN_HOST instead); the status site's feeds name themselves under
    `public_url`; `mount` adds other parts' routes (the webhook)."""
    app = web.Application(client_max_size=4096)  # a one-click POST is a few bytes
    app[STORE] = store
    app.add_routes(unsubscribe_routes(store, secret))
    if admin_here:
        add_admin_routes(app, admin or Admin(store, parts or PartStates(), ooni=ooni))
    add_site(app, store, public_url=public_url, ooni=site_figures(ooni.figure) if ooni else None)
    for add in mount:
        add(app)
    return app


async def start_web(
    store: WebStorage,
    port: int,
    host: str = DEFAULT_HTTP_HOST,
    *,
    parts: PartStates | None = None,
    public_url: str | None = None,
    ooni: FigureBook | None = None,
    admin: Admin | None = None,
    admin_here: bool = True,
    mount: Sequence[Mount] = (),
) -> web.AppRunner:
    """Listen on host:port; the caller awaits `runner.cleanup()` to stop. A port in use is a
    ConfigError naming the setting, not an OSError."""
    secret = await store.mail_secret()
    app = make_app(
        store,
        secret,
        parts,
        ooni,
        public_url=public_url,
        admin=admin,
        admin_here=admin_here,
        mount=mount,
    )
    # aiohttp's own errors go to a logger of ours, which keeps a client's malformed request out
    # of the error log (_ClientsMistakes).
    runner = await listen(
        app,
        host,
        port,
        setting="BLOCKWATCH_HTTP_PORT",
        where=f"port {port}",
        advice="stop what uses it, or choose another port",
        logger=_SERVER_LOG,
    )
    log.info("web endpoint listening on %s:%d", host, port)
    return runner


class _ClientsMistakes(logging.Filter):
    """A request aiohttp cannot parse (a 20 kB URL, a broken header) has been answered 400
    already; aiohttp still logs it as an ERROR with a traceback, and with the start of the URL,
    which may hold a token. It is the client's mistake, not ours: one line at DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):
            log.debug("malformed request answered %s: %s", error.code, type(error).__name__)
            return False
        return True


_SERVER_LOG = logging.getLogger(f"{__name__}.server")
_SERVER_LOG.addFilter(_ClientsMistakes())


def site_figures(figures: Callable[[str, str], Figure | None]) -> OoniFigure:
    """The status site's OONI line for one board row, from the figures already fetched
    (`FigureBook.figure`: the site never waits for OONI)."""

    async def figure(
        country: str, service: str, state: str, language: str
    ) -> tuple[str, str] | None:
        found = figures(country, service)
        text = ooni_text(found, "unblock" if state == "restored" else "block", language)
        return (text, found.explorer) if found is not None and text else None

    return figure

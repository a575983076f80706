"""The service's small web endpoint: one-click unsubscribe, mounted from bot/mail/unsubscribe.py,
and a health check. aiohttp.

    /unsubscribe/{token}        GET asks, POST unsubscribes (bot/mail/unsubscribe.py)
    GET  /health                "ok" when the database answers and every long-running part
                                runs, then one line per part; 503 naming the parts down;
                                then how OONI answers (never a 503: OONI is a guest)
    /status/, /events/, /feeds/ the public status site and feeds of events (bot/site/routes.py)

URLs hold tokens: the server keeps no access log, and aiohttp's own complaints about a
client's malformed request are kept out of the error log (`_ClientsMistakes`).
"""

from __future__ import annotations

import logging
import os

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from bot.core.errors import ConfigError
from bot.mail.unsubscribe import unsubscribe_routes
from bot.ooni.book import FigureBook
from bot.ports import MailStorage
from bot.service.supervise import PartStates, health_report
from bot.site.routes import add_site

__all__ = ["PARTS", "STORE", "make_app", "start_web"]

log = logging.getLogger(__name__)

STORE = web.AppKey("store", MailStorage)
PARTS = web.AppKey("parts", PartStates)  # the service's supervised parts (bot/service/supervise.py)
OONI = web.AppKey("ooni", FigureBook)  # OONI's figures, when on


def make_app(
    store: MailStorage,
    secret: bytes,
    parts: PartStates | None = None,
    ooni: FigureBook | None = None,
    *,
    public_url: str | None = None,
) -> web.Application:
    """The application; `secret` checks the tokens (bot/mail/links.py); /health reports on
    `parts`, and on `ooni`; the status site's feeds name themselves under `public_url`."""
    app = web.Application(client_max_size=4096)  # a one-click POST is a few bytes
    app[STORE] = store
    app[PARTS] = parts or PartStates()
    if ooni is not None:
        app[OONI] = ooni
    app.add_routes(unsubscribe_routes(store, secret))
    app.router.add_get("/health", _health)
    add_site(app, store, public_url=public_url)
    return app


async def start_web(
    store: MailStorage,
    port: int,
    host: str = "0.0.0.0",
    *,
    parts: PartStates | None = None,
    public_url: str | None = None,
    ooni: FigureBook | None = None,
) -> web.AppRunner:
    """Listen on host:port; the caller awaits `runner.cleanup()` to stop. A port in use is a
    ConfigError naming the setting, not an OSError."""
    app = make_app(store, await store.mail_secret(), parts, ooni, public_url=public_url)
    # URLs hold tokens: no access log. aiohttp's own errors go to a logger of ours, which
    # keeps a client's malformed request out of the error log (_ClientsMistakes).
    runner = web.AppRunner(app, access_log=None, logger=_SERVER_LOG)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise ConfigError(
            f"cannot listen on port {port} ({reason}): stop what uses it, or choose another port",
            field="BLOCKWATCH_HTTP_PORT",
        ) from exc
    log.info("web endpoint listening on port %d", port)
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


async def _health(request: web.Request) -> web.Response:
    await request.app[STORE].recent_events(None, 1)  # raises, so 500, when the database is gone
    healthy, text = health_report(request.app[PARTS].all())
    ooni = request.app.get(OONI)
    if ooni is not None:
        text += f"{ooni_health(ooni)}\n"
    return web.Response(text=text, status=200 if healthy else 503)


def ooni_health(book: FigureBook) -> str:
    """One line: whether OONI's figures come; alerts go out without them either way."""
    if book.trouble is None:
        return "ooni: answering"
    since = f" since {book.trouble_since:%Y-%m-%d %H:%M} UTC" if book.trouble_since else ""
    return f"ooni: no figures{since} ({book.trouble}); alerts go without them"

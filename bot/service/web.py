"""The small web endpoint: one-click unsubscribe (RFC 8058) and a health check. aiohttp.

    GET  /unsubscribe/{token}   a page with one button; it changes nothing, because link
                                checkers and mail scanners open every link they see
    POST /unsubscribe/{token}   unsubscribes: what the button sends, and what a mail client
                                sends for List-Unsubscribe-Post: List-Unsubscribe=One-Click
    GET  /health                "ok" when the database answers and every long-running part
                                runs, then one line per part; 503 naming the parts down

Idempotent and silent: an unknown or already used token gets the same answer as a valid one,
so the endpoint tells nobody whether a token ever existed. Pages are tiny, with no images,
scripts or remote content: they must load over a slow link. Logs name subscriber ids only.
"""

from __future__ import annotations

import html
import logging
import os

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from bot.core.errors import ConfigError
from bot.mail.links import subscriber_of
from bot.ports import MailStorage
from bot.service.supervise import PartStates, health_report

__all__ = ["PARTS", "SECRET", "STORE", "make_app", "start_web"]

log = logging.getLogger(__name__)

STORE = web.AppKey("store", MailStorage)
SECRET = web.AppKey("secret", bytes)
PARTS = web.AppKey("parts", PartStates)  # the service's supervised parts (bot/service/supervise.py)
_TOKEN = r"[A-Za-z0-9_-]{16,64}"
_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>Blockwatch</title>
<body style="font-family:sans-serif;max-width:30em;margin:2em auto">{body}</body></html>"""
_DONE = (
    "<p>You are unsubscribed: Blockwatch will send you no more mail, and your address "
    "has been deleted.</p><p>Вы отписаны. Siz agzalykdan çykdyňyz. Obunadan chiqdingiz. "
    "Жазылымнан шықтыңыз.</p>"
)


def make_app(store: MailStorage, secret: bytes, parts: PartStates | None = None) -> web.Application:
    """The application; `secret` checks the tokens (bot/mail/links.py); /health reports on
    `parts`."""
    app = web.Application(client_max_size=4096)  # a one-click POST is a few bytes
    app[STORE] = store
    app[SECRET] = secret
    app[PARTS] = parts or PartStates()
    app.router.add_get(f"/unsubscribe/{{token:{_TOKEN}}}", _ask)
    app.router.add_post(f"/unsubscribe/{{token:{_TOKEN}}}", _unsubscribe)
    app.router.add_get("/health", _health)
    return app


async def start_web(
    store: MailStorage, port: int, host: str = "0.0.0.0", *, parts: PartStates | None = None
) -> web.AppRunner:
    """Listen on host:port; the caller awaits `runner.cleanup()` to stop. A port in use is a
    ConfigError naming the setting, not an OSError."""
    app = make_app(store, await store.mail_secret(), parts)
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


async def _ask(request: web.Request) -> web.Response:
    token = html.escape(request.match_info["token"], quote=True)
    body = (
        f'<form method="post" action="/unsubscribe/{token}">'
        "<p>Stop all Blockwatch mail to your address?</p>"
        '<button type="submit" name="List-Unsubscribe" value="One-Click">'
        "Unsubscribe / Отписаться / Agzalykdan çyk / Obunadan chiqish / Жазылымнан шығу"
        "</button></form>"
    )
    return _page(body)


async def _unsubscribe(request: web.Request) -> web.Response:
    subscriber_id = subscriber_of(request.app[SECRET], request.match_info["token"])
    if subscriber_id is not None:
        await request.app[STORE].forget(subscriber_id)  # forgetting twice changes nothing
        log.info("subscriber %d: unsubscribed by one click", subscriber_id)
    return _page(_DONE)


async def _health(request: web.Request) -> web.Response:
    await request.app[STORE].recent_events(None, 1)  # raises, so 500, when the database is gone
    healthy, text = health_report(request.app[PARTS].all())
    return web.Response(text=text, status=200 if healthy else 503)


def _page(body: str) -> web.Response:
    response = web.Response(text=_PAGE.format(body=body), content_type="text/html")
    response.headers["Cache-Control"] = "no-store"  # a token in the URL must not be cached
    response.headers["Referrer-Policy"] = "no-referrer"
    return response

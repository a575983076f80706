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

from aiohttp import web

from bot.mail_links import subscriber_of
from bot.supervise import PartStates, health_report
from storage.protocol import MailStorage

__all__ = ["PARTS", "SECRET", "STORE", "make_app", "start_web"]

log = logging.getLogger(__name__)

STORE = web.AppKey("store", MailStorage)
SECRET = web.AppKey("secret", bytes)
PARTS = web.AppKey("parts", PartStates)  # the service's supervised parts (bot/supervise.py)
_TOKEN = r"[A-Za-z0-9_-]{16,64}"
_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>Blockwatch</title>
<body style="font-family:sans-serif;max-width:30em;margin:2em auto">{body}</body></html>"""
_DONE = ("<p>You are unsubscribed: Blockwatch will send you no more mail, and your address "
         "has been deleted.</p><p>Вы отписаны. Siz agzalykdan çykdyňyz. Obunadan chiqdingiz. "
         "Жазылымнан шықтыңыз.</p>")


def make_app(
    store: MailStorage, secret: bytes, parts: PartStates | None = None
) -> web.Application:
    """The application; `secret` checks the tokens (bot/mail_links.py); /health reports on
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
    """Listen on host:port; the caller awaits `runner.cleanup()` to stop."""
    app = make_app(store, await store.mail_secret(), parts)
    runner = web.AppRunner(app, access_log=None)  # URLs hold tokens: not logged
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("web endpoint listening on port %d", port)
    return runner


async def _ask(request: web.Request) -> web.Response:
    token = html.escape(request.match_info["token"], quote=True)
    body = (f'<form method="post" action="/unsubscribe/{token}">'
            "<p>Stop all Blockwatch mail to your address?</p>"
            '<button type="submit" name="List-Unsubscribe" value="One-Click">'
            "Unsubscribe / Отписаться / Agzalykdan çyk / Obunadan chiqish / Жазылымнан шығу"
            "</button></form>")
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

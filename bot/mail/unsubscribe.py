"""One-click unsubscribe (RFC 8058): the routes behind every alert's unsubscribe link, for the
service's web endpoint (bot/service/web.py) to mount. aiohttp.

    GET  /unsubscribe/{token}   a page with one button; it changes nothing, because link
                                checkers and mail scanners open every link they see
    POST /unsubscribe/{token}   unsubscribes: what the button sends, and what a mail client
                                sends for List-Unsubscribe-Post: List-Unsubscribe=One-Click

Idempotent and silent: an unknown or already used token gets the same answer as a valid one,
so the endpoint tells nobody whether a token ever existed. Tokens are signed, not stored
(bot/mail/links.py). Pages are tiny, with no images, scripts or remote content: they must load
over a slow link. Logs name subscriber ids only.
"""

from __future__ import annotations

import html
import logging

from aiohttp import web

from bot.mail.links import subscriber_of
from bot.ports import MailStorage

__all__ = ["unsubscribe_routes"]

log = logging.getLogger(__name__)

_TOKEN = r"[A-Za-z0-9_-]{16,64}"
_PATH = f"/unsubscribe/{{token:{_TOKEN}}}"
_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>Blockwatch</title>
<body style="font-family:sans-serif;max-width:30em;margin:2em auto">{body}</body></html>"""
_DONE = (
    "<p>You are unsubscribed: Blockwatch will send you no more mail, and your address "
    "has been deleted.</p><p>Вы отписаны. Siz agzalykdan çykdyňyz. Obunadan chiqdingiz. "
    "Жазылымнан шықтыңыз.</p>"
)


def unsubscribe_routes(store: MailStorage, secret: bytes) -> list[web.RouteDef]:
    """The two routes; `secret` checks the tokens (bot/mail/links.py)."""

    async def unsubscribe(request: web.Request) -> web.Response:
        subscriber_id = subscriber_of(secret, request.match_info["token"])
        if subscriber_id is not None:
            await store.forget(subscriber_id)  # forgetting twice changes nothing
            log.info("subscriber %d: unsubscribed by one click", subscriber_id)
        return _page(_DONE)

    return [web.get(_PATH, _ask), web.post(_PATH, unsubscribe)]


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


def _page(body: str) -> web.Response:
    response = web.Response(text=_PAGE.format(body=body), content_type="text/html")
    response.headers["Cache-Control"] = "no-store"  # a token in the URL must not be cached
    response.headers["Referrer-Policy"] = "no-referrer"
    return response

"""The frame of every page: the HTML head, the language switch, the feeds' links, and the Content
Security Policy that goes with it. Pure.

Nothing is loaded from elsewhere and nothing runs: the one stylesheet is inline and allowed by
its hash, not by 'unsafe-inline'; the icon is an empty data: URL, so a browser asks for no
/favicon.ico. Every text put in is escaped here or by the caller (`esc`).
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass

from bot.site.words import LANGUAGES, N_, NATIVE_NAMES, html_lang, say

__all__ = ["CSP", "Visit", "esc", "page"]
_FEEDS = N_("Feeds of these events:")
_LANGUAGE = N_("Language")

_STYLE = (
    "body{font:16px/1.45 sans-serif;max-width:46em;margin:0 auto;padding:0 .8em;color:#111;"
    "background:#fff}header,footer{font-size:.9em;padding:.6em 0;color:#444}"
    "header{border-bottom:1px solid #ccc}footer{border-top:1px solid #ccc;margin-top:2em}"
    "nav{display:inline}nav a,footer a{margin-right:.6em}a{color:#0645ad}"
    "h1{font-size:1.5em}h2{font-size:1.2em}"
    ".state{font-weight:bold}.blocked{color:#a00}.throttled,.partly{color:#a60}"
    ".restored{color:#060}ul{padding-left:1.2em}li{margin:.3em 0}small{color:#555}"
    ".mark{color:#a00;font-size:.9em}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
_ABOUT = N_("From news reports, gathered automatically; each claim links to its source.")
# No script, no frames, no forms, no requests elsewhere: the page's own style and the empty icon.
CSP = (
    f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


def esc(text: str) -> str:
    """Text for HTML content or a quoted attribute."""
    return html.escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class Visit:
    """Who asks, as far as a page needs: the language, and whether they chose it with `?lang=`
    (then the site's own links keep it; no cookie remembers anything)."""

    language: str
    chosen: bool = False

    def link(self, path: str, page: int = 1) -> str:
        """An escaped href to one of the site's pages (`page` of it), keeping a chosen
        language."""
        query = [f"page={page}"] if page > 1 else []
        if self.chosen:
            query.append(f"lang={self.language}")
        return esc(f"{path}?{'&'.join(query)}" if query else path)


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed a page offers: <link rel=alternate> in the head, a link in the footer."""

    title: str
    path: str  # without the extension: "/feeds/TM"


def page(visit: Visit, title: str, body: str, *, path: str, feeds: Sequence[Feed] = ()) -> str:
    """A whole page: `body` is HTML (already escaped), `title` plain text."""
    language = visit.language
    alternates = "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{esc(f.title)}" '
        f'href="{esc(f.path)}.atom"><link rel="alternate" type="application/feed+json" '
        f'title="{esc(f.title)}" href="{esc(f.path)}.json">'
        for f in feeds
    )
    switch = " ".join(
        f'<a href="{esc(path)}?lang={code}" lang="{html_lang(code)}" hreflang="{html_lang(code)}"'
        + (' aria-current="true"' if code == language else "")
        + f">{esc(NATIVE_NAMES[code])}</a>"
        for code in LANGUAGES
    )
    feed_links = " ".join(
        f'<a href="{esc(f.path)}.atom">Atom</a> <a href="{esc(f.path)}.json">JSON Feed</a>'
        for f in feeds
    )
    footer = f"{esc(say(language, _FEEDS))} {feed_links}" if feeds else ""
    return (
        f'<!doctype html>\n<html lang="{html_lang(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<title>{esc(title)}</title><link rel="icon" href="data:,">{alternates}'
        f"<style>{_STYLE}</style></head><body>"
        f'<header><a href="{visit.link("/status/")}">Blockwatch</a> · '
        f'<nav aria-label="{esc(say(language, _LANGUAGE))}">'
        f"{switch}</nav></header>\n<main>{body}</main>\n<footer>{footer}<p>"
        f"{esc(say(language, _ABOUT))}</p></footer></body></html>\n"
    )

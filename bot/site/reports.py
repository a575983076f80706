"""One report of an event as a list item: the outlet, its headline linked to the story, the date,
and, when the country blocks the outlet's site, a mark saying so and the mirror readers there can
use (bot/mail/mirrors.toml, as alerts by mail give it). Pure.

A visitor is anonymous, so "blocked" means blocked in the country the page is about, not in a
subscriber's countries as mail has it.
"""

from __future__ import annotations

from bot.core.models import EventSource
from bot.core.outlets import outlet_name
from bot.core.textcut import clip, web_url
from bot.mail.mirrors import Mirrors
from bot.site.layout import esc
from bot.site.words import N_, html_lang, language_name, say
from bot.telegram.wording import country_in, date_in

__all__ = ["report_item"]
_BLOCKED = N_("(site blocked in {where})")

URL_CHARS = 600  # a longer link is no plain web address: the headline goes unlinked
TITLE_CHARS = 160
# Links leave the site with no Referer, and a search engine need not follow them.
_OUT = 'rel="noopener noreferrer nofollow"'
_TOR = N_("mirror for Tor Browser")  # the outlet's onion service; the original may work by VPN
_MIRROR = N_("a mirror that works there")


def report_item(
    source: EventSource, country: str, mirrors: Mirrors, language: str, excerpt: int = 0
) -> str:
    """`<li>` for one report; with `excerpt`, that many characters of its text too."""
    title = clip(source.title, TITLE_CHARS) or outlet_name(source)
    url = web_url(source.link, URL_CHARS)
    # The headline stays in the report's own language, and says so to screen readers.
    headline = f'<span lang="{esc(html_lang(source.language))}">{esc(title)}</span>'
    linked = f'<a href="{esc(url)}" {_OUT}>{headline}</a>' if url else headline
    when = f"{date_in(source.published, language)}, " if source.published else ""
    about = f"{when}{language_name(source.language, language)}"
    parts = [f"<b>{esc(outlet_name(source))}</b>: {linked} <small>({esc(about)})</small>"]
    parts.extend(_blocked(url, country, mirrors, language))
    if excerpt and source.excerpt:
        text = clip(source.excerpt, excerpt)
        parts.append(f'<br><small lang="{esc(html_lang(source.language))}">{esc(text)}</small>')
    return f"<li>{''.join(parts)}</li>"


def _blocked(url: str | None, country: str, mirrors: Mirrors, language: str) -> list[str]:
    site = mirrors.site_of(url) if url else None
    if url is None or site is None or country.upper() not in site.blocked_in:
        return []
    where = country_in(country, language)
    mark = f' <span class="mark">{esc(say(language, _BLOCKED, where=where))}'
    mirror = web_url(mirrors.mirror_url(site, url), URL_CHARS)
    if mirror is None:
        return [f"{mark}</span>"]
    label = say(language, _TOR if site.mirror_on_tor else _MIRROR)
    return [f'{mark}: <a href="{esc(mirror)}" {_OUT}>{esc(label)}</a></span>']

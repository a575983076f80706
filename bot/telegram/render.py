"""Rendering an event report as a Telegram alert. Pure: an EventReport in, HTML out.

Telegram gets HTML (parse_mode=HTML) that must stay within 4096 UTF-16 units of visible text.
(Email has its own renderer, bot/mail/render.py; the console its own, bot/delivery/console.py.)
"""

from __future__ import annotations

import html

from bot.core.display import flag
from bot.core.models import EventReport, EventSource, OutgoingMessage, Subscriber
from bot.core.outlets import other_outlets, outlet_count, outlet_name
from bot.core.textcut import clip, excerpt, web_url
from bot.telegram.catalogues import translate, translate_n
from bot.telegram.pack import TELEGRAM_LIMIT, telegram_length
from bot.telegram.wording import and_list, headline_in

__all__ = [
    "TELEGRAM_LIMIT",
    "also_reported",
    "html_link",
    "render_telegram",
    "telegram_headline",
    "telegram_length",
]

_HEADLINE_CHARS = 160  # headline words come from ids: an unknown, odd id must not flood
_TITLE_CHARS = 300
_URL_CHARS = 900  # a longer link is no plain web address: the name goes unlinked


# Sizes are in characters; an astral character (emoji) is 2 UTF-16 units. Latin or Cyrillic
# text always fits with ten sources listed; emoji-heavy text may not, and then the list shrinks
# before the story does. With five sources the message cannot overflow even if every character
# is astral: headline 160 + title 300 + excerpt 1000 + 5 x (name 80 + ", ") + labels ~60
# = ~1930 characters, so at most ~3860 units.
_TELEGRAM_EXCERPT = (3, 1000)  # sentences, characters
_MOST_SOURCES, _FEWEST_SOURCES = 10, 5


def render_telegram(report: EventReport, subscriber: Subscriber | None = None) -> OutgoingMessage:
    """HTML alert in the subscriber's language: flag and headline, first title and excerpt,
    linked sources.

    Lists as many sources (up to ten) as fit in Telegram's limit; the rest are "and N more".
    The story itself (title, excerpt) stays in the language the outlet wrote it in.
    """
    language = subscriber.language if subscriber is not None else "en"
    for listed in range(_MOST_SOURCES, _FEWEST_SOURCES, -1):
        text = _telegram_html(report, listed, language)
        if telegram_length(text) <= TELEGRAM_LIMIT:
            return OutgoingMessage(text=text)
    return OutgoingMessage(text=_telegram_html(report, _FEWEST_SOURCES, language))


def telegram_headline(report: EventReport, language: str) -> str:
    """The headline in `language`, clipped and escaped for HTML (no flag)."""
    event = report.event
    return html.escape(
        clip(headline_in(event.country, event.service, event.action, language), _HEADLINE_CHARS)
    )


def _telegram_html(report: EventReport, listed: int, language: str) -> str:
    """The message with the first source and up to `listed` - 1 further outlets named."""
    mark = flag(report.event.country)
    parts = [f"{mark} " if mark else "", f"<b>{telegram_headline(report, language)}</b>"]
    if report.sources:
        first = report.sources[0]
        parts.append(f"\n\n<b>{html.escape(clip(first.title, _TITLE_CHARS))}</b>")
        text = excerpt(first.excerpt, *_TELEGRAM_EXCERPT)
        if text:
            parts.append(f"\n{html.escape(text)}")
        parts.append("\n\n" + translate(language, "Source: {source}", source=html_link(first)))
        parts.append(also_reported(report, listed - 1, language))
    return "".join(parts)


def also_reported(report: EventReport, room: int, language: str = "en") -> str:
    """ "Also reported by A, B and 3 more", listing at most `room` further outlets."""
    listed = other_outlets(report)[:room]
    hidden = outlet_count(report) - 1 - len(listed)
    links = [html_link(source) for source in listed]
    if hidden > 0:
        links.append(
            translate(language, "{count} more", count=hidden)
            if listed
            else translate_n(language, "{count} source", "{count} sources", hidden)
        )
    if not links:
        return ""
    return "\n" + translate(
        language, "Also reported by {outlets}", outlets=and_list(links, language)
    )


def html_link(source: EventSource, title: str = "") -> str:
    """The outlet's name (and `title`, when given), linked to the story when its URL is a plain
    web address."""
    label = html.escape(f"{outlet_name(source)}: {title}" if title else outlet_name(source))
    url = web_url(source.link, _URL_CHARS)
    if url is None:
        return label
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'

"""Rendering a story (one event, or several told together) as a Telegram alert. Pure: a Story
in, HTML out.

Telegram gets HTML (parse_mode=HTML) that must stay within 4096 UTF-16 units of visible text.
A story is one message: its headline names every service ("Uzbekistan: X (Twitter), WeChat and
VKontakte unblocked"), the report's title and excerpt come once, and every source once.
(Email has its own renderer, bot/mail/render.py; the console its own, bot/delivery/console.py.)
"""

from __future__ import annotations

import html

from bot.core.display import flag
from bot.core.lists import and_list
from bot.core.models import EventReport, EventSource, OutgoingMessage, Subscriber
from bot.core.outlets import other_outlets, outlet_count, outlet_name
from bot.core.story import Story
from bot.core.textcut import clip, excerpt, web_url
from bot.telegram.catalogues import translate, translate_n
from bot.telegram.measured import ooni_line
from bot.telegram.pack import TELEGRAM_LIMIT, telegram_length
from bot.telegram.wording import headline_in, service_in, story_headline_in

__all__ = [
    "TELEGRAM_LIMIT",
    "also_reported",
    "html_link",
    "ooni_lines",
    "render_telegram",
    "story_headline",
    "telegram_headline",
    "telegram_length",
]

_HEADLINE_CHARS = 160  # one event's headline: words come from ids, an odd id must not flood
_SERVICE_CHARS = 40  # each service a story's headline names
# A story's headline: at most MOST_EVENTS (12, bot/delivery/stories.py) names of 40 characters,
# the country and the actions' words: under 700 characters. Clipped there all the same.
_STORY_HEADLINE_CHARS = 700
_TITLE_CHARS = 300
_URL_CHARS = 900  # a longer link is no plain web address: the name goes unlinked


# Sizes are in characters; an astral character (emoji) is 2 UTF-16 units. Latin or Cyrillic
# text always fits with ten sources listed; emoji-heavy text may not, and then the list shrinks
# before the story does, and the excerpt only after that. With five sources and the short
# excerpt the message cannot overflow even if every character is astral: headline 700 + title
# 300 + excerpt 300 + 5 x (name 80 + ", ") + labels ~60 = ~1770 characters, so at most ~3540
# units. (One event alone fits with the long excerpt: its headline is 160.)
_TELEGRAM_EXCERPTS = ((3, 1000), (1, 300))  # sentences, characters
_MOST_SOURCES, _FEWEST_SOURCES = 10, 5
# OONI lines a story carries (one per event with a figure, ~250 characters each): the first
# three, so the sizes above still hold.
_OONI_LINES = 3


def render_telegram(story: Story, subscriber: Subscriber | None = None) -> OutgoingMessage:
    """HTML alert in the subscriber's language: flag and headline, the first report's title and
    excerpt, linked sources.

    Lists as many sources (up to ten) as fit in Telegram's limit; the rest are "and N more".
    The story itself (title, excerpt) stays in the language the outlet wrote it in.
    """
    language = subscriber.language if subscriber is not None else "en"
    shapes = [
        (size, listed)
        for size in _TELEGRAM_EXCERPTS
        for listed in range(_MOST_SOURCES, _FEWEST_SOURCES - 1, -1)
    ]
    for size, listed in shapes[:-1]:
        text = _telegram_html(story, listed, size, language)
        if telegram_length(text) <= TELEGRAM_LIMIT:
            return OutgoingMessage(text=text)
    size, listed = shapes[-1]  # the smallest: always fits (the sizes above)
    return OutgoingMessage(text=_telegram_html(story, listed, size, language))


def story_headline(story: Story, language: str) -> str:
    """The story's headline in `language`, every service named, escaped for HTML (no flag)."""
    if len(story.reports) == 1:
        return telegram_headline(story.lead, language)
    line = story_headline_in(story.country, story.by_action(), language, _SERVICE_CHARS)
    return html.escape(clip(line, _STORY_HEADLINE_CHARS))


def telegram_headline(report: EventReport, language: str) -> str:
    """The headline in `language`, clipped and escaped for HTML (no flag)."""
    event = report.event
    return html.escape(
        clip(headline_in(event.country, event.service, event.action, language), _HEADLINE_CHARS)
    )


def _telegram_html(story: Story, listed: int, size: tuple[int, int], language: str) -> str:
    """The message with the first source and up to `listed` - 1 further outlets named."""
    mark = flag(story.country)
    parts = [f"{mark} " if mark else "", f"<b>{story_headline(story, language)}</b>"]
    if story.sources:
        first = story.sources[0]
        parts.append(f"\n\n<b>{html.escape(clip(first.title, _TITLE_CHARS))}</b>")
        text = excerpt(first.excerpt, *size)
        if text:
            parts.append(f"\n{html.escape(text)}")
        parts.append("\n\n" + translate(language, "Source: {source}", source=html_link(first)))
        parts.append(also_reported(story, listed - 1, language))
    parts.append(ooni_lines(story, language))
    return "".join(parts)


def ooni_lines(story: Story, language: str) -> str:
    """OONI's figure of each event that has one; a story's lines name their service."""
    lines = []
    for report in story.reports:
        line = ooni_line(report.ooni, report.event.action, language)
        if line and len(story.reports) > 1:
            line = f"{html.escape(service_in(report.event.service, language))} — {line}"
        if line:
            lines.append(line)
    return "\n\n" + "\n".join(lines[:_OONI_LINES]) if lines else ""


def also_reported(told: EventReport | Story, room: int, language: str = "en") -> str:
    """ "Also reported by A, B and 3 more", listing at most `room` further outlets."""
    listed = other_outlets(told)[:room]
    hidden = outlet_count(told) - 1 - len(listed)
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

"""The Telegram digest: many events in as few messages as Telegram allows. Pure.

One block per event (flag and headline, the first story linked, "also reported by"), in the
subscriber's language, and the blocks packed greedily into parts under Telegram's limits: 4096
UTF-16 units of visible text and 100 formatting entities per message (Telegram ignores entities
beyond that). Parts split only between events, never inside one, so each part carries whole
events and the outbox can mark an event sent as soon as its part was accepted: a crash between
parts repeats no event.

A block is bounded (headline 160 + title 200 + five outlets of 80 characters and labels, under
1000 characters, so under 2000 units even if all astral): one block always fits in a part.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.core.display import flag
from bot.core.models import EventReport, OutgoingMessage, Subscriber
from bot.core.textcut import clip
from bot.telegram.catalogues import translate, translate_n
from bot.telegram.pack import MAX_ENTITIES, TELEGRAM_LIMIT, entities, telegram_length
from bot.telegram.render import also_reported, html_link, telegram_headline

__all__ = ["MAX_ENTITIES", "Part", "event_block", "render_telegram_digest"]

_TITLE_CHARS = 200  # a digest skims: shorter titles than the single alert's
_OTHER_OUTLETS = 4  # named in "also reported by"; the rest are "and N more"
_SEPARATOR = "\n\n"

Part = tuple[OutgoingMessage, list[int]]


def render_telegram_digest(reports: Sequence[EventReport], subscriber: Subscriber) -> list[Part]:
    """The digest as parts in send order, each with the ids of the events it carries.

    Every report's event is in exactly one part; countries stay together, oldest event first.
    """
    language = subscriber.language
    ordered = sorted(reports, key=lambda r: (r.event.country, r.event.first_seen, r.event.id))
    blocks = [(event_block(report, language), report.event.id) for report in ordered]
    heading = "Weekly digest" if subscriber.prefs.frequency == "weekly" else "Daily digest"
    title = html.escape(translate(language, heading))  # both texts are the keyboard's too
    events = translate_n(language, "{count} event", "{count} events", len(reports))
    first = f"<b>{title}</b>: {events}"
    later = "<b>" + translate(language, "{title}, continued", title=title) + "</b>"
    parts: list[Part] = []
    for group in _pack(blocks, max(first, later, key=telegram_length)):
        header = later if parts else first
        text = _SEPARATOR.join([header, *(block for block, _ in group)])
        parts.append((OutgoingMessage(text=text), [event_id for _, event_id in group]))
    return parts


def event_block(report: EventReport, language: str = "en") -> str:
    """One event: flag and headline, the first story linked to its outlet, the other outlets."""
    mark = flag(report.event.country)
    lines = [
        f"{mark} <b>{telegram_headline(report, language)}</b>"
        if mark
        else f"<b>{telegram_headline(report, language)}</b>"
    ]
    if report.sources:
        first = report.sources[0]
        lines.append(f"{html.escape(clip(first.title, _TITLE_CHARS))} ({html_link(first)})")
    # also_reported starts with its own line break, or is "" when nobody else reported it.
    return "\n".join(lines) + also_reported(report, _OTHER_OUTLETS, language)


def _pack(blocks: list[tuple[str, int]], header: str) -> list[list[tuple[str, int]]]:
    """Greedy: each part takes blocks while header + blocks stay under both limits."""
    separator = telegram_length(_SEPARATOR)
    groups: list[list[tuple[str, int]]] = []
    length = count = 0
    for block in blocks:
        size, tags = separator + telegram_length(block[0]), entities(block[0])
        if not groups or length + size > TELEGRAM_LIMIT or count + tags > MAX_ENTITIES:
            groups.append([])
            length, count = telegram_length(header), entities(header)
        groups[-1].append(block)
        length, count = length + size, count + tags
    return groups

"""The Telegram digest: many stories in as few messages as Telegram allows. Pure.

One block per story (flag and a headline naming its services, the first report linked, "also
reported by"), in the subscriber's language, and the blocks packed greedily into parts under
Telegram's limits: 4096 UTF-16 units of visible text and 100 formatting entities per message
(Telegram ignores entities beyond that). Parts split only between stories, never inside one, so
each part carries whole stories and the outbox can mark their events sent as soon as the part
was accepted: a crash between parts repeats no event.

A block is bounded (headline 700 for a story of twelve services, title 200, five outlets of 80
characters and labels: under 1500 characters, so under 3000 units even if all astral): one block
always fits in a part.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.core.display import flag
from bot.core.models import OutgoingMessage, Subscriber
from bot.core.story import Story
from bot.core.textcut import clip
from bot.telegram.catalogues import translate, translate_n
from bot.telegram.pack import MAX_ENTITIES, TELEGRAM_LIMIT, entities, telegram_length
from bot.telegram.render import also_reported, html_link, ooni_lines, story_headline

__all__ = ["MAX_ENTITIES", "Part", "render_telegram_digest", "story_block"]

_TITLE_CHARS = 200  # a digest skims: shorter titles than the single alert's
_OTHER_OUTLETS = 4  # named in "also reported by"; the rest are "and N more"
_SEPARATOR = "\n\n"

Part = tuple[OutgoingMessage, list[int]]


def render_telegram_digest(stories: Sequence[Story], subscriber: Subscriber) -> list[Part]:
    """The digest as parts in send order, each with the ids of the events it carries.

    Every story's events are in exactly one part; countries stay together, oldest story first.
    """
    language = subscriber.language
    ordered = sorted(stories, key=lambda s: (s.country, s.first_seen, s.lead.event.id))
    blocks = [(story_block(story, language), story.event_ids) for story in ordered]
    events = sum(len(story.reports) for story in stories)
    heading = "Weekly digest" if subscriber.prefs.frequency == "weekly" else "Daily digest"
    title = html.escape(translate(language, heading))  # both texts are the keyboard's too
    counted = translate_n(language, "{count} event", "{count} events", events)
    first = f"<b>{title}</b>: {counted}"
    later = "<b>" + translate(language, "{title}, continued", title=title) + "</b>"
    parts: list[Part] = []
    for group in _pack(blocks, max(first, later, key=telegram_length)):
        header = later if parts else first
        text = _SEPARATOR.join([header, *(block for block, _ in group)])
        parts.append((OutgoingMessage(text=text), [i for _, ids in group for i in ids]))
    return parts


def story_block(story: Story, language: str = "en") -> str:
    """One story: flag and headline, the first report linked to its outlet, the other outlets,
    OONI's figures."""
    mark = flag(story.country)
    headline = f"<b>{story_headline(story, language)}</b>"
    lines = [f"{mark} {headline}" if mark else headline]
    if story.sources:
        first = story.sources[0]
        lines.append(f"{html.escape(clip(first.title, _TITLE_CHARS))} ({html_link(first)})")
    # also_reported starts with its own line break, or is "" when nobody else reported it.
    measured = ooni_lines(story, language).lstrip("\n")  # one line break, as the rest
    told = "\n".join(lines) + also_reported(story, _OTHER_OUTLETS, language)
    return f"{told}\n{measured}" if measured else told


def _pack(blocks: list[tuple[str, list[int]]], header: str) -> list[list[tuple[str, list[int]]]]:
    """Greedy: each part takes blocks while header + blocks stay under both limits."""
    separator = telegram_length(_SEPARATOR)
    groups: list[list[tuple[str, list[int]]]] = []
    length = count = 0
    for block in blocks:
        size, tags = separator + telegram_length(block[0]), entities(block[0])
        if not groups or length + size > TELEGRAM_LIMIT or count + tags > MAX_ENTITIES:
            groups.append([])
            length, count = telegram_length(header), entities(header)
        groups[-1].append(block)
        length, count = length + size, count + tags
    return groups

"""Who reported an event or a story: an outlet's name as alerts show it, one voice per outlet, and
how many outlets stand behind it. Pure; the Telegram and console renderers count alike with it.
"""

from __future__ import annotations

from bot.core.models import EventReport, EventSource
from bot.core.story import Story
from bot.core.textcut import clip

_NAME_CHARS = 80  # a feed's display name is the moderators' text: an odd one must not flood


def outlet_name(source: EventSource) -> str:
    return clip(source.source, _NAME_CHARS) or "unnamed source"


def other_outlets(told: EventReport | Story) -> list[EventSource]:
    """Sources after the first, one per outlet: two stories from one feed are one voice."""
    sources = told.sources
    seen = {outlet_name(sources[0])} if sources else set()
    others: list[EventSource] = []
    for source in sources[1:]:
        name = outlet_name(source)
        if name not in seen:
            seen.add(name)
            others.append(source)
    return others


def outlet_count(told: EventReport | Story) -> int:
    """Outlets behind the event (or story), plus reports it counted but does not carry."""
    outlets = len({outlet_name(source) for source in told.sources})
    if isinstance(told, Story):
        return outlets + told.uncounted
    return outlets + max(told.event.source_count - len(told.sources), 0)

"""Who reported an event: an outlet's name as alerts show it, one voice per outlet, and how many
outlets stand behind an event. Pure; the Telegram and console renderers count alike with it.
"""

from __future__ import annotations

from bot.core.models import EventReport, EventSource
from bot.core.textcut import clip

_NAME_CHARS = 80  # a feed's display name is the moderators' text: an odd one must not flood


def outlet_name(source: EventSource) -> str:
    return clip(source.source, _NAME_CHARS) or "unnamed source"


def other_outlets(report: EventReport) -> list[EventSource]:
    """Sources after the first, one per outlet: two stories from one feed are one voice."""
    seen = {outlet_name(report.sources[0])} if report.sources else set()
    others: list[EventSource] = []
    for source in report.sources[1:]:
        name = outlet_name(source)
        if name not in seen:
            seen.add(name)
            others.append(source)
    return others


def outlet_count(report: EventReport) -> int:
    """Outlets behind the event, plus reports the event counted but the report does not carry."""
    outlets = len({outlet_name(source) for source in report.sources})
    return outlets + max(report.event.source_count - len(report.sources), 0)

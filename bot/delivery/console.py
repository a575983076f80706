"""The console: what `blockwatch run` prints for each new event when neither Telegram nor email
is configured (a dry run, bot/app.py). Pure: an EventReport in, a short block of text out.
"""

from __future__ import annotations

from datetime import UTC

from bot.core.display import headline
from bot.core.models import EventReport
from bot.core.outlets import outlet_count, outlet_name
from bot.core.textcut import clip, web_url

_HEADLINE_CHARS = 160  # headline words come from ids: an unknown, odd id must not flood
_TITLE_CHARS = 100
_URL_CHARS = 900


def render_console(report: EventReport) -> str:
    """Headline, first title, first link."""
    event = report.event
    seen = event.first_seen.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    title = clip(headline(event.country, event.service, event.action), _HEADLINE_CHARS)
    count = outlet_count(report)
    sources = f"{count} source" if count == 1 else f"{count} sources"
    lines = [f"[{clip(event.country, 8)}] {title} (event {event.id}, {sources}, first seen {seen})"]
    if report.sources:
        first = report.sources[0]
        lines.append(f"    {clip(first.title, _TITLE_CHARS)} ({outlet_name(first)})")
        link = web_url(first.link, _URL_CHARS)
        if link:
            lines.append(f"    {link}")
    return "\n".join(lines)

"""What the bot shows without changing anything: /status (boards), /latest, a chat's settings.

Anyone in a group may use these. Also the parsing of typed country codes, which every command
that takes codes shares.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from aiogram.enums import ParseMode
from aiogram.filters import CommandObject
from aiogram.types import Message

from bot import keyboards as kb
from bot.board import build_board, render_board
from bot.countries import is_country
from bot.display import headline, service_name
from bot.i18n import _, country_label, current_language
from bot.models import Event, Preferences, Subscriber
from storage.protocol import Storage

LATEST_EVENTS = 5  # events /latest shows, across the chat's countries
LATEST_SOURCES = 3  # reports shown per event, oldest first: the first word and its echoes
BOARD_HISTORY = timedelta(days=3 * 365)  # blocks in the region last years, not weeks
_MAX_CODES = 30  # a /subscribe line longer than this is a paste accident, not a request


async def on_status(message: Message, command: CommandObject, store: Storage) -> None:
    """/status TM: a country's board. Bare: the chat's countries' boards and its settings."""
    codes, unknown = parse_codes(command.args)
    if unknown:
        await _reply(message, unknown_codes(unknown))
        return
    found = await store.subscriber("telegram", str(message.chat.id))
    if not codes and (found is None or not found.countries):
        await _reply(message, _("This chat has no subscriptions. Try /start or /status TM"))
        return
    now = datetime.now(UTC)
    boards = []
    for code in codes or sorted(found.countries if found else ()):
        rows = build_board(await store.events_for_country(code, now - BOARD_HISTORY), now)
        boards.append(render_board(code, rows, current_language()))
    if not codes and found is not None:
        boards.append(describe(found))
        if not found.active:
            boards.append(_("<i>Alerts are paused because the bot could not reach this chat; "
                            "send /start to resume them.</i>"))
    await _reply(message, "\n\n".join(boards))


async def on_latest(message: Message, command: CommandObject, store: Storage) -> None:
    """The newest events of the chat's countries (or the given ones), each with its sources."""
    codes, _unknown = parse_codes(command.args)
    found = await store.subscriber("telegram", str(message.chat.id))
    countries = codes or sorted(found.countries if found else ())
    events = await latest_events(store, countries, LATEST_EVENTS)
    if not events:
        await _reply(message, _("No events for these countries yet. Try /latest TM"))
        return
    await _reply(message, "\n\n".join([await _event_block(store, event) for event in events]))


async def latest_events(store: Storage, countries: Sequence[str], limit: int) -> list[Event]:
    """The newest `limit` events across these countries, newest first."""
    events = [event for code in countries for event in await store.recent_events(code, limit)]
    return sorted(events, key=lambda event: (event.last_seen, event.id), reverse=True)[:limit]


def parse_codes(args: str | None) -> tuple[list[str], list[str]]:
    """Split "tm, RU" into known codes (upper case, no repeats) and the unknown words as typed."""
    words = (args or "").replace(",", " ").split()[:_MAX_CODES]
    known = [word.upper() for word in words if len(word) == 2 and is_country(word)]
    unknown = [word for word in words if not (len(word) == 2 and is_country(word))]
    return list(dict.fromkeys(known)), unknown


def unknown_codes(unknown: Sequence[str]) -> str:
    """The reply to codes we do not know (shows at most five, cut short)."""
    shown = ", ".join(html.escape(word[:12]) for word in unknown[:5])
    return _("Unknown country code: {codes}. Use two-letter ISO codes, e.g. TM for Turkmenistan, "
             "RU for Russia, IR for Iran.").format(codes=shown)


def describe(subscriber: Subscriber) -> str:
    """A subscriber's settings in a few lines of HTML, in the current language."""
    prefs = subscriber.prefs
    lines = [_("<b>Countries:</b>")]
    language = current_language()
    lines += [html.escape(country_label(code, language)) for code in sorted(subscriber.countries)]
    services = _("all") if prefs.services is None else ", ".join(
        service_name(service) for service in sorted(prefs.services))
    lines.append(_("<b>Services:</b> {services}").format(services=html.escape(services)))
    actions = ", ".join(_(kb.ACTION_LABELS[action]) for action in sorted(prefs.actions))
    lines.append(_("<b>News:</b> {actions}").format(actions=actions))
    lines.append(_frequency_line(prefs))
    if prefs.paused:
        lines.append(_("<i>Paused: send /start to get alerts again.</i>"))
    return "\n".join(lines)


def _frequency_line(prefs: Preferences) -> str:
    hour = f"{prefs.digest_hour:02d}:00 {prefs.timezone}"
    if prefs.frequency == "daily":
        return _("<b>How often:</b> daily at {hour}").format(hour=hour)
    if prefs.frequency == "weekly":
        day = _(kb.WEEKDAYS[prefs.digest_weekday])
        return _("<b>How often:</b> weekly, {day} at {hour}").format(day=day, hour=hour)
    return _("<b>How often:</b> instantly")


async def _event_block(store: Storage, event: Event) -> str:
    """An event's headline and date, then its first reports as links."""
    report = await store.event_report(event.id)
    lines = [f"<b>{html.escape(headline(event.country, event.service, event.action))}</b>"
             f" — {event.last_seen:%Y-%m-%d}"]
    for source in report.sources[:LATEST_SOURCES]:
        title = html.escape(f"{source.source}: {source.title}")
        lines.append(f'• <a href="{html.escape(source.link)}">{title}</a>' if source.link
                     else f"• {title}")
    return "\n".join(lines)


async def _reply(message: Message, text: str) -> None:
    # No link previews: a board or a list of links is not about the first link.
    await message.answer(text, parse_mode=ParseMode.HTML, disable_web_page_preview=True)

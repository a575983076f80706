"""What the bot shows without changing anything: /status (boards), /latest, a chat's settings.

Anyone in a group may use these. Also the parsing of typed country codes, which every command
that takes codes shares. Long answers are split into several messages between a board's lines
or between events (bot/telegram/pack.py), never inside one.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from aiogram.enums import ParseMode
from aiogram.filters import CommandObject
from aiogram.types import LinkPreviewOptions, Message

from bot.core.countries import is_country
from bot.core.models import Event, EventReport, Preferences, Subscriber
from bot.core.textcut import clip
from bot.ports import FigureLookup, Storage
from bot.telegram import keyboards as kb
from bot.telegram.board import build_board, render_board
from bot.telegram.i18n import _, current_language
from bot.telegram.pack import Section, pack
from bot.telegram.render import html_link, telegram_headline
from bot.telegram.wording import country_label, date_in, service_in, weekday_name

LATEST_EVENTS = 5  # events /latest shows, across the chat's countries
LATEST_SOURCES = 3  # reports shown per event, oldest first: the first word and its echoes
BOARD_HISTORY = timedelta(days=3 * 365)  # blocks in the region last years, not weeks
_MAX_CODES = 30  # a /subscribe line longer than this is a paste accident, not a request
_TITLE_CHARS = 200


async def on_status(
    message: Message,
    command: CommandObject,
    store: Storage,
    figures: FigureLookup | None = None,
) -> None:
    """/status TM: a country's board, with OONI's figure of each service when `figures` (the
    dispatcher's, bot/app.py) has one. Bare: the chat's countries' boards and its settings."""
    codes, unknown = parse_codes(command.args)
    if unknown:
        await reply(message, unknown_codes(unknown))
        return
    found = await store.subscriber("telegram", str(message.chat.id))
    if not codes and (found is None or not found.countries):
        await reply(message, _("This chat has no subscriptions. Try /start or /status TM"))
        return
    now = datetime.now(UTC)
    zone = found.prefs.timezone if found else "UTC"
    sections = []
    for code in codes or sorted(found.countries if found else ()):
        rows = build_board(await store.events_for_country(code, now - BOARD_HISTORY), now)
        measured = {
            row.service: figure
            for row in rows
            if figures is not None and (figure := figures(code, row.service)) is not None
        }
        sections.append(render_board(code, rows, current_language(), zone, measured))
    if not codes and found is not None:
        sections.append(Section(tuple(describe(found).split("\n"))))
        if not found.active:
            sections.append(
                Section(
                    (
                        _(
                            "<i>Alerts are paused because the bot could not reach "
                            "this chat; send /start to resume them.</i>"
                        ),
                    )
                )
            )
    await reply(message, *pack(sections))


async def on_latest(message: Message, command: CommandObject, store: Storage) -> None:
    """The newest events of the chat's countries (or the given ones), each with its sources."""
    codes, _unknown = parse_codes(command.args)
    found = await store.subscriber("telegram", str(message.chat.id))
    countries = codes or sorted(found.countries if found else ())
    events = await latest_events(store, countries, LATEST_EVENTS)
    if not events:
        await reply(message, _("No events for these countries yet. Try /latest TM"))
        return
    zone = found.prefs.timezone if found else "UTC"
    blocks = [_event_block(await store.event_report(event.id), zone) for event in events]
    await reply(message, *pack(blocks))


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
    return _(
        "Unknown country code: {codes}. Use two-letter ISO codes, e.g. TM for Turkmenistan, "
        "RU for Russia, IR for Iran."
    ).format(codes=shown)


def describe(subscriber: Subscriber) -> str:
    """A subscriber's settings in a few lines of HTML, in the current language."""
    prefs = subscriber.prefs
    lines = [_("<b>Countries:</b>")]
    language = current_language()
    lines += [html.escape(country_label(code, language)) for code in sorted(subscriber.countries)]
    services = (
        _("all")
        if prefs.services is None
        else ", ".join(service_in(service, language) for service in sorted(prefs.services))
    )
    lines.append(_("<b>Services:</b> {services}").format(services=html.escape(services)))
    actions = ", ".join(_(kb.ACTION_LABELS[action]) for action in sorted(prefs.actions))
    lines.append(_("<b>News:</b> {actions}").format(actions=actions))
    lines.append(_frequency_line(prefs, language))
    if prefs.quiet_hours is not None:
        start, end = prefs.quiet_hours
        lines.append(
            _("<b>Quiet hours:</b> {start}:00–{end}:00 {zone}, alerts without a sound").format(
                start=f"{start:02d}", end=f"{end:02d}", zone=html.escape(prefs.timezone)
            )
        )
    if prefs.paused:
        lines.append(_("<i>Paused: send /start to get alerts again.</i>"))
    return "\n".join(lines)


def _frequency_line(prefs: Preferences, language: str) -> str:
    hour = html.escape(f"{prefs.digest_hour:02d}:00 {prefs.timezone}")
    if prefs.frequency == "daily":
        return _("<b>How often:</b> daily at {hour}").format(hour=hour)
    if prefs.frequency == "weekly":
        day = weekday_name(prefs.digest_weekday, language)
        return _("<b>How often:</b> weekly, {day} at {hour}").format(day=day, hour=hour)
    return _("<b>How often:</b> instantly")


def _event_block(report: EventReport, zone: str) -> Section:
    """An event's headline and date, then its first reports as links."""
    language = current_language()
    event = report.event
    header = (
        f"<b>{telegram_headline(report, language)}</b>"
        f" — {html.escape(date_in(event.last_seen, language, zone))}"
    )
    lines = [
        f"• {html_link(source, clip(source.title, _TITLE_CHARS))}"
        for source in report.sources[:LATEST_SOURCES]
    ]
    return Section(tuple(lines), header)


async def reply(message: Message, *texts: str) -> None:
    """Each text as its own message, in order (paced: bot/telegram/sender.py)."""
    for text in texts:
        # No link previews: a board or a list of links is not about the first link.
        await message.answer(
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )

"""A held event's card, as moderators see it, and its buttons. Pure: a ReviewCase in, HTML out.

Every button carries a `ReviewPress` packed as "mr:<op>:<event>:<field>:<value>" (at most ~30
bytes; Telegram allows 64). Callback data comes from clients we do not control, so
`is_valid` checks each press against what these keyboards could have sent.

    approve / reject            one tap each
    fix                         the fields to correct: country, service, action
    fix <field>                 the values for that field
    set <field> <value>         the correction itself
    card                        back to the card's own buttons
"""

from __future__ import annotations

import html

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.countries import is_country
from bot.core.display import SERVICE_NAMES, flag, headline
from bot.core.models import ACTIONS
from bot.core.moderation import CaseSource, ReviewCase
from bot.core.ooni import OoniFigure
from bot.core.ooni_trust import OONI_JUMP
from bot.core.review import SIGNAL_TEXT
from bot.core.textcut import clip, web_url
from bot.detect.fallback import FALLBACK_SIGNAL
from bot.telegram.keyboards import REGION
from bot.telegram.measured import ooni_line

FIELDS = ("country", "service", "action")
OPS = ("approve", "reject", "fix", "set", "card")
SHOWN_SOURCES = 5
_SENTENCE, _TITLE, _NAME, _URL = 300, 160, 60, 400  # characters: a card stays under 4096
_PER_ROW = 4


class ReviewPress(CallbackData, prefix="mr"):
    """One press on a review card."""

    op: str
    event: int
    field: str = ""
    value: str = ""


def is_valid(press: ReviewPress) -> bool:
    """True only for a press one of our keyboards could have sent."""
    if press.op not in OPS or press.event <= 0:
        return False
    if press.op == "fix":
        return press.field in ("", *FIELDS) and not press.value
    if press.op == "set":
        return valid_value(press.field, press.value)
    return not press.field and not press.value


def valid_value(field: str, value: str) -> bool:
    if field == "country":
        return len(value) == 2 and value.isupper() and is_country(value)
    if field == "service":
        return value in SERVICE_NAMES
    return field == "action" and value in ACTIONS


def render_case(case: ReviewCase, figure: OoniFigure | None = None) -> str:
    """The card: state, headline, why it was held, OONI's figure when given, and each report
    with its evidence."""
    event = case.event
    title = html.escape(headline(event.country, event.service, event.action))
    scope = " (partial)" if event.scope == "partial" else ""
    lines = [_state_line(case), f"{flag(event.country)} <b>{title}</b>{scope}".strip()]
    if case.reasons:
        why = "; ".join(SIGNAL_TEXT.get(reason, reason) for reason in case.reasons)
        lines.append(f"Held because {html.escape(why)}.")
    if OONI_JUMP in case.reasons:
        name = html.escape(SERVICE_NAMES.get(event.service, event.service))
        lines.append(
            f"OONI sees {name} failing in {event.country} since "
            f"{event.first_seen:%Y-%m-%d %H:%M} UTC; no report yet."
        )
    measured = ooni_line(figure, event.action, "en")
    if measured:
        lines.append(measured)
    lines.append(f"Sources ({len(case.sources)}):")
    lines += [_source_lines(source) for source in case.sources[:SHOWN_SOURCES]]
    if len(case.sources) > SHOWN_SOURCES:
        lines.append(f"and {len(case.sources) - SHOWN_SOURCES} more.")
    return "\n".join(lines)


def case_keyboard(case: ReviewCase) -> InlineKeyboardMarkup | None:
    """Approve, correct, reject: only while the event is held."""
    if case.review != "pending":
        return None
    event = case.event.id
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button("✅ Approve", ReviewPress(op="approve", event=event)),
                _button("✏️ Correct", ReviewPress(op="fix", event=event)),
                _button("❌ Reject", ReviewPress(op="reject", event=event)),
            ]
        ]
    )


def fields_keyboard(event: int) -> InlineKeyboardMarkup:
    row = [
        _button(f"Change {field}", ReviewPress(op="fix", event=event, field=field))
        for field in FIELDS
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row, [_back(event)]])


def values_keyboard(case: ReviewCase, field: str) -> InlineKeyboardMarkup:
    """The values one field can be corrected to; the current one is marked."""
    event = case.event
    current = str(getattr(event, field))
    if field == "country":
        options = [(f"{flag(code)} {code}", code) for code in dict.fromkeys([*REGION, current])]
    elif field == "service":
        options = [(name, service) for service, name in SERVICE_NAMES.items()]
    else:
        options = [(action, action) for action in ACTIONS]
    buttons = [
        _button(
            ("• " if value == current else "") + label,
            ReviewPress(op="set", event=event.id, field=field, value=value),
        )
        for label, value in options
    ]
    rows = [buttons[i : i + _PER_ROW] for i in range(0, len(buttons), _PER_ROW)]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [_back(event.id)]])


def _state_line(case: ReviewCase) -> str:
    number = f"event {case.event.id}"
    if case.review == "pending":
        return f"🟡 <b>Held for review</b> · {number}"
    if case.review == "rejected":
        return f"❌ <b>Rejected</b> by {case.reviewed_by} · {number}"
    if case.review == "approved" and case.reviewed_by is None:
        return f"✅ <b>Released</b>: another site reported it too · {number}"
    if case.review == "approved":
        return f"✅ <b>Approved</b> by {case.reviewed_by} · {number}"
    return f"<b>Not held</b> · {number}"


def _source_lines(source: CaseSource) -> str:
    name = html.escape(clip(source.source, _NAME) or "unnamed source")
    title = html.escape(clip(source.title, _TITLE))
    url = web_url(source.link, _URL)
    head = f'• <a href="{html.escape(url)}">{name}: {title}</a>' if url else f"• {name}: {title}"
    evidence = source.evidence
    if evidence is None:
        return head
    words = " · ".join(
        f"{label}: {html.escape(', '.join(found)) if found else '—'}"
        for label, found in (
            ("country", evidence.country_words),
            ("service", evidence.service_words),
            ("action", evidence.action_words),
        )
    )
    sentence = html.escape(clip(evidence.sentence, _SENTENCE))
    # How sure the detector was, and the words of the item that moved it most
    sure = f"sure: {evidence.confidence:.2f}"
    if evidence.words:
        sure += f" · weighed: {html.escape(', '.join(evidence.words))}"
    if FALLBACK_SIGNAL in evidence.signals:  # no rule told it: the words of the whole item did
        sure += " · no rule: read from the whole item"
    return f"{head}\n  <i>“{sentence}”</i>\n  {words}\n  {sure}"


def _button(text: str, press: ReviewPress) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=press.pack())


def _back(event: int) -> InlineKeyboardButton:
    return _button("↩ Back", ReviewPress(op="card", event=event))

"""What a delivery run did (DeliveryStats), and the moderators' notice of refused messages.

A message refused for its content (Telegram 400 "can't parse entities", "message is too
long") fails for every subscriber it was rendered for: a rendering bug, which only a person can
fix. bot/delivery/outbox.py records each such refusal; bot/pipeline.py tells the moderators once per
run, in one message, grouped by reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from bot.core.models import Channel

# One notice must stay under Telegram's 4,096 characters, whatever the refusals hold.
_REASONS_SHOWN = 5
_EVENTS_SHOWN = 10
_REASON_CHARS = 200


@dataclass(frozen=True, slots=True)
class Refusal:
    """A message the channel refused for its content: the moderators should look at it."""

    channel: Channel
    subscriber_id: int
    event_ids: tuple[int, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class DeliveryStats:
    """Outbox rows (events owed to a subscriber) by outcome; a digest part counts its rows."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    # Of `retrying`: rows put back because their channel was in trouble (most never tried).
    deferred: int = 0
    # Channels in trouble (or stopped by an unexpected error) that got nothing through in this
    # run: they failed throughout, which `run --once` may report in its exit code.
    down: frozenset[Channel] = frozenset()
    # Of `failed`: messages refused for their content, not their address.
    refusals: tuple[Refusal, ...] = ()

    def __add__(self, other: DeliveryStats) -> DeliveryStats:
        return DeliveryStats(
            self.sent + other.sent,
            self.retrying + other.retrying,
            self.failed + other.failed,
            self.deferred + other.deferred,
            self.down | other.down,
            self.refusals + other.refusals,
        )


def refusals_message(refusals: Sequence[Refusal]) -> str:
    """The moderators' notice (HTML): which events' alerts were refused, and why."""
    by_reason: dict[tuple[Channel, str], list[Refusal]] = {}
    for refusal in refusals:
        by_reason.setdefault((refusal.channel, refusal.reason), []).append(refusal)
    lines = []
    for (channel, reason), group in list(by_reason.items())[:_REASONS_SHOWN]:
        events = sorted({event_id for refusal in group for event_id in refusal.event_ids})
        shown = ", ".join(str(event_id) for event_id in events[:_EVENTS_SHOWN])
        more = f" and {len(events) - _EVENTS_SHOWN} more" if len(events) > _EVENTS_SHOWN else ""
        lines.append(
            f"• {channel}: {len(group)} messages (events {shown}{more}): "
            f"<i>{escape(reason[:_REASON_CHARS])}</i>"
        )
    if len(by_reason) > _REASONS_SHOWN:
        lines.append(f"… and {len(by_reason) - _REASONS_SHOWN} more reasons (see the log)")
    return (
        "⚠️ <b>Alerts refused for their content</b>\n"
        + "\n".join(lines)
        + "\n\nThese messages are marked failed; nobody was unsubscribed. "
        "The way they are rendered needs a look."
    )

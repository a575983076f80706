"""/stats: who listens, per country and channel, and what the outbox did lately."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.core.moderation import DeliveryCounts, Stats
from bot.moderation.auth import IsModerator
from bot.moderation.common import reply
from bot.ports import Clock, ModerationStorage, utc_now

SHOWN_ROWS = 60  # country × channel lines; a message stays far under Telegram's 4096


def build_router() -> Router:
    router = Router(name="moderation-stats")
    router.message.register(on_stats, Command("stats"), IsModerator())
    return router


async def on_stats(message: Message, store: ModerationStorage, clock: Clock = utc_now) -> None:
    await reply(message, render_stats(await store.stats(clock())))


def render_stats(stats: Stats) -> str:
    """Subscribers as "country channel: active / paused / inactive", then the deliveries."""
    lines = ["<b>Subscribers</b> (active / paused / inactive)"]
    lines.extend(
        f"{row.country} {row.channel}: {row.active} / {row.paused} / {row.inactive}"
        for row in stats.audience[:SHOWN_ROWS]
    )
    if len(stats.audience) > SHOWN_ROWS:
        lines.append(f"and {len(stats.audience) - SHOWN_ROWS} more.")
    if not stats.audience:
        lines.append("none yet")
    lines += [
        "",
        "<b>Deliveries</b> (queued in the period)",
        _deliveries("last day", stats.last_day),
        _deliveries("last week", stats.last_week),
    ]
    return "\n".join(lines)


def _deliveries(period: str, counts: DeliveryCounts) -> str:
    held = f", {counts.held} held for review" if counts.held else ""
    return f"{period}: {counts.sent} sent, {counts.failed} failed, {counts.pending} pending{held}"

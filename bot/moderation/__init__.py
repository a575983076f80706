"""Moderators: the editors of the service, over Telegram (issue 6).

    auth.py          IsModerator: the one filter every moderator command and button passes
    team.py          /moderators /addmod /delmod /audit
    review_cards.py  the review queue: held events' cards, approve / correct / reject
    notify.py        sends held events' cards to every moderator
    announce.py      /announce: a moderator's own alert, through the outbox
    announcement.py  rendering announcements for each channel (pure)
    stats.py         /stats
    vocab.py         /vocab: the detector's action words, changed with a dry run (vocab_edit.py)
    gate.py          marks weak new events on the ingest path (bot/core/review.py decides)
    cli.py           `blockwatch moderators`, `blockwatch audit`
    feeds.py         /feeds, /addfeed and the feed buttons (the feed registry's side)

Importing this package costs nothing: aiogram (~130 MB) is loaded by `build_moderation_router`,
which runs only when a bot token is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiogram import Router

__all__ = ["build_moderation_router"]


def build_moderation_router() -> Router:
    """A fresh router with every moderator command and button (a router joins one dispatcher).

    Include it in the dispatcher before the subscribers' router: that one answers every
    button it does not know as out of date, so moderators' buttons must be seen first.
    """
    from aiogram import Router

    from bot.moderation.announce import build_router as announce_router
    from bot.moderation.feeds.commands import build_router as feeds_router
    from bot.moderation.review_queue import build_router as review_router
    from bot.moderation.stats import build_router as stats_router
    from bot.moderation.team import build_router as team_router
    from bot.moderation.words import build_router as vocab_router

    router = Router(name="moderation")
    for build in (
        team_router,
        review_router,
        announce_router,
        stats_router,
        vocab_router,
        feeds_router,
    ):
        router.include_router(build())
    return router

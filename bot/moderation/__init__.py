"""Moderators: the editors of the service, over Telegram. Who moderates and the audit log
(auth, team), the review queue of held events (gate on the ingest path, cards, notify,
review_queue), announcements (announce, announcement), /stats, the detector's action words
(words, word_changes), and the feed registry's commands as the subpackage feeds/.

May import: bot.core, bot.detect, bot.ports, bot.feeds, bot.mail and bot.telegram (an
announcement is rendered for each channel). Not bot.pipeline, its sibling, nor anything above.
Importing the package costs nothing: aiogram (~130 MB) loads in `build_moderation_router`,
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

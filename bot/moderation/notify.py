"""Telling moderators that an event waits for them: its card, in each one's private chat.

Run on the delivery timer (bot/service/run.py). A card goes to every moderator (those of
BLOCKWATCH_MODERATORS and those added at runtime) once; an event counts as announced when at
least one moderator got it, or when every failure was final (a moderator who never started a
chat with the bot cannot be written to). Failures that pass (flood control, network) leave it
for the next run. Moderators' ids are logged at DEBUG only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.core.moderation import ReviewCase
from bot.moderation.cards import case_keyboard, render_case
from bot.moderation.common import NO_PREVIEW
from bot.ports import Clock, FigureLookup, ModerationStorage

log = logging.getLogger(__name__)

_PASSING = (TelegramRetryAfter, TelegramNetworkError, TelegramServerError)


@dataclass(frozen=True, slots=True)
class ReviewDesk:
    """Sends held events' cards to the moderators."""

    store: ModerationStorage
    bot: Bot
    env_moderators: frozenset[int]
    clock: Clock
    figures: FigureLookup | None = None  # OONI's, shown on the card when there is one

    async def notify(self) -> int:
        """Send the cards of held events no moderator has seen; how many events were sent."""
        waiting = await self.store.unnotified_reviews()
        if not waiting:
            return 0
        moderators = sorted(
            self.env_moderators | {moderator.user_id for moderator in await self.store.moderators()}
        )
        sent = 0
        for event_id in waiting:
            case = await self.store.review_case(event_id)
            if case is None or not await self._send(case, moderators):
                continue
            await self.store.mark_review_notified(event_id, self.clock())
            sent += 1
        return sent

    async def _send(self, case: ReviewCase, moderators: list[int]) -> bool:
        """Whether the card is done with: someone got it, or no one ever can."""
        reached, passing = 0, False
        event = case.event
        figure = self.figures(event.country, event.service) if self.figures else None
        for moderator in moderators:
            try:
                await self.bot.send_message(
                    moderator,
                    render_case(case, figure),
                    parse_mode=ParseMode.HTML,
                    reply_markup=case_keyboard(case),
                    link_preview_options=NO_PREVIEW,
                )
                reached += 1
            except _PASSING as exc:
                passing = True
                log.info("a review card waits for the next run: %s", exc.message)
            except TelegramAPIError as exc:
                log.warning("a moderator cannot be sent review cards: %s", exc.message)
                log.debug("moderator %s: %s", moderator, exc.message)
        if not reached:
            log.warning("event %d waits for review, but no moderator could be told", case.event.id)
        return reached > 0 or not passing

"""The daily look at feed health: a feed failing for a day, or bringing nothing for a week, is
reported to the moderators, once a day until it recovers (bot/core/health.due_reports decides).

Each report is logged at WARNING and, with a bot, sent to every moderator; the feeds are then
marked reported even if some moderator could not be reached: the log is the record.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.core.health import FeedProblem, due_reports
from bot.feeds.view import problem_text, problems_message
from bot.ports import Clock, FeedRegistryStorage, Notify

log = logging.getLogger(__name__)

# Often enough that a problem is told within the hour it qualifies; each feed still once a day.
WATCH_EVERY = timedelta(hours=1)


async def watch_feeds(
    store: FeedRegistryStorage, clock: Clock, notify: Notify | None = None
) -> list[FeedProblem]:
    """Report the feeds whose problem is due; returns them."""
    now = clock()
    problems = due_reports(await store.feed_views(), now)
    if not problems:
        return []
    for problem in problems:
        log.warning("feed needs a look: %s <%s>", problem_text(problem, now), problem.feed.spec.url)
    if notify is not None:  # it logs the moderators it could not reach, and returns
        await notify(problems_message(problems, now))
    await store.mark_feeds_reported([problem.feed.id for problem in problems], now)
    return problems

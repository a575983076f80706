"""The review gate on the ingest path: marks the new events that wait for a moderator.

The pipeline hands it a feed's batch of new entries, placed, before they are stored; it marks
each new event of a fresh entry with the reasons it must wait (bot/core/review.py decides, from the
detector's evidence and the feed's record with moderators), and storage holds those events'
alerts until a moderator approves. Old entries wake nobody, so nothing of theirs is held.

OONI's figure of the event's country and service, when the book has one (no I/O here), then
steers it (bot/core/ooni_trust.py): supported, a weak report goes out at once; contradicted,
even a confident one waits, with the figure on the card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.core.ooni_trust import TrustRule, steer, verdict
from bot.core.records import NewEntry, Placement
from bot.core.review import FeedRecord, ReviewRule, hold_weak
from bot.ports import FigureLookup


class FeedRecords(Protocol):
    async def feed_record(self, feed_url: str) -> FeedRecord: ...


@dataclass(frozen=True, slots=True)
class ReviewGate:
    store: FeedRecords
    rule: ReviewRule = field(default_factory=ReviewRule)
    figures: FigureLookup | None = None  # OONI's (bot/ooni/book.py); None: no steering
    trust: TrustRule = field(default_factory=TrustRule)

    async def __call__(self, batch: Sequence[NewEntry]) -> list[NewEntry]:
        records: dict[str, FeedRecord] = {}  # one lookup per feed, not per entry
        marked = []
        for item in batch:
            opens = any(placement.event_id is None for placement in item.placements)
            if not (item.notify and opens):
                marked.append(item)
                continue
            feed = item.entry.feed_url
            if feed not in records:
                records[feed] = await self.store.feed_record(feed)
            placements = hold_weak(item.placements, item.entry, records[feed], self.rule)
            marked.append(replace(item, placements=tuple(self._steered(p) for p in placements)))
        return marked

    def _steered(self, placement: Placement) -> Placement:
        """A new event's reasons to wait after OONI's word on it."""
        if placement.event_id is not None or self.figures is None:
            return placement
        alert = placement.alert
        said = verdict(
            self.figures(alert.country, alert.service), alert.action, alert.scope, self.trust
        )
        return replace(placement, review=steer(placement.review, said))

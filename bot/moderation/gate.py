"""The review gate on the ingest path: marks the new events that wait for a moderator.

The pipeline hands it a feed's batch of new entries, placed, before they are stored; it marks
each new event of a fresh entry with the reasons it must wait (bot/core/review.py decides, from the
detector's evidence and the feed's record with moderators), and storage holds those events'
alerts until a moderator approves. Old entries wake nobody, so nothing of theirs is held.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.core.records import NewEntry
from bot.core.review import FeedRecord, ReviewRule, hold_weak


class FeedRecords(Protocol):
    async def feed_record(self, feed_url: str) -> FeedRecord: ...


@dataclass(frozen=True, slots=True)
class ReviewGate:
    store: FeedRecords
    rule: ReviewRule = field(default_factory=ReviewRule)

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
            marked.append(replace(item, placements=tuple(placements)))
        return marked

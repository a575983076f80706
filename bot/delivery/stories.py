"""Which of one subscriber's due events are told together, as one message: stories. Pure.

Two events due for a subscriber in the same delivery pass are one story when

  - a feed item reported both: one report that names several services ("Uzbekistan unblocks
    Twitter, WeChat and VKontakte") places one event per service, and a second report of them,
    in another language, joins the same events; or
  - they are the same country's same action, opened within STORY_WINDOW of the story's first
    event: two outlets, minutes apart, on a shutdown that hit several messengers.

Only within one country: the message leads with the country (its flag, its name), and a reader
of two countries follows each on its own. A moderators' announcement is always alone.

A story holds at most MOST_EVENTS events; more are told in as many messages as need be. That
bound is what lets a Telegram alert name every service with the report and its sources and
still fit Telegram's 4096 UTF-16 units in one message (bot/telegram/render.py, where it is
counted), and a digest block stay smaller than a digest part. It is far above what reports name:
in the labelled corpus (../shared/corpus/dev.jsonl, 102 items) 16 items name two services of one
country and none names more.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.core.models import EventReport
from bot.core.records import ANNOUNCEMENT
from bot.core.story import Story

__all__ = ["MOST_EVENTS", "STORY_WINDOW", "group_stories"]

STORY_WINDOW = timedelta(minutes=30)
MOST_EVENTS = 12

_Bundle = list[EventReport]  # events one or more reports told together: they stay together


def group_stories(
    reports: Sequence[EventReport],
    window: timedelta = STORY_WINDOW,
    most: int = MOST_EVENTS,
) -> list[Story]:
    """The reports as stories, each event in exactly one, in the order of their first events;
    within a story, events in the order they were opened (by id)."""
    bundles = sorted(_by_shared_report(reports, most), key=lambda b: (_opened(b), _first(b)))
    stories: list[_Bundle] = []
    for bundle in bundles:
        home = next((story for story in stories if _joins(story, bundle, window, most)), None)
        if home is None:
            stories.append(list(bundle))
        else:
            home.extend(bundle)
    return [
        Story(tuple(sorted(story, key=lambda r: r.event.id)))
        for story in sorted(stories, key=_first)
    ]


def _by_shared_report(reports: Sequence[EventReport], most: int) -> list[_Bundle]:
    """Events linked by a report they share (through any chain of reports), per country; a
    bundle larger than `most` cut into pieces of `most`, in id order."""
    ordered = sorted(reports, key=lambda r: r.event.id)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[str, object], int] = {}
    for i, report in enumerate(ordered):
        if _alone(report):
            continue
        for source in report.sources:
            key = (report.event.country, source.entry_id if source.entry_id is not None else source)
            j = first_with.setdefault(key, i)
            parent[root(i)] = root(j)
    bundles: dict[int, _Bundle] = {}
    for i, report in enumerate(ordered):
        bundles.setdefault(root(i), []).append(report)
    return [
        bundle[start : start + most]
        for bundle in bundles.values()
        for start in range(0, len(bundle), most)
    ]


def _joins(story: _Bundle, bundle: _Bundle, window: timedelta, most: int) -> bool:
    """Whether `bundle` (opened no earlier than `story`) is the same country's same action,
    opened within `window` of the story's first event, with room left in the story."""
    lead = story[0].event
    return (
        not _alone(story[0])
        and not _alone(bundle[0])
        and bundle[0].event.country == lead.country
        and bool({r.event.action for r in story} & {r.event.action for r in bundle})
        and _opened(bundle) - _opened(story) <= window
        and len(story) + len(bundle) <= most
    )


def _alone(report: EventReport) -> bool:
    """An announcement is the moderators' word: never part of a story."""
    return report.event.service == ANNOUNCEMENT


def _opened(bundle: _Bundle) -> datetime:
    return min(report.event.first_seen for report in bundle)


def _first(bundle: _Bundle) -> int:
    return min(report.event.id for report in bundle)

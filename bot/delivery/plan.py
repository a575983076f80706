"""What one subscriber is sent in a delivery pass: their due rows as messages, in order. Pure.

The rows are first grouped into stories (bot/delivery/stories.py). An instant subscriber gets
one message per story; a daily or weekly subscriber one digest of their stories, possibly in
parts, each part carrying whole stories. Each message carries the outbox rows it settles, so
they are marked sent together when it is accepted (bot/delivery/outbox.py), and the event that
names it (a story's lead: its Message-ID, storage's outbox.message_event).

A message that cannot be rendered fails alone: a story whose rendering fails is tried again
event by event, so a bug that one event's data trips costs that event only; a digest that fails
goes story by story, and an event a digest left out goes alone, never owed forever.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from bot.core.models import Channel, Delivery, EventReport, OutgoingMessage, Subscriber
from bot.core.story import Story
from bot.delivery.stories import group_stories
from bot.ports import DigestRenderer, Renderer

__all__ = ["Queue", "Renderers", "Step", "Unrenderable", "each_alone", "plan"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Step:
    """One message to send and the outbox rows it settles."""

    message: OutgoingMessage
    rows: list[Delivery]
    names: int | None = None  # the event whose id names the message; None for a digest part


@dataclass(slots=True)
class Queue:
    """One subscriber's messages in this batch, in order."""

    subscriber: Subscriber
    steps: deque[Step] = field(default_factory=deque)

    def rows(self) -> list[Delivery]:
        return [row for step in self.steps for row in step.rows]


Unrenderable = tuple[list[Delivery], Exception]  # rows whose message could not be rendered


def each_alone(render: Renderer) -> DigestRenderer:
    """A digest renderer for channels without a digest form: every story its own message."""

    def render_digest(
        stories: Sequence[Story], subscriber: Subscriber
    ) -> list[tuple[OutgoingMessage, list[int]]]:
        return [(render(story, subscriber), story.event_ids) for story in stories]

    return render_digest


@dataclass(frozen=True, slots=True)
class Renderers:
    channel: Channel  # for the log
    render: Renderer
    render_digest: DigestRenderer


def plan(
    rows: Sequence[Delivery],
    reports: Mapping[int, EventReport],
    renderers: Renderers,
    told_in: Mapping[int, int] | None = None,
) -> tuple[Queue, list[Unrenderable]]:
    """One subscriber's due rows as their messages, and the rows no message could be rendered
    for. `told_in`: the earlier messages this subscriber's stories continue (Story.told_in)."""
    subscriber = rows[0].subscriber
    owed = {row.event_id: row for row in rows}
    stories = [
        replace(story, told_in=told_in or {})
        for story in group_stories([reports[event_id] for event_id in owed])
    ]
    steps: list[Step] = []
    if subscriber.prefs.frequency != "instant":
        for message, ids in _digest(renderers, stories, subscriber):
            steps.append(Step(message, [owed.pop(i) for i in ids if i in owed]))
    failed: list[Unrenderable] = []
    for story in _still_owed(stories, owed):
        _tell(story, subscriber, owed, renderers.render, steps, failed)
    return Queue(subscriber, deque(step for step in steps if step.rows)), failed


def _digest(
    renderers: Renderers, stories: list[Story], subscriber: Subscriber
) -> list[tuple[OutgoingMessage, list[int]]]:
    try:
        return renderers.render_digest(stories, subscriber)
    except Exception as exc:  # the digest failed as a whole: its stories go one by one
        log.warning(
            "%s digest for subscriber %d could not be rendered (%s); its stories go one by one",
            renderers.channel,
            subscriber.id,
            type(exc).__name__,
        )
        return []


def _still_owed(stories: list[Story], owed: Mapping[int, Delivery]) -> list[Story]:
    """The stories, each cut to the events no digest part carried; those left empty dropped."""
    left = []
    for story in stories:
        reports = tuple(report for report in story.reports if report.event.id in owed)
        if reports:
            left.append(replace(story, reports=reports))
    return left


def _tell(
    story: Story,
    subscriber: Subscriber,
    owed: Mapping[int, Delivery],
    render: Renderer,
    steps: list[Step],
    failed: list[Unrenderable],
) -> None:
    """The story as one message; if it cannot be rendered, each of its events alone."""
    rows = [owed[event_id] for event_id in story.event_ids]
    try:
        steps.append(Step(render(story, subscriber), rows, story.lead.event.id))
        return
    except Exception as exc:
        if len(story.reports) == 1:
            failed.append((rows, exc))
            return
        log.debug("a story of %d events could not be rendered; alone each", len(rows))
    for report in story.reports:
        _tell(replace(story, reports=(report,)), subscriber, owed, render, steps, failed)

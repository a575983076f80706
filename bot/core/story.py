"""A story: the events one message tells. Pure.

Events stay per (country, service, action, scope), as the boards and moderation need them; what a
person receives follows the story. One report often names several services ("Uzbekistan
unblocks Twitter, WeChat and VKontakte": three events), and the reader should be woken once, read
the report once and pay for its text once. bot/delivery/stories.py decides which events due in
one delivery pass are told together; the renderers (bot/telegram/render.py, bot/mail/render.py)
tell a Story as one message. An event alone is a story of one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.models import Action, EventReport, EventSource

__all__ = ["Story"]


@dataclass(frozen=True, slots=True)
class Story:
    """Reports of the events told together, in the order the events were opened (by id).

    The first is the lead: its id names the message (an email's Message-ID, bot/mail/links.py),
    and its first source is the report whose title and excerpt the message quotes.
    """

    reports: tuple[EventReport, ...]
    # Email threading, for one subscriber. Of the events the reports continue (their story_id:
    # the block before this unblock), those a message already told this subscriber, each with
    # the lead event of that message (storage: outbox.message_event). An event missing here is
    # taken to have had a mail of its own, as every alert had before stories.
    told_in: Mapping[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.reports:
            raise ValueError("a story tells at least one event")

    @classmethod
    def of(cls, report: EventReport) -> Story:
        """One event told alone."""
        return cls((report,))

    @property
    def lead(self) -> EventReport:
        return self.reports[0]

    @property
    def country(self) -> str:
        return self.lead.event.country

    @property
    def event_ids(self) -> list[int]:
        return [report.event.id for report in self.reports]

    @property
    def first_seen(self) -> datetime:
        return min(report.event.first_seen for report in self.reports)

    def by_action(self) -> list[tuple[Action, list[str]]]:
        """The services of each action, actions in the order of their first event, each service
        once: [("throttle", ["facetime"]), ("block", ["snapchat"])]. A service in part and in
        full (calls restricted, then all of it) is named once: the headline reads the same."""
        clauses: dict[Action, list[str]] = {}
        for report in self.reports:
            services = clauses.setdefault(report.event.action, [])
            if report.event.service not in services:
                services.append(report.event.service)
        return list(clauses.items())

    @property
    def sources(self) -> tuple[EventSource, ...]:
        """Every report once: the lead's sources (oldest first), then those only the other
        events have. One feed item that placed three events is one source, not three."""
        seen: set[object] = set()
        found: list[EventSource] = []
        for report in self.reports:
            for source in report.sources:
                key = source.entry_id if source.entry_id is not None else source
                if key not in seen:
                    seen.add(key)
                    found.append(source)
        return tuple(found)

    @property
    def uncounted(self) -> int:
        """Reports an event counted that its report does not carry (the most of any event:
        the same reports may stand behind several events)."""
        return max(max(r.event.source_count - len(r.sources), 0) for r in self.reports)

    def thread_roots(self) -> tuple[int, ...]:
        """The events whose alerts' Message-IDs this story's mail replies to, first one first:
        for each event it continues, the lead of the message that told this subscriber of it."""
        own = set(self.event_ids)
        roots: list[int] = []
        for report in self.reports:
            start = report.story_id
            if start is None or start in own:
                continue
            root = self.told_in.get(start, start)
            if root not in own and root not in roots:
                roots.append(root)
        return tuple(roots)

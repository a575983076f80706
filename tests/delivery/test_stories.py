"""Which due events are told together (bot/delivery/stories.py) and what a story shows of them
(bot/core/story.py). Pure, table-driven: events are (id, country, service, action, minutes after
NOW they were opened, the feed items that reported them)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.models import Action, Event, EventReport, EventSource
from bot.core.records import ANNOUNCEMENT
from bot.core.story import Story
from bot.delivery.stories import MOST_EVENTS, STORY_WINDOW, group_stories
from tests.support.manualclock import NOW

Spec = tuple[int, str, str, Action, int, tuple[int, ...]]


def item(entry_id: int, outlet: str = "Azatlyk") -> EventSource:
    return EventSource(
        outlet,
        f"item {entry_id}",
        f"https://{outlet}.test/{entry_id}",
        "Text.",
        NOW,
        "en",
        entry_id,
    )


def told(spec: Spec, *, story_id: int | None = None) -> EventReport:
    event_id, country, service, action, minutes, items = spec
    opened = NOW + timedelta(minutes=minutes)
    event = Event(event_id, country, service, action, opened, opened, len(items))
    return EventReport(event, tuple(item(n) for n in items), story_id)


def grouped(*specs: Spec, window: timedelta = STORY_WINDOW) -> list[list[int]]:
    return [story.event_ids for story in group_stories([told(s) for s in specs], window)]


@pytest.mark.parametrize(
    ("specs", "stories"),
    [
        # one report names three services: one story, whatever the minutes between the events
        (
            [
                (1, "UZ", "twitter", "unblock", 0, (10,)),
                (2, "UZ", "wechat", "unblock", 0, (10,)),
                (3, "UZ", "vkontakte", "unblock", 0, (10,)),
            ],
            [[1, 2, 3]],
        ),
        # a second report, in another language, of the same three events: still one
        (
            [
                (1, "UZ", "twitter", "unblock", 0, (10, 11)),
                (2, "UZ", "wechat", "unblock", 0, (10, 11)),
                (3, "UZ", "vkontakte", "unblock", 0, (10, 11)),
            ],
            [[1, 2, 3]],
        ),
        # mixed actions in one report: one story
        (
            [(4, "RU", "facetime", "throttle", 0, (20,)), (5, "RU", "snapchat", "block", 0, (20,))],
            [[4, 5]],
        ),
        # reports chained: A told 1 and 2, B told 2 and 3
        (
            [
                (1, "RU", "telegram", "block", 0, (1,)),
                (2, "RU", "whatsapp", "block", 300, (1, 2)),
                (3, "RU", "signal", "throttle", 600, (2,)),
            ],
            [[1, 2, 3]],
        ),
        # same country and action, two reports 29 minutes apart: one story
        (
            [(1, "TM", "imo", "block", 0, (1,)), (2, "TM", "whatsapp", "block", 29, (2,))],
            [[1, 2]],
        ),
        # ... 31 minutes apart: two
        (
            [(1, "TM", "imo", "block", 0, (1,)), (2, "TM", "whatsapp", "block", 31, (2,))],
            [[1], [2]],
        ),
        # the window counts from the story's first event, not from the last one that joined
        (
            [
                (1, "TM", "imo", "block", 0, (1,)),
                (2, "TM", "whatsapp", "block", 20, (2,)),
                (3, "TM", "viber", "block", 40, (3,)),
            ],
            [[1, 2], [3]],
        ),
        # same country, minutes apart, other actions and no report in common: two
        (
            [(1, "TM", "imo", "block", 0, (1,)), (2, "TM", "whatsapp", "unblock", 5, (2,))],
            [[1], [2]],
        ),
        # one report naming two countries: a story per country
        (
            [(1, "RU", "telegram", "block", 0, (1,)), (2, "BY", "telegram", "block", 0, (1,))],
            [[1], [2]],
        ),
        # order: by the stories' first events; inside a story, by id
        (
            [
                (9, "TM", "viber", "block", 0, (3,)),
                (7, "KZ", "tiktok", "throttle", 0, (2,)),
                (8, "TM", "imo", "block", 10, (4,)),
            ],
            [[7], [8, 9]],
        ),
    ],
)
def test_which_events_travel_together(specs: list[Spec], stories: list[list[int]]) -> None:
    assert grouped(*specs) == stories


def test_the_window_is_a_parameter() -> None:
    specs: list[Spec] = [
        (1, "TM", "imo", "block", 0, (1,)),
        (2, "TM", "whatsapp", "block", 50, (2,)),
    ]
    assert grouped(*specs) == [[1], [2]]
    assert grouped(*specs, window=timedelta(hours=1)) == [[1, 2]]


def test_an_announcement_is_always_alone() -> None:
    specs: list[Spec] = [
        (1, "TM", ANNOUNCEMENT, "block", 0, (1,)),
        (2, "TM", "imo", "block", 0, (1,)),
        (3, "TM", ANNOUNCEMENT, "block", 0, (2,)),
    ]
    assert grouped(*specs) == [[1], [2], [3]]


def test_a_story_holds_at_most_twelve_events_the_rest_go_in_more_messages() -> None:
    many: list[Spec] = [(n, "IR", f"s{n:02d}", "block", 0, (1,)) for n in range(1, MOST_EVENTS + 4)]
    assert grouped(*many) == [list(range(1, 13)), list(range(13, MOST_EVENTS + 4))]
    window: list[Spec] = [
        (n, "IR", f"s{n:02d}", "block", n, (n,)) for n in range(1, MOST_EVENTS + 2)
    ]
    assert [len(ids) for ids in grouped(*window)] == [MOST_EVENTS, 1]


def test_every_event_is_in_exactly_one_story() -> None:
    cases: list[tuple[str, Action, int, tuple[int, ...]]] = [
        ("TM", "block", 0, (1,)),
        ("TM", "block", 10, (1, 2)),
        ("TM", "unblock", 20, (3,)),
        ("RU", "block", 0, (1,)),
        ("TM", "throttle", 100, (2,)),
        ("RU", "unblock", 200, (4,)),
    ]
    specs: list[Spec] = [
        (n, country, f"s{n}", action, minutes, items)
        for n, (country, action, minutes, items) in enumerate(cases, 1)
    ]
    ids = [event_id for story in grouped(*specs) for event_id in story]
    assert sorted(ids) == [1, 2, 3, 4, 5, 6]


# --- what a story shows ------------------------------------------------------------------------


def test_a_story_names_each_action_s_services_once_and_every_source_once() -> None:
    story = Story(
        (
            told((4, "RU", "facetime", "throttle", 0, (20, 21))),
            told((5, "RU", "snapchat", "block", 0, (20,))),
            told((6, "RU", "facetime", "block", 0, (20, 22))),
            told((7, "RU", "snapchat", "block", 0, (20,))),
        )
    )
    assert story.by_action() == [("throttle", ["facetime"]), ("block", ["snapchat", "facetime"])]
    assert [source.entry_id for source in story.sources] == [20, 21, 22]
    assert story.event_ids == [4, 5, 6, 7] and story.lead.event.id == 4 and story.country == "RU"


def test_a_story_replies_to_the_mails_that_told_what_it_continues() -> None:
    unblocks = (
        told((11, "UZ", "twitter", "unblock", 0, (30,)), story_id=1),
        told((12, "UZ", "wechat", "unblock", 0, (30,)), story_id=2),
        told((13, "UZ", "signal", "unblock", 0, (30,)), story_id=9),
        told((14, "UZ", "vkontakte", "unblock", 0, (30,))),
    )
    # each block was its own mail (or the subscriber never got it): reply to each
    assert Story(unblocks).thread_roots() == (1, 2, 9)
    # events 1 and 2 were told in one mail named by 1: that mail, once
    assert Story(unblocks, told_in={1: 1, 2: 1}).thread_roots() == (1, 9)
    # an event continued inside the same story is not a parent
    block = told((1, "UZ", "twitter", "block", 0, (30,)))
    assert Story((block, unblocks[0])).thread_roots() == ()

"""Slots of timed work several instances share (bot/core/slots.py), and the trigger that fires
at their starts (bot/feeds/slot_trigger.py)."""

from __future__ import annotations

from datetime import timedelta

from bot.core.slots import phase, slot_end, slot_start
from bot.feeds.slot_trigger import SlotTrigger
from tests.support.manualclock import NOW

EVERY = timedelta(minutes=30)


def test_a_slot_is_the_same_for_every_instance_and_follows_the_last() -> None:
    start = slot_start("poll https://a.example/rss", EVERY, NOW)
    assert start <= NOW < start + EVERY == slot_end("poll https://a.example/rss", EVERY, NOW)
    # Anywhere in the slot, the same slot; at its end, the next one begins.
    for offset in (timedelta(0), timedelta(minutes=17), EVERY - timedelta(microseconds=1)):
        assert slot_start("poll https://a.example/rss", EVERY, start + offset) == start
    assert slot_start("poll https://a.example/rss", EVERY, start + EVERY) == start + EVERY


def test_works_sharing_an_interval_are_spread_over_it() -> None:
    phases = {phase(f"poll https://feed{n}.example/rss", EVERY) for n in range(50)}
    assert all(timedelta(0) <= p < EVERY for p in phases)
    assert max(phases) - min(phases) > EVERY / 2 and len(phases) > 40


def test_the_trigger_fires_at_each_slot_start_whenever_the_instance_started() -> None:
    trigger = SlotTrigger("poll https://a.example/rss", EVERY)
    first_start = slot_end("poll https://a.example/rss", EVERY, NOW)
    # Two instances, started 4 and 21 minutes into a slot: their next runs are the same moment.
    for started in (NOW + timedelta(minutes=4), NOW + timedelta(minutes=21)):
        assert trigger.get_next_fire_time(None, started) in (first_start, first_start + EVERY)
        after_first_poll = trigger.get_next_fire_time(started, started)
        assert after_first_poll == slot_end("poll https://a.example/rss", EVERY, started)
        assert after_first_poll - started <= EVERY
        assert trigger.get_next_fire_time(after_first_poll, after_first_poll) == (
            after_first_poll + EVERY
        )

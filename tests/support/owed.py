"""Alerts owed to many subscribers at once, for the tests that run real `blockwatch` processes
against one database (tests/faults): every (subscriber, event) pair pending."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.core.models import Action, Alert, Entry
from bot.core.records import NewEntry, Placement
from bot.ports import Storage


async def owe_two_events(store: Storage, chats: Sequence[int], addresses: Sequence[str]) -> None:
    """Subscribers of TM and two fresh TM events: every (subscriber, event) pair pending."""
    now = datetime.now(UTC)  # the child processes run on the wall clock: fresh for them
    for chat in chats:
        await store.subscribe("telegram", str(chat), ["TM"])
    for address in addresses:
        await store.subscribe("email", address, ["TM"])
    owed: tuple[tuple[str, Action], ...] = (("imo", "block"), ("youtube", "throttle"))
    for service, action in owed:
        entry = Entry(
            feed_url="https://a.example/rss",
            key=service,
            title=f"{service} {action} in Turkmenistan",
            summary=f"A {action} of {service} in Turkmenistan.",
            published=now - timedelta(hours=1),
            source="A",
            link=f"https://a.example/{service}",
        )
        await store.record_entries(
            [NewEntry(entry, (Placement(Alert("TM", service, action), None),))], now=now
        )

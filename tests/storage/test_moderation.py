"""Moderation in SQLite: moderators, the audit log, held events and what they may do, corrections,
announcements and the numbers of /stats, against a real database file."""

from __future__ import annotations

from datetime import timedelta

from bot.core.models import Alert, Entry, Evidence, Preferences
from bot.core.moderation import OPERATOR
from bot.core.records import ANNOUNCEMENT, NewEntry, Placement
from storage.store import Store
from tests.support.manualclock import NOW

# With its confidence, signals and weighed words: a moderator's card shows them all.
IMO = Alert(
    "TM",
    "imo",
    "block",
    Evidence(
        "IMO was blocked", (), ("imo",), ("blocked",), 0.62, ("gap:0",), ("-s=rumour", "+w=imo")
    ),
)


def entry(key: str, site: str = "a.example") -> Entry:
    return Entry(
        feed_url=f"https://{site}/rss",
        key=key,
        title=f"title {key}",
        summary="s",
        link=f"https://{site}/{key}",
        published=NOW,
        source=site,
        country_hint="TM",
    )


async def held_event(store: Store, alert: Alert = IMO, key: str = "1") -> int:
    stored = await store.record_entries(
        [NewEntry(entry(key), (Placement(alert, None, ("country-from-feed",)),))], now=NOW
    )
    (event,) = stored.new_events
    return event.id


async def due(store: Store, channel: str = "telegram") -> list[tuple[str, int]]:
    rows = await store.due_deliveries(
        "telegram" if channel == "telegram" else "email", NOW + timedelta(days=8), 100
    )
    return [(row.subscriber.address, row.event_id) for row in rows]


async def test_moderators_are_added_once_removed_once_and_audited(store: Store) -> None:
    assert not await store.is_moderator(42)
    assert await store.add_moderator(42, 7, NOW)
    assert not await store.add_moderator(42, 8, NOW)  # already: nothing written
    assert await store.is_moderator(42)
    assert [(m.user_id, m.added_by) for m in await store.moderators()] == [(42, 7)]
    assert await store.remove_moderator(42, OPERATOR, NOW + timedelta(minutes=1))
    assert not await store.remove_moderator(42, 7, NOW)
    assert not await store.is_moderator(42)
    log = await store.audit_log(10)
    assert [(e.actor_id, e.action, e.detail) for e in log] == [
        (OPERATOR, "delmod", "user 42"),
        (7, "addmod", "user 42"),
    ]
    assert log[0].at == NOW + timedelta(minutes=1)


async def test_audit_log_is_newest_first_limited_and_one_line(store: Store) -> None:
    for n in range(5):
        await store.announce("TM", f"feed {n}\nsecond line", n, NOW)
    log = await store.audit_log(3)
    assert [e.actor_id for e in log] == [4, 3, 2]
    assert log[0].detail == "TM event 5, 0 deliveries: feed 4 second line"


async def test_a_held_event_is_queued_but_not_due_and_off_the_boards(
    store: Store,
) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    event_id = await held_event(store)
    case = await store.review_case(event_id)
    assert case is not None and case.review == "pending"
    assert case.reasons == ("country-from-feed",)
    assert case.sources[0].evidence == IMO.evidence
    assert await due(store) == []
    assert await store.events_for_country("TM", NOW - timedelta(days=1)) == []
    assert await store.recent_events("TM", 5) == []
    assert await store.pending_reviews(10) == [event_id]
    assert (await store.stats(NOW)).last_day.held == 1

    assert await store.decide_review(event_id, "approved", 7, NOW)
    assert await due(store) == [("1001", event_id)]
    assert [e.id for e in await store.recent_events("TM", 5)] == [event_id]
    assert not await store.decide_review(event_id, "rejected", 8, NOW)  # decided already
    assert [(e.actor_id, e.action) for e in await store.audit_log(5)] == [(7, "approve")]


async def test_a_rejected_event_owes_nothing_and_a_new_report_opens_a_new_event(
    store: Store,
) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    event_id = await held_event(store)
    assert await store.decide_review(event_id, "rejected", 7, NOW)
    assert await due(store) == []
    assert (await store.stats(NOW)).last_day.pending == 0
    assert await store.open_events([IMO.key], NOW - timedelta(days=1)) == []
    assert await store.events_for_country("TM", NOW - timedelta(days=1)) == []
    record = await store.feed_record("https://a.example/rss")
    assert (record.approved, record.rejected) == (0, 1)


async def test_unheld_events_are_not_reviewable(store: Store) -> None:
    stored = await store.record_entries([NewEntry(entry("1"), (Placement(IMO, None),))], now=NOW)
    (event,) = stored.new_events
    case = await store.review_case(event.id)
    assert case is not None and case.review is None
    assert not await store.decide_review(event.id, "approved", 7, NOW)
    assert await store.correct_event(event.id, "country", "UZ", 7, NOW) is None


async def test_an_old_report_is_never_held(store: Store) -> None:
    stored = await store.record_entries(
        [NewEntry(entry("1"), (Placement(IMO, None, ("poor-feed",)),), notify=False)], now=NOW
    )
    case = await store.review_case(stored.new_events[0].id)
    assert case is not None and case.review is None


async def test_a_second_site_releases_a_held_event_and_the_same_site_does_not(
    store: Store,
) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    event_id = await held_event(store)
    same_site = Entry(
        feed_url="https://a.example/ru/rss",
        key="2",
        title="t",
        summary="s",
        link="https://www.a.example/ru/2",
        published=NOW,
    )
    await store.record_entries([NewEntry(same_site, (Placement(IMO, event_id),))], now=NOW)
    assert await due(store) == []
    await store.record_entries(
        [NewEntry(entry("3", "b.example"), (Placement(IMO, event_id),))], now=NOW
    )
    case = await store.review_case(event_id)
    assert case is not None and case.review == "approved" and case.reviewed_by is None
    assert await due(store) == [("1001", event_id)]


async def test_correcting_the_country_queues_for_the_new_countrys_subscribers(
    store: Store,
) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    await store.subscribe("telegram", "2002", ["UZ"])
    event_id = await held_event(store)
    assert await store.correct_event(event_id, "country", "UZ", 7, NOW) == event_id
    case = await store.review_case(event_id)
    assert case is not None and case.event.country == "UZ" and case.review == "pending"
    assert await store.decide_review(event_id, "approved", 7, NOW)
    assert await due(store) == [("2002", event_id)]
    assert [(e.action, e.detail) for e in await store.audit_log(5)][1] == (
        "correct",
        f"event {event_id} country TM -> UZ",
    )


async def test_a_correction_into_an_open_event_merges_into_it(store: Store) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    told = await store.record_entries(
        [NewEntry(entry("1", "b.example"), (Placement(Alert("TM", "whatsapp", "block"), None),))],
        now=NOW,
    )
    (whatsapp,) = told.new_events
    event_id = await held_event(store, key="2")
    assert await store.correct_event(event_id, "service", "whatsapp", 7, NOW) == whatsapp.id
    assert await store.review_case(event_id) is None
    merged = await store.review_case(whatsapp.id)
    assert merged is not None and len(merged.sources) == 2
    assert await due(store) == [("1001", whatsapp.id)]  # told once, not twice


async def test_an_announcement_reaches_every_listening_subscriber_on_every_channel(
    store: Store,
) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    await store.subscribe("email", "a@example.org", ["TM", "RU"])
    whatsapp_only = await store.subscribe("telegram", "1002", ["TM"])
    await store.subscribe("telegram", "3003", ["RU"])
    paused = await store.subscribe("telegram", "1004", ["TM"])
    await store.set_preferences(paused.id, Preferences(paused=True))
    await store.set_preferences(whatsapp_only.id, Preferences(services=frozenset({"whatsapp"})))
    assert await store.audience("TM") == {"email": 1, "telegram": 2}
    assert await store.announce("TM", "New bot address: @new_bot", 7, NOW) == 3
    # Every listening subscriber of TM, whatever services they follow; not the paused one.
    assert sorted(await due(store)) == [("1001", 1), ("1002", 1)]
    assert [address for address, _ in await due(store, "email")] == ["a@example.org"]
    report = await store.event_report(1)
    assert report.event.service == ANNOUNCEMENT
    assert report.sources[0].excerpt == "New bot address: @new_bot"
    assert await store.recent_events(None, 5) == []  # not a state of any service
    (audit,) = await store.audit_log(5)
    assert (audit.actor_id, audit.action) == (7, "announce")
    assert audit.detail.startswith("TM event 1, 3 deliveries")


async def test_stats_count_subscribers_by_state_and_deliveries_by_period(
    store: Store,
) -> None:
    await store.subscribe("telegram", "1", ["TM"])
    paused = await store.subscribe("telegram", "2", ["TM"])
    await store.set_preferences(paused.id, Preferences(paused=True))
    gone = await store.subscribe("telegram", "3", ["TM"])
    await store.set_active(gone.id, False)
    await store.subscribe("email", "a@example.org", ["TM"], confirmed=False)
    await store.subscribe("email", "b@example.org", ["RU"])
    await store.announce("TM", "one", 7, NOW - timedelta(days=3))
    await store.announce("RU", "two", 7, NOW)
    [sent] = await store.due_deliveries("telegram", NOW, 10)
    await store.mark_delivered(sent.subscriber.id, [sent.id], NOW)
    [failed] = await store.due_deliveries("email", NOW, 10)
    await store.mark_failed(failed.id, "550")

    stats = await store.stats(NOW)
    assert [(a.country, a.channel, a.active, a.paused, a.inactive) for a in stats.audience] == [
        ("RU", "email", 1, 0, 0),
        ("TM", "email", 0, 0, 1),
        ("TM", "telegram", 1, 1, 1),
    ]
    assert (stats.last_day.sent, stats.last_day.failed, stats.last_day.pending) == (0, 1, 0)
    assert (stats.last_week.sent, stats.last_week.failed, stats.last_week.pending) == (1, 1, 0)

"""The feed registry in the real SQLite store: seeding, moderators' changes across restarts, the
audit log, health read from what the pipeline stored, and /addfeed drafts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.models import Alert, Entry, FeedSpec, FeedState
from bot.core.records import NewEntry, Placement
from bot.core.registry import FeedDraft
from bot.feeds.desk import seed_registry
from storage.sqlite import SQLiteStorage
from storage.store import Store

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
MOD = 4242
A = FeedSpec("A", "https://a.example/rss", "en")
B = FeedSpec("B", "https://b.example/rss", "ru", "TM", timedelta(minutes=15))
C = FeedSpec("C", "https://c.example/rss", "uz")


def feeds_file(tmp_path: Path, *specs: FeedSpec) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(
        "\n".join(
            f'[[feed]]\nname = "{s.name}"\nurl = "{s.url}"\nlanguage = "{s.language}"\n'
            + (f'country = "{s.country}"\n' if s.country else "")
            + f"interval = {int(s.interval.total_seconds() // 60)}\n"
            for s in specs
        )
    )
    return path


async def test_changes_survive_restarts_and_feeds_toml_only_seeds(tmp_path: Path) -> None:
    db = tmp_path / "blockwatch.db"
    store = await SQLiteStorage.open(db)
    assert await seed_registry(store, feeds_file(tmp_path, A, B), T0) == [A, B]
    a, b = await store.registered_feeds()
    await store.set_feed_status(a.id, "removed", T0, actor_id=MOD)
    await store.set_feed_interval(b.id, 60, T0, actor_id=MOD)
    await store.close()

    # A restart: feeds.toml still lists A and says 15 minutes for B, and now lists C too.
    store = await SQLiteStorage.open(db)
    active = await seed_registry(store, feeds_file(tmp_path, A, B, C), T0 + timedelta(days=1))
    assert active == [FeedSpec("B", B.url, "ru", "TM", timedelta(minutes=60)), C]
    removed = await store.feed_by_url("http://www.a.example/rss/")  # any spelling
    assert removed is not None and removed.status == "removed"
    await store.close()


async def test_unedited_seeds_follow_the_file(tmp_path: Path, store: Store) -> None:
    await seed_registry(store, feeds_file(tmp_path, A, B), T0)
    renamed = FeedSpec("A renamed", A.url, "kk", "KZ", timedelta(minutes=45))
    assert await seed_registry(store, feeds_file(tmp_path, renamed, B), T0) == [renamed, B]


async def test_the_file_is_optional_once_the_registry_has_feeds(
    tmp_path: Path, store: Store
) -> None:
    missing = tmp_path / "nope.toml"
    await store.register_feed(C, "moderator", T0, actor_id=MOD)
    assert await seed_registry(store, missing, T0) == [C]


async def test_register_revive_and_audit(store: Store) -> None:
    feed, added = await store.register_feed(A, "moderator", T0, actor_id=MOD)
    assert added and (feed.status, feed.origin, feed.active_since) == ("active", "moderator", T0)
    again, added = await store.register_feed(
        FeedSpec("Other name", "http://a.example/rss/", "ru"), "moderator", T0, actor_id=MOD
    )
    assert not added and again == feed  # registered already: left as it was

    later = T0 + timedelta(days=3)
    assert await store.set_feed_status(feed.id, "removed", later, actor_id=MOD) is not None
    assert await store.set_feed_status(feed.id, "paused", later, actor_id=MOD) is None
    assert await store.set_feed_interval(feed.id, 10, later, actor_id=MOD) is None
    revived, added = await store.register_feed(
        replace_interval(A, 20), "moderator", later, actor_id=7
    )
    assert added and revived.id == feed.id
    assert (revived.status, revived.active_since, revived.spec.interval) == (
        "active",
        later,
        timedelta(minutes=20),
    )

    log = await store.audit_log(10)
    assert [(e.actor_id, e.action) for e in reversed(log)] == [
        (MOD, "addfeed"),
        (MOD, "removefeed"),
        (7, "addfeed"),
    ]
    assert f"#{feed.id} A <https://a.example/rss>" in log[0].detail and "revived" in log[0].detail


def replace_interval(spec: FeedSpec, minutes: int) -> FeedSpec:
    return FeedSpec(spec.name, spec.url, spec.language, spec.country, timedelta(minutes=minutes))


async def test_pause_resume_and_settings(store: Store) -> None:
    feed, _ = await store.register_feed(B, "seed", T0, actor_id=0)
    assert not feed.edited
    paused = await store.set_feed_status(feed.id, "paused", T0 + timedelta(hours=1), actor_id=MOD)
    assert paused is not None and (paused.status, paused.active_since, paused.edited) == (
        "paused",
        T0,
        True,
    )
    resumed_at = T0 + timedelta(days=2)
    resumed = await store.set_feed_status(feed.id, "active", resumed_at, actor_id=MOD)
    assert resumed is not None and resumed.active_since == resumed_at
    # Resuming an active feed does not restart its health clock.
    again = await store.set_feed_status(
        feed.id, "active", resumed_at + timedelta(days=1), actor_id=MOD
    )
    assert again is not None and again.active_since == resumed_at

    changed = await store.set_feed_country(feed.id, None, T0, actor_id=MOD)
    assert changed is not None and changed.spec.country is None
    changed = await store.set_feed_interval(feed.id, 120, T0, actor_id=MOD)
    assert changed is not None and changed.spec.interval == timedelta(hours=2)
    assert await store.set_feed_interval(999, 120, T0, actor_id=MOD) is None
    actions = [entry.action for entry in reversed(await store.audit_log(10))]
    assert actions == [
        "addfeed",
        "pausefeed",
        "resumefeed",
        "resumefeed",
        "feedcountry",
        "feedinterval",
    ]


async def test_health_comes_from_what_the_pipeline_stored(store: Store) -> None:
    feed, _ = await store.register_feed(A, "seed", T0, actor_id=0)
    other, _ = await store.register_feed(C, "seed", T0, actor_id=0)
    for key, hours in (("1", 1), ("2", 5), ("3", 3)):
        entry = Entry(A.url, key, f"title {key}", "s", source="A")
        alerts = (
            [Placement(Alert("TM", "imo", "block"), None if key == "1" else 1)]
            if key in ("1", "2")
            else []
        )
        await store.record_entries(
            [NewEntry(entry, tuple(alerts), notify=False)], now=T0 + timedelta(hours=hours)
        )
    await store.save_feed_state(
        FeedState(A.url, failures=2, last_error="HTTP 500", last_success=T0 + timedelta(hours=4))
    )
    views = {view.feed.id: view.health for view in await store.feed_views()}
    health = views[feed.id]
    assert (health.items_seen, health.events_found, health.newest_item_at) == (
        3,
        1,
        T0 + timedelta(hours=5),
    )
    assert (health.state.failures, health.state.last_error) == (2, "HTTP 500")
    assert views[other.id].items_seen == 0 and views[other.id].state == FeedState(C.url)

    await store.mark_feeds_reported([feed.id], T0)
    assert (await store.registered_feed(feed.id)).reported_at == T0  # type: ignore[union-attr]


async def test_drafts_are_kept_updated_and_expire(store: Store) -> None:
    draft = await store.save_feed_draft(FeedDraft(0, MOD, B, T0))
    assert draft.id and await store.feed_draft(draft.id) == draft
    changed = FeedDraft(draft.id, MOD, replace_interval(B, 60), T0)
    await store.save_feed_draft(changed)
    assert await store.feed_draft(draft.id) == changed
    # A new draft a day later sweeps the old one away, and never takes its id.
    new = await store.save_feed_draft(FeedDraft(0, MOD, A, T0 + timedelta(days=1, minutes=1)))
    assert await store.feed_draft(draft.id) is None and new.id != draft.id
    newer = await store.save_feed_draft(FeedDraft(0, MOD, C, T0 + timedelta(days=1, minutes=2)))
    await store.drop_feed_draft(newer.id)
    assert await store.feed_draft(newer.id) is None

"""storage/mail.py: answered Message-IDs, bounce counting and stories, on the real SQLite store."""

from __future__ import annotations

from datetime import timedelta

from storage.store import Store
from tests.support.mailchat import record
from tests.support.manualclock import NOW


async def test_a_message_id_is_remembered_once(store: Store) -> None:
    assert not await store.mail_handled("<a@example.tm>")
    await store.record_mail_handled("<a@example.tm>", NOW)
    await store.record_mail_handled("<a@example.tm>", NOW)  # twice: no error
    assert await store.mail_handled("<a@example.tm>")
    assert not await store.mail_handled("<b@example.tm>")


async def test_refusals_in_a_row_stop_mail_and_an_accepted_one_resets(
    store: Store,
) -> None:
    subscriber = await store.subscribe("email", "gone@example.tm", ["TM"])
    assert not await store.note_refusal(subscriber.id, limit=3)
    await record(store, "imo", "block")
    [row] = await store.due_deliveries("email", NOW, 10)
    # The mailbox came back: a message marked delivered starts the count over (schema 0006).
    await store.mark_delivered(subscriber.id, [row.id], NOW)
    assert not await store.note_refusal(subscriber.id, limit=3)
    assert not await store.note_refusal(subscriber.id, limit=3)
    assert await store.note_refusal(subscriber.id, limit=3)
    bouncing = await store.subscriber("email", "gone@example.tm")
    assert bouncing is not None and not bouncing.active
    assert not await store.note_refusal(9999, limit=1)  # no such subscriber: nothing happens


async def test_an_event_knows_the_first_event_of_its_story(store: Store) -> None:
    day = timedelta(days=1)
    await record(store, "imo", "block", when=NOW)
    await record(store, "imo", "unblock", when=NOW + 10 * day)
    await record(store, "whatsapp", "block", when=NOW + 11 * day)  # another service
    await record(store, "imo", "block", when=NOW + 95 * day)  # the first is out of reach
    await record(store, "imo", "block", when=NOW + 300 * day)  # a new story
    stories = [(await store.event_report(event_id)).story_id for event_id in range(1, 6)]
    # the unblock follows the block; 95 days on, the unblock (itself threaded) is the root
    assert stories == [None, 1, None, 2, None]

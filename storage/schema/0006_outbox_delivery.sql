-- Schema 6: delivery costs what the batch holds, not what waits behind it (bench/deliver_email.py).

-- due_deliveries (storage/subscribers.py) takes the subscribers waiting longest: it walks the
-- pending rows in id order and stops once it has a batch. Sent rows (kept for the record)
-- are not in the index, and the walk reads what it filters on from the index alone, so a row
-- that is not due yet (a digest waiting for its hour) costs one index entry, not a table read.
CREATE INDEX outbox_waiting ON outbox (id, next_attempt_at, subscriber_id, event_id)
    WHERE status = 'pending';

-- Then every pending row of the subscribers it took: a subscriber's history of sent rows
-- grows for years, its pending rows do not.
CREATE INDEX outbox_waiting_by_subscriber ON outbox (subscriber_id, id) WHERE status = 'pending';

-- Read only by the query these two replace: every pending row due by now, in time order, which
-- had to be grouped and sorted as a whole to find the oldest subscribers.
DROP INDEX outbox_due;

-- Refusals (SMTP 5xx) count only in a row: a row marked sent means the server accepted a
-- message, so the count starts over. Here rather than as a second statement, so that marking a
-- message delivered is one statement, in one round trip to aiosqlite's thread, and the two
-- changes still commit together.
CREATE TRIGGER outbox_sent_resets_refusals AFTER UPDATE OF status ON outbox
    WHEN new.status = 'sent' AND old.status != 'sent'
BEGIN
    UPDATE subscribers SET refusals = 0 WHERE id = new.subscriber_id AND refusals > 0;
END;

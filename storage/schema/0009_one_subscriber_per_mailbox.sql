-- Schema 11: one subscriber per mailbox. 'Q@Example.ORG' and 'q@example.org' were two
-- subscribers, each sent every alert, and a STOP from one spelling left the other subscribed.
-- From now on an email address is stored with its domain in lower case (bot/core/addresses.py, the
-- local part as written) and compared without regard to case (storage/subscribers.py). Here the
-- rows stored before get the same treatment: the spellings of one mailbox are merged into one
-- subscriber, and every domain is lower-cased. Case means ASCII case throughout, as SQLite's
-- lower() and NOCASE fold it. Telegram chats are untouched.

-- 1. Who merges into whom: within one mailbox the confirmed, active, oldest subscriber stays.
CREATE TEMP TABLE mailbox_merge AS
SELECT id AS old_id, keep_id, token AS old_token FROM (
    SELECT id, token, first_value(id) OVER (
        PARTITION BY lower(address) ORDER BY confirmed DESC, active DESC, id) AS keep_id
    FROM subscribers WHERE channel = 'email')
WHERE id <> keep_id;

-- 2. The one who stays gets every country either spelling asked for.
INSERT OR IGNORE INTO subscriptions (subscriber_id, country)
SELECT m.keep_id, s.country FROM subscriptions s JOIN mailbox_merge m ON m.old_id = s.subscriber_id;

-- 3. An alert the mailbox already got under another spelling counts as sent: not again.
UPDATE outbox SET status = 'sent', sent_at = (
    SELECT max(o.sent_at) FROM outbox o JOIN mailbox_merge m ON m.old_id = o.subscriber_id
    WHERE m.keep_id = outbox.subscriber_id AND o.event_id = outbox.event_id AND o.status = 'sent')
WHERE status = 'pending' AND EXISTS (
    SELECT 1 FROM outbox o JOIN mailbox_merge m ON m.old_id = o.subscriber_id
    WHERE m.keep_id = outbox.subscriber_id AND o.event_id = outbox.event_id AND o.status = 'sent');

-- 4. The rest of their outbox rows (history, and alerts still owed) move over; a row for an
--    event the one who stays has already is a repeat: left behind, and deleted in step 7.
UPDATE OR IGNORE outbox SET subscriber_id = (
    SELECT keep_id FROM mailbox_merge WHERE old_id = outbox.subscriber_id)
WHERE subscriber_id IN (SELECT old_id FROM mailbox_merge);

-- 5. A confirmation awaited under the merged spelling still works when the one who stays has
--    none of its own (tokens are unique: the old rows give theirs up first).
UPDATE subscribers SET token = NULL WHERE id IN (SELECT old_id FROM mailbox_merge);
UPDATE subscribers SET token = (
    SELECT old_token FROM mailbox_merge
    WHERE keep_id = subscribers.id AND old_token IS NOT NULL ORDER BY old_id LIMIT 1)
WHERE token IS NULL AND id IN (SELECT keep_id FROM mailbox_merge);

-- 6. Mail sent before the merge carries one-click links signed with the merged id
--    (bot/mail/links.py): forget() follows this table, so those links still unsubscribe.
--    Ids only, no address; deleted with the subscriber.
CREATE TABLE subscriber_aliases (
    old_id        INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE
);
INSERT INTO subscriber_aliases (old_id, subscriber_id) SELECT old_id, keep_id FROM mailbox_merge;

-- 7. The merged rows go, with (by cascade) whatever of theirs was not moved.
DELETE FROM subscribers WHERE id IN (SELECT old_id FROM mailbox_merge);
DROP TABLE mailbox_merge;

-- 8. Domains in lower case: everything up to the last '@' (rtrim strips the characters that
--    are not '@' from the end) stays as written, the rest is lowered. No two rows can collide:
--    step 7 left one row per lower(address).
--    Note: a domain stored in Unicode rather than in its ASCII (IDNA) form, which storage now
--    uses, keeps its non-ASCII letters; such a subscriber still gets its alerts but is not
--    found by address. None is expected (mail headers carry the ASCII form); to find any:
--    SELECT id FROM subscribers WHERE channel = 'email' AND address GLOB '*@*[^ -~]*';
UPDATE subscribers
SET address = rtrim(address, replace(address, '@', ''))
    || lower(substr(address, length(rtrim(address, replace(address, '@', ''))) + 1))
WHERE channel = 'email' AND instr(address, '@') > 0;

-- 9. And from now on, one row per mailbox: what subscribe() relies on (its upsert has no
--    conflict target, so it meets this index as well as UNIQUE (channel, address)).
CREATE UNIQUE INDEX subscribers_by_mailbox ON subscribers (address COLLATE NOCASE)
    WHERE channel = 'email';

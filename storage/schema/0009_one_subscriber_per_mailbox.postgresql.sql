-- Schema 9 on PostgreSQL (0009_one_subscriber_per_mailbox.sql says why). No PostgreSQL database
-- holds subscribers from before this migration (the PostgreSQL store came after it, and
-- `blockwatch db copy` fills a database already at the newest version), so there is nothing to
-- merge: only the alias table and the rule.

CREATE TABLE subscriber_aliases (
    old_id        INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE
);

-- One chat, or one mailbox in any case. One index for both channels, because an upsert on
-- PostgreSQL names the one index it meets: subscribe()'s (storage/pg_sql.py CONFLICT_TARGETS).
-- It also keeps what UNIQUE (channel, address) keeps.
CREATE UNIQUE INDEX subscribers_by_mailbox ON subscribers
    (channel, (CASE WHEN channel = 'email' THEN lower(address) ELSE address END));
-- subscriber() looks a mailbox up as lower(address) = lower(?) (storage/pg_sql.py).
CREATE INDEX subscribers_by_lower_address ON subscribers (lower(address)) WHERE channel = 'email';

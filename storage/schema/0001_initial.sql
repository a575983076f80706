-- Blockwatch schema, version 1.
-- Migrations are applied in file-name order; each one moves PRAGMA user_version to its number.
-- Times are ISO 8601 strings in UTC ("2026-11-23T09:00:00+00:00"), which sort as text.

-- What we remember about each feed between polls. Keyed by the URL in feeds.toml, so a
-- permanent redirect changes redirect_url, never the key.
CREATE TABLE feed_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT,              -- verbatim from the server, sent back as If-None-Match
    last_modified TEXT,              -- verbatim, sent back as If-Modified-Since
    redirect_url  TEXT,              -- where a 301/308 sent us: polled instead of url
    failures      INTEGER NOT NULL DEFAULT 0,  -- consecutive failures, for backoff
    retry_at      TEXT,              -- no poll before this time
    last_success  TEXT,
    last_error    TEXT               -- reason of the latest failure, for moderators
);

-- Every feed item we have seen, stored once. (feed_url, entry_key) is the item within its
-- feed; url_key (the normalised link) recognises the same story arriving through another feed.
CREATE TABLE entries (
    id         INTEGER PRIMARY KEY,
    feed_url   TEXT NOT NULL,
    entry_key  TEXT NOT NULL,
    url_key    TEXT,
    source     TEXT NOT NULL,        -- the feed's display name
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL,        -- plain text
    link       TEXT,
    language   TEXT NOT NULL,
    published  TEXT,                 -- NULL when the feed gave no usable date
    fetched_at TEXT NOT NULL,
    UNIQUE (feed_url, entry_key)
);
CREATE INDEX entries_by_url_key ON entries (url_key) WHERE url_key IS NOT NULL;

-- A happening: one country taking one action on one service, merged across reports.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    country    TEXT NOT NULL,        -- ISO 3166-1 alpha-2
    service    TEXT NOT NULL,        -- service id (whatsapp, telegram, imo, internet, ...)
    action     TEXT NOT NULL CHECK (action IN ('block', 'throttle', 'unblock')),
    first_seen TEXT NOT NULL,        -- time of the earliest report
    last_seen  TEXT NOT NULL         -- time of the latest report
);
CREATE INDEX events_by_key ON events (country, service, action, last_seen);

-- Which entries reported which event, with the evidence the detector gave (JSON).
CREATE TABLE event_sources (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    evidence TEXT,
    PRIMARY KEY (event_id, entry_id)
);

-- People and groups who get alerts. address is a Telegram chat id or an email address:
-- the only personal data we keep, deleted with the subscriber.
CREATE TABLE subscribers (
    id         INTEGER PRIMARY KEY,
    channel    TEXT NOT NULL CHECK (channel IN ('telegram', 'email')),
    address    TEXT NOT NULL,
    language   TEXT NOT NULL DEFAULT 'en',
    active     INTEGER NOT NULL DEFAULT 1,   -- 0: blocked the bot / bouncing; settings kept
    created_at TEXT NOT NULL,
    UNIQUE (channel, address)
);

CREATE TABLE subscriptions (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    country       TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, country)
);
CREATE INDEX subscriptions_by_country ON subscriptions (country);

-- The outbox: one row per alert owed to a subscriber. A row is queued in the same transaction
-- that opens the event, and marked sent only after the server accepted the message, so a crash
-- neither loses an alert nor (outside that last instant) repeats one.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    subscriber_id   INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    UNIQUE (subscriber_id, event_id)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

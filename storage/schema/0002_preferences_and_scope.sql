-- Blockwatch schema, version 2: what each subscriber wants, and phases of an event.

-- An event's scope: 'full' (the service is blocked/slowed as a whole) or 'partial' (one feature
-- such as calls, or one region). Restricting calls and later blocking the whole messenger are
-- two phases, so two events: scope is part of the key that merges reports.
ALTER TABLE events ADD COLUMN scope TEXT NOT NULL DEFAULT 'full'
    CHECK (scope IN ('full', 'partial'));
DROP INDEX events_by_key;
CREATE INDEX events_by_key ON events (country, service, action, scope, last_seen);

-- What a subscriber asked for. `active` (version 1) is ours: the address refuses mail or
-- blocked the bot. `paused` is theirs: /stop or STOP, undone by /start.
ALTER TABLE subscribers ADD COLUMN services TEXT;             -- comma-separated ids; NULL: all
ALTER TABLE subscribers ADD COLUMN actions TEXT NOT NULL DEFAULT 'block,throttle,unblock';
ALTER TABLE subscribers ADD COLUMN frequency TEXT NOT NULL DEFAULT 'instant'
    CHECK (frequency IN ('instant', 'daily', 'weekly'));
ALTER TABLE subscribers ADD COLUMN digest_hour INTEGER NOT NULL DEFAULT 8
    CHECK (digest_hour BETWEEN 0 AND 23);                     -- local hour of the digest
ALTER TABLE subscribers ADD COLUMN digest_weekday INTEGER NOT NULL DEFAULT 0
    CHECK (digest_weekday BETWEEN 0 AND 6);                   -- 0 = Monday, weekly digests
ALTER TABLE subscribers ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';  -- IANA name
ALTER TABLE subscribers ADD COLUMN quiet_start INTEGER;       -- local hours of silent delivery;
ALTER TABLE subscribers ADD COLUMN quiet_end INTEGER;         -- NULL: no quiet hours
ALTER TABLE subscribers ADD COLUMN topic_id INTEGER;          -- Telegram forum topic for alerts
ALTER TABLE subscribers ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
-- Email double opt-in: 0 until the person confirmed. Operator and Telegram subscriptions are 1.
ALTER TABLE subscribers ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1;
-- Unguessable, for confirmation replies and one-click unsubscribe links.
ALTER TABLE subscribers ADD COLUMN token TEXT;
CREATE UNIQUE INDEX subscribers_by_token ON subscribers (token) WHERE token IS NOT NULL;
-- Consecutive permanent refusals (bounces); reset by any accepted message.
ALTER TABLE subscribers ADD COLUMN refusals INTEGER NOT NULL DEFAULT 0;

-- Blockwatch's schema as it stands after the numbered migrations beside this file (0001 to
-- 0012), written out in one place for reading: every table with all its columns, its indexes
-- and triggers beside it, and the migrations' comments. [0002] marks what a migration added.
--
-- The database is still built by the migrations alone (storage/migrate.py, PRAGMA
-- user_version). This file is not a migration: migrate.py takes only files named
-- NNNN_name.sql. tests/storage/test_schema.py builds it into a fresh database and checks that
-- it holds the same tables, indexes and triggers, with the same SQL up to comments and spacing,
-- and the same user_version, as a fresh database the migrations built.
--
-- When you add a migration NNNN_what.sql, make the same change here in the same commit:
--   * a column added by ALTER TABLE goes last among its table's columns (before the table's
--     constraints), where SQLite puts it; a table rebuilt takes its new CREATE TABLE;
--   * an index or trigger goes beside its table, a dropped one goes;
--   * the migration's comments come along, marked [NNNN];
--   * the user_version at the end becomes NNNN.
-- `python -m tests.support.schema` prints the SQL of what the migrations build, and the test
-- names each object that differs.
--
-- Times are ISO 8601 strings in UTC ("2026-11-23T09:00:00+00:00"), which sort as text.


-- === Feeds =====================================================================================

-- [0005] The feed registry. feeds.toml seeds it; moderators change it at runtime (/feeds,
-- /addfeed, `blockwatch feeds import`) and their changes survive restarts. One row per feed ever
-- registered. url is the feed's identity, as in feed_state.url and entries.feed_url; url_key
-- (bot.core.urls.normalise_url) keeps http/https and www. twins out. A removed feed keeps its
-- row with status 'removed', so feeds.toml cannot bring it back; /addfeed of the same URL
-- revives it.
CREATE TABLE feeds (
    id           INTEGER PRIMARY KEY,    -- short and stable: what Telegram buttons carry
    url          TEXT NOT NULL UNIQUE,
    url_key      TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,          -- shown to subscribers as the source
    language     TEXT NOT NULL,          -- ISO 639-1: which vocabulary the detector uses
    country      TEXT,                   -- ISO 3166-1 alpha-2, used when an item names none
    interval_min INTEGER NOT NULL CHECK (interval_min BETWEEN 5 AND 1440),
    status       TEXT NOT NULL DEFAULT 'active'
                 CHECK (status IN ('active', 'paused', 'removed')),
    origin       TEXT NOT NULL CHECK (origin IN ('seed', 'moderator', 'opml')),
    -- 1 once a moderator changed the feed: from then on feeds.toml no longer updates it.
    edited       INTEGER NOT NULL DEFAULT 0,
    added_at     TEXT NOT NULL,
    active_since TEXT NOT NULL,          -- added, revived or last resumed: health counts from here
    reported_at  TEXT,                   -- moderators last told it is failing or quiet
    -- [0012] 1: the outlet's terms let us send its articles whole (feeds.toml `full_text`, or a
    -- moderator in /feeds); 0: only the opening sentences go out.
    full_text    INTEGER NOT NULL DEFAULT 0
);

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

-- [0005] /addfeed previews waiting for a moderator's Save: the feed found and the choices so
-- far. In the database so that a button pressed after a restart still works; old ones are
-- dropped.
CREATE TABLE feed_drafts (
    -- AUTOINCREMENT: a dropped draft's id is never reused, so its old buttons stay dead.
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id     INTEGER NOT NULL,       -- the moderator who asked (a Telegram user id)
    url          TEXT NOT NULL,          -- the feed itself, after discovery
    name         TEXT NOT NULL,
    language     TEXT NOT NULL,
    country      TEXT,
    interval_min INTEGER NOT NULL CHECK (interval_min BETWEEN 5 AND 1440),
    created_at   TEXT NOT NULL
);


-- === Entries and events ========================================================================

-- Every feed item we have seen, stored once. (feed_url, entry_key) is the item within its
-- feed; url_key (the normalised link) recognises the same story arriving through another feed.
-- [0008] Entries are pruned once their feeds have stopped showing them for the retention period
-- (storage/retention.py); titles and summaries are capped as they are stored
-- (storage/entries.py).
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
    -- [0008] The UTC day (YYYY-MM-DD) the entry was last in a feed's body: the feed that stored
    -- it, or any feed carrying the same link. Moved forward at most once a day per entry, on
    -- the first poll that shows it again (a 304 shows nothing, and moves nothing). An entry is
    -- pruned only when its day is older than the retention period and older than the day its
    -- feed last brought a new entry: one still in its feed's latest body is never pruned, so it
    -- never comes back "new".
    seen_on    TEXT,
    UNIQUE (feed_url, entry_key)
);
CREATE INDEX entries_by_url_key ON entries (url_key) WHERE url_key IS NOT NULL;
-- [0005] Health per feed counts its stored items and the time of the newest one.
CREATE INDEX entries_by_feed ON entries (feed_url, fetched_at);
-- [0008] A feed's entries last seen before a day, by index (the day a feed last brought a new
-- entry comes from entries_by_feed).
CREATE INDEX entries_by_seen_on ON entries (feed_url, seen_on);
-- [0008] Rows written without seen_on (moderators' announcements) are seen on the day they were
-- written.
CREATE TRIGGER entries_seen_on AFTER INSERT ON entries WHEN new.seen_on IS NULL
BEGIN
    UPDATE entries SET seen_on = substr(new.fetched_at, 1, 10) WHERE id = new.id;
END;

-- A happening: one country taking one action on one service, merged across reports.
CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    country            TEXT NOT NULL,  -- ISO 3166-1 alpha-2
    service            TEXT NOT NULL,  -- service id (whatsapp, telegram, imo, internet, ...)
    action             TEXT NOT NULL CHECK (action IN ('block', 'throttle', 'unblock')),
    first_seen         TEXT NOT NULL,  -- time of the earliest report
    last_seen          TEXT NOT NULL,  -- time of the latest report
    -- [0002] 'full' (the service is blocked/slowed as a whole) or 'partial' (one feature such
    -- as calls, or one region). Restricting calls and later blocking the whole messenger are
    -- two phases, so two events: scope is part of the key that merges reports.
    scope              TEXT NOT NULL DEFAULT 'full'
                       CHECK (scope IN ('full', 'partial')),
    -- [0004] The review queue, on the event itself. NULL for an event that never needed one;
    -- 'pending': held, its outbox rows wait (due_deliveries skips them); 'approved': a
    -- moderator let it out, or an independent second source did (reviewed_by NULL);
    -- 'rejected': never sent, kept off the boards, and a later report of the same thing opens
    -- a new event.
    review             TEXT CHECK (review IN ('pending', 'approved', 'rejected')),
    review_reasons     TEXT,           -- [0004] why it was held (bot/core/review.py)
    reviewed_by        INTEGER,        -- [0004] the moderator's user id
    reviewed_at        TEXT,           -- [0004]
    review_notified_at TEXT            -- [0004] when moderators got its card
);
CREATE INDEX events_by_key ON events (country, service, action, scope, last_seen);  -- [0002]
CREATE INDEX events_in_review ON events (id) WHERE review = 'pending';  -- [0004]

-- Which entries reported which event, with the evidence the detector gave (JSON).
CREATE TABLE event_sources (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    evidence TEXT,
    PRIMARY KEY (event_id, entry_id)
);
-- [0008] Deleting an entry deletes its event_sources rows (ON DELETE CASCADE): by index, not by
-- scan.
CREATE INDEX event_sources_by_entry ON event_sources (entry_id);


-- === Subscribers and the outbox ================================================================

-- People and groups who get alerts. address is a Telegram chat id or an email address:
-- the only personal data we keep, deleted with the subscriber.
-- [0002] What a subscriber asked for. `active` is ours: the address refuses mail or blocked the
-- bot. `paused` is theirs: /stop or STOP, undone by /start.
-- [0009] An email address is stored with its domain in lower case (bot/core/addresses.py, the
-- local part as written) and compared without regard to case (storage/subscribers.py).
CREATE TABLE subscribers (
    id             INTEGER PRIMARY KEY,
    channel        TEXT NOT NULL CHECK (channel IN ('telegram', 'email')),
    address        TEXT NOT NULL,
    language       TEXT NOT NULL DEFAULT 'en',
    active         INTEGER NOT NULL DEFAULT 1,  -- 0: blocked the bot / bouncing; settings kept
    created_at     TEXT NOT NULL,
    services       TEXT,                        -- [0002] comma-separated ids; NULL: all
    actions        TEXT NOT NULL DEFAULT 'block,throttle,unblock',  -- [0002]
    frequency      TEXT NOT NULL DEFAULT 'instant'
                   CHECK (frequency IN ('instant', 'daily', 'weekly')),  -- [0002]
    digest_hour    INTEGER NOT NULL DEFAULT 8
                   CHECK (digest_hour BETWEEN 0 AND 23),  -- [0002] local hour of the digest
    digest_weekday INTEGER NOT NULL DEFAULT 0
                   CHECK (digest_weekday BETWEEN 0 AND 6),  -- [0002] 0 = Monday, weekly digests
    timezone       TEXT NOT NULL DEFAULT 'UTC',  -- [0002] IANA name
    quiet_start    INTEGER,          -- [0002] local hours of silent delivery;
    quiet_end      INTEGER,          -- [0002] NULL: no quiet hours
    topic_id       INTEGER,          -- [0002] Telegram forum topic for alerts
    paused         INTEGER NOT NULL DEFAULT 0,  -- [0002]
    -- [0002] Email double opt-in: 0 until the person confirmed. Operator and Telegram
    -- subscriptions are 1.
    confirmed      INTEGER NOT NULL DEFAULT 1,
    -- [0002] Unguessable, for confirmation replies and one-click unsubscribe links.
    token          TEXT,
    -- [0002] Consecutive permanent refusals (bounces); reset by any accepted message.
    refusals       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel, address)
);
CREATE UNIQUE INDEX subscribers_by_token ON subscribers (token) WHERE token IS NOT NULL;
-- [0009] One row per mailbox: what subscribe() relies on (its upsert has no conflict target, so
-- it meets this index as well as UNIQUE (channel, address)).
CREATE UNIQUE INDEX subscribers_by_mailbox ON subscribers (address COLLATE NOCASE)
    WHERE channel = 'email';

CREATE TABLE subscriptions (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    country       TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, country)
);
CREATE INDEX subscriptions_by_country ON subscriptions (country);

-- [0009] Mail sent before two spellings of one mailbox were merged carries one-click links
-- signed with the merged id (bot/mail/links.py): forget() follows this table, so those links
-- still unsubscribe. Ids only, no address; deleted with the subscriber.
CREATE TABLE subscriber_aliases (
    old_id        INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE
);

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
    -- [0010] The event whose Message-ID the message that carried this row had: the lead of its
    -- story (bot/delivery/stories.py), so the unblock of any event of a story told in one mail
    -- replies to that mail. NULL: not sent yet, or sent before 0010 (read as the row's own
    -- event). Not a reference to events: it is what a header said.
    message_event   INTEGER,
    -- [0013] Who holds the row while it is sent, on a shared PostgreSQL database: the token of
    -- one claim ("host/pid/random", storage/shared.py); renewing the lease and marking the row
    -- ask for it, so an instance never touches rows another took. NULL: nobody (SQLite: always).
    claim_token     TEXT,
    UNIQUE (subscriber_id, event_id)
);
-- [0006] due_deliveries (storage/subscribers.py) takes the subscribers waiting longest: it
-- walks the pending rows in id order and stops once it has a batch. Sent rows (kept for the
-- record) are not in the index, and the walk reads what it filters on from the index alone, so
-- a row that is not due yet (a digest waiting for its hour) costs one index entry, not a table
-- read.
CREATE INDEX outbox_waiting ON outbox (id, next_attempt_at, subscriber_id, event_id)
    WHERE status = 'pending';
-- [0006] Then every pending row of the subscribers it took: a subscriber's history of sent rows
-- grows for years, its pending rows do not.
CREATE INDEX outbox_waiting_by_subscriber ON outbox (subscriber_id, id) WHERE status = 'pending';
-- [0013] Renewing a claim finds its rows by their token; a mark clears it, so this index holds
-- only the rows being sent now.
CREATE INDEX outbox_claims ON outbox (claim_token) WHERE claim_token IS NOT NULL;
-- [0006] Refusals (SMTP 5xx) count only in a row: a row marked sent means the server accepted a
-- message, so the count starts over. Here rather than as a second statement, so that marking a
-- message delivered is one statement, in one round trip to aiosqlite's thread, and the two
-- changes still commit together.
CREATE TRIGGER outbox_sent_resets_refusals AFTER UPDATE OF status ON outbox
    WHEN new.status = 'sent' AND old.status != 'sent'
BEGIN
    UPDATE subscribers SET refusals = 0 WHERE id = new.subscriber_id AND refusals > 0;
END;


-- === Mail ======================================================================================

-- [0003] Each incoming command mail, by its Message-ID, once answered: the IMAP keyword is the
-- first guard against answering twice, this is the second (a crash between reply and keyword, a
-- copy of the mail in another folder, a server that lost the keyword). No address, no text.
CREATE TABLE mail_handled (
    message_id TEXT PRIMARY KEY,   -- as written in the header, angle brackets included
    handled_at TEXT NOT NULL
);

-- [0003] The key that signs one-click unsubscribe links (bot/mail/links.py): one row, made on
-- first use from the operating system's randomness. Losing it only invalidates links already
-- sent.
CREATE TABLE mail_secret (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value BLOB NOT NULL
);

-- [0007] Answers by mail are rate-limited (bot/mail/inbox/limits.py). Anyone can put anyone's
-- address in From, and a robot that answers every mail loops with us: so every answer counts
-- against its recipient and against the hour, and a correspondent that answers each of our
-- answers within moments gets none for a day. No address is kept for this: `correspondent` is
-- an HMAC-SHA256 (keyed with mail_secret) of the lower-cased address, truncated to 32 hex
-- digits. Rows older than a day, the longest window, are deleted on each poll that has mail to
-- handle (storage/mail.py prune_mail_limits).

-- [0007] One row per answer sent: the limits are counts of rows in the last hour and day.
-- [0012] rebuilt to admit 'article': an answer carrying an article, limited a day apart.
CREATE TABLE mail_replies (
    id            INTEGER PRIMARY KEY,
    correspondent TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('answer', 'confirm', 'stop', 'article')),
                                      -- confirm and stop: a request to confirm a subscription
                                      -- or a STOP
    sent_at       TEXT NOT NULL       -- ISO 8601, UTC
);
CREATE INDEX mail_replies_to ON mail_replies (correspondent, sent_at);
CREATE INDEX mail_replies_by_time ON mail_replies (sent_at);  -- the hour's total, and pruning

-- [0007] What the limits remember of each correspondent that wrote in the last day.
CREATE TABLE mail_correspondents (
    correspondent TEXT PRIMARY KEY,
    quick_mails   INTEGER NOT NULL,   -- mails in a row that came within moments of our answer
    muted_until   TEXT,               -- no answer to this address before then (ISO 8601, UTC)
    deferred      INTEGER NOT NULL DEFAULT 0,  -- answers the SMTP server put off (4xx) in a
                                      -- row: a recipient refused "for now" forever must not
                                      -- keep its mail, and every mail behind it, unhandled
    seen_at       TEXT NOT NULL       -- its last mail: rows unseen for a day are pruned
);


-- [0012] The numbered sources of each alert or digest we sent by mail: "ARTICLE 2" in a reply to
-- that mail (or in a new mail: the subscriber's latest) names one of them, and nothing else can
-- be asked for. Deleted with the subscriber; kept 30 days (storage/articles.py).
CREATE TABLE mail_sources (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    message_id    TEXT NOT NULL,     -- the Message-ID of our mail, with its angle brackets
    number        INTEGER NOT NULL,  -- 1, 2, ... as the mail printed it
    entry_id      INTEGER NOT NULL,  -- entries.id; not a reference: an entry may be pruned first
    sent_at       TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, message_id, number)
);
CREATE INDEX mail_sources_by_time ON mail_sources (subscriber_id, sent_at);

-- [0012] Articles as extracted (bot/feeds/extract.py), keyed by the URL asked for: fetched again
-- only when stale, and then with the page's validators. The text of a public page, no personal
-- data.
CREATE TABLE article_cache (
    url           TEXT PRIMARY KEY,
    fetched_at    TEXT NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    title         TEXT NOT NULL,
    author        TEXT,
    published     TEXT,
    paragraphs    TEXT NOT NULL,     -- JSON list of strings
    links         TEXT NOT NULL      -- JSON list of URLs
);

-- === Moderation ================================================================================

-- [0004] Moderators added at runtime (/addmod). Those listed in BLOCKWATCH_MODERATORS are not
-- stored here: the environment is their record, so only the operator can remove them.
CREATE TABLE moderators (
    user_id  INTEGER PRIMARY KEY,    -- Telegram user id: a person, never a chat
    added_by INTEGER NOT NULL,       -- the moderator who added them; 0: the command line
    added_at TEXT NOT NULL
);

-- [0004] Every moderator action: who, what, when. Never pruned, and never holds subscriber
-- data: `detail` names events, countries, feeds and moderators' user ids only.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor_id INTEGER NOT NULL,       -- Telegram user id; 0: the operator on the command line
    action   TEXT NOT NULL,          -- addmod, delmod, approve, reject, correct, announce, ...
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at);

-- [0004] Moderators' changes to the detector's action words (the [actions] lists of
-- bot/detect/vocab/lang/<language>.toml), laid over the files when the detector is built and
-- at once when a moderator applies one. 'add' puts a pattern into a list; 'remove' takes one of
-- the file's patterns out of it. Undoing a change deletes its row.
CREATE TABLE vocab_overlay (
    language   TEXT NOT NULL,   -- ISO 639-1: a file of bot/detect/vocab/lang/
    list       TEXT NOT NULL CHECK (list IN ('block', 'block_weak', 'throttle', 'unblock')),
    pattern    TEXT NOT NULL,   -- the vocabulary's pattern syntax (bot/detect/vocab/README.md)
    change     TEXT NOT NULL CHECK (change IN ('add', 'remove')),
    changed_by INTEGER NOT NULL,  -- the moderator's user id
    changed_at TEXT NOT NULL,
    PRIMARY KEY (language, list, pattern)
);


-- === Housekeeping ==============================================================================

-- [0008] Jobs that run at most once a day whichever process gets there first (a service,
-- cron's `run --once`, or both): claimed by moving done_on to today in one statement.
CREATE TABLE housekeeping (
    task    TEXT PRIMARY KEY,
    done_on TEXT NOT NULL   -- UTC day (YYYY-MM-DD) it last ran
);


-- === OONI ======================================================================================

-- [0011] OONI's answers, cached per country, test, domains and UTC day (bot/ooni/client.py):
-- a restart or cron's next run neither asks again within the hour nor lacks the figure.
-- Answers older than a week are deleted when a new one is written.
CREATE TABLE ooni_answers (
    country    TEXT NOT NULL,  -- ISO 3166-1 alpha-2
    test_name  TEXT NOT NULL,  -- web_connectivity, whatsapp, telegram, signal, ...
    domains    TEXT NOT NULL,  -- comma-joined; '' for the tests that take none
    day        TEXT NOT NULL,  -- UTC day (YYYY-MM-DD) the answer was asked on
    fetched_at TEXT NOT NULL,
    -- JSON rows [start (ISO UTC), measurements, anomalies, confirmed, failures, ok]
    buckets    TEXT NOT NULL,
    PRIMARY KEY (country, test_name, domains, day)
);


PRAGMA user_version = 13;

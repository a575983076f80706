-- Schema 5: the feed registry (issue 6). feeds.toml seeds it; moderators change it at runtime
-- (/feeds, /addfeed, `blockwatch feeds import`) and their changes survive restarts.

-- One row per feed ever registered. url is the feed's identity, as in feed_state.url and
-- entries.feed_url; url_key (bot.core.urls.normalise_url) keeps http/https and www. twins out.
-- A removed feed keeps its row with status 'removed', so feeds.toml cannot bring it back;
-- /addfeed of the same URL revives it.
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
    reported_at  TEXT                    -- moderators last told it is failing or quiet
);

-- /addfeed previews waiting for a moderator's Save: the feed found and the choices so far.
-- In the database so that a button pressed after a restart still works; old ones are dropped.
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

-- Health per feed counts its stored items and the time of the newest one.
CREATE INDEX entries_by_feed ON entries (feed_url, fetched_at);

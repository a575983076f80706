-- Schema 4: moderators, their audit log and the review queue (issue 6).

-- Moderators added at runtime (/addmod). Those listed in BLOCKWATCH_MODERATORS are not stored
-- here: the environment is their record, so only the operator can remove them.
CREATE TABLE moderators (
    user_id  INTEGER PRIMARY KEY,    -- Telegram user id: a person, never a chat
    added_by INTEGER NOT NULL,       -- the moderator who added them; 0: the command line
    added_at TEXT NOT NULL
);

-- Every moderator action: who, what, when. Never pruned, and never holds subscriber data:
-- `detail` names events, countries, feeds and moderators' user ids only.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor_id INTEGER NOT NULL,       -- Telegram user id; 0: the operator on the command line
    action   TEXT NOT NULL,          -- addmod, delmod, approve, reject, correct, announce, ...
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at);

-- The review queue, on the event itself. review is NULL for an event that never needed one;
-- 'pending': held, its outbox rows wait (due_deliveries skips them); 'approved': a moderator
-- let it out, or an independent second source did (reviewed_by NULL); 'rejected': never sent,
-- kept off the boards, and a later report of the same thing opens a new event.
ALTER TABLE events ADD COLUMN review TEXT CHECK (review IN ('pending', 'approved', 'rejected'));
ALTER TABLE events ADD COLUMN review_reasons TEXT;      -- why it was held (bot/core/review.py)
ALTER TABLE events ADD COLUMN reviewed_by INTEGER;      -- the moderator's user id
ALTER TABLE events ADD COLUMN reviewed_at TEXT;
ALTER TABLE events ADD COLUMN review_notified_at TEXT;  -- when moderators got its card
CREATE INDEX events_in_review ON events (id) WHERE review = 'pending';

-- Moderators' changes to the detector's action words (the [actions] lists of
-- bot/detect/vocab/lang/<language>.toml), laid over the files when the detector is built and at once
-- when a moderator applies one. 'add' puts a pattern into a list; 'remove' takes one of the
-- file's patterns out of it. Undoing a change deletes its row.
CREATE TABLE vocab_overlay (
    language   TEXT NOT NULL,            -- ISO 639-1: a file of bot/detect/vocab/lang/
    list       TEXT NOT NULL CHECK (list IN ('block', 'block_weak', 'throttle', 'unblock')),
    pattern    TEXT NOT NULL,            -- the vocabulary's pattern syntax (bot/detect/vocab/README.md)
    change     TEXT NOT NULL CHECK (change IN ('add', 'remove')),
    changed_by INTEGER NOT NULL,         -- the moderator's user id
    changed_at TEXT NOT NULL,
    PRIMARY KEY (language, list, pattern)
);

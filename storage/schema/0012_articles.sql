-- Schema 12: the whole report by mail (issue 18). A reader asks for a source of an alert by its
-- number ("ARTICLE 2"); the article is fetched, extracted and sent as plain text.
--
-- Whether a feed's articles may be sent whole: 1 only where the outlet's terms allow it
-- (feeds.toml `full_text = true`, or a moderator in /feeds). Otherwise only the opening
-- sentences go out.
ALTER TABLE feeds ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0;

-- The numbered sources of each alert or digest we sent by mail: "ARTICLE 2" in a reply to that
-- mail (or in a new mail: the subscriber's latest) names one of them, and nothing else can be
-- asked for. Deleted with the subscriber; kept 30 days (storage/articles.py).
CREATE TABLE mail_sources (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    message_id    TEXT NOT NULL,     -- the Message-ID of our mail, with its angle brackets
    number        INTEGER NOT NULL,  -- 1, 2, ... as the mail printed it
    entry_id      INTEGER NOT NULL,  -- entries.id; not a reference: an entry may be pruned first
    sent_at       TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, message_id, number)
);
CREATE INDEX mail_sources_by_time ON mail_sources (subscriber_id, sent_at);

-- Articles as extracted (bot/feeds/extract.py), keyed by the URL asked for: fetched again only
-- when stale, and then with the page's validators. The text of a public page, no personal data.
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

-- An answer that carries an article counts against its own daily limit (bot/mail/inbox/
-- limits.py): the table is rebuilt to admit the kind 'article'.
ALTER TABLE mail_replies RENAME TO mail_replies_0011;
DROP INDEX mail_replies_to;
DROP INDEX mail_replies_by_time;
CREATE TABLE mail_replies (
    id            INTEGER PRIMARY KEY,
    correspondent TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('answer', 'confirm', 'stop', 'article')),
    sent_at       TEXT NOT NULL
);
INSERT INTO mail_replies (id, correspondent, kind, sent_at)
    SELECT id, correspondent, kind, sent_at FROM mail_replies_0011;
DROP TABLE mail_replies_0011;
CREATE INDEX mail_replies_to ON mail_replies (correspondent, sent_at);
CREATE INDEX mail_replies_by_time ON mail_replies (sent_at);

-- Schema 7: answers by mail are rate-limited (bot/mail/inbox/limits.py; issue 12, item 8).
-- Anyone can put anyone's address in From, and a robot that answers every mail loops with us:
-- so every answer counts against its recipient and against the hour, and a correspondent that
-- answers each of our answers within moments gets none for a day.
--
-- No address is kept for this: `correspondent` is an HMAC-SHA256 (keyed with mail_secret) of
-- the lower-cased address, truncated to 32 hex digits. Rows older than a day, the longest
-- window, are deleted on each poll that has mail to handle (storage/mail.py prune_mail_limits).

-- One row per answer sent: the limits are counts of rows in the last hour and day.
CREATE TABLE mail_replies (
    id            INTEGER PRIMARY KEY,
    correspondent TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('answer', 'confirm', 'stop')),  -- confirm and
                                      -- stop: a request to confirm a subscription or a STOP
    sent_at       TEXT NOT NULL       -- ISO 8601, UTC
);
CREATE INDEX mail_replies_to ON mail_replies (correspondent, sent_at);
CREATE INDEX mail_replies_by_time ON mail_replies (sent_at);  -- the hour's total, and pruning

-- What the limits remember of each correspondent that wrote in the last day.
CREATE TABLE mail_correspondents (
    correspondent TEXT PRIMARY KEY,
    quick_mails   INTEGER NOT NULL,   -- mails in a row that came within moments of our answer
    muted_until   TEXT,               -- no answer to this address before then (ISO 8601, UTC)
    deferred      INTEGER NOT NULL DEFAULT 0,  -- answers the SMTP server put off (4xx) in a
                                      -- row: a recipient refused "for now" forever must not
                                      -- keep its mail, and every mail behind it, unhandled
    seen_at       TEXT NOT NULL       -- its last mail: rows unseen for a day are pruned
);

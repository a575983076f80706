-- Blockwatch schema, version 3: commands by email.

-- Each incoming command mail, by its Message-ID, once answered: the IMAP keyword is the first
-- guard against answering twice, this is the second (a crash between reply and keyword, a
-- copy of the mail in another folder, a server that lost the keyword). No address, no text.
CREATE TABLE mail_handled (
    message_id TEXT PRIMARY KEY,   -- as written in the header, angle brackets included
    handled_at TEXT NOT NULL
);

-- The key that signs one-click unsubscribe links (bot/mail/links.py): one row, made on first
-- use from the operating system's randomness. Losing it only invalidates links already sent.
CREATE TABLE mail_secret (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value BLOB NOT NULL
);

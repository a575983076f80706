-- Schema 9: bounded storage (issue 12). Entries are pruned once their feeds have stopped showing
-- them for the retention period (storage/retention.py); titles and summaries are capped as they
-- are stored (storage/entries.py).

-- The UTC day (YYYY-MM-DD) an entry was last in a feed's body: the feed that stored it, or any
-- feed carrying the same link. Moved forward at most once a day per entry, on the first poll
-- that shows it again (a 304 shows nothing, and moves nothing). An entry is pruned only when
-- its day is older than the retention period and older than the day its feed last brought a
-- new entry: one still in its feed's latest body is never pruned, so it never comes back "new".
ALTER TABLE entries ADD COLUMN seen_on TEXT;
UPDATE entries SET seen_on = substr(fetched_at, 1, 10);
-- Rows written without it (moderators' announcements) are seen on the day they were written.
CREATE TRIGGER entries_seen_on AFTER INSERT ON entries WHEN new.seen_on IS NULL
BEGIN
    UPDATE entries SET seen_on = substr(new.fetched_at, 1, 10) WHERE id = new.id;
END;
-- A feed's entries last seen before a day, by index (the day a feed last brought a new entry
-- comes from entries_by_feed, schema 0005).
CREATE INDEX entries_by_seen_on ON entries (feed_url, seen_on);
-- Deleting an entry deletes its event_sources rows (ON DELETE CASCADE): by index, not by scan.
CREATE INDEX event_sources_by_entry ON event_sources (entry_id);

-- Jobs that run at most once a day whichever process gets there first (a service, cron's
-- `run --once`, or both): claimed by moving done_on to today in one statement.
CREATE TABLE housekeeping (
    task    TEXT PRIMARY KEY,
    done_on TEXT NOT NULL   -- UTC day (YYYY-MM-DD) it last ran
);

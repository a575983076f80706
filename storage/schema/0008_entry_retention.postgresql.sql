-- Schema 8 on PostgreSQL (0008_entry_retention.sql says why): the same columns, indexes and
-- table; rows written without seen_on get it before they are stored rather than after.

ALTER TABLE entries ADD COLUMN seen_on TEXT;
UPDATE entries SET seen_on = substr(fetched_at, 1, 10);

CREATE FUNCTION entries_seen_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.seen_on := substr(NEW.fetched_at, 1, 10);
    RETURN NEW;
END;
$$;
CREATE TRIGGER entries_seen_on BEFORE INSERT ON entries
    FOR EACH ROW WHEN (NEW.seen_on IS NULL) EXECUTE FUNCTION entries_seen_on();

CREATE INDEX entries_by_seen_on ON entries (feed_url, seen_on);
CREATE INDEX event_sources_by_entry ON event_sources (entry_id);

CREATE TABLE housekeeping (
    task    TEXT PRIMARY KEY,
    done_on TEXT NOT NULL   -- UTC day (YYYY-MM-DD) it last ran
);

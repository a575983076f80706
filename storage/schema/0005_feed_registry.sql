-- Schema 5: feeds kept in the database, so moderators' changes survive restarts (issue 6).
-- Placeholder: the tables are added by the feed registry work.
SELECT 1;

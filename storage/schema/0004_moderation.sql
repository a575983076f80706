-- Schema 4: moderators, their audit log and the review queue (issue 6).
-- Placeholder: the tables are added by the moderation work.
SELECT 1;

-- Schema 13: an outbox row's claim names its holder (issue 17, storage/shared.py).
--
-- On PostgreSQL several instances share the outbox: one claims a batch of rows by moving their
-- next_attempt_at to the end of a lease. A batch that outlasts its lease would be claimed again
-- by another instance and sent twice, so the holder renews the lease while it sends; and so that
-- it can never renew, nor mark, rows another instance took meanwhile (its lease had ended: the
-- holder stalled), each claim writes its own token here, and renewing and marking ask for it.
-- "host/pid/random": an operator can see who holds what. NULL: nobody does (always on SQLite,
-- which has one instance per database and never claims).
ALTER TABLE outbox ADD COLUMN claim_token TEXT;

-- Renewing a claim finds its rows by their token; a mark clears it, so this index holds only
-- the rows being sent now.
CREATE INDEX outbox_claims ON outbox (claim_token) WHERE claim_token IS NOT NULL;

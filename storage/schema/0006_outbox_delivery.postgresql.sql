-- Schema 6 on PostgreSQL (0006_outbox_delivery.sql says why): the same indexes; the trigger in
-- PostgreSQL's form, a function and a trigger that calls it.

CREATE INDEX outbox_waiting ON outbox (id, next_attempt_at, subscriber_id, event_id)
    WHERE status = 'pending';
CREATE INDEX outbox_waiting_by_subscriber ON outbox (subscriber_id, id) WHERE status = 'pending';
DROP INDEX outbox_due;

CREATE FUNCTION outbox_sent_resets_refusals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE subscribers SET refusals = 0 WHERE id = NEW.subscriber_id AND refusals > 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_sent_resets_refusals AFTER UPDATE OF status ON outbox
    FOR EACH ROW WHEN (NEW.status = 'sent' AND OLD.status != 'sent')
    EXECUTE FUNCTION outbox_sent_resets_refusals();

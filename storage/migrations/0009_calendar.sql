-- +goose Up
-- Calendar feeds: the identity of this installation, personal feed tokens,
-- and a counter of changes that feeds are cached by.

-- One row, made once per database: the right-hand side of every event's
-- calendar UID (event-42@<id>). It must never change, so it comes from here
-- and not from the configured base URL: moving the site to another address
-- would otherwise duplicate every event in subscribers' calendars, and two
-- installations left on the default address would collide.
CREATE TABLE deployment (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO deployment DEFAULT VALUES;

-- A person's private feed URL (/calendar/<token>.ics). Only the token's
-- hash is kept; rotating revokes the live one and makes another, so an old
-- URL can be told apart (410 Gone) from one that never existed (404).
CREATE TABLE calendar_tokens (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id  bigint NOT NULL REFERENCES people ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE UNIQUE INDEX calendar_tokens_live_key ON calendar_tokens (person_id) WHERE revoked_at IS NULL;

-- calendar_changes counts committed changes to anything a feed shows.
-- Feeds are cached in memory keyed by it, and every instance hears of a
-- change through NOTIFY calendar_change, so no feed request needs a query
-- while nothing changes. The triggers are deferred to commit time, so the
-- row lock is held only while committing (registrations for different
-- events do not queue behind each other) and the notification is sent
-- only for changes that were committed.
CREATE TABLE calendar_changes (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    n          bigint NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO calendar_changes DEFAULT VALUES;

-- +goose StatementBegin
CREATE FUNCTION calendar_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes bigint;
BEGIN
    -- Once per transaction, however many rows it wrote (a seed writes
    -- thousands).
    IF current_setting('convene.calendar_changed', true) = txid_current()::text THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('convene.calendar_changed', txid_current()::text, true);
    UPDATE calendar_changes SET n = n + 1, changed_at = now() RETURNING n INTO changes;
    PERFORM pg_notify('calendar_change', changes::text);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE CONSTRAINT TRIGGER events_calendar AFTER INSERT OR UPDATE OR DELETE ON events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();
CREATE CONSTRAINT TRIGGER agenda_items_calendar AFTER INSERT OR UPDATE OR DELETE ON agenda_items
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();
CREATE CONSTRAINT TRIGGER event_topics_calendar AFTER INSERT OR UPDATE OR DELETE ON event_topics
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();
CREATE CONSTRAINT TRIGGER registrations_calendar AFTER INSERT OR UPDATE OR DELETE ON registrations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();
CREATE CONSTRAINT TRIGGER hubs_calendar AFTER INSERT OR UPDATE OR DELETE ON hubs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();
CREATE CONSTRAINT TRIGGER organisations_calendar AFTER INSERT OR UPDATE OR DELETE ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();
CREATE CONSTRAINT TRIGGER topics_calendar AFTER INSERT OR UPDATE OR DELETE ON topics
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();
CREATE CONSTRAINT TRIGGER affiliations_calendar AFTER INSERT OR UPDATE OR DELETE ON affiliations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();
CREATE CONSTRAINT TRIGGER calendar_tokens_calendar AFTER INSERT OR UPDATE OR DELETE ON calendar_tokens
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();

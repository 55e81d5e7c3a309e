-- +goose Up
-- Each event keeps its numbers of places taken, waitlist places and
-- walk-ins on its own row, so that registering (which reads them under the
-- event's lock) and every listing read them in O(1) instead of counting
-- the event's registrations: the 3,000th registration costs what the 30th
-- did. A trigger keeps them right whatever writes a registration.
-- registered_count excludes walk-ins: people let in at the door are
-- counted apart (walk_in_count), so that whether they take a place is a
-- rule of the domain, not of this table.
ALTER TABLE events
    ADD COLUMN registered_count integer NOT NULL DEFAULT 0 CHECK (registered_count >= 0),
    ADD COLUMN waitlisted_count integer NOT NULL DEFAULT 0 CHECK (waitlisted_count >= 0),
    ADD COLUMN walk_in_count integer NOT NULL DEFAULT 0 CHECK (walk_in_count >= 0);

UPDATE events e SET
    registered_count = c.registered, waitlisted_count = c.waitlisted, walk_in_count = c.walk_ins
FROM (SELECT event_id,
             count(*) FILTER (WHERE status = 'registered' AND NOT walk_in) AS registered,
             count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted,
             count(*) FILTER (WHERE status = 'registered' AND walk_in) AS walk_ins
      FROM registrations GROUP BY event_id) c
WHERE c.event_id = e.id;

-- +goose StatementBegin
CREATE FUNCTION registrations_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE events SET
            registered_count = registered_count - (OLD.status = 'registered' AND NOT OLD.walk_in)::int,
            waitlisted_count = waitlisted_count - (OLD.status = 'waitlisted')::int,
            walk_in_count = walk_in_count - (OLD.status = 'registered' AND OLD.walk_in)::int
        WHERE id = OLD.event_id AND OLD.status <> 'cancelled';
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE events SET
            registered_count = registered_count + (NEW.status = 'registered' AND NOT NEW.walk_in)::int,
            waitlisted_count = waitlisted_count + (NEW.status = 'waitlisted')::int,
            walk_in_count = walk_in_count + (NEW.status = 'registered' AND NEW.walk_in)::int
        WHERE id = NEW.event_id AND NEW.status <> 'cancelled';
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- Only changes that move a registration between counts fire it (a
-- check-in of someone with a place, or a new manage link, does not).
CREATE TRIGGER registrations_count_insert_delete AFTER INSERT OR DELETE ON registrations
    FOR EACH ROW EXECUTE FUNCTION registrations_count();
CREATE TRIGGER registrations_count_update AFTER UPDATE OF status, walk_in, event_id ON registrations
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.walk_in IS DISTINCT FROM NEW.walk_in
                       OR OLD.event_id IS DISTINCT FROM NEW.event_id)
    EXECUTE FUNCTION registrations_count();

-- The home page lists the next published events of every hub.
CREATE INDEX events_upcoming_idx ON events (starts_at, id) WHERE status = 'published';

-- +goose Up
-- Versions for optimistic concurrency: every write of a row adds one, so
-- that an edit made from an old copy (a form left open, an API client's
-- If-Match) is refused instead of silently undoing someone else's change.
-- An event's agenda has its own version: editing the agenda and editing
-- the event's details do not get in each other's way.
ALTER TABLE hubs ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE organisations ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN version bigint NOT NULL DEFAULT 1,
    ADD COLUMN agenda_version bigint NOT NULL DEFAULT 1;

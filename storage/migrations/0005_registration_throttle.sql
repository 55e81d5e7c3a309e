-- +goose Up
-- Registrations by guests (people not signed in), counted to throttle
-- them per client address and per event: a script must not be able to
-- take every place and waitlist place of the public events. Each row is
-- kept until keep_until (its time plus the throttle's window when it was
-- made), so tidying needs no configuration.
CREATE TABLE guest_registration_attempts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   bigint NOT NULL REFERENCES events ON DELETE CASCADE,
    client_ip  text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    keep_until timestamptz NOT NULL
);
CREATE INDEX guest_registration_attempts_ip_idx ON guest_registration_attempts (client_ip, at);
CREATE INDEX guest_registration_attempts_event_idx ON guest_registration_attempts (event_id, at);
CREATE INDEX guest_registration_attempts_keep_idx ON guest_registration_attempts (keep_until);

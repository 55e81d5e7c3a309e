-- +goose Up
-- One-time codes for guests who answer from the feedback QR code shown at
-- the end of an event: they give the email they registered with, a code
-- goes to that email, and the code opens their own registration's
-- feedback. A row is kept for every request, whether or not the email is
-- registered, so that requests are throttled per address and per event
-- with the same answer either way. Rows are of no use after a day.
CREATE TABLE feedback_codes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        bigint NOT NULL REFERENCES events ON DELETE CASCADE,
    -- SHA-256 of the normalised email, for throttling; never the email.
    email_hash      bytea NOT NULL,
    -- NULL when the email holds no registration for the event.
    registration_id bigint REFERENCES registrations ON DELETE CASCADE,
    code_hash       bytea,
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    -- Set when the code is used: the hash of the private feedback link it
    -- gave, which works like the emailed feedback link.
    used_at         timestamptz,
    link_hash       bytea UNIQUE
);
CREATE INDEX feedback_codes_event_idx ON feedback_codes (event_id, created_at);
CREATE INDEX feedback_codes_email_idx ON feedback_codes (email_hash, created_at);

-- +goose Down
DROP TABLE feedback_codes;

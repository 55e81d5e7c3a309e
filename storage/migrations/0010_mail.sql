-- +goose Up
-- The outbox: every message Convene sends is first a row here, written in
-- the transaction of the change that causes it (a registration, a
-- promotion, an event changed), so that a message is queued exactly when
-- the change is stored, and sending can never block or undo the change.
-- The mailer composes and delivers it later (a River job per row).
--
-- idem_key makes queueing idempotent: one key per (kind, person or
-- registration, event, event sequence), so a retried change or a re-run of
-- the reminder job queues nothing twice.
--
-- secret is the link's token (manage link, set-password link) between the
-- change and delivery, since only its hash is kept elsewhere; once a
-- message is handed to the SMTP server the secret is cleared and the
-- stored copy of the message loses the link.
CREATE TABLE mail_messages (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text NOT NULL,
    idem_key         text NOT NULL UNIQUE,
    to_email         text NOT NULL,
    to_name          text NOT NULL DEFAULT '',
    person_id        bigint REFERENCES people ON DELETE CASCADE,
    registration_id  bigint REFERENCES registrations ON DELETE CASCADE,
    event_id         bigint REFERENCES events ON DELETE CASCADE,
    hub_id           bigint REFERENCES hubs ON DELETE CASCADE,
    organisation_id  bigint REFERENCES organisations ON DELETE CASCADE,
    secret           text,
    details          jsonb NOT NULL DEFAULT '{}',
    status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'kept', 'failed', 'skipped')),
    attempts         int NOT NULL DEFAULT 0,
    last_error       text NOT NULL DEFAULT '',
    subject          text NOT NULL DEFAULT '',
    text_body        text NOT NULL DEFAULT '',
    html_body        text NOT NULL DEFAULT '',
    unsubscribe_hash bytea UNIQUE,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
CREATE INDEX mail_messages_status_idx ON mail_messages (status, created_at DESC);
CREATE INDEX mail_messages_created_idx ON mail_messages (created_at DESC);
CREATE INDEX mail_messages_registration_idx ON mail_messages (registration_id);

-- Optional kinds (reminders, digests) an address has turned off, from its
-- account page or a message's one-click unsubscribe. Keyed by address, not
-- account, so that guests can unsubscribe too.
CREATE TABLE mail_opt_outs (
    email      text NOT NULL,
    kind       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mail_opt_outs_key ON mail_opt_outs (lower(email), kind);

-- Requests for a password reset link, counted to throttle them per address
-- asked about and per client address, whether or not an account exists.
CREATE TABLE password_reset_requests (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email     text NOT NULL,
    client_ip text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_requests_email_idx ON password_reset_requests (lower(email), at);
CREATE INDEX password_reset_requests_ip_idx ON password_reset_requests (client_ip, at);

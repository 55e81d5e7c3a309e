-- +goose Up
-- People, what they belong to and may do, how they sign in, and the audit
-- trail of changes.

CREATE TABLE people (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Stored as typed (trimmed); unique ignoring case.
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- NULL until the person sets a password through an invite link.
    password_hash text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX people_email_key ON people (lower(email));

-- A person acts for an organisation.
CREATE TABLE affiliations (
    person_id       bigint NOT NULL REFERENCES people ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisations ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, organisation_id)
);
CREATE INDEX affiliations_organisation_idx ON affiliations (organisation_id);

-- Site admins have no hub; coordinators and evaluators have one each.
CREATE TABLE roles (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id  bigint NOT NULL REFERENCES people ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('admin', 'coordinator', 'evaluator')),
    hub_id     bigint REFERENCES hubs ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'admin') = (hub_id IS NULL))
);
CREATE UNIQUE INDEX roles_key ON roles (person_id, role, coalesce(hub_id, 0));
CREATE INDEX roles_hub_idx ON roles (hub_id);

-- Requests to join a hub are hub_memberships rows with status 'requested'.
ALTER TABLE hub_memberships
    ADD COLUMN requested_by bigint REFERENCES people ON DELETE SET NULL,
    ADD COLUMN message      text NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
    ADD COLUMN decided_by   bigint REFERENCES people ON DELETE SET NULL,
    ADD COLUMN decided_at   timestamptz;

-- Signed-in browser sessions. Only a hash of the cookie's token is kept.
CREATE TABLE sessions (
    token_hash   bytea PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES people ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_person_idx ON sessions (person_id);

-- Bearer tokens for the API, named by their owner, shown once.
CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES people ON DELETE CASCADE,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    token_hash   bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_person_idx ON api_tokens (person_id);

-- Single-use links to set a password: invites and resets.
CREATE TABLE password_tokens (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id  bigint NOT NULL REFERENCES people ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('invite', 'reset')),
    token_hash bytea NOT NULL UNIQUE,
    created_by bigint REFERENCES people ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX password_tokens_person_idx ON password_tokens (person_id);

-- Failed sign-ins, for throttling by account and by client address.
CREATE TABLE sign_in_failures (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email     text NOT NULL,
    client_ip text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (lower(email), at);
CREATE INDEX sign_in_failures_ip_idx ON sign_in_failures (client_ip, at);

-- Who changed what, when, in which hub.
CREATE TABLE audit_log (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    person_id bigint REFERENCES people ON DELETE SET NULL,
    hub_id    bigint REFERENCES hubs ON DELETE SET NULL,
    action    text NOT NULL,
    subject   text NOT NULL DEFAULT '',
    details   jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_hub_idx ON audit_log (hub_id, at);

-- +goose Up
-- Feedback on events, for evaluation: one response per registration,
-- given between the event's start and its feedback closing date.

-- NULL means the default: 14 days after the event ends (events.FeedbackCloses).
ALTER TABLE events ADD COLUMN feedback_closes_at timestamptz;

CREATE TABLE feedback (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id  bigint NOT NULL UNIQUE REFERENCES registrations ON DELETE CASCADE,
    -- The registration's event, kept here so that reports read feedback by
    -- event without going through registrations.
    event_id         bigint NOT NULL REFERENCES events ON DELETE CASCADE,
    usefulness       smallint NOT NULL CHECK (usefulness BETWEEN 1 AND 5),
    networking_value smallint NOT NULL CHECK (networking_value BETWEEN 1 AND 5),
    new_connections  integer NOT NULL CHECK (new_connections BETWEEN 0 AND 1000),
    will_follow_up   boolean NOT NULL,
    what_worked      text NOT NULL DEFAULT '' CHECK (length(what_worked) <= 2000),
    to_improve       text NOT NULL DEFAULT '' CHECK (length(to_improve) <= 2000),
    -- Topics they would like next, each a short phrase; a coordinator may
    -- turn one into a topic request (linked back when requests exist).
    topics_next      text[] NOT NULL DEFAULT '{}' CHECK (cardinality(topics_next) <= 5),
    -- Free text leaves Convene (reports, exports) only with this consent.
    consent_to_quote boolean NOT NULL DEFAULT false,
    submitted_at     timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_event_idx ON feedback (event_id);

-- The agenda items a respondent found most useful.
CREATE TABLE feedback_agenda_items (
    feedback_id    bigint NOT NULL REFERENCES feedback ON DELETE CASCADE,
    agenda_item_id bigint NOT NULL REFERENCES agenda_items ON DELETE CASCADE,
    PRIMARY KEY (feedback_id, agenda_item_id)
);
CREATE INDEX feedback_agenda_items_item_idx ON feedback_agenda_items (agenda_item_id);

-- Asking attendees for feedback: each attendee's private feedback link
-- (only its hash) and when they were asked and reminded, so that nobody
-- is asked twice or reminded more than once.
CREATE TABLE feedback_requests (
    registration_id bigint PRIMARY KEY REFERENCES registrations ON DELETE CASCADE,
    token_hash      bytea NOT NULL UNIQUE,
    asked_at        timestamptz NOT NULL DEFAULT now(),
    reminded_at     timestamptz
);

-- Secrets generated once per deployment and kept in the database: the
-- pseudonym key when CONVENE_PSEUDONYM_KEY is not set.
CREATE TABLE deployment_secrets (
    name       text PRIMARY KEY,
    value      bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Reports count registrations of a hub's events in a period by status and
-- attendance; events_hub_starts_idx finds the events, this the rest.
CREATE INDEX registrations_event_attended_idx ON registrations (event_id) INCLUDE (status, attended_at, attendee_role, person_id)
    WHERE status <> 'cancelled';

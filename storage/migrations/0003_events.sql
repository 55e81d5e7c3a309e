-- +goose Up
-- What happens: events (one-off or occurrences of a series), their agendas
-- and topics, and registrations with the waitlist and attendance.

-- btree_gist lets an exclusion constraint keep an event's agenda items
-- from overlapping (it is a trusted extension: the database owner may
-- create it).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A series is a rule; its occurrences are materialised as events rows.
CREATE TABLE series (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hub_id     bigint NOT NULL REFERENCES hubs ON DELETE CASCADE,
    rule       text NOT NULL CHECK (length(rule) BETWEEN 1 AND 500),
    created_by bigint REFERENCES people ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hub_id               bigint NOT NULL REFERENCES hubs ON DELETE CASCADE,
    series_id            bigint REFERENCES series ON DELETE SET NULL,
    title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary              text NOT NULL DEFAULT '' CHECK (length(summary) <= 5000),
    starts_at            timestamptz NOT NULL,
    ends_at              timestamptz NOT NULL,
    format               text NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
    venue                text NOT NULL DEFAULT '' CHECK (length(venue) <= 500),
    host_organisation_id bigint REFERENCES organisations ON DELETE SET NULL,
    online_url           text NOT NULL DEFAULT '' CHECK (length(online_url) <= 2000),
    -- NULL is unlimited (webinars for sixty organisations and more).
    capacity             integer CHECK (capacity >= 0),
    visibility           text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members', 'invite_only')),
    status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
    cancel_reason        text NOT NULL DEFAULT '' CHECK (length(cancel_reason) <= 1000),
    audiences            text[] NOT NULL DEFAULT '{}',
    -- iCalendar SEQUENCE: bumped when calendars must notice a change.
    sequence             integer NOT NULL DEFAULT 0,
    created_by           bigint REFERENCES people ON DELETE SET NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK (audiences <@ ARRAY['peer_support_workers', 'practitioners', 'commissioners', 'lived_experience', 'local_networks'])
);
CREATE INDEX events_hub_starts_idx ON events (hub_id, starts_at);
CREATE INDEX events_series_idx ON events (series_id, starts_at);

-- The topics an event is about, for filtering and topic calendars.
CREATE TABLE event_topics (
    event_id bigint NOT NULL REFERENCES events ON DELETE CASCADE,
    topic_id bigint NOT NULL REFERENCES topics ON DELETE CASCADE,
    PRIMARY KEY (event_id, topic_id)
);
CREATE INDEX event_topics_topic_idx ON event_topics (topic_id);

CREATE TABLE agenda_items (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id                  bigint NOT NULL REFERENCES events ON DELETE CASCADE,
    position                  integer NOT NULL CHECK (position >= 0),
    starts_at                 timestamptz NOT NULL,
    ends_at                   timestamptz NOT NULL,
    title                     text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    kind                      text NOT NULL CHECK (kind IN ('talk', 'workshop', 'discussion', 'networking', 'break', 'resource_share')),
    topic_id                  bigint REFERENCES topics ON DELETE SET NULL,
    presenter_organisation_id bigint REFERENCES organisations ON DELETE SET NULL,
    presenter_name            text NOT NULL DEFAULT '' CHECK (length(presenter_name) <= 200),
    -- The topic request the item answers (topic requests come later).
    request_id                bigint,
    CHECK (ends_at > starts_at),
    UNIQUE (event_id, position),
    EXCLUDE USING gist (event_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
);

CREATE TABLE registrations (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          bigint NOT NULL REFERENCES events ON DELETE CASCADE,
    person_id         bigint REFERENCES people ON DELETE CASCADE,
    guest_name        text NOT NULL DEFAULT '' CHECK (length(guest_name) <= 200),
    guest_email       text NOT NULL DEFAULT '' CHECK (length(guest_email) <= 254),
    attendee_role     text NOT NULL CHECK (attendee_role IN ('peer_support_worker', 'practitioner', 'commissioner', 'lived_experience', 'other')),
    access_needs      text NOT NULL DEFAULT '' CHECK (length(access_needs) <= 2000),
    status            text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    -- Set under the event's row lock with clock_timestamp(): the waitlist
    -- is ordered by (created_at, id).
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    status_changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    attended_at       timestamptz,
    -- Added at the door by a coordinator.
    walk_in           boolean NOT NULL DEFAULT false,
    -- A guest's private link to manage the registration; only its hash.
    manage_token_hash bytea UNIQUE,
    CHECK (person_id IS NOT NULL OR guest_name <> '')
);
-- One active registration per person, and per guest email, per event.
CREATE UNIQUE INDEX registrations_person_key ON registrations (event_id, person_id)
    WHERE status <> 'cancelled' AND person_id IS NOT NULL;
CREATE UNIQUE INDEX registrations_guest_key ON registrations (event_id, lower(guest_email))
    WHERE status <> 'cancelled' AND person_id IS NULL AND guest_email <> '';
CREATE INDEX registrations_event_idx ON registrations (event_id, status, created_at, id);
CREATE INDEX registrations_person_idx ON registrations (person_id) WHERE person_id IS NOT NULL;

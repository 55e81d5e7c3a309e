-- +goose Up
-- Topic requests: what a hub's member organisations ask to learn about,
-- the organisations that back each ask or offer to deliver it, and every
-- change of its status. Agendas are built from them: an agenda item
-- answers at most one request (agenda_items.request_id, the only link, so
-- that rewriting an agenda cannot leave two records disagreeing).

CREATE TABLE topic_requests (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hub_id            bigint NOT NULL REFERENCES hubs ON DELETE CASCADE,
    organisation_id   bigint NOT NULL REFERENCES organisations ON DELETE CASCADE,
    requested_by      bigint REFERENCES people ON DELETE SET NULL,
    topic_id          bigint NOT NULL REFERENCES topics,
    title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    details           text NOT NULL DEFAULT '' CHECK (length(details) <= 5000),
    format            text NOT NULL CHECK (format IN ('talk', 'workshop', 'discussion', 'resource_share', 'introduction')),
    audience          text NOT NULL DEFAULT '' CHECK (length(audience) <= 500),
    status            text NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'accepted', 'scheduled', 'delivered', 'declined', 'merged', 'withdrawn')),
    -- Why it was declined (shown to the requester) or merged.
    reason            text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
    merged_into       bigint REFERENCES topic_requests ON DELETE SET NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    -- When the event that answered it ended.
    delivered_at      timestamptz,
    version           bigint NOT NULL DEFAULT 1,
    search            tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || details)) STORED,
    CHECK (merged_into IS NULL OR merged_into <> id),
    CHECK (status <> 'merged' OR merged_into IS NOT NULL)
);
CREATE INDEX topic_requests_hub_idx ON topic_requests (hub_id, status, created_at);
CREATE INDEX topic_requests_org_idx ON topic_requests (organisation_id);
-- Settling deliveries looks only at scheduled requests.
CREATE INDEX topic_requests_scheduled_idx ON topic_requests (hub_id) WHERE status = 'scheduled';
CREATE INDEX topic_requests_search_idx ON topic_requests USING gin (search);

-- One support per organisation: "we need this too".
CREATE TABLE request_supports (
    request_id      bigint NOT NULL REFERENCES topic_requests ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisations ON DELETE CASCADE,
    supported_by    bigint REFERENCES people ON DELETE SET NULL,
    comment         text NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, organisation_id)
);
CREATE INDEX request_supports_organisation_idx ON request_supports (organisation_id);

-- An organisation offering to deliver or share expertise on a request.
CREATE TABLE request_offers (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id      bigint NOT NULL REFERENCES topic_requests ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisations ON DELETE CASCADE,
    offered_by      bigint REFERENCES people ON DELETE SET NULL,
    details         text NOT NULL CHECK (length(details) BETWEEN 1 AND 2000),
    format          text NOT NULL CHECK (format IN ('talk', 'workshop', 'discussion', 'resource_share', 'introduction')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (request_id, organisation_id)
);

-- Every status change: who, when, from, to, why. notified_at stays NULL
-- until the emails that come later have told the requester and supporters.
CREATE TABLE request_status_changes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id     bigint NOT NULL REFERENCES topic_requests ON DELETE CASCADE,
    from_status    text,
    to_status      text NOT NULL,
    reason         text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
    -- NULL when Convene made the change (delivered once the event ended).
    changed_by     bigint REFERENCES people ON DELETE SET NULL,
    changed_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    event_id       bigint REFERENCES events ON DELETE SET NULL,
    merged_into    bigint REFERENCES topic_requests ON DELETE SET NULL,
    notified_at    timestamptz
);
CREATE INDEX request_status_changes_request_idx ON request_status_changes (request_id, changed_at);
CREATE INDEX request_status_changes_unnotified_idx ON request_status_changes (changed_at) WHERE notified_at IS NULL;

-- The column was made before requests existed; any value in it points at
-- nothing.
UPDATE agenda_items SET request_id = NULL WHERE request_id IS NOT NULL;
ALTER TABLE agenda_items ADD CONSTRAINT agenda_items_request_fkey
    FOREIGN KEY (request_id) REFERENCES topic_requests ON DELETE SET NULL;
CREATE UNIQUE INDEX agenda_items_request_key ON agenda_items (request_id) WHERE request_id IS NOT NULL;

-- Forum governance: the hub's terms of reference and its chair, so that
-- reviews and elections are not forgotten.
CREATE TABLE hub_governance (
    hub_id                bigint PRIMARY KEY REFERENCES hubs ON DELETE CASCADE,
    terms_url             text NOT NULL DEFAULT '' CHECK (length(terms_url) <= 500),
    terms_reviewed_on     date,
    terms_next_review_on  date,
    chair_name            text NOT NULL DEFAULT '' CHECK (length(chair_name) <= 200),
    chair_organisation_id bigint REFERENCES organisations ON DELETE SET NULL,
    chair_term_ends_on    date,
    updated_by            bigint REFERENCES people ON DELETE SET NULL,
    updated_at            timestamptz NOT NULL DEFAULT now()
);

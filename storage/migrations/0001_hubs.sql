-- +goose Up
-- The network: hubs, the organisations in them, and the topics agendas are
-- built from. Identifiers are identity columns; hubs and topics are also
-- addressed by slug in URLs.

CREATE TABLE hubs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    region      text NOT NULL DEFAULT '' CHECK (length(region) <= 200),
    timezone    text NOT NULL DEFAULT 'Europe/London' CHECK (timezone <> ''),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        text NOT NULL CHECK (kind IN ('funded_project', 'specialist_organisation', 'network', 'commissioner', 'other')),
    website     text NOT NULL DEFAULT '' CHECK (length(website) <= 500),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
-- One record per organisation: a second "Tyneside Peer Pathways" is a
-- duplicate to join, not a new organisation.
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));

-- An organisation's place in a hub. A request to join is a row with status
-- 'requested' until a coordinator decides it.
CREATE TABLE hub_memberships (
    hub_id          bigint NOT NULL REFERENCES hubs ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisations ON DELETE CASCADE,
    status          text NOT NULL DEFAULT 'active' CHECK (status IN ('requested', 'active', 'declined')),
    since           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub_id, organisation_id)
);
CREATE INDEX hub_memberships_organisation_idx ON hub_memberships (organisation_id);

CREATE TABLE topics (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO topics (slug, name) VALUES
    ('peer-support-delivery', 'Peer support delivery'),
    ('safeguarding', 'Safeguarding'),
    ('boundaries-of-peer-support', 'Boundaries of peer support'),
    ('trauma-informed-approaches', 'Trauma-informed approaches'),
    ('intersectionality', 'Intersectionality'),
    ('sustainability', 'Sustainability'),
    ('future-funding', 'Future funding');

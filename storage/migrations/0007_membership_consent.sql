-- +goose Up
-- Membership of a hub is an agreement between the hub and the
-- organisation. A coordinator may only invite ('invited' until one of the
-- organisation's own members accepts); an organisation may ask ('requested'
-- until a coordinator decides); only site admins add directly. origin
-- records how an active membership came about, because a coordinator may
-- make sign-in links only for people whose organisations consented.
ALTER TABLE hub_memberships DROP CONSTRAINT hub_memberships_status_check;
ALTER TABLE hub_memberships
    ADD CONSTRAINT hub_memberships_status_check CHECK (status IN ('requested', 'invited', 'active', 'declined')),
    ADD COLUMN invited_by bigint REFERENCES people ON DELETE SET NULL,
    ADD COLUMN origin     text NOT NULL DEFAULT 'admin' CHECK (origin IN ('request', 'invitation', 'admin'));
-- Rows from before: a request shows consent; anything else was added by a
-- coordinator or admin without it.
UPDATE hub_memberships SET origin = 'request' WHERE requested_by IS NOT NULL;

-- Organisation names are unique after Unicode normalisation, case folding,
-- collapsing spaces and mapping look-alike letters (hub.OrganisationNameKey,
-- computed in Go; rows from before are filled in at start-up).
ALTER TABLE organisations ADD COLUMN name_key text;
CREATE UNIQUE INDEX organisations_name_key_idx ON organisations (name_key);

-- +goose Up
-- Adding someone who already has an account to an organisation is an
-- invitation they accept: nobody is made a member of an organisation (and
-- so shown to its members, with their email) without saying yes.
CREATE TABLE affiliation_invitations (
    person_id       bigint NOT NULL REFERENCES people ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisations ON DELETE CASCADE,
    invited_by      bigint REFERENCES people ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, organisation_id)
);
CREATE INDEX affiliation_invitations_organisation_idx ON affiliation_invitations (organisation_id);

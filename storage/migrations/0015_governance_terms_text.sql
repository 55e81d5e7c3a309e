-- +goose Up
-- Some forums keep their terms of reference as a short text rather than a
-- document at an address; coordinators record either or both.
ALTER TABLE hub_governance ADD COLUMN terms_text text NOT NULL DEFAULT '' CHECK (length(terms_text) <= 5000);

-- +goose Down
ALTER TABLE hub_governance DROP COLUMN terms_text;

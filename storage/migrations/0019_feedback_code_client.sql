-- +goose Up
-- The client address each feedback code was asked from, so that one
-- client cannot flood the table with made-up addresses. It is kept only
-- as long as the throttle's window: the tidying clears it after that.
ALTER TABLE feedback_codes ADD COLUMN client_ip text;
CREATE INDEX feedback_codes_client_idx ON feedback_codes (client_ip, created_at) WHERE client_ip IS NOT NULL;

-- +goose Down
DROP INDEX feedback_codes_client_idx;
ALTER TABLE feedback_codes DROP COLUMN client_ip;

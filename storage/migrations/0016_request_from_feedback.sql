-- +goose Up
-- A topic request a coordinator made from an answer to "topics they'd
-- like next": the feedback that asked for it and the answer as given.
-- The phrase is kept because a response names up to five topics and its
-- respondent may still change it; the pair makes one request per answer.
-- Deleting the feedback keeps the request and forgets where it came from.
ALTER TABLE topic_requests
    ADD COLUMN from_feedback_id bigint REFERENCES feedback ON DELETE SET NULL,
    ADD COLUMN from_feedback_topic text CHECK (length(from_feedback_topic) <= 200),
    ADD CONSTRAINT topic_requests_from_feedback_check CHECK (from_feedback_id IS NULL OR from_feedback_topic IS NOT NULL);
CREATE UNIQUE INDEX topic_requests_from_feedback_key ON topic_requests (from_feedback_id, from_feedback_topic)
    WHERE from_feedback_id IS NOT NULL;

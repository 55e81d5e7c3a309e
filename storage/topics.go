package storage

import (
	"context"
	"fmt"

	"github.com/convene/convene/hub"
)

// ListTopics returns every topic by name.
func (db *DB) ListTopics(ctx context.Context) ([]hub.Topic, error) {
	topics := []hub.Topic{}
	if err := db.x.SelectContext(ctx, &topics, `SELECT id, slug, name, created_at FROM topics ORDER BY lower(name)`); err != nil {
		return nil, fmt.Errorf("list topics: %w", err)
	}
	return topics, nil
}

// CreateTopic adds a topic; a taken slug is a conflict on the slug field.
func (db *DB) CreateTopic(ctx context.Context, a *hub.Actor, t *hub.Topic) error {
	if !hub.CanManageTopics(a) {
		return forbidden("Only coordinators and site administrators can add topics.")
	}
	by := a.PersonID()
	t.Normalise()
	if err := t.Validate(); err != nil {
		return err
	}
	err := db.x.GetContext(ctx, t, `INSERT INTO topics (slug, name) VALUES ($1, $2) RETURNING id, slug, name, created_at`, t.Slug, t.Name)
	if err != nil {
		return fmt.Errorf("create topic: %w", slugTaken(err, t.Slug))
	}
	return db.Audit(ctx, Entry{PersonID: &by, Action: "topic.create", Subject: subject("topic", t.ID)})
}

// TopicBySlug finds a topic by its slug; not_found when there is none.
func (db *DB) TopicBySlug(ctx context.Context, slug string) (hub.Topic, error) {
	var t hub.Topic
	var f hub.FieldErrors
	if hub.CheckSlug(&f, "slug", slug); f.Err() != nil {
		return t, &hub.Error{Code: hub.ENotFound, Message: "There is no such topic."}
	}
	err := db.x.GetContext(ctx, &t, `SELECT id, slug, name, created_at FROM topics WHERE slug = $1`, slug)
	if err != nil {
		return t, fmt.Errorf("topic %q: %w", slug, notFound(err, "The topic"))
	}
	return t, nil
}

package hub

import (
	"strings"
	"time"
)

// Topic is a subject agendas are built around, such as safeguarding.
type Topic struct {
	// ID is the database identity.
	ID int64 `db:"id" json:"id"`
	// Slug names the topic in URLs and the API.
	Slug string `db:"slug" json:"slug"`
	// Name is the topic as people say it.
	Name string `db:"name" json:"name"`
	// CreatedAt is when it was added.
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// Normalise trims surrounding space.
func (t *Topic) Normalise() {
	t.Slug = strings.TrimSpace(t.Slug)
	t.Name = strings.TrimSpace(t.Name)
	if t.Slug == "" {
		t.Slug = Slugify(t.Name)
	}
}

// Validate reports every invalid field of the topic.
func (t *Topic) Validate() error {
	var f FieldErrors
	CheckSlug(&f, "slug", t.Slug)
	CheckName(&f, "name", t.Name)
	return f.Err()
}

package storage

import (
	"context"
	"fmt"
)

// SeriesFeed is what a series' own calendar feed says about it.
type SeriesFeed struct {
	// ID is the series.
	ID int64 `db:"id"`
	// Title is the title of its next public event (or its last, when all
	// are past): occurrences may be retitled one by one.
	Title string `db:"title"`
	// HubSlug, HubName and TimeZone are those of its hub.
	HubSlug  string `db:"hub_slug"`
	HubName  string `db:"hub_name"`
	TimeZone string `db:"timezone"`
}

// SeriesForFeed reads a series that has a public event in feeds
// (published or cancelled). Any other series is not_found, whether it
// exists or not, so that its feed tells a stranger nothing about drafts or
// members-only series.
func (db *DB) SeriesForFeed(ctx context.Context, id int64) (SeriesFeed, error) {
	var s SeriesFeed
	err := db.x.GetContext(ctx, &s, `
		SELECT s.id, e.title, h.slug AS hub_slug, h.name AS hub_name, h.timezone
		FROM series s JOIN hubs h ON h.id = s.hub_id
		JOIN events e ON e.series_id = s.id AND e.visibility = 'public' AND e.status IN ('published', 'cancelled')
		WHERE s.id = $1
		ORDER BY e.ends_at < now(), CASE WHEN e.ends_at < now() THEN -extract(epoch FROM e.starts_at) ELSE extract(epoch FROM e.starts_at) END, e.id
		LIMIT 1`, id)
	if err != nil {
		return SeriesFeed{}, fmt.Errorf("series %d for its feed: %w", id, notFound(err, "The series"))
	}
	return s, nil
}

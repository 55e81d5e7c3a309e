package storage

import (
	"context"
	"fmt"
)

// HasHubs reports whether any hub exists, so that serve --demo seeds only
// an empty database.
func (db *DB) HasHubs(ctx context.Context) (bool, error) {
	var exists bool
	err := db.x.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM hubs)`)
	if err != nil {
		return false, fmt.Errorf("check for hubs: %w", err)
	}
	return exists, nil
}

package main

import (
	"context"
	"time"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage"
)

// tidyOnce is one round of the hourly tidy-up: it removes what can no
// longer be used (storage.DB.Tidy) and marks the requests whose event has
// ended as delivered, so that reports and emails see them delivered even
// when no one has opened the hub's requests since.
func tidyOnce(ctx context.Context, db *storage.DB, now time.Time) error {
	if err := db.Tidy(ctx, web.SessionPolicy, web.SignInThrottle); err != nil {
		return err
	}
	return db.SettleDeliveries(ctx, now)
}

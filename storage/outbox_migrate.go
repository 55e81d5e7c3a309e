package storage

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
)

// migrateRiver brings River's own tables (its jobs, leader and queues) up
// to the version of the River library built in, under the same advisory
// lock as our migrations, so that instances starting at once take turns.
// River keeps its own record of its migrations (river_migration); an
// upgrade of the library migrates on the next start.
func (db *DB) migrateRiver(ctx context.Context, log *slog.Logger) error {
	conn, err := db.x.Conn(ctx)
	if err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lock.DefaultLockID); err != nil {
		return fmt.Errorf("river migrations: lock: %w", err)
	}
	defer func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lock.DefaultLockID)
	}()
	m, err := rivermigrate.New(riverdatabasesql.New(db.x.DB), &rivermigrate.Config{Logger: log})
	if err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	for _, v := range res.Versions {
		log.Info("river migration applied", "version", v.Version, "name", v.Name, "duration", v.Duration)
	}
	return nil
}

package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrate applies the pending migrations, each in its own transaction.
//
// goose runs them under a session-level advisory lock, so instances that
// start at once queue up instead of racing; the lock is polled every second
// for up to five minutes.
func (db *DB) Migrate(ctx context.Context, log *slog.Logger) error {
	files, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db.x.DB, files,
		goose.WithSessionLocker(locker),
		goose.WithTableName("schema_migrations"),
		goose.WithDisableGlobalRegistry(true),
		goose.WithGoMigrations(nameKeyMigration()))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, r := range results {
		log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "duration", r.Duration)
	}
	if len(results) > 0 {
		// topics is filled by a migration and stays far below autovacuum's
		// threshold, so it would never be analysed: without statistics the
		// planner misjudges every join with it.
		if _, err := db.x.ExecContext(ctx, `ANALYZE topics`); err != nil {
			return fmt.Errorf("analyze after migrating: %w", err)
		}
	}
	return db.migrateRiver(ctx, log)
}

package storage_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

func TestMigrate(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)

	t.Run("EmptyThenAgain", func(t *testing.T) {
		db := MustOpen(t, pgtest.NewEmptyDSN(t))
		if err := db.Migrate(ctx, log); err != nil {
			t.Fatalf("first migrate: %v", err)
		}
		want := schemaVersion(t, db)
		if err := db.Migrate(ctx, log); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		if got := schemaVersion(t, db); got != want {
			t.Errorf("version after a second migrate = %d, want %d", got, want)
		}
		var topics int
		if err := pgtest.SQL(db).GetContext(ctx, &topics, `SELECT count(*) FROM topics`); err != nil {
			t.Fatal(err)
		}
		if topics != 7 {
			t.Errorf("seeded topics = %d, want 7", topics)
		}
	})

	t.Run("ConcurrentRuns", func(t *testing.T) {
		dsn := pgtest.NewEmptyDSN(t)
		const runs = 4
		var wg sync.WaitGroup
		errs := make([]error, runs)
		for i := range runs {
			db := MustOpen(t, dsn) // each run has its own connections, like a separate process
			wg.Go(func() { errs[i] = db.Migrate(ctx, log) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("run %d: %v", i, err)
			}
		}
		db := MustOpen(t, dsn)
		var applied int
		if err := pgtest.SQL(db).GetContext(ctx, &applied, `SELECT count(*) FROM schema_migrations WHERE version_id > 0`); err != nil {
			t.Fatal(err)
		}
		// Numbers may have gaps (one reserved for a change still to land),
		// so count the files.
		files, err := filepath.Glob("migrations/*.sql")
		if err != nil {
			t.Fatal(err)
		}
		// Plus the one Go migration (8, organisation name keys).
		if want := len(files) + 1; applied != want {
			t.Errorf("migrations recorded = %d, want %d (each once)", applied, want)
		}
	})
}

func schemaVersion(tb testing.TB, db *storage.DB) int64 {
	tb.Helper()
	var v int64
	if err := pgtest.SQL(db).GetContext(context.Background(), &v, `SELECT max(version_id) FROM schema_migrations`); err != nil {
		tb.Fatalf("schema version: %v", err)
	}
	return v
}

// MustOpen connects to dsn for the length of the test.
func MustOpen(tb testing.TB, dsn string) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open %s: %v", dsn, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

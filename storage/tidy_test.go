package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

func TestTidy(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	p, err := db.CreatePerson(ctx, hub.NewPerson{Email: "tidy@example.org", Name: "Tidy"}, "")
	if err != nil {
		t.Fatal(err)
	}
	policy := storage.SessionPolicy{IdleTimeout: time.Hour, Lifetime: 24 * time.Hour}
	throttle := storage.Throttle{Window: 15 * time.Minute, PerAccount: 5, PerAddress: 20}
	for range 2 {
		if _, err := db.CreateSession(ctx, p.ID, policy); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if err := db.RecordSignInFailure(ctx, "tidy@example.org", "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
	}
	mustExec := func(q string) {
		t.Helper()
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	// One of each goes stale.
	mustExec(`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE token_hash = (SELECT token_hash FROM sessions LIMIT 1)`)
	mustExec(`UPDATE sign_in_failures SET at = now() - interval '1 hour' WHERE id = (SELECT min(id) FROM sign_in_failures)`)
	if err := db.Tidy(ctx, policy, throttle); err != nil {
		t.Fatal(err)
	}
	var sessions, failures int
	if err := pgtest.SQL(db).GetContext(ctx, &sessions, `SELECT count(*) FROM sessions`); err != nil {
		t.Fatal(err)
	}
	if err := pgtest.SQL(db).GetContext(ctx, &failures, `SELECT count(*) FROM sign_in_failures`); err != nil {
		t.Fatal(err)
	}
	if sessions != 1 || failures != 1 {
		t.Errorf("after tidying: %d sessions and %d failures, want 1 and 1", sessions, failures)
	}
}

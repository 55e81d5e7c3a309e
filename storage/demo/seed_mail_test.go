package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/storage/demo"
	"github.com/convene/convene/storage/pgtest"
)

// TestSeedDemoMail: the demo leaves an outbox with confirmations, a place
// from a waitlist and reminders, for /admin/mail to show.
func TestSeedDemoMail(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	if _, err := demo.Seed(ctx, db, demo.SeedOptions{Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	if err := pgtest.SQL(db).SelectContext(ctx, &kinds, `SELECT DISTINCT kind FROM mail_messages ORDER BY kind`); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(kinds, ",")
	for _, want := range []string{"registered", "promoted"} {
		if !strings.Contains(got, want) {
			t.Errorf("demo outbox kinds %q lack %s", got, want)
		}
	}
	if _, err := demo.Seed(ctx, db, demo.SeedOptions{Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/demo"
)

// seedDemoIfEmpty seeds the demo data into a database with no hubs, as
// serve --demo does on its first run.
func seedDemoIfEmpty(ctx context.Context, db *storage.DB, log *slog.Logger, stdout io.Writer) error {
	has, err := db.HasHubs(ctx)
	if err != nil || has {
		return err
	}
	log.Info("seeding demo data into the empty database")
	report, err := demo.Seed(ctx, db, demo.SeedOptions{Scale: 1, Now: time.Now()})
	if err != nil {
		return err
	}
	printSeedReport(stdout, report)
	return nil
}

func printSeedReport(w io.Writer, r demo.SeedReport) {
	fmt.Fprintf(w, "Demo data: added %d hubs, %d organisations, %d people, %d events and %d registrations",
		r.Hubs, r.Organisations, r.People, r.Events, r.Registrations)
	if r.Skipped > 0 {
		fmt.Fprintf(w, " (%d hubs were there already)", r.Skipped)
	}
	fmt.Fprintln(w, ".")
	if r.People == 0 {
		return
	}
	fmt.Fprintf(w, "Demo accounts all use the password %q. For example:\n", demo.DemoPassword)
	for _, a := range r.Accounts {
		fmt.Fprintf(w, "  %-45s %s\n", a.Role+":", a.Email)
	}
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/convene/convene/cmd/convene/pages"
	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/cluster"
	"github.com/convene/convene/storage/demo"
)

// runServe starts the web server and, when needed, the embedded database.
func runServe(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg.serveFlags(fs)
	if err := parseFlags(fs, args, stderr, "serve [--addr :8080] [--demo] [--data-dir DIR]"); err != nil {
		return err
	}
	return withDatabase(ctx, &cfg, stderr, func(db *storage.DB, log *slog.Logger) error {
		if cfg.Demo {
			if err := seedDemoIfEmpty(ctx, db, log, stdout); err != nil {
				return err
			}
		}
		ln, err := net.Listen("tcp", cfg.Addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
		}
		defer ln.Close()
		if cfg.baseURLDerived { // the port may have been 0
			cfg.BaseURL = "http://" + localAddr(ln.Addr().String())
		}
		cfg.SendsMail = cfg.Mail.SMTP != nil
		s, err := web.New(cfg.HTTPConfig, db, log, pages.Funcs())
		if err != nil {
			return err
		}
		for _, r := range routes(s) {
			s.Handle(r.method, r.path, r.handler, r.access)
		}
		go tidyEvery(ctx, db, log, time.Hour)
		go keepMinHeapGoal(ctx)
		defer startMail(ctx, cfg, db, log)()
		log.Info("listening", "addr", ln.Addr().String(), "base_url", cfg.BaseURL)
		fmt.Fprintf(stdout, "Convene is running at %s (press Ctrl-C to stop)\n", cfg.BaseURL)
		return s.Serve(ctx, ln)
	})
}

// runMigrate applies pending migrations.
func runMigrate(ctx context.Context, cfg Config, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	cfg.databaseFlags(fs)
	if err := parseFlags(fs, args, stderr, "migrate [--data-dir DIR]"); err != nil {
		return err
	}
	return withDatabase(ctx, &cfg, stderr, func(*storage.DB, *slog.Logger) error { return nil })
}

// runSeed adds the demo data.
func runSeed(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	cfg.databaseFlags(fs)
	wantDemo := fs.Bool("demo", false, "add the demo hubs, organisations, people and events (required)")
	scale := fs.Int("scale", 1, "multiply the demo data N times, for load tests")
	if err := parseFlags(fs, args, stderr, "seed --demo [--scale N] [--data-dir DIR]"); err != nil {
		return err
	}
	if !*wantDemo {
		return configErrorf("seed needs --demo (the only data set there is)")
	}
	if *scale < 1 || *scale > 1000 {
		return configErrorf("--scale %s: want a whole number from 1 to 1000", strconv.Itoa(*scale))
	}
	return withDatabase(ctx, &cfg, stderr, func(db *storage.DB, _ *slog.Logger) error {
		report, err := demo.Seed(ctx, db, demo.SeedOptions{Scale: *scale, Now: time.Now()})
		if err != nil {
			return err
		}
		printSeedReport(stdout, report)
		return nil
	})
}

// withDatabase is the start of every subcommand that uses the database:
// check the configuration, connect (starting the embedded cluster when
// no DATABASE_URL is set and no other process runs it), bring the schema
// up to date, run fn, and release all of it afterwards.
func withDatabase(ctx context.Context, cfg *Config, stderr io.Writer, fn func(db *storage.DB, log *slog.Logger) error) error {
	if err := cfg.validate(); err != nil {
		return err
	}
	log, lines := newLogger(*cfg, stderr)
	defer lines.Close()
	db, closeDB, err := openDatabase(ctx, *cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := db.Migrate(ctx, log); err != nil {
		return err
	}
	return fn(db, log)
}

// openDatabase connects to DATABASE_URL or to the embedded cluster,
// starting it if no other process has. The returned func releases both.
func openDatabase(ctx context.Context, cfg Config, log *slog.Logger) (*storage.DB, func(), error) {
	if cfg.DatabaseURL != "" {
		db, err := storage.Open(ctx, cfg.DatabaseURL)
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	embedded, err := cluster.OpenCluster(ctx, cluster.ClusterOptions{DataDir: cfg.DataDir, Logger: log})
	if err != nil {
		if errors.Is(err, cluster.ErrNoServerBinaries) {
			return nil, nil, &configError{msg: err.Error()}
		}
		return nil, nil, err
	}
	db, err := storage.Open(ctx, embedded.URL())
	if err != nil {
		_ = embedded.Close()
		return nil, nil, err
	}
	return db, func() {
		db.Close()
		if err := embedded.Close(); err != nil {
			log.Error("stop postgres", "err", err)
		}
	}, nil
}

// tidyEvery removes expired sessions, old sign-in failures and spent
// password links, and settles delivered requests (tidyOnce), now and then
// every period, until ctx ends. Several instances may do it at once: each
// statement is idempotent.
func tidyEvery(ctx context.Context, db *storage.DB, log *slog.Logger, period time.Duration) {
	for {
		if err := tidyOnce(ctx, db, time.Now()); err != nil && ctx.Err() == nil {
			log.Warn("tidying the database", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(period):
		}
	}
}

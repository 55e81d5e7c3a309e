// Package pgtest gives each test its own fresh, migrated PostgreSQL
// database: a copy of a template database migrated once per test binary,
// on a throwaway embedded cluster started by package storage/cluster (the
// same code as convene serve), or on the server in CONVENE_TEST_DATABASE_URL
// when that is set.
//
// A package that uses it declares
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// so that the cluster is stopped and removed when its tests end.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/cluster"
)

// server is the one database server of this test binary. Package state is
// the point here: every test in the binary shares it.
type server struct {
	dsn      func(dbname string) string // DSN of a database on the server
	cluster  *cluster.Cluster           // nil when CONVENE_TEST_DATABASE_URL is used
	tmpDir   string
	admin    *storage.DB
	template string
	err      error
}

var (
	mainCalled atomic.Bool
	setupOnce  sync.Once
	srv        server
	counter    atomic.Int64
	runID      = randomID()
)

// Main runs the tests of a package and then removes its server.
func Main(m *testing.M) {
	mainCalled.Store(true)
	code := m.Run()
	teardown()
	os.Exit(code)
}

// New returns a handle on a fresh, migrated database, dropped when tb ends.
func New(tb testing.TB) *storage.DB {
	tb.Helper()
	dsn := NewDSN(tb)
	db, err := storage.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// NewDSN creates a fresh, migrated database and returns its connection
// string, for tests that start Convene itself against it.
func NewDSN(tb testing.TB) string {
	tb.Helper()
	return createDatabase(tb, "")
}

// createDatabase makes a database copied from template, or from the
// migrated template when template is empty.
func createDatabase(tb testing.TB, template string) string {
	tb.Helper()
	if !mainCalled.Load() {
		tb.Fatal("pgtest: this package needs func TestMain(m *testing.M) { pgtest.Main(m) }")
	}
	setupOnce.Do(setup)
	if srv.err != nil {
		tb.Fatalf("pgtest: no test database server: %v", srv.err)
	}
	if template == "" {
		template = srv.template
	}
	name := fmt.Sprintf("convene_test_%s_%d", runID, counter.Add(1))
	ctx := context.Background()
	if _, err := srv.admin.SQL().ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)+" TEMPLATE "+pq.QuoteIdentifier(template)); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := srv.admin.SQL().ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)"); err != nil {
			tb.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	return srv.dsn(name)
}

// NewEmptyDSN creates an empty database, with no migrations applied, and
// returns its connection string, for tests of the migrations themselves.
func NewEmptyDSN(tb testing.TB) string {
	tb.Helper()
	return createDatabase(tb, "template0")
}

// Cluster returns the embedded cluster the tests run on, for tests of the
// cluster's supervision; nil when CONVENE_TEST_DATABASE_URL is used.
func Cluster(tb testing.TB) *cluster.Cluster {
	tb.Helper()
	setupOnce.Do(setup)
	if srv.err != nil {
		tb.Fatalf("pgtest: no test database server: %v", srv.err)
	}
	return srv.cluster
}

func setup() {
	ctx := context.Background()
	if base := os.Getenv("CONVENE_TEST_DATABASE_URL"); base != "" {
		srv.dsn = func(name string) string { return withDBName(base, name) }
	} else {
		srv.tmpDir, srv.err = os.MkdirTemp("", "convene-pgtest-")
		if srv.err != nil {
			return
		}
		srv.cluster, srv.err = cluster.OpenCluster(ctx, cluster.ClusterOptions{
			DataDir: srv.tmpDir,
			// Durability is pointless for throwaway data; speed is not.
			Settings: map[string]string{"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "300"},
		})
		if srv.err != nil {
			return
		}
		srv.dsn = srv.cluster.DSN
	}
	if srv.admin, srv.err = storage.Open(ctx, srv.dsn("postgres")); srv.err != nil {
		return
	}
	srv.template = "convene_template_" + runID
	if _, srv.err = srv.admin.SQL().ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(srv.template)); srv.err != nil {
		return
	}
	tpl, err := storage.Open(ctx, srv.dsn(srv.template))
	if err != nil {
		srv.err = err
		return
	}
	defer tpl.Close()
	srv.err = tpl.Migrate(ctx, slog.New(slog.DiscardHandler))
}

func teardown() {
	if srv.admin != nil {
		_, _ = srv.admin.SQL().Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(srv.template) + " WITH (FORCE)")
		srv.admin.Close()
	}
	if srv.cluster != nil {
		if err := srv.cluster.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
		}
	}
	if srv.tmpDir != "" {
		_ = os.RemoveAll(srv.tmpDir)
	}
}

// withDBName points a connection string (URL or key=value) at dbname.
func withDBName(dsn, dbname string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + dbname
		return u.String()
	}
	return strings.TrimSpace(dsn) + " dbname=" + dbname
}

func randomID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// SQL is a test's sqlx handle on db, to look at rows directly.
func SQL(db *storage.DB) *sqlx.DB { return sqlx.NewDb(db.SQL(), "postgres") }

// MustExec runs a statement on db, failing tb if it fails.
func MustExec(tb testing.TB, db *storage.DB, query string, args ...any) {
	tb.Helper()
	if _, err := db.SQL().ExecContext(context.Background(), query, args...); err != nil {
		tb.Fatal(err)
	}
}

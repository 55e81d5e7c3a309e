// Package storage keeps Convene's state in PostgreSQL: connecting,
// migrations, and one file per aggregate with its SQL. It and its
// sub-packages are the only ones that import sqlx and lib/pq: the embedded
// PostgreSQL server is storage/cluster, the demo data set storage/demo, and
// the test databases storage/pgtest.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/hub"
)

// DB is the application's handle on its database.
type DB struct {
	x   *sqlx.DB
	dsn string // for the calendar change listener's own connection
	// FeedbackCodeMailer, when set, hears of each one-time feedback code
	// as its email is queued (see queueFeedbackCodeEmail): tests read codes
	// through it.
	FeedbackCodeMailer func(m FeedbackCodeEmail)
}

// Open connects to the database at dsn (a URL or key=value string) and
// checks that it answers.
func Open(ctx context.Context, dsn string) (*DB, error) {
	connector, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	x := sqlx.NewDb(sql.OpenDB(countingConnector{connector}), "postgres")
	x.SetMaxOpenConns(32)
	x.SetMaxIdleConns(32)
	x.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := x.PingContext(pingCtx); err != nil {
		x.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return &DB{x: x, dsn: dsn}, nil
}

// Close releases the connections.
func (db *DB) Close() error { return db.x.Close() }

// SQL exposes the underlying handle (database/sql, not sqlx) to tests and
// tools in this module: storage/demo bulk-loads through it, and
// storage/pgtest wraps it for tests that inspect rows.
func (db *DB) SQL() *sql.DB { return db.x.DB }

// Ping checks that the database answers within ctx.
func (db *DB) Ping(ctx context.Context) error { return db.x.PingContext(ctx) }

// inTx runs fn in one transaction, committed when fn returns nil and rolled
// back otherwise, so a change is stored whole or not at all.
func (db *DB) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := db.x.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", mapErr(err))
	}
	return nil
}

// PostgreSQL error codes the domain cares about.
const (
	pqUniqueViolation     = "23505"
	pqForeignKeyViolation = "23503"
	pqCheckViolation      = "23514"
)

// mapErr turns database errors into the domain's vocabulary: no rows is
// not_found, a unique violation is conflict. Others pass through.
func mapErr(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &hub.Error{Code: hub.ENotFound, Message: "Not found."}
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Code {
		case pqUniqueViolation:
			return &hub.Error{Code: hub.EConflict, Message: "That already exists."}
		case pqForeignKeyViolation:
			return &hub.Error{Code: hub.EInvalid, Message: "That refers to something that does not exist."}
		}
	}
	return err
}

// notFound wraps sql.ErrNoRows as a not_found error naming what was missing.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &hub.Error{Code: hub.ENotFound, Message: what + " was not found."}
	}
	return err
}

// querier is what a query helper needs: the database itself or an open
// transaction.
type querier = sqlx.ExtContext

func sqlxGet(ctx context.Context, q querier, dest any, query string, args ...any) error {
	return sqlx.GetContext(ctx, q, dest, query, args...)
}

func isUniqueViolation(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == pqUniqueViolation
}

// IsUnstorableText reports an error PostgreSQL gives for text it cannot
// hold (a NUL character, invalid UTF-8), which is bad input, not a fault.
func IsUnstorableText(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && (pqErr.Code == "22021" || pqErr.Code == "22P05")
}

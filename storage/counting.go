package storage

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync/atomic"

	"github.com/lib/pq"
)

// Queries are counted per request: the request's context carries a
// counter, and every statement sent with that context adds one. The
// request log reports the count, and tests use it to check that a page
// makes a bounded number of queries however much data there is.

type counterKey struct{}

// WithQueryCounter returns a context whose database statements are counted
// in the returned counter.
func WithQueryCounter(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, counterKey{}, n), n
}

func countQuery(ctx context.Context) {
	if n, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

// countingConnector wraps lib/pq's connector so that its connections count.
type countingConnector struct{ *pq.Connector }

func (c countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := conn.(pqConn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("lib/pq connection %T lacks the expected methods", conn)
	}
	return countingConn{pc}, nil
}

// pqConn is what lib/pq's connection provides and database/sql uses.
type pqConn interface {
	driver.Conn
	driver.QueryerContext
	driver.ExecerContext
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

type countingConn struct{ pqConn }

func (c countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	countQuery(ctx)
	return c.pqConn.QueryContext(ctx, query, args)
}

func (c countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	countQuery(ctx)
	return c.pqConn.ExecContext(ctx, query, args)
}

func (c countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	countQuery(ctx)
	return c.pqConn.PrepareContext(ctx, query)
}

package storage_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/lib/pq"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestIsUnavailable checks which errors count as "the database cannot be
// reached": outages yes, faults in the request or in our SQL no.
func TestIsUnavailable(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"Nil", nil, false},
		{"BadConn", fmt.Errorf("find hub: %w", driver.ErrBadConn), true},
		{"ConnDone", sql.ErrConnDone, true},
		{"NetError", fmt.Errorf("connect to database: %w", refused), true},
		{"UnexpectedEOF", io.ErrUnexpectedEOF, true},
		{"Deadline", fmt.Errorf("ping: %w", context.DeadlineExceeded), true},
		{"ConnectionException", &pq.Error{Code: "08006"}, true},
		{"AdminShutdown", &pq.Error{Code: "57P01"}, true},
		{"CrashShutdown", &pq.Error{Code: "57P02"}, true},
		{"CannotConnectNow", &pq.Error{Code: "57P03"}, true},
		{"TooManyConnections", &pq.Error{Code: "53300"}, true},
		{"QueryCanceled", &pq.Error{Code: "57014"}, false},
		{"UniqueViolation", &pq.Error{Code: "23505"}, false},
		{"SyntaxError", &pq.Error{Code: "42601"}, false},
		{"NoRows", sql.ErrNoRows, false},
		{"Canceled", context.Canceled, false},
		{"EOF", io.EOF, false},
		{"DomainError", &hub.Error{Code: hub.EInvalid, Message: "no"}, false},
		{"Other", errors.New("boom"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := storage.IsUnavailable(c.err); got != c.want {
				t.Errorf("IsUnavailable(%v) = %v, want %v", c.err, got, c.want)
			}
		})
	}
}

// TestIsUnavailableRealErrors checks the errors lib/pq and database/sql
// really give: a port nobody listens on, and a connection the server
// ends (pg_terminate_backend sends 57P01).
func TestIsUnavailableRealErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("Refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().(*net.TCPAddr)
		ln.Close()
		_, err = storage.Open(ctx, fmt.Sprintf("host=127.0.0.1 port=%d user=nobody dbname=nothing sslmode=disable connect_timeout=5", addr.Port))
		if err == nil || !storage.IsUnavailable(err) {
			t.Errorf("Open on a closed port: %v; want an unavailable error", err)
		}
	})
	t.Run("Terminated", func(t *testing.T) {
		db := pgtest.New(t)
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var pid int
		if err := conn.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
			t.Fatal(err)
		}
		other := pgtest.New(t)
		if _, err := other.SQL().ExecContext(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
			t.Fatal(err)
		}
		_, err = conn.ExecContext(ctx, "SELECT 1")
		if err == nil || !storage.IsUnavailable(err) {
			t.Errorf("query on a terminated connection: %v; want an unavailable error", err)
		}
	})
	t.Run("Undefined", func(t *testing.T) {
		db := pgtest.New(t)
		_, err := db.SQL().ExecContext(ctx, "SELECT * FROM no_such_table")
		if err == nil || storage.IsUnavailable(err) {
			t.Errorf("query on a missing table: %v; want an error that is not unavailable", err)
		}
	})
}

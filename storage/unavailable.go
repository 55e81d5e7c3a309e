package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/lib/pq"
)

// IsUnavailable reports whether err means the database could not be
// reached or is not accepting work just now: it is down, restarting,
// refusing or dropping connections, or did not answer in time. Such an
// error is an outage, not a fault in the request or in our code, and the
// request may succeed when retried later. This is the one place that
// decides it.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch {
		case pqErr.Code.Class() == "08": // connection exception
			return true
		case pqErr.Code == "57P01", pqErr.Code == "57P02", pqErr.Code == "57P03": // admin shutdown, crash shutdown, cannot connect now
			return true
		case pqErr.Code == "53300": // too many connections
			return true
		}
		return false
	}
	var netErr net.Error
	switch {
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone):
		return true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return true
	case errors.As(err, &netErr): // refused, reset, a Unix socket that is gone, a timeout
		return true
	case errors.Is(err, io.ErrUnexpectedEOF):
		return true
	case errors.Is(err, context.DeadlineExceeded):
		// Requests carry no deadline of their own: one that passed was
		// spent waiting for a connection or for an answer.
		return true
	}
	return false
}

package web

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
)

// outageRetryAfter is the Retry-After, in seconds, of answers given while
// the database cannot be reached.
const outageRetryAfter = 5

// unavailableMessage is what people and API clients are told meanwhile.
const unavailableMessage = "We cannot reach our database just now. Please try again in a few moments."

// outage remembers whether the database is unreachable, so that an outage
// is logged once when it begins and once when it ends instead of once per
// refused request. Evidence is ordered by when the request began: a slow
// request that started before a change of state says nothing about the
// state now.
type outage struct {
	log     *slog.Logger
	down    atomic.Bool // spares the lock on every request while all is well
	mu      sync.Mutex
	since   time.Time // when the outage began; zero while the database answers
	changed time.Time // when the state last changed
	refused int       // requests answered 503 during this outage
}

// begin records that a request started at started could not reach the
// database; the first such request of an outage logs it.
func (o *outage) begin(err error, started time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.since.IsZero() {
		o.refused++
		return
	}
	if started.Before(o.changed) {
		return
	}
	now := time.Now()
	o.since, o.changed, o.refused = now, now, 1
	o.down.Store(true)
	o.log.Error("database unreachable: answering 503 until it returns", "err", err)
}

// end records that a request started at started used the database
// successfully; the first such request after an outage logs the recovery.
func (o *outage) end(started time.Time) {
	if !o.down.Load() {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.since.IsZero() || started.Before(o.changed) {
		return
	}
	now := time.Now()
	o.log.Info("database reachable again", "outage", now.Sub(o.since).Round(time.Millisecond), "requests_refused", o.refused)
	o.since, o.changed, o.refused = time.Time{}, now, 0
	o.down.Store(false)
}

// requestStart is when the request began, as noted by the request logger.
func requestStart(c echo.Context) time.Time {
	if t, ok := c.Get(startedKey).(time.Time); ok {
		return t
	}
	return time.Now()
}

const startedKey = "started"

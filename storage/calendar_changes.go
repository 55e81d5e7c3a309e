package storage

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/lib/pq"
)

// CalendarChanges knows the count of committed changes to anything a feed
// shows (calendar_changes.n, raised by triggers from migration 0009), so
// that rendered feeds can be cached under it. While its listener is
// connected it learns each change from NOTIFY calendar_change and answers
// without a query; otherwise each call asks the database. Every instance
// has its own listener, so a change made through any instance reaches the
// caches of all.
type CalendarChanges struct {
	db        *DB
	log       *slog.Logger
	listening atomic.Bool
	n         atomic.Int64
}

// WatchCalendarChanges starts listening for changes until ctx ends.
func (db *DB) WatchCalendarChanges(ctx context.Context, log *slog.Logger) *CalendarChanges {
	cc := &CalendarChanges{db: db, log: log}
	if db.dsn == "" {
		return cc
	}
	l := pq.NewListener(db.dsn, time.Second, 30*time.Second, func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventConnected, pq.ListenerEventReconnected:
			cc.resync()
		case pq.ListenerEventDisconnected, pq.ListenerEventConnectionAttemptFailed:
			cc.listening.Store(false)
		}
	})
	if err := l.Listen("calendar_change"); err != nil {
		log.Warn("calendar change listener not started; feeds will ask the database each time", "err", err)
	}
	go func() {
		defer l.Close()
		for {
			select {
			case <-ctx.Done():
				cc.listening.Store(false)
				return
			case note, ok := <-l.Notify:
				if !ok {
					return
				}
				if note == nil { // reconnected: changes may have been missed
					cc.resync()
					continue
				}
				if n, err := strconv.ParseInt(note.Extra, 10, 64); err == nil {
					cc.raise(n)
				}
			case <-time.After(90 * time.Second):
				go func() { _ = l.Ping() }()
			}
		}
	}()
	return cc
}

// resync reads the count after (re)connecting, then trusts notifications.
func (cc *CalendarChanges) resync() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, err := cc.read(ctx)
	if err != nil {
		cc.listening.Store(false)
		return
	}
	cc.raise(n)
	cc.listening.Store(true)
}

func (cc *CalendarChanges) raise(n int64) {
	for {
		old := cc.n.Load()
		if n <= old || cc.n.CompareAndSwap(old, n) {
			return
		}
	}
}

func (cc *CalendarChanges) read(ctx context.Context) (int64, error) {
	var n int64
	if err := cc.db.x.GetContext(ctx, &n, `SELECT n FROM calendar_changes`); err != nil {
		return 0, fmt.Errorf("read calendar changes: %w", err)
	}
	return n, nil
}

// Current is the count of changes now.
func (cc *CalendarChanges) Current(ctx context.Context) (int64, error) {
	if cc.listening.Load() {
		return cc.n.Load(), nil
	}
	n, err := cc.read(ctx)
	if err != nil {
		return 0, err
	}
	cc.raise(n)
	return n, nil
}

// Sync reads the count now, for a change this instance has just made
// (rotating a feed token must close the old address at once, not when the
// notification arrives).
func (cc *CalendarChanges) Sync(ctx context.Context) error {
	n, err := cc.read(ctx)
	if err != nil {
		return err
	}
	cc.raise(n)
	return nil
}

// Known is the count of changes as notifications last told it, and
// whether they can be trusted (the listener is connected): when not, only
// Current, which asks the database, knows.
func (cc *CalendarChanges) Known() (int64, bool) {
	return cc.n.Load(), cc.listening.Load()
}

package mailer

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/convene/convene/storage"
)

// How long delivered messages stay in the outbox.
const keepDelivered = 90 * 24 * time.Hour

type remindersArgs struct{}

func (remindersArgs) Kind() string                 { return "mail_reminders" }
func (remindersArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: storage.MailQueue} }

// remindersWorker queues the reminders that are due.
type remindersWorker struct {
	river.WorkerDefaults[remindersArgs]
	db  *storage.DB
	log *slog.Logger
}

func (w *remindersWorker) Work(ctx context.Context, _ *river.Job[remindersArgs]) error {
	n, err := w.db.QueueReminders(ctx, time.Now())
	if n > 0 {
		w.log.Info("reminders queued", "count", n)
	}
	return err
}

type digestsArgs struct{}

func (digestsArgs) Kind() string                 { return "mail_digests" }
func (digestsArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: storage.MailQueue} }

// digestsWorker queues the coordinators' digests that are due.
type digestsWorker struct {
	river.WorkerDefaults[digestsArgs]
	db  *storage.DB
	log *slog.Logger
}

func (w *digestsWorker) Work(ctx context.Context, _ *river.Job[digestsArgs]) error {
	n, err := w.db.QueueDigests(ctx, time.Now())
	if n > 0 {
		w.log.Info("digests queued", "count", n)
	}
	return err
}

type tidyArgs struct{}

func (tidyArgs) Kind() string                 { return "mail_tidy" }
func (tidyArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: storage.MailQueue} }

// tidyWorker removes old delivered messages.
type tidyWorker struct {
	river.WorkerDefaults[tidyArgs]
	db *storage.DB
}

func (w *tidyWorker) Work(ctx context.Context, _ *river.Job[tidyArgs]) error {
	return w.db.TidyMail(ctx, keepDelivered)
}

// quietHandler passes on River's warnings and errors only.
type quietHandler struct{ slog.Handler }

func (h quietHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.Handler.Enabled(ctx, l)
}

func (h quietHandler) WithAttrs(a []slog.Attr) slog.Handler {
	return quietHandler{h.Handler.WithAttrs(a)}
}
func (h quietHandler) WithGroup(n string) slog.Handler { return quietHandler{h.Handler.WithGroup(n)} }

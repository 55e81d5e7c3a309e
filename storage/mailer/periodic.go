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

type digestsArgs struct{}

func (digestsArgs) Kind() string                 { return "mail_digests" }
func (digestsArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: storage.MailQueue} }

type feedbackArgs struct{}

func (feedbackArgs) Kind() string                 { return "mail_feedback" }
func (feedbackArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: storage.MailQueue} }

// dueWorker runs one of storage's operations that queue the messages now
// due (reminders, digests), and logs how many it queued.
type dueWorker[A river.JobArgs] struct {
	river.WorkerDefaults[A]
	queue func(context.Context, time.Time) (int, error)
	what  string
	log   *slog.Logger
}

func (w *dueWorker[A]) Work(ctx context.Context, _ *river.Job[A]) error {
	n, err := w.queue(ctx, time.Now())
	if n > 0 {
		w.log.Info(w.what+" queued", "count", n)
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

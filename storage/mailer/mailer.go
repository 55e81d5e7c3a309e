package mailer

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"github.com/convene/convene/notify"
	"github.com/convene/convene/storage"
)

// Config says how the mailer delivers.
type Config struct {
	// SMTP is the mail server; nil keeps messages in the database.
	SMTP *SMTP
	// From is the sender's address and FromName its display name.
	From, FromName string
	// BaseURL is the site's public address, for links in messages.
	BaseURL string
	// Host is the site's host name: Message-IDs, HELO.
	Host string
	// UIDHost is the right-hand side of calendar UIDs in attachments: the
	// deployment's identifier, the same as in every feed and download
	// (read from the database when empty).
	UIDHost string
	// RetryBase is the wait before the first retry; each retry waits
	// twice as long as the one before, up to an hour.
	RetryBase time.Duration
	// PollInterval is how often idle workers look for jobs.
	PollInterval time.Duration
	// Periodic runs the reminders, digests and tidying on this instance
	// when it is River's leader.
	Periodic bool
	// Log receives one line per delivery and per failure.
	Log *slog.Logger
}

// Mailer is the running River client.
type Mailer struct {
	client *river.Client[*sql.Tx]
}

// Start begins delivering the outbox of db until Stop.
func Start(ctx context.Context, db *storage.DB, cfg Config) (*Mailer, error) {
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = 30 * time.Second
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.UIDHost == "" {
		id, err := db.DeploymentID(ctx)
		if err != nil {
			return nil, fmt.Errorf("start mail: %w", err)
		}
		cfg.UIDHost = id
	}
	w := &deliverWorker{db: db, cfg: cfg}
	if cfg.SMTP != nil {
		w.send = sender{smtp: *cfg.SMTP, from: cfg.From, fromName: cfg.FromName, host: cfg.Host}.send
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, w)
	river.AddWorker(workers, &dueWorker[remindersArgs]{queue: db.QueueReminders, what: "reminders", log: cfg.Log})
	river.AddWorker(workers, &dueWorker[digestsArgs]{queue: db.QueueDigests, what: "digests", log: cfg.Log})
	river.AddWorker(workers, &dueWorker[feedbackArgs]{queue: db.FeedbackDue, what: "feedback requests", log: cfg.Log})
	river.AddWorker(workers, &tidyWorker{db: db})
	rc := &river.Config{
		Queues:            map[string]river.QueueConfig{storage.MailQueue: {MaxWorkers: 4}},
		Workers:           workers,
		PollOnly:          true,
		FetchPollInterval: cfg.PollInterval,
		FetchCooldown:     min(cfg.PollInterval, 100*time.Millisecond),
		JobTimeout:        2 * time.Minute,
		// Longer than any delivery takes: a job is rescued (and its message
		// perhaps sent again) only when its worker has surely died.
		RescueStuckJobsAfter: 15 * time.Minute,
		// River logs its own workings; Convene logs each delivery itself.
		Logger: slog.New(quietHandler{cfg.Log.Handler()}),
	}
	if cfg.Periodic {
		rc.PeriodicJobs = []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute), func() (river.JobArgs, *river.InsertOpts) { return remindersArgs{}, nil },
				&river.PeriodicJobOpts{ID: "mail_reminders", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(30*time.Minute), func() (river.JobArgs, *river.InsertOpts) { return digestsArgs{}, nil },
				&river.PeriodicJobOpts{ID: "mail_digests", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute), func() (river.JobArgs, *river.InsertOpts) { return feedbackArgs{}, nil },
				&river.PeriodicJobOpts{ID: "mail_feedback", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(time.Hour), func() (river.JobArgs, *river.InsertOpts) { return tidyArgs{}, nil },
				&river.PeriodicJobOpts{ID: "mail_tidy", RunOnStart: true}),
		}
	}
	client, err := river.NewClient(riverdatabasesql.New(db.SQL()), rc)
	if err != nil {
		return nil, fmt.Errorf("mailer: %w", err)
	}
	if err := client.Start(ctx); err != nil {
		return nil, fmt.Errorf("mailer: %w", err)
	}
	return &Mailer{client: client}, nil
}

// Stop lets deliveries in progress finish (within ctx) and stops.
func (m *Mailer) Stop(ctx context.Context) error {
	return m.client.Stop(ctx)
}

// deliverWorker delivers one message per job.
type deliverWorker struct {
	river.WorkerDefaults[storage.DeliverArgs]
	db   *storage.DB
	cfg  Config
	send func(context.Context, notify.Message) error
}

// Work delivers the job's message. A message another worker holds is
// looked at again shortly; a permanent refusal cancels the job.
func (w *deliverWorker) Work(ctx context.Context, job *river.Job[storage.DeliverArgs]) error {
	id := job.Args.MessageID
	site := notify.Site{BaseURL: w.cfg.BaseURL, Host: w.cfg.UIDHost, Now: time.Now()}
	status, err := w.db.DeliverMessage(ctx, id, storage.Delivery{Site: site, Send: w.send})
	switch {
	case errors.Is(err, storage.ErrMessageBusy):
		return river.JobSnooze(5 * time.Second)
	case err == nil:
		w.cfg.Log.Info("mail delivered", "message_id", id, "status", status, "attempt", job.Attempt)
		return nil
	}
	final := IsPermanent(err) || job.Attempt >= job.MaxAttempts
	if ferr := w.db.MessageFailed(context.WithoutCancel(ctx), id, err, final); ferr != nil {
		w.cfg.Log.Error("recording a mail failure", "message_id", id, "err", ferr)
	}
	w.cfg.Log.Warn("mail not delivered", "message_id", id, "attempt", job.Attempt, "final", final, "err", err)
	if IsPermanent(err) {
		return river.JobCancel(err)
	}
	return err
}

// NextRetry doubles the wait after each failure, from RetryBase up to an
// hour: a mail server down for a while is tried again soon after it is
// back, without hammering it meanwhile.
func (w *deliverWorker) NextRetry(job *river.Job[storage.DeliverArgs]) time.Time {
	wait := w.cfg.RetryBase
	for i := 1; i < job.Attempt && wait < time.Hour; i++ {
		wait *= 2
	}
	return time.Now().Add(min(wait, time.Hour))
}

func randomID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

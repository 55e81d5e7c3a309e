package main

import (
	"context"
	"log/slog"
	"net/url"

	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/mailer"
)

// startMail starts delivering the outbox (and the mail jobs: reminders,
// digests, tidying) alongside the web server, and returns what stops it.
// A mailer that cannot start is logged, not fatal: registrations and
// changes still queue their messages, which go out once one runs.
func startMail(ctx context.Context, cfg Config, db *storage.DB, log *slog.Logger) func() {
	host := "localhost"
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	from := cfg.Mail.From
	if cfg.Mail.fromDerived {
		from = "convene@" + host
	}
	// Stopped by the returned func, after the web server, not by ctx: deliveries
	// in progress finish rather than fail at shutdown.
	m, err := mailer.Start(context.WithoutCancel(ctx), db, mailer.Config{SMTP: cfg.Mail.SMTP, From: from, FromName: cfg.Mail.FromName,
		BaseURL: cfg.BaseURL, Host: host, RetryBase: cfg.Mail.RetryBase, PollInterval: cfg.Mail.PollInterval,
		Periodic: true, Log: log.With("component", "mail")})
	if err != nil {
		log.Error("mail delivery not started; messages wait in the outbox", "err", err)
		return func() {}
	}
	if cfg.Mail.SMTP == nil {
		log.Info("no CONVENE_SMTP_URL: messages are kept in the database, for admins at /admin/mail")
	}
	return func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		if err := m.Stop(stopCtx); err != nil {
			log.Warn("stopping mail delivery", "err", err)
		}
	}
}

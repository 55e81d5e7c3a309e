// Package mailer delivers Convene's outbox.
//
// Messages are queued by storage in the transaction of the change that
// causes them: a row of mail_messages and a River job (DeliverArgs) to
// deliver it. This package runs the River client that works those jobs —
// over database/sql (riverdatabasesql) in poll mode, so it needs nothing
// from PostgreSQL beyond what Convene already uses, and several Convene
// instances against one database share the work: River locks each job for
// one worker, and storage.DeliverMessage takes the message's row lock and
// marks it sent in the same transaction, so each message goes out once
// (a crash between the SMTP server's acceptance and that commit can
// resend that one message, never a batch).
//
// Delivery composes the message with notify from the rows as they are
// then, and hands it to the SMTP server (wneessen/go-mail) configured by
// CONVENE_SMTP_URL; with none configured it is kept in the database, for
// admins to read at /admin/mail. Temporary failures (server down, 4xx) are
// retried with exponential backoff up to storage.MailMaxAttempts; a
// permanent refusal (5xx) is marked failed at once, for an admin to retry.
//
// The same client runs the periodic jobs, on one instance at a time (the
// River leader): reminders, coordinators' digests and tidying the outbox.
//
// It sits under storage because it is storage's outbox it drains; it
// imports storage and notify, and nothing imports it but package main.
package mailer

package main

import (
	"net/mail"
	"net/url"
	"time"

	"github.com/convene/convene/storage/mailer"
)

// MailConfig is how Convene sends email: CONVENE_SMTP_URL, CONVENE_MAIL_FROM
// and CONVENE_MAIL_RETRY_BASE.
type MailConfig struct {
	// SMTP is the mail server; nil keeps messages in the database, shown
	// at /admin/mail.
	SMTP *mailer.SMTP
	// From is the sender's address; FromName its display name.
	From, FromName string
	// RetryBase is the wait before a failed message's first retry; each
	// later wait doubles, up to an hour.
	RetryBase time.Duration
	// PollInterval is how often idle mail workers look for work.
	PollInterval time.Duration

	// fromDerived is true when From was not given but made from the base URL.
	fromDerived bool
}

// fromEnv reads the mail settings.
func (m *MailConfig) fromEnv(getenv func(string) string) error {
	m.RetryBase, m.PollInterval = 30*time.Second, time.Second
	if v := getenv("CONVENE_SMTP_URL"); v != "" {
		s, err := mailer.ParseSMTPURL(v)
		if err != nil {
			return configErrorf("CONVENE_SMTP_URL: %v", err)
		}
		m.SMTP = &s
	}
	if v := getenv("CONVENE_MAIL_FROM"); v != "" {
		a, err := mail.ParseAddress(v)
		if err != nil {
			return configErrorf("CONVENE_MAIL_FROM=%q: want an address like Convene <hubs@example.org>", v)
		}
		m.From, m.FromName = a.Address, a.Name
	}
	if v := getenv("CONVENE_MAIL_RETRY_BASE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return configErrorf("CONVENE_MAIL_RETRY_BASE=%q: want a positive duration like 30s", v)
		}
		m.RetryBase = d
		m.PollInterval = min(time.Second, d)
	}
	return nil
}

// validate fills in the sender from the site's address when not given.
func (m *MailConfig) validate(baseURL string) error {
	if m.FromName == "" {
		m.FromName = "Convene"
	}
	if m.From == "" {
		u, err := url.Parse(baseURL)
		if err != nil || u.Hostname() == "" {
			return configErrorf("set CONVENE_MAIL_FROM, the address messages come from")
		}
		m.From, m.fromDerived = "convene@"+u.Hostname(), true
	}
	return nil
}

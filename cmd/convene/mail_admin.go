package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/storage"
)

// mailAdminView is the outbox as admins see it.
type mailAdminView struct {
	Messages []storage.MailMessage
	Counts   storage.MailCounts
	Status   string
	To       string
	// Kept says messages are kept, not sent: no SMTP server is set.
	Kept bool
	// Statuses are the statuses to filter by.
	Statuses []string
}

// adminMailPage lists the outbox: what went out, what waits (with the
// SMTP server's error) and what failed.
func (s *server) adminMailPage(c echo.Context) error {
	limit, offset, err := pageParams(c)
	if err != nil {
		return err
	}
	f := storage.MailFilter{Status: c.QueryParam("status"), To: c.QueryParam("to"), Limit: limit, Offset: offset}
	list, counts, err := s.db.ListMail(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "admin_mail", "Email", mailAdminView{Messages: list, Counts: counts, Status: f.Status, To: f.To,
		Kept: !s.cfg.SendsMail, Statuses: []string{storage.MailQueued, storage.MailSent, storage.MailKept, storage.MailFailed, storage.MailSkipped}})
}

// adminMailMessagePage shows one message as composed.
func (s *server) adminMailMessagePage(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	m, err := s.db.MailByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "admin_mail_message", m.Subject, m)
}

// retryMail queues a failed message again.
func (s *server) retryMail(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.db.RetryMail(c.Request().Context(), actorOf(c).PersonID(), id); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/mail/"+itoa64(id), "The message will be tried again in a moment.")
}

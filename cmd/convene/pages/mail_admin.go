package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
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

// AdminMailPage lists the outbox: what went out, what waits (with the
// SMTP server's error) and what failed.
func (s *Handler) AdminMailPage(c echo.Context) error {
	limit, offset, err := web.PageParams(c)
	if err != nil {
		return err
	}
	f := storage.MailFilter{Status: c.QueryParam("status"), To: c.QueryParam("to"), Limit: limit, Offset: offset}
	list, counts, err := s.DB.ListMail(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "admin_mail", "Email", mailAdminView{Messages: list, Counts: counts, Status: f.Status, To: f.To,
		Kept: !s.Config.SendsMail, Statuses: []string{storage.MailQueued, storage.MailSent, storage.MailKept, storage.MailFailed, storage.MailSkipped}})
}

// AdminMailMessagePage shows one message as composed.
func (s *Handler) AdminMailMessagePage(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	m, err := s.DB.MailByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "admin_mail_message", m.Subject, m)
}

// RetryMail queues a failed message again.
func (s *Handler) RetryMail(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.DB.RetryMail(c.Request().Context(), web.ActorOf(c), id); err != nil {
		return err
	}
	return s.RedirectWithFlash(c, "/admin/mail/"+web.FormatID(id), "The message will be tried again in a moment.")
}

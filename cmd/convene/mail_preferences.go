package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/notify"
)

// mailPreferencesView lists the optional kinds and whether each is on.
type mailPreferencesView struct {
	Kinds []notify.Kind
	Off   map[notify.Kind]bool
	Saved bool
}

// accountMailPage shows which optional emails the person gets.
func (s *server) accountMailPage(c echo.Context) error {
	off, err := s.db.MailOptOuts(c.Request().Context(), actorOf(c).Person.Email)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "account_mail", "Emails you get", mailPreferencesView{Kinds: notify.OptionalKinds(), Off: off})
}

// saveMailPreferences turns each optional kind on (ticked) or off.
func (s *server) saveMailPreferences(c echo.Context) error {
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	on := map[string]bool{}
	for _, k := range form["on"] {
		on[k] = true
	}
	off := map[notify.Kind]bool{}
	for _, k := range notify.OptionalKinds() {
		off[k] = !on[string(k)]
	}
	email := actorOf(c).Person.Email
	if err := s.db.SetMailOptOuts(c.Request().Context(), email, off); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "account_mail", "Emails you get", mailPreferencesView{Kinds: notify.OptionalKinds(), Off: off, Saved: true})
}

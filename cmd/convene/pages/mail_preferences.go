package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/notify"
)

// mailPreferencesView lists the optional kinds and whether each is on.
type mailPreferencesView struct {
	Kinds []notify.Kind
	Off   map[notify.Kind]bool
	Saved bool
}

// AccountMailPage shows which optional emails the person gets.
func (s *Handler) AccountMailPage(c echo.Context) error {
	off, err := s.DB.MailOptOuts(c.Request().Context(), web.ActorOf(c).Person.Email)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "account_mail", "Emails you get", mailPreferencesView{Kinds: notify.OptionalKinds(), Off: off})
}

// SaveMailPreferences turns each optional kind on (ticked) or off.
func (s *Handler) SaveMailPreferences(c echo.Context) error {
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
	email := web.ActorOf(c).Person.Email
	if err := s.DB.SetMailOptOuts(c.Request().Context(), email, off); err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "account_mail", "Emails you get", mailPreferencesView{Kinds: notify.OptionalKinds(), Off: off, Saved: true})
}

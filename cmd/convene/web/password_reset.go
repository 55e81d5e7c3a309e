package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// RequestReset checks the address and asks storage to send the link,
// throttled by client address as sign-in is.
func (s *Server) RequestReset(c echo.Context, email string) (string, error) {
	var f hub.FieldErrors
	hub.CheckEmail(&f, "email", &email)
	if err := f.Err(); err != nil {
		return "", err
	}
	return email, s.DB.RequestPasswordReset(c.Request().Context(), email, c.RealIP(), ForgotPasswordThrottle)
}

// AllHubIDs are the ids of every hub, for the programme-wide report.
func (s *Server) AllHubIDs(c echo.Context) ([]int64, error) {
	hubs, err := s.DB.ListHubs(c.Request().Context())
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, h := range hubs {
		ids = append(ids, h.ID)
	}
	if len(ids) == 0 {
		return nil, &hub.Error{Code: hub.ENotFound, Message: "There are no hubs to report on yet."}
	}
	return ids, nil
}

// ForgotPasswordThrottle bounds requests for a password reset link: per
// address asked about (beyond which nothing more is sent, silently) and
// per client address (beyond which the form says to wait).
var ForgotPasswordThrottle = storage.Throttle{Window: time.Hour, PerAccount: 3, PerAddress: 10}

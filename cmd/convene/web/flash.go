package web

import (
	"encoding/base64"
	"net/http"

	"github.com/labstack/echo/v4"
)

const FlashCookie = "convene_flash"

// RedirectWithFlash answers a successful form with a redirect (so that
// reloading does not submit it again) and a confirmation the next page
// shows once.
func (s *Server) RedirectWithFlash(c echo.Context, to, message string) error {
	s.setCookie(c, FlashCookie, base64.RawURLEncoding.EncodeToString([]byte(message)), 0)
	return c.Redirect(http.StatusSeeOther, to)
}

// takeFlash reads and clears the confirmation left by the last redirect.
func (s *Server) takeFlash(c echo.Context) string {
	ck, err := c.Cookie(FlashCookie)
	if err != nil || ck.Value == "" {
		return ""
	}
	s.ClearCookie(c, FlashCookie)
	msg, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil || len(msg) > 500 {
		return ""
	}
	return string(msg)
}

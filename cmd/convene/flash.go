package main

import (
	"encoding/base64"
	"net/http"

	"github.com/labstack/echo/v4"
)

const flashCookie = "convene_flash"

// redirectWithFlash answers a successful form with a redirect (so that
// reloading does not submit it again) and a confirmation the next page
// shows once.
func (s *server) redirectWithFlash(c echo.Context, to, message string) error {
	s.setCookie(c, flashCookie, base64.RawURLEncoding.EncodeToString([]byte(message)), 0)
	return c.Redirect(http.StatusSeeOther, to)
}

// takeFlash reads and clears the confirmation left by the last redirect.
func (s *server) takeFlash(c echo.Context) string {
	ck, err := c.Cookie(flashCookie)
	if err != nil || ck.Value == "" {
		return ""
	}
	s.clearCookie(c, flashCookie)
	msg, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil || len(msg) > 500 {
		return ""
	}
	return string(msg)
}

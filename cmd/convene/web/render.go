package web

import (
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/templates"
)

// requiredPages are the templates handlers render; start-up fails if one
// is missing.
var requiredPages = []string{"home", "hub", "error", "privacy", "signin", "forgot", "set_password", "account",
	"admin", "hub_settings", "hub_members", "hub_people", "organisations", "organisation", "organisation_form",
	"hub_events", "hub_month", "event", "event_form", "agenda", "check_in", "sign_in_sheet", "manage_registration", "my_events",
	"requests", "request", "request_form",
	"admin_mail", "admin_mail_message", "unsubscribe", "account_mail", "dashboard", "series",
	"feedback_form", "feedback_thanks", "feedback_start", "feedback_qr", "event_feedback", "report", "topic",
	"hub_attendance", "governance", "demand"}

// page is what every template receives: its own data plus the site-wide
// fields the layout needs.
type page struct {
	// Title is the page's title, for the <title> element.
	Title string
	// Site carries the layout's fields.
	Site site
	// Data is the page's own data.
	Data any
}

// site is the layout's view of the request.
type site struct {
	// User is the signed-in person, or nil.
	User *hub.Actor
	// CSRF is the token forms must send back.
	CSRF string
	// Flash is a one-off confirmation shown at the top of the page.
	Flash string
	// Path is the request path, to mark the current navigation link.
	Path string
}

// pageRenderer is Echo's renderer: the page templates.
type pageRenderer struct{ pages *templates.Renderer }

// Render implements echo.Renderer.
func (r pageRenderer) Render(w io.Writer, name string, data any, c echo.Context) error {
	return r.pages.Render(w, name, data)
}

// Render wraps data with the site-wide fields and renders the named page.
func (s *Server) Render(c echo.Context, status int, name, title string, data any) error {
	p := page{Title: title, Data: data, Site: s.siteOf(c)}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Render(status, name, p)
}

// siteOf gathers the layout's fields for the request.
func (s *Server) siteOf(c echo.Context) site {
	st := site{Path: c.Request().URL.Path}
	if a := ActorOf(c); a.SignedIn() {
		st.User = a
	}
	st.CSRF = s.CSRFTokenOf(c)
	st.Flash = s.takeFlash(c)
	return st
}

func (s *Server) templateFuncs() template.FuncMap {
	funcs := template.FuncMap{
		"asset":  s.assets.URL,
		"plural": hub.Plural,
		"date":   func(t time.Time) string { return t.Format("2 January 2006") },
		"lower":  strings.ToLower,
		"inc":    func(i int) int { return i + 1 },
		"add":    func(a, b int) int { return a + b },
		"sub":    func(a, b int) int { return max(a-b, 0) },
	}
	// paragraphs shows typed text with its paragraphs, line breaks and links.
	funcs["paragraphs"] = templates.Paragraphs
	for name, fn := range templates.FormFuncs() {
		funcs[name] = fn
	}
	for name, fn := range s.funcs {
		funcs[name] = fn
	}
	for name, fn := range s.calendarFuncs() {
		funcs[name] = fn
	}
	return funcs
}

// NotFoundPage is a 404 for a thing that does not exist or may not be seen.
func NotFoundPage() error { return hub.Errorf(hub.ENotFound, "There is nothing at this address.") }

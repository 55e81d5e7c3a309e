package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
)

// calendarJSON is the API's view of the personal feed.
type calendarJSON struct {
	// URL is the feed's address; only given when it was just made, since
	// only its hash is kept.
	URL *string `json:"url"`
	// Webcal is the same address for Apple Calendar and Outlook.
	Webcal *string `json:"webcal_url,omitempty"`
	// Active says whether the person has a live address.
	Active bool `json:"active"`
}

// MyCalendar gives the person's feed address, making it on first use.
// Once made it is stored only as a hash and cannot be shown again: POST
// replaces it.
func (s *Handler) MyCalendar(c echo.Context) error {
	ctx := c.Request().Context()
	has, err := s.DB.HasCalendarToken(ctx, web.ActorOf(c).PersonID())
	if err != nil {
		return err
	}
	if has {
		return c.JSON(http.StatusOK, calendarJSON{Active: true})
	}
	return s.RotateCalendar(c)
}

// RotateCalendar replaces the person's feed address.
func (s *Handler) RotateCalendar(c echo.Context) error {
	links, err := s.NewCalendarLink(c.Request().Context(), web.ActorOf(c).PersonID(), c.Request().Method == http.MethodPost)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if c.Request().Method != http.MethodPost {
		status = http.StatusOK
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(status, calendarJSON{URL: &links.HTTPS, Webcal: &links.Webcal, Active: true})
}

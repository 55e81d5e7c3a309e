package pages

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// homeView is the home page: what's on, then the hubs.
type homeView struct {
	Upcoming []storage.EventDetail
	Hubs     []storage.HubSummary
	// Total counts the hubs; Page and More page through them.
	Total, Page int
	More        bool
	zones       web.ZoneCache
}

// Loc is an event's hub's zone.
func (v homeView) Loc(e storage.EventDetail) *time.Location { return v.zones.Of(e.Hub) }

// HomePage shows the next events across the hubs (those the viewer may
// see), then the hubs a page at a time: two queries however many hubs.
func (s *Handler) HomePage(c echo.Context) error {
	ctx := c.Request().Context()
	page, err := pageNumber(c)
	if err != nil {
		return err
	}
	v := homeView{Page: page, zones: web.ZoneCache{}}
	if v.Upcoming, err = s.DB.UpcomingEvents(ctx, web.ActorOf(c), time.Now(), homeEvents); err != nil {
		return err
	}
	if v.Hubs, v.Total, err = s.DB.HubsPage(ctx, HubsPerPage, (page-1)*HubsPerPage); err != nil {
		return err
	}
	v.More = page*HubsPerPage < v.Total
	return s.Render(c, http.StatusOK, "home", "Regional learning hubs", v)
}

// pageNumber reads ?page=, from 1.
func pageNumber(c echo.Context) (int, error) {
	v := c.QueryParam("page")
	if v == "" {
		return 1, nil
	}
	page, err := strconv.Atoi(v)
	if err != nil || page < 1 || page > 10000 {
		return 0, hub.FieldError("page", "must be a page number from 1 to 10000")
	}
	return page, nil
}

// PrivacyPage explains who sees what.
func (s *Handler) PrivacyPage(c echo.Context) error {
	return s.Render(c, http.StatusOK, "privacy", "How we look after your information", nil)
}

// The home page shows the next homeEvents events the viewer may see, and
// the hubs HubsPerPage at a time.
const (
	homeEvents  = 6
	HubsPerPage = 12
)

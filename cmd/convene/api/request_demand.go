package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// Demand is the demand dashboard of a hub as JSON: ?from=&to= (dates)
// bound when the requests were made; the balance covers the last six months.
func (s *Handler) Demand(c echo.Context) error {
	q := storage.DemandQuery{HubSlug: c.Param("slug"), Now: time.Now()}
	var f hub.FieldErrors
	for name, dst := range map[string]*time.Time{"from": &q.From, "to": &q.To} {
		if v := strings.TrimSpace(c.QueryParam(name)); v != "" {
			t, err := time.Parse("2006-01-02", v)
			if err != nil {
				f.Add(name, "must be a date like 2025-04-01")
			}
			*dst = t
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	d, err := s.DB.HubDemand(c.Request().Context(), web.ActorOf(c), q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, struct {
		storage.Demand
		Made      int    `json:"made"`
		Counted   int    `json:"counted"`
		Delivered int    `json:"delivered"`
		Presenter string `json:"presenters_explained"`
		Requester string `json:"requesters_explained"`
	}{d, d.Made, d.Counted, d.Delivered, d.Presenters.Explain("agenda items"), d.Requesters.Explain("scheduled requests")})
}

package feeds

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// SeriesCalendar is the public events of a series ("Add the whole
// series"), with the rules and caching of the other public feeds. A series
// with no public event in feeds is not found.
func (s *Handler) SeriesCalendar(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	return s.ServeFeed(c, func(ctx context.Context) (web.Rendered, error) {
		sf, err := s.DB.SeriesForFeed(ctx, id)
		if err != nil {
			return web.Rendered{}, err
		}
		return s.renderFeed(ctx, events.Calendar{
			Name: sf.Title + " – " + sf.HubName, Description: "Every public event of the series " + sf.Title + " of " + sf.HubName + ", from Convene.",
			TimeZone: sf.TimeZone,
		}, storage.FeedScope{SeriesID: id})
	})
}

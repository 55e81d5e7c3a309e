package main

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// seriesCalendar is the public events of a series ("Add the whole
// series"), with the rules and caching of the other public feeds. A series
// with no public event in feeds is not found.
func (s *server) seriesCalendar(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.serveFeed(c, "series:"+itoa64(id), publicFeedCache, func(ctx context.Context) (rendered, error) {
		sf, err := s.db.SeriesForFeed(ctx, id)
		if err != nil {
			return rendered{}, err
		}
		return s.renderFeed(ctx, events.Calendar{
			Name: sf.Title + " – " + sf.HubName, Description: "Every public event of the series " + sf.Title + " of " + sf.HubName + ", from Convene.",
			TimeZone: sf.TimeZone,
		}, storage.FeedScope{SeriesID: id})
	})
}

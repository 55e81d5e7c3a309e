package pages

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// topicPageLimit bounds the events a topic's page lists; the feed holds
// them all.
const topicPageLimit = 50

// topicView is what a topic's page shows.
type topicView struct {
	Topic hub.Topic
	// Events are the upcoming public events on the topic, across hubs.
	Events []storage.FeedEvent
	// More says that there were more than the page lists.
	More bool
}

// TopicPage shows a topic's upcoming public events across hubs and the
// box to subscribe to its feed.
func (s *Handler) TopicPage(c echo.Context) error {
	ctx := c.Request().Context()
	t, err := s.DB.TopicBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	now := time.Now()
	list, err := s.DB.FeedEvents(ctx, storage.FeedScope{TopicID: t.ID, Since: now, CancelledSince: now})
	if err != nil {
		return err
	}
	v := topicView{Topic: t, Events: list}
	if len(list) > topicPageLimit {
		v.Events, v.More = list[:topicPageLimit], true
	}
	return s.Render(c, http.StatusOK, "topic", t.Name, v)
}

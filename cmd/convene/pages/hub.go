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

const (
	homeEvents  = 6
	HubsPerPage = 12
)

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

// hubView is what a hub's page shows.
type hubView struct {
	Hub          hub.Hub
	Groups       []hub.KindGroup
	Coordinators []storage.StaffMember
	CanManage    bool
	// CanReadReports: the hub's coordinators and evaluators see its attendance.
	CanReadReports bool
	// CanJoin lists the viewer's organisations that may ask to join.
	CanJoin []hub.Organisation
	// Waiting lists the viewer's organisations that have asked already.
	Waiting []hub.Organisation
	// Upcoming are the next few events the viewer may see.
	Upcoming []storage.EventDetail
	Loc      *time.Location
}

// HubPage shows a hub: about, member organisations by kind, coordinators,
// and for organisation members a way to ask to join.
func (s *Handler) HubPage(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	a := web.ActorOf(c)
	v := hubView{Hub: h, CanManage: hub.CanManageHub(a, h.ID), CanReadReports: hub.CanReadHubReports(a, h.ID)}
	members, err := s.DB.MembersOfHub(ctx, h.ID)
	if err != nil {
		return err
	}
	v.Groups = hub.GroupByKind(members)
	staff, err := s.DB.HubStaff(ctx, h.ID)
	if err != nil {
		return err
	}
	for _, m := range staff {
		if m.Role == hub.RoleCoordinator {
			m.Email = "" // the public page never shows emails
			v.Coordinators = append(v.Coordinators, m)
		}
	}
	if len(a.Organisations) > 0 {
		if v.CanJoin, v.Waiting, err = s.joinable(c, h.ID); err != nil {
			return err
		}
	}
	viewer, err := s.ViewerIn(c, h.ID)
	if err != nil {
		return err
	}
	v.Loc = h.Zone()
	if v.Upcoming, err = s.DB.HubEvents(ctx, storage.EventQuery{HubID: h.ID, Viewer: viewer, Now: time.Now(), Limit: 5}); err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "hub", h.Name, v)
}

// joinable sorts the viewer's organisations that are not members of the
// hub into those that may ask to join and those already waiting.
func (s *Handler) joinable(c echo.Context, hubID int64) (canJoin, waiting []hub.Organisation, err error) {
	ctx := c.Request().Context()
	orgs, err := s.DB.OrganisationsOf(ctx, web.ActorOf(c).PersonID())
	if err != nil {
		return nil, nil, err
	}
	statuses, err := s.DB.MembershipStatuses(ctx, hubID)
	if err != nil {
		return nil, nil, err
	}
	for _, o := range orgs {
		switch statuses[o.ID] {
		case "active":
		case "requested":
			waiting = append(waiting, o)
		default:
			canJoin = append(canJoin, o)
		}
	}
	return canJoin, waiting, nil
}

// PrivacyPage explains who sees what.
func (s *Handler) PrivacyPage(c echo.Context) error {
	return s.Render(c, http.StatusOK, "privacy", "How we look after your information", nil)
}

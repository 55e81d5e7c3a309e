package pages

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

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

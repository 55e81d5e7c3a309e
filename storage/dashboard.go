package storage

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// HubDashboard is what a coordinator of a hub looks at first: what is
// coming, what is unfinished, and who is waiting for an answer.
type HubDashboard struct {
	Hub hub.Hub
	// Next are the next published events (at most DashboardEvents).
	Next []EventDetail
	// Drafts are upcoming events not published yet (at most
	// DashboardEvents), DraftCount all of them.
	Drafts     []EventDetail
	DraftCount int
	// Requests are organisations asking to join, waiting for a decision.
	Requests []MembershipRequest
	// Invitations are organisations invited that have not answered.
	Invitations []HubInvitation
}

// DashboardEvents is how many events of each kind a dashboard lists.
const DashboardEvents = 5

// Dashboard reads the dashboards of the hubs a person coordinates (by
// id, in name order), as of now.
func (db *DB) Dashboard(ctx context.Context, hubIDs []int64, now time.Time) ([]HubDashboard, error) {
	var out []HubDashboard
	for _, id := range hubIDs {
		h, err := db.HubByID(ctx, id)
		if err != nil {
			return nil, err
		}
		d := HubDashboard{Hub: h}
		upcoming, err := db.HubEvents(ctx, EventQuery{HubID: id, Viewer: events.Viewer{Manager: true, InHub: true}, Now: now, Limit: 500})
		if err != nil {
			return nil, err
		}
		for _, e := range upcoming {
			switch {
			case e.Status == events.StatusDraft:
				d.DraftCount++
				if len(d.Drafts) < DashboardEvents {
					d.Drafts = append(d.Drafts, e)
				}
			case e.Status == events.StatusPublished && len(d.Next) < DashboardEvents:
				d.Next = append(d.Next, e)
			}
		}
		if d.Requests, err = db.PendingRequests(ctx, id); err != nil {
			return nil, err
		}
		if d.Invitations, err = db.InvitedOrganisations(ctx, id); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b HubDashboard) int {
		return strings.Compare(strings.ToLower(a.Hub.Name), strings.ToLower(b.Hub.Name))
	})
	return out, nil
}

package storage_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// requestWorld is a hub with three member organisations (Asker, Backer,
// Former — removed from the hub), a person in each, a coordinator, a
// second hub with its coordinator, and an event in each hub.
type requestWorld struct {
	db                       *storage.DB
	Hub, Other               hub.Hub
	Asker, Backer, Former    hub.Organisation
	AskerP, BackerP, FormerP *hub.Actor
	Coord, OtherCoord        *hub.Actor
	Event, OtherEvent        events.Event
}

func MustRequestWorld(tb testing.TB) *requestWorld {
	tb.Helper()
	ctx := context.Background()
	db := pgtest.New(tb)
	w := &requestWorld{db: db}
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	w.Hub = hub.Hub{Slug: "north", Name: "North", TimeZone: "Europe/London"}
	w.Other = hub.Hub{Slug: "south", Name: "South", TimeZone: "Europe/London"}
	must(db.CreateHub(ctx, hub.System, &w.Hub))
	must(db.CreateHub(ctx, hub.System, &w.Other))
	actor := func(name string, orgID int64, role hub.RoleKind, hubID int64) *hub.Actor {
		tb.Helper()
		p, err := db.CreatePerson(ctx, hub.NewPerson{Email: name + "@example.org", Name: name}, "")
		must(err)
		if orgID != 0 {
			must(db.AffiliatePerson(ctx, hub.System, p.ID, orgID))
		}
		if role != "" {
			must(db.GrantRole(ctx, hub.System, hub.RoleChange{PersonID: p.ID, Role: role, HubID: &hubID}))
		}
		a, err := db.ActorByID(ctx, p.ID)
		must(err)
		return a
	}
	org := func(name string) hub.Organisation {
		o := hub.Organisation{Name: name, Kind: hub.FundedProject}
		must(db.CreateOrganisation(ctx, &o))
		must(db.AddMember(ctx, hub.System, w.Hub.ID, o.ID))
		return o
	}
	w.Asker, w.Backer, w.Former = org("Asker"), org("Backer"), org("Former")
	w.AskerP, w.BackerP, w.FormerP = actor("asker", w.Asker.ID, "", 0), actor("backer", w.Backer.ID, "", 0), actor("former", w.Former.ID, "", 0)
	must(db.RemoveMember(ctx, hub.System, w.Hub.ID, w.Former.ID))
	w.Coord = actor("coord", 0, hub.RoleCoordinator, w.Hub.ID)
	w.OtherCoord = actor("othercoord", 0, hub.RoleCoordinator, w.Other.ID)
	event := func(h hub.Hub) events.Event {
		start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour).UTC()
		e, err := db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
			HubID: h.ID, Title: "Hub day " + h.Name, StartsAt: start, EndsAt: start.Add(4 * time.Hour), Format: events.FormatOnline,
			OnlineURL: "https://meet.example.org/x", Visibility: events.VisibilityPublic, Status: events.StatusPublished,
		}})
		must(err)
		return e
	}
	w.Event, w.OtherEvent = event(w.Hub), event(w.Other)
	return w
}

// MustSubmit makes an open request of the Asker.
func (w *requestWorld) MustSubmit(tb testing.TB, title string) hub.TopicRequest {
	tb.Helper()
	r, err := w.db.SubmitRequest(context.Background(), w.AskerP, storage.NewRequest{HubSlug: w.Hub.Slug, OrganisationID: w.Asker.ID,
		Topic: "safeguarding", Title: title, Details: "We need to know how to " + title, Format: hub.FormatWorkshop, Audience: "Peer workers"})
	if err != nil {
		tb.Fatalf("submit %q: %v", title, err)
	}
	return r
}

func (w *requestWorld) count(tb testing.TB, table string) int {
	tb.Helper()
	var n int
	if err := pgtest.SQL(w.db).Get(&n, `SELECT count(*) FROM `+table); err != nil {
		tb.Fatal(err)
	}
	return n
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := hub.ErrorCode(err); got != code {
		tb.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func TestSubmitRequest(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	submit := func(a *hub.Actor, slug string, org int64, topic string) error {
		_, err := w.db.SubmitRequest(ctx, a, storage.NewRequest{HubSlug: slug, OrganisationID: org, Topic: topic,
			Title: "Safer recruitment", Details: "How to check lived-experience applicants fairly", Format: hub.FormatTalk})
		return err
	}
	t.Run("OK", func(t *testing.T) {
		r := w.MustSubmit(t, "recruit safely")
		if r.Status != hub.RequestOpen || r.ID == 0 || r.Topic != "safeguarding" {
			t.Errorf("stored %+v", r)
		}
		d, err := w.db.Request(ctx, w.AskerP, r.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(d.History) != 1 || d.History[0].To != hub.RequestOpen || d.History[0].By == nil || *d.History[0].By != "asker" {
			t.Errorf("history %+v", d.History)
		}
	})
	before := w.count(t, "topic_requests")
	t.Run("ErrHubOrganisationIsNotMemberOf", func(t *testing.T) {
		wantCode(t, submit(w.AskerP, w.Other.Slug, w.Asker.ID, "safeguarding"), hub.EForbidden)
	})
	t.Run("ErrOrganisationNotMine", func(t *testing.T) {
		wantCode(t, submit(w.AskerP, w.Hub.Slug, w.Backer.ID, "safeguarding"), hub.EForbidden)
	})
	t.Run("ErrFormerMember", func(t *testing.T) {
		wantCode(t, submit(w.FormerP, w.Hub.Slug, w.Former.ID, "safeguarding"), hub.EForbidden)
	})
	t.Run("ErrUnknownTopic", func(t *testing.T) {
		err := submit(w.AskerP, w.Hub.Slug, w.Asker.ID, "astrology")
		wantCode(t, err, hub.EInvalid)
		if hub.ErrorFields(err)["topic"] == "" {
			t.Errorf("fields %v name no topic", hub.ErrorFields(err))
		}
	})
	t.Run("ErrUnknownHub", func(t *testing.T) {
		wantCode(t, submit(w.AskerP, "nowhere", w.Asker.ID, "safeguarding"), hub.ENotFound)
	})
	if after := w.count(t, "topic_requests"); after != before {
		t.Errorf("refused submissions stored %d requests", after-before)
	}
	if n := w.count(t, "request_status_changes"); n != before {
		t.Errorf("history lines %d, want %d", n, before)
	}
}

func TestEditAndWithdrawRequest(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	r := w.MustSubmit(t, "handle disclosures")
	title := "Handle disclosures well"
	t.Run("EditOpen", func(t *testing.T) {
		got, err := w.db.UpdateRequest(ctx, w.AskerP, storage.RequestChange{ID: r.ID, Title: &title, Want: storage.IfVersion{r.Version}})
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != title || got.Version != r.Version+1 {
			t.Errorf("after edit %+v", got)
		}
	})
	t.Run("ErrStaleVersion", func(t *testing.T) {
		_, err := w.db.UpdateRequest(ctx, w.AskerP, storage.RequestChange{ID: r.ID, Title: &title, Want: storage.IfVersion{r.Version}})
		wantCode(t, err, hub.EStale)
	})
	t.Run("ErrEditByOtherOrganisation", func(t *testing.T) {
		_, err := w.db.UpdateRequest(ctx, w.BackerP, storage.RequestChange{ID: r.ID, Title: &title})
		wantCode(t, err, hub.EForbidden)
	})
	t.Run("ErrEditByFormerMember", func(t *testing.T) {
		_, err := w.db.UpdateRequest(ctx, w.FormerP, storage.RequestChange{ID: r.ID, Title: &title})
		wantCode(t, err, hub.EForbidden)
	})
	t.Run("ErrCoordinatorOfAnotherHub", func(t *testing.T) {
		accepted := hub.RequestAccepted
		_, err := w.db.UpdateRequest(ctx, w.OtherCoord, storage.RequestChange{ID: r.ID, Status: &accepted})
		wantCode(t, err, hub.EForbidden)
	})
	t.Run("Withdraw", func(t *testing.T) {
		withdrawn := hub.RequestWithdrawn
		got, err := w.db.UpdateRequest(ctx, w.AskerP, storage.RequestChange{ID: r.ID, Status: &withdrawn, Reason: "Found it elsewhere"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != hub.RequestWithdrawn {
			t.Errorf("status %s", got.Status)
		}
		_, err = w.db.UpdateRequest(ctx, w.AskerP, storage.RequestChange{ID: r.ID, Title: &title})
		wantCode(t, err, hub.EConflict)
	})
}

func TestSupportAndOffer(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	r := w.MustSubmit(t, "run peer supervision")
	t.Run("OK", func(t *testing.T) {
		s, err := w.db.SupportRequest(ctx, w.BackerP, storage.NewSupport{RequestID: r.ID, OrganisationID: w.Backer.ID, Comment: " we need this too "})
		if err != nil {
			t.Fatal(err)
		}
		if s.Organisation != "Backer" || s.Comment != "we need this too" {
			t.Errorf("support %+v", s)
		}
	})
	t.Run("ErrTwice", func(t *testing.T) {
		_, err := w.db.SupportRequest(ctx, w.BackerP, storage.NewSupport{RequestID: r.ID, OrganisationID: w.Backer.ID})
		wantCode(t, err, hub.EConflict)
	})
	t.Run("ErrOwnRequest", func(t *testing.T) {
		_, err := w.db.SupportRequest(ctx, w.AskerP, storage.NewSupport{RequestID: r.ID, OrganisationID: w.Asker.ID})
		wantCode(t, err, hub.EInvalid)
	})
	t.Run("ErrFormerMember", func(t *testing.T) {
		_, err := w.db.SupportRequest(ctx, w.FormerP, storage.NewSupport{RequestID: r.ID, OrganisationID: w.Former.ID})
		wantCode(t, err, hub.EForbidden)
	})
	t.Run("ErrActingForAnotherOrganisation", func(t *testing.T) {
		_, err := w.db.SupportRequest(ctx, w.FormerP, storage.NewSupport{RequestID: r.ID, OrganisationID: w.Backer.ID})
		wantCode(t, err, hub.EForbidden)
	})
	t.Run("Offer", func(t *testing.T) {
		o, err := w.db.OfferToDeliver(ctx, w.BackerP, storage.NewOffer{RequestID: r.ID, OrganisationID: w.Backer.ID, Details: "Our supervision model", Format: hub.FormatTalk})
		if err != nil {
			t.Fatal(err)
		}
		if o.ID == 0 || o.Organisation != "Backer" {
			t.Errorf("offer %+v", o)
		}
		_, err = w.db.OfferToDeliver(ctx, w.BackerP, storage.NewOffer{RequestID: r.ID, OrganisationID: w.Backer.ID, Details: "Again", Format: hub.FormatTalk})
		wantCode(t, err, hub.EConflict)
		_, err = w.db.OfferToDeliver(ctx, w.AskerP, storage.NewOffer{RequestID: r.ID, OrganisationID: w.Asker.ID, Details: "Ourselves", Format: hub.FormatTalk})
		wantCode(t, err, hub.EInvalid)
	})
	t.Run("ConcurrentSupportsFromOneOrganisation", func(t *testing.T) {
		r2 := w.MustSubmit(t, "share rotas")
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				_, errs[i] = w.db.SupportRequest(ctx, w.BackerP, storage.NewSupport{RequestID: r2.ID, OrganisationID: w.Backer.ID})
			})
		}
		wg.Wait()
		ok, conflicts := 0, 0
		for _, err := range errs {
			switch hub.ErrorCode(err) {
			case "":
				ok++
			case hub.EConflict:
				conflicts++
			default:
				t.Errorf("unexpected error %v", err)
			}
		}
		if ok != 1 || conflicts != n-1 {
			t.Errorf("%d stored, %d conflicts; want 1 and %d", ok, conflicts, n-1)
		}
	})
}

func TestRequestStatusMachine(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	status := func(s hub.RequestStatus) *hub.RequestStatus { return &s }
	t.Run("DeclineNeedsReason", func(t *testing.T) {
		r := w.MustSubmit(t, "decline me")
		_, err := w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: r.ID, Status: status(hub.RequestDeclined), Reason: "  "})
		wantCode(t, err, hub.EInvalid)
		got, err := w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: r.ID, Status: status(hub.RequestDeclined), Reason: "Covered in March"})
		if err != nil || got.Reason != "Covered in March" {
			t.Fatalf("decline: %+v, %v", got, err)
		}
		t.Run("ErrDeclinedToScheduled", func(t *testing.T) {
			_, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: w.Event.ID, RequestID: r.ID})
			wantCode(t, err, hub.EConflict)
			if n := w.count(t, "agenda_items"); n != 0 {
				t.Errorf("%d agenda items after a refused scheduling", n)
			}
		})
		t.Run("ReopenThenSchedule", func(t *testing.T) {
			if _, err := w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: r.ID, Status: status(hub.RequestOpen)}); err != nil {
				t.Fatal(err)
			}
			if _, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: w.Event.ID, RequestID: r.ID}); err != nil {
				t.Fatal(err)
			}
		})
	})
	t.Run("ErrScheduleByPatch", func(t *testing.T) {
		r := w.MustSubmit(t, "patch me")
		_, err := w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: r.ID, Status: status(hub.RequestScheduled)})
		wantCode(t, err, hub.EInvalid)
	})
	t.Run("Merge", func(t *testing.T) {
		a, b := w.MustSubmit(t, "merge source"), w.MustSubmit(t, "merge target")
		if _, err := w.db.SupportRequest(ctx, w.BackerP, storage.NewSupport{RequestID: a.ID, OrganisationID: w.Backer.ID}); err != nil {
			t.Fatal(err)
		}
		_, err := w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: a.ID, Status: status(hub.RequestMerged), MergedInto: &a.ID})
		wantCode(t, err, hub.EInvalid)
		if _, err := w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: a.ID, Status: status(hub.RequestMerged), MergedInto: &b.ID, Reason: "Same need"}); err != nil {
			t.Fatal(err)
		}
		d, err := w.db.Request(ctx, w.Coord, b.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		// The Asker made both, so only the Backer's support carries over.
		if len(d.Supports) != 1 || d.Supports[0].OrganisationID != w.Backer.ID {
			t.Errorf("supports of the target %+v", d.Supports)
		}
		_, err = w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: b.ID, Status: status(hub.RequestMerged), MergedInto: &a.ID})
		wantCode(t, err, hub.EInvalid)
	})
	t.Run("ConcurrentMergesEachWay", func(t *testing.T) {
		a, b := w.MustSubmit(t, "each way a"), w.MustSubmit(t, "each way b")
		var wg sync.WaitGroup
		errs := make([]error, 2)
		pairs := [][2]int64{{a.ID, b.ID}, {b.ID, a.ID}}
		for i, p := range pairs {
			wg.Go(func() {
				_, errs[i] = w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: p[0], Status: status(hub.RequestMerged), MergedInto: &p[1]})
			})
		}
		wg.Wait()
		codes := map[string]int{}
		for _, err := range errs {
			codes[hub.ErrorCode(err)]++
		}
		if codes[""] != 1 || codes[hub.EInvalid] != 1 {
			t.Errorf("results %v (%v); want one merge and one refused", codes, errs)
		}
	})
	t.Run("TriageAllOrNothing", func(t *testing.T) {
		a, b := w.MustSubmit(t, "bulk a"), w.MustSubmit(t, "bulk b")
		if _, err := w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: b.ID, Status: status(hub.RequestDeclined), Reason: "No"}); err != nil {
			t.Fatal(err)
		}
		_, err := w.db.TriageRequests(ctx, w.Coord, storage.Triage{HubSlug: w.Hub.Slug, IDs: []int64{a.ID, b.ID}, Status: hub.RequestAccepted})
		wantCode(t, err, hub.EConflict)
		d, _ := w.db.Request(ctx, w.Coord, a.ID, time.Now())
		if d.Status != hub.RequestOpen {
			t.Errorf("request a is %s after a refused bulk change; want open", d.Status)
		}
		c := w.MustSubmit(t, "bulk c")
		if n, err := w.db.TriageRequests(ctx, w.Coord, storage.Triage{HubSlug: w.Hub.Slug, IDs: []int64{a.ID, c.ID}, Status: hub.RequestAccepted}); err != nil || n != 2 {
			t.Fatalf("bulk accept: %d, %v", n, err)
		}
		_, err = w.db.TriageRequests(ctx, w.OtherCoord, storage.Triage{HubSlug: w.Hub.Slug, IDs: []int64{a.ID}, Status: hub.RequestOpen})
		wantCode(t, err, hub.EForbidden)
	})
}

func TestScheduleRequest(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	r := w.MustSubmit(t, "write a safeguarding policy")
	offer, err := w.db.OfferToDeliver(ctx, w.BackerP, storage.NewOffer{RequestID: r.ID, OrganisationID: w.Backer.ID, Details: "Our policy template", Format: hub.FormatResource})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ErrEventOfAnotherHub", func(t *testing.T) {
		_, err := w.db.ScheduleRequest(ctx, w.OtherCoord, storage.Scheduling{EventID: w.OtherEvent.ID, RequestID: r.ID})
		wantCode(t, err, hub.EInvalid)
		if hub.ErrorFields(err)["request_id"] == "" {
			t.Errorf("fields %v", hub.ErrorFields(err))
		}
	})
	t.Run("ErrCoordinatorOfAnotherHub", func(t *testing.T) {
		_, err := w.db.ScheduleRequest(ctx, w.OtherCoord, storage.Scheduling{EventID: w.Event.ID, RequestID: r.ID})
		wantCode(t, err, hub.EForbidden)
	})
	t.Run("ErrLinkByAgendaToOtherHub", func(t *testing.T) {
		item := events.AgendaItem{StartsAt: w.OtherEvent.StartsAt, EndsAt: w.OtherEvent.StartsAt.Add(time.Hour), Title: "x", Kind: events.KindTalk, RequestID: &r.ID}
		err := w.db.ReplaceAgenda(ctx, hub.System, w.OtherEvent.ID, []events.AgendaItem{item})
		wantCode(t, err, hub.EInvalid)
	})
	item, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: w.Event.ID, RequestID: r.ID, OfferID: offer.ID})
	if err != nil {
		t.Fatal(err)
	}
	agenda, err := w.db.AgendaOf(ctx, w.Event.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(agenda) != 1 || agenda[0].ID != item.ID || agenda[0].RequestID == nil || *agenda[0].RequestID != r.ID ||
		agenda[0].PresenterOrganisation != "Backer" || agenda[0].TopicSlug != "safeguarding" || agenda[0].Kind != events.KindResourceShare ||
		!agenda[0].StartsAt.Equal(w.Event.StartsAt) || agenda[0].EndsAt.Sub(agenda[0].StartsAt) != storage.DefaultSlot {
		t.Fatalf("agenda %+v", agenda)
	}
	d, err := w.db.Request(ctx, w.AskerP, r.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != hub.RequestScheduled || d.EventID == nil || *d.EventID != w.Event.ID {
		t.Fatalf("after scheduling: %s, event %v", d.Status, d.EventID)
	}
	t.Run("ErrTwice", func(t *testing.T) {
		_, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: w.Event.ID, RequestID: r.ID})
		wantCode(t, err, hub.EConflict)
	})
	t.Run("EditItemKeepsLink", func(t *testing.T) {
		err := w.db.ChangeAgenda(ctx, hub.System, w.Event.ID, nil, func(_ events.Event, items []events.AgendaItem) ([]events.AgendaItem, error) {
			items[0].Title = "Safeguarding policies, shared"
			return items, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if d, _ := w.db.Request(ctx, w.AskerP, r.ID, time.Now()); d.Status != hub.RequestScheduled {
			t.Errorf("status %s after editing the item", d.Status)
		}
	})
	t.Run("RemoveItemReturnsToAccepted", func(t *testing.T) {
		if err := w.db.ReplaceAgenda(ctx, hub.System, w.Event.ID, nil); err != nil {
			t.Fatal(err)
		}
		if d, _ := w.db.Request(ctx, w.AskerP, r.ID, time.Now()); d.Status != hub.RequestAccepted || d.EventID != nil {
			t.Errorf("after removing the item: %s, event %v", d.Status, d.EventID)
		}
	})
	t.Run("DeliveredOnceTheEventEnded", func(t *testing.T) {
		if _, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: w.Event.ID, RequestID: r.ID}); err != nil {
			t.Fatal(err)
		}
		// Not yet: the event is a week away.
		if d, _ := w.db.Request(ctx, w.AskerP, r.ID, time.Now()); d.Status != hub.RequestScheduled {
			t.Fatalf("status %s before the event", d.Status)
		}
		after := w.Event.EndsAt.Add(time.Minute)
		d, err := w.db.Request(ctx, w.AskerP, r.ID, after)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != hub.RequestDelivered || d.DeliveredAt == nil || !d.DeliveredAt.Equal(w.Event.EndsAt) {
			t.Fatalf("after the event: %s, delivered %v", d.Status, d.DeliveredAt)
		}
		var lines []string
		for _, c := range d.History {
			by := "Convene"
			if c.By != nil {
				by = *c.By
			}
			lines = append(lines, fmt.Sprintf("%v→%s by %s", deref(c.From), c.To, by))
		}
		want := []string{"→open by asker", "open→scheduled by coord", "scheduled→accepted by Convene", "accepted→scheduled by coord", "scheduled→delivered by Convene"}
		if fmt.Sprint(lines) != fmt.Sprint(want) {
			t.Errorf("history\n got %v\nwant %v", lines, want)
		}
	})
}

func deref(s *hub.RequestStatus) string {
	if s == nil {
		return ""
	}
	return string(*s)
}

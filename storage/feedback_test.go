package storage_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/notify"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// pastEvent is a hub's event that started two days ago, with guests
// registered before it: the first attended of them checked in.
type pastEvent struct {
	Hub      hub.Hub
	Event    events.Event
	Tokens   []string // manage links, by guest
	RegIDs   []int64
	Attended int
}

func MustPastEvent(tb testing.TB, db *storage.DB, slug string, guests, attended int) pastEvent {
	tb.Helper()
	ctx := context.Background()
	pe := pastEvent{Hub: hub.Hub{Slug: slug, Name: "Hub " + slug, TimeZone: "Europe/London"}, Attended: attended}
	if err := db.CreateHub(ctx, hub.System, &pe.Hub); err != nil {
		tb.Fatal(err)
	}
	start := time.Now().Add(-48 * time.Hour).Truncate(time.Hour).UTC()
	var err error
	pe.Event, err = db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: pe.Hub.ID, Title: "Hub day " + slug, StartsAt: start, EndsAt: start.Add(4 * time.Hour),
		Format: events.FormatInPerson, Venue: "The Sidings", Visibility: events.VisibilityPublic, Status: events.StatusPublished,
	}})
	if err != nil {
		tb.Fatal(err)
	}
	for i := range guests {
		in := guest(i)
		in.GuestEmail = fmt.Sprintf("%s.guest%d@example.org", slug, i)
		placed, err := db.Register(ctx, hub.Anonymous, storage.Registration{EventID: pe.Event.ID, RegistrationInput: in, Now: start.Add(-24 * time.Hour)})
		if err != nil {
			tb.Fatal(err)
		}
		pe.Tokens = append(pe.Tokens, placed.ManageToken)
		pe.RegIDs = append(pe.RegIDs, placed.Registration.ID)
		if i < attended {
			if _, err := db.SetAttendance(ctx, hub.System, storage.Attendance{ID: placed.Registration.ID, Attended: true}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	// Registrations are stamped by the database's clock: date them
	// before the event, as they would have been.
	if _, err := pgtest.SQL(db).Exec(`UPDATE registrations SET created_at = $2 WHERE event_id = $1`, pe.Event.ID, start.Add(-24*time.Hour)); err != nil {
		tb.Fatal(err)
	}
	return pe
}

// MustActor stores a person and makes them an actor; roles fills in the
// actor's maps.
func MustActor(tb testing.TB, db *storage.DB, email string, roles func(*hub.Actor)) *hub.Actor {
	tb.Helper()
	p, err := db.CreatePerson(context.Background(), hub.NewPerson{Email: email, Name: "Person " + email}, "")
	if err != nil {
		tb.Fatal(err)
	}
	a := hub.NewActor(&p, nil, nil)
	roles(a)
	return a
}

func answer(u, n int) events.FeedbackInput {
	return events.FeedbackInput{Usefulness: u, NetworkingValue: n, NewConnections: 2, WillFollowUp: true,
		WhatWorked: "=HYPERLINK(\"http://evil\") meeting peers", ToImprove: "more time", TopicsNext: []string{"Safeguarding"}}
}

func countFeedback(tb testing.TB, db *storage.DB) int {
	tb.Helper()
	var n int
	if err := pgtest.SQL(db).Get(&n, `SELECT count(*) FROM feedback`); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestGiveFeedback(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	pe := MustPastEvent(t, db, "north", 4, 3)
	other := MustPastEvent(t, db, "south", 1, 1)
	now := time.Now()
	give := func(token string, in events.FeedbackInput, at time.Time, change bool) error {
		_, err := db.GiveFeedback(ctx, hub.Anonymous, storage.GiveFeedback{EventID: pe.Event.ID, Token: token, Feedback: in, Now: at, Change: change})
		return err
	}

	t.Run("OK", func(t *testing.T) {
		if err := give(pe.Tokens[0], answer(4, 5), now, false); err != nil {
			t.Fatal(err)
		}
		f, err := db.FeedbackFor(ctx, hub.Anonymous, pe.Event.ID, pe.Tokens[0])
		if err != nil || f.Usefulness != 4 || f.NetworkingValue != 5 || len(f.TopicsNext) != 1 {
			t.Errorf("stored %+v, %v", f, err)
		}
	})
	for _, tc := range []struct {
		name, token string
		in          events.FeedbackInput
		at          time.Time
		change      bool
		code        string
	}{
		{"ErrSecondResponse", pe.Tokens[0], answer(1, 1), now, false, hub.EConflict},
		{"ErrScoreOutOfRange", pe.Tokens[1], answer(6, 3), now, false, hub.EInvalid},
		{"ErrBeforeStart", pe.Tokens[1], answer(3, 3), pe.Event.StartsAt.Add(-time.Minute), false, hub.EConflict},
		{"ErrAfterClosing", pe.Tokens[1], answer(3, 3), pe.Event.EndsAt.Add(15 * 24 * time.Hour), false, hub.EConflict},
		{"ErrNoShow", pe.Tokens[3], answer(3, 3), now, false, hub.EForbidden},
		{"ErrTokenForAnotherEvent", other.Tokens[0], answer(3, 3), now, false, hub.ENotFound},
		{"ErrUnknownToken", "nonsense", answer(3, 3), now, false, hub.ENotFound},
		{"ErrNobody", "", answer(3, 3), now, false, hub.EUnauthorised},
		{"ErrChangeNothing", pe.Tokens[2], answer(3, 3), now, true, hub.ENotFound},
		{"ErrAgendaOfAnotherEvent", pe.Tokens[1], func() events.FeedbackInput { in := answer(3, 3); in.UsefulItems = []int64{999999}; return in }(), now, false, hub.EInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := countFeedback(t, db)
			err := give(tc.token, tc.in, tc.at, tc.change)
			if got := hub.ErrorCode(err); got != tc.code {
				t.Errorf("code %q (%v), want %q", got, err, tc.code)
			}
			if after := countFeedback(t, db); after != before {
				t.Errorf("feedback rows %d → %d", before, after)
			}
		})
	}
	t.Run("ChangeUntilClosing", func(t *testing.T) {
		if err := give(pe.Tokens[0], answer(2, 2), now, true); err != nil {
			t.Fatal(err)
		}
		f, _ := db.FeedbackFor(ctx, hub.Anonymous, pe.Event.ID, pe.Tokens[0])
		if f.Usefulness != 2 {
			t.Errorf("usefulness %d after change, want 2", f.Usefulness)
		}
	})
	t.Run("NoShowMarkedAttended", func(t *testing.T) {
		if _, err := db.SetAttendance(ctx, hub.System, storage.Attendance{ID: pe.RegIDs[3], Attended: true}); err != nil {
			t.Fatal(err)
		}
		if err := give(pe.Tokens[3], answer(3, 3), now, false); err != nil {
			t.Errorf("checked in afterwards by a coordinator: %v", err)
		}
	})
	t.Run("NotRegistered", func(t *testing.T) {
		p, err := db.CreatePerson(ctx, hub.NewPerson{Email: "stranger@example.org", Name: "Stranger"}, "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.GiveFeedback(ctx, &hub.Actor{Person: &p}, storage.GiveFeedback{EventID: pe.Event.ID, Feedback: answer(3, 3), Now: now})
		if hub.ErrorCode(err) != hub.EForbidden {
			t.Errorf("stranger: %v, want forbidden", err)
		}
	})
	t.Run("ClosingDate", func(t *testing.T) {
		err := db.SetFeedbackCloses(ctx, hub.Anonymous, storage.SetFeedbackCloses{EventID: pe.Event.ID, ClosesAt: now.Add(time.Hour)})
		if hub.ErrorCode(err) != hub.EForbidden {
			t.Errorf("anonymous set closing: %v", err)
		}
		admin := MustActor(t, db, "admin@example.org", func(a *hub.Actor) { a.Admin = true })
		if err := db.SetFeedbackCloses(ctx, admin, storage.SetFeedbackCloses{EventID: pe.Event.ID, ClosesAt: now.Add(-time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if hub.ErrorCode(give(pe.Tokens[1], answer(3, 3), now, false)) != hub.EConflict {
			t.Error("feedback accepted after the coordinator closed it")
		}
	})
}

// feedbackAsk is a feedback request in the outbox.
type feedbackAsk struct {
	ID      int64  `db:"id"`
	Email   string `db:"to_email"`
	Secret  string `db:"secret"`
	Details []byte `db:"details"`
}

// TestQueueFeedbackRequests: each attendee is asked once after the event
// and reminded once, by a message in the outbox carrying their private
// link; whoever answered is not reminded.
func TestQueueFeedbackRequests(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	pe := MustPastEvent(t, db, "north", 5, 3)
	asks := func(after int64) []feedbackAsk {
		var got []feedbackAsk
		if err := pgtest.SQL(db).Select(&got, `SELECT id, to_email, coalesce(secret, '') AS secret, details FROM mail_messages
			WHERE kind = 'feedback_ask' AND id > $1 ORDER BY id`, after); err != nil {
			t.Fatal(err)
		}
		return got
	}
	now := time.Now()
	if n, err := db.QueueFeedbackRequests(ctx, now, 100); err != nil || n != 3 {
		t.Fatalf("first run: %d, %v; want the 3 attendees", n, err)
	}
	if n, _ := db.QueueFeedbackRequests(ctx, now.Add(time.Hour), 100); n != 0 {
		t.Errorf("asked %d again within the hour", n)
	}
	got := asks(0)
	if len(got) != 3 {
		t.Fatalf("%d messages queued, want 3", len(got))
	}
	// One answers through the link in the email.
	first := got[0]
	reminder := func(a feedbackAsk) bool {
		var note notify.FeedbackNote
		if err := json.Unmarshal(a.Details, &note); err != nil {
			t.Fatal(err)
		}
		return note.Reminder
	}
	if first.Email == "" || first.Secret == "" || reminder(first) {
		t.Errorf("request %+v", first)
	}
	if _, err := db.GiveFeedback(ctx, hub.Anonymous, storage.GiveFeedback{EventID: pe.Event.ID, Token: first.Secret, Feedback: answer(5, 5), Now: now}); err != nil {
		t.Fatalf("answer by the emailed link: %v", err)
	}
	last := got[2].ID
	if n, _ := db.QueueFeedbackRequests(ctx, now.Add(events.FeedbackReminderAfter+time.Minute), 100); n != 2 {
		t.Errorf("reminders: %d; want 2", n)
	}
	if rs := asks(last); len(rs) != 2 || !reminder(rs[0]) || rs[0].Email == first.Email {
		t.Errorf("reminders queued: %+v", rs)
	}
	if n, _ := db.QueueFeedbackRequests(ctx, now.Add(events.FeedbackReminderAfter+48*time.Hour), 100); n != 0 {
		t.Errorf("a second reminder went to %d", n)
	}
}

func TestPseudonymKey(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	a, err := db.PseudonymKey(ctx, nil)
	if err != nil || len(a) != 32 {
		t.Fatalf("key %x, %v", a, err)
	}
	b, _ := db.PseudonymKey(ctx, nil)
	if !bytes.Equal(a, b) {
		t.Error("the stored key changed")
	}
	if c, _ := db.PseudonymKey(ctx, []byte("configured")); string(c) != "configured" {
		t.Error("the configured key was not used")
	}
}

func TestReportAndExport(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	pe := MustPastEvent(t, db, "north", 12, 10)
	other := MustPastEvent(t, db, "south", 3, 3)
	now := time.Now()
	for i := range 7 {
		in := answer(4+i%2, 3+i%3)
		in.ConsentToQuote = i%2 == 0
		if _, err := db.GiveFeedback(ctx, hub.Anonymous, storage.GiveFeedback{EventID: pe.Event.ID, Token: pe.Tokens[i], Feedback: in, Now: now}); err != nil {
			t.Fatal(err)
		}
	}
	evaluator := MustActor(t, db, "evaluator@example.org", func(a *hub.Actor) { a.Evaluates[pe.Hub.ID] = true })
	admin := MustActor(t, db, "admin@example.org", func(a *hub.Actor) { a.Admin = true })
	req := storage.ReportRequest{HubIDs: []int64{pe.Hub.ID}, From: now.Add(-30 * 24 * time.Hour), To: now, Now: now}

	t.Run("Report", func(t *testing.T) {
		r, err := db.Report(ctx, evaluator, req)
		if err != nil {
			t.Fatal(err)
		}
		if r.Events != 1 || r.Registered.String() != "12" || r.Attended.String() != "10" || r.Responses.String() != "7" {
			t.Errorf("report %d %v %v %v", r.Events, r.Registered, r.Attended, r.Responses)
		}
		if r.NoShows.Show() || r.NoShowRate != nil {
			t.Errorf("2 no-shows shown: %v", r.NoShows)
		}
		if r.Usefulness.Mean == nil || r.Networking.Mean == nil {
			t.Error("means over 7 responses hidden")
		}
	})
	t.Run("ErrOtherHub", func(t *testing.T) {
		other := req
		other.HubIDs = []int64{other.HubIDs[0] + 1}
		if _, err := db.Report(ctx, evaluator, other); hub.ErrorCode(err) != hub.EForbidden {
			t.Errorf("evaluator of one hub reading another: %v", err)
		}
	})
	t.Run("ErrInvertedPeriod", func(t *testing.T) {
		bad := req
		bad.From, bad.To = req.To, req.From
		if _, err := db.Report(ctx, evaluator, bad); hub.ErrorCode(err) != hub.EInvalid {
			t.Errorf("inverted period: %v", err)
		}
	})
	t.Run("SmallHub", func(t *testing.T) {
		r, err := db.Report(ctx, admin, storage.ReportRequest{HubIDs: []int64{other.Hub.ID}, From: req.From, To: req.To, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if r.Registered.Show() || r.Attended.Show() {
			t.Errorf("3 people shown: %+v", r)
		}
	})
	t.Run("ExportFeedbackCSV", func(t *testing.T) {
		key, _ := db.PseudonymKey(ctx, nil)
		var buf bytes.Buffer
		w, _ := events.NewRowWriter(&buf, events.FeedbackDataset, events.FormatCSV)
		n, err := db.Export(ctx, evaluator, storage.ExportRequest{Dataset: events.FeedbackDataset, HubIDs: []int64{pe.Hub.ID}, Format: events.FormatCSV},
			events.NewPseudonymiser(key), w)
		if err != nil || n != 7 {
			t.Fatalf("exported %d, %v", n, err)
		}
		w.Close()
		out := buf.String()
		if strings.Contains(out, "@example.org") || strings.Contains(out, "Guest") {
			t.Errorf("export holds an email or a name:\n%s", out)
		}
		records, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
		for _, r := range records[1:] {
			consent, worked := r[11], r[12]
			if consent == "false" && worked != "" {
				t.Errorf("text without consent: %q", r)
			}
			if consent == "true" && !strings.HasPrefix(worked, "'=") {
				t.Errorf("what_worked %q not guarded", worked)
			}
			if r[5] != "practitioner" {
				t.Errorf("role %q; 7 practitioners responded", r[5])
			}
		}
		var audits int
		pgtest.SQL(db).Get(&audits, `SELECT count(*) FROM audit_log WHERE action = 'export.feedback' AND hub_id = $1`, pe.Hub.ID)
		if audits != 1 {
			t.Errorf("%d audit entries, want 1", audits)
		}
	})
	t.Run("ExportAttendanceWithholdsSmallRoles", func(t *testing.T) {
		key, _ := db.PseudonymKey(ctx, nil)
		var buf bytes.Buffer
		w, _ := events.NewRowWriter(&buf, events.AttendanceDataset, events.FormatCSV)
		n, err := db.Export(ctx, admin, storage.ExportRequest{Dataset: events.AttendanceDataset, HubIDs: []int64{other.Hub.ID}, Format: events.FormatCSV},
			events.NewPseudonymiser(key), w)
		w.Close()
		if err != nil || n != 3 {
			t.Fatalf("exported %d, %v", n, err)
		}
		if strings.Contains(buf.String(), "practitioner") {
			t.Errorf("a role shared by 3 people is shown:\n%s", buf.String())
		}
	})
	t.Run("ErrExportOtherHub", func(t *testing.T) {
		w, _ := events.NewRowWriter(&bytes.Buffer{}, events.FeedbackDataset, events.FormatCSV)
		_, err := db.Export(ctx, evaluator, storage.ExportRequest{Dataset: events.FeedbackDataset, HubIDs: []int64{other.Hub.ID}, Format: events.FormatCSV},
			events.NewPseudonymiser(make([]byte, 32)), w)
		if hub.ErrorCode(err) != hub.EForbidden {
			t.Errorf("export of another hub: %v", err)
		}
	})
}

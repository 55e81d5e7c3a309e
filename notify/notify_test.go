package notify

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/events"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var london, _ = time.LoadLocation("Europe/London")

// sampleEvent is an online event on a summer morning (BST).
func sampleEvent(opts ...func(*events.Event)) *EventInfo {
	e := events.Event{ID: 42, HubID: 1, Title: "Peer support network meeting", Summary: "Monthly meeting.",
		StartsAt: time.Date(2026, 6, 9, 9, 0, 0, 0, time.UTC), EndsAt: time.Date(2026, 6, 9, 10, 30, 0, 0, time.UTC),
		Format: events.FormatHybrid, Venue: "Pilgrim Street Centre, Newcastle NE1 6QF", OnlineURL: "https://meet.example.org/peer-network",
		Status: events.StatusPublished, Sequence: 2, Visibility: events.VisibilityPublic,
		CreatedAt: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)}
	for _, o := range opts {
		o(&e)
	}
	return &EventInfo{Event: e, Loc: london, HostName: "Tyneside Peer Pathways", Topics: []string{"Peer support delivery"}}
}

func sampleInput(kind Kind) Input {
	return Input{Kind: kind, To: Recipient{Name: "Sam Guest", Email: "sam@example.org"},
		Site:    Site{BaseURL: "https://convene.example.org", Host: "convene.example.org", Now: time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)},
		HubName: "North East Learning Hub", Event: sampleEvent(), HasPlace: true, ManagePath: "/registrations/manage/TOKEN"}
}

// TestComposeGolden keeps each kind's text and HTML parts in testdata;
// refresh with go test ./notify -update.
func TestComposeGolden(t *testing.T) {
	waiting := sampleInput(KindWaitlisted)
	waiting.HasPlace, waiting.Position = false, 3
	changed := sampleInput(KindEventChanged)
	prev := PreviousOf(changed.Event.Event)
	prev.StartsAt, prev.EndsAt, prev.Venue = prev.StartsAt.Add(-24*time.Hour), prev.EndsAt.Add(-24*time.Hour), "Old Hall"
	changed.Previous = &prev
	cancelled := sampleInput(KindEventCancelled)
	cancelled.Event = sampleEvent(func(e *events.Event) {
		e.Status, e.CancelReason, e.Sequence = events.StatusCancelled, "The venue flooded.", 3
	})
	reminder := sampleInput(KindReminder)
	reminder.Reminder, reminder.UnsubscribePath, reminder.ManagePath = ReminderMorning, "/mail/unsubscribe/UNSUB", ""
	invite := sampleInput(KindInvite)
	invite.Event, invite.HubName, invite.LinkPath, invite.OrganisationName, invite.InvitedBy = nil, "", "/set-password/SECRET", "Tyneside Peer Pathways", "Priya Shah"
	reset := sampleInput(KindPasswordReset)
	reset.Event, reset.HubName, reset.LinkPath = nil, "", "/set-password/SECRET"
	orgInvite := sampleInput(KindOrganisationInvite)
	orgInvite.Event, orgInvite.HubName, orgInvite.LinkPath, orgInvite.OrganisationName = nil, "", "/account", "Tyneside Peer Pathways"
	digest := sampleInput(KindDigest)
	digest.Event, digest.UnsubscribePath = nil, "/mail/unsubscribe/UNSUB"
	digest.Digest = &Digest{
		JoinRequests: []DigestItem{{Hub: "North East Learning Hub", Title: "Gateshead Recovery Network", Detail: "asked 2 days ago", Path: "/hubs/north-east/members"}},
		BusyEvents:   []DigestItem{{Hub: "North East Learning Hub", Title: "Hub day", Detail: "4 new registrations; 2 places left", Path: "/events/7/check-in"}},
	}
	ask := sampleInput(KindFeedbackAsk)
	ask.ManagePath, ask.LinkPath = "", "/events/42/feedback?token=TOKEN"
	ask.Feedback = &FeedbackNote{Reminder: true, Closes: ask.Event.Event.EndsAt.Add(14 * 24 * time.Hour)}
	code := sampleInput(KindFeedbackCode)
	code.ManagePath = ""
	code.Feedback = &FeedbackNote{Code: "428193", Expires: code.Event.Event.EndsAt.Add(24 * time.Hour)}
	cases := map[string]Input{
		"feedback_ask_reminder": ask, "feedback_code": code,
		"registered_guest": sampleInput(KindRegistered), "waitlisted": waiting, "promoted": sampleInput(KindPromoted),
		"event_changed": changed, "event_cancelled": cancelled, "reminder_morning": reminder, "manage_link": sampleInput(KindManageLink),
		"invite": invite, "password_reset": reset, "organisation_invite": orgInvite, "digest": digest,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			m, err := Compose(in)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name+".txt", "Subject: "+m.Subject+"\n\n"+m.Text)
			golden(t, name+".html", m.HTML)
			if in.Kind.AboutEvent() != (m.Calendar != nil) {
				t.Errorf("calendar attached = %v, want %v", m.Calendar != nil, in.Kind.AboutEvent())
			}
			if in.Kind.Optional() != (m.UnsubscribeURL != "") {
				t.Errorf("unsubscribe URL %q for optional=%v", m.UnsubscribeURL, in.Kind.Optional())
			}
		})
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func TestCompose(t *testing.T) {
	t.Run("JoiningLinkOnlyWithAPlace", func(t *testing.T) {
		in := sampleInput(KindWaitlisted)
		in.HasPlace, in.Position = false, 1
		m := mustCompose(t, in)
		for part, s := range map[string]string{"text": m.Text, "html": m.HTML, "ics": string(m.Calendar)} {
			if strings.Contains(s, "meet.example.org") {
				t.Errorf("%s part of a waitlist message has the joining link", part)
			}
		}
		in.Kind, in.HasPlace = KindPromoted, true
		m = mustCompose(t, in)
		if !strings.Contains(m.Text, "https://meet.example.org/peer-network") || !strings.Contains(string(m.Calendar), "meet.example.org") {
			t.Errorf("promotion lacks the joining link:\n%s", m.Text)
		}
	})
	t.Run("CalendarIsTheFeedsVersion", func(t *testing.T) {
		m := mustCompose(t, sampleInput(KindRegistered))
		ics := string(m.Calendar)
		for _, want := range []string{"METHOD:PUBLISH", "UID:event-42@convene.example.org", "SEQUENCE:2", "STATUS:CONFIRMED"} {
			if !strings.Contains(ics, want) {
				t.Errorf("ics lacks %q:\n%s", want, ics)
			}
		}
		in := sampleInput(KindEventCancelled)
		in.Event = sampleEvent(func(e *events.Event) { e.Status, e.CancelReason, e.Sequence = events.StatusCancelled, "Snow.", 3 })
		ics = string(mustCompose(t, in).Calendar)
		for _, want := range []string{"STATUS:CANCELLED", "SEQUENCE:3", "Snow."} {
			if !strings.Contains(ics, want) {
				t.Errorf("cancellation ics lacks %q:\n%s", want, ics)
			}
		}
	})
	t.Run("HTMLEscapesWhatPeopleWrote", func(t *testing.T) {
		in := sampleInput(KindRegistered)
		in.Event = sampleEvent(func(e *events.Event) { e.Title = `<script>alert("x")</script>` })
		if m := mustCompose(t, in); strings.Contains(m.HTML, "<script>") {
			t.Errorf("title not escaped:\n%s", m.HTML)
		}
	})
	t.Run("ErrNoRecipient", func(t *testing.T) {
		in := sampleInput(KindRegistered)
		in.To.Email = ""
		if _, err := Compose(in); err == nil {
			t.Error("composed a message to nobody")
		}
	})
	t.Run("ErrUnknownKind", func(t *testing.T) {
		if _, err := Compose(sampleInput("nonsense")); err == nil {
			t.Error("composed an unknown kind")
		}
	})
}

func mustCompose(t *testing.T, in Input) Message {
	t.Helper()
	m, err := Compose(in)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestPreviousDiffers(t *testing.T) {
	e := sampleEvent().Event
	for name, tc := range map[string]struct {
		change func(*events.Event)
		want   bool
	}{
		"SummaryTypo":      {func(e *events.Event) { e.Summary = "Monthly meeting!" }, false},
		"Title":            {func(e *events.Event) { e.Title = "Peer network" }, false},
		"Capacity":         {func(e *events.Event) { n := 3; e.Capacity = &n }, false},
		"Rescheduled":      {func(e *events.Event) { e.StartsAt = e.StartsAt.Add(time.Hour) }, true},
		"LongerEnd":        {func(e *events.Event) { e.EndsAt = e.EndsAt.Add(time.Hour) }, true},
		"Venue":            {func(e *events.Event) { e.Venue = "Elsewhere" }, true},
		"Format":           {func(e *events.Event) { e.Format = events.FormatOnline }, true},
		"JoiningLink":      {func(e *events.Event) { e.OnlineURL = "https://meet.example.org/other" }, true},
		"StaleVenueOnline": {func(e *events.Event) { e.Format = events.FormatOnline; e.Venue = "" }, true},
	} {
		t.Run(name, func(t *testing.T) {
			now := e
			tc.change(&now)
			if got := PreviousOf(e).Differs(now); got != tc.want {
				t.Errorf("Differs = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDueReminders(t *testing.T) {
	e := sampleEvent().Event // hybrid, 10:00 BST on 9 June 2026
	early := e.StartsAt.Add(-10 * 24 * time.Hour)
	for name, tc := range map[string]struct {
		registered, now time.Time
		want            []ReminderKind
	}{
		"TooEarly":             {early, e.StartsAt.Add(-49 * time.Hour), nil},
		"TwoDaysBefore":        {early, e.StartsAt.Add(-47 * time.Hour), []ReminderKind{ReminderSoon}},
		"MorningOfOnlineEvent": {early, time.Date(2026, 6, 9, 7, 5, 0, 0, time.UTC), []ReminderKind{ReminderSoon, ReminderMorning}},
		"RegisteredLate":       {e.StartsAt.Add(-24 * time.Hour), e.StartsAt.Add(-time.Hour), []ReminderKind{ReminderMorning}},
		"RegisteredThatDay":    {time.Date(2026, 6, 9, 7, 30, 0, 0, time.UTC), e.StartsAt.Add(-time.Hour), nil},
		"Started":              {early, e.StartsAt, nil},
	} {
		t.Run(name, func(t *testing.T) {
			got := DueReminders(e, london, tc.registered, tc.now)
			if strings.Join(kindsOf(got), ",") != strings.Join(kindsOf(tc.want), ",") {
				t.Errorf("DueReminders = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("InPersonHasNoMorningReminder", func(t *testing.T) {
		inPerson := e
		inPerson.Format = events.FormatInPerson
		got := DueReminders(inPerson, london, early, e.StartsAt.Add(-time.Hour))
		if len(got) != 1 || got[0] != ReminderSoon {
			t.Errorf("DueReminders = %v, want [soon]", got)
		}
	})
}

func kindsOf(ks []ReminderKind) []string {
	var out []string
	for _, k := range ks {
		out = append(out, string(k))
	}
	return out
}

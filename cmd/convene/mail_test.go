package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/notify"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/mailer/smtptest"
	"github.com/convene/convene/storage/pgtest"
)

// withSMTP points Convene at srv, retrying quickly.
func withSMTP(srv *smtptest.Server) []appOption {
	return []appOption{withEnv("CONVENE_SMTP_URL", srv.URL()), withEnv("CONVENE_MAIL_RETRY_BASE", "200ms")}
}

// MustMailEvent stores a published online event of hub A a week ahead.
func MustMailEvent(tb testing.TB, f *fixture, title string, capacity *int) events.Event {
	tb.Helper()
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour).UTC()
	e, err := f.db.CreateEvent(context.Background(), nil, storage.NewEvent{Event: events.Event{
		HubID: f.HubA.ID, Title: title, StartsAt: start, EndsAt: start.Add(90 * time.Minute),
		Format: events.FormatOnline, OnlineURL: "https://meet.example.org/" + strconv.FormatInt(start.Unix(), 10),
		Capacity: capacity, Visibility: events.VisibilityPublic, Status: events.StatusPublished,
	}})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// MustRegisterGuest registers a guest through the API and returns the
// registration's id and status.
func MustRegisterGuest(tb testing.TB, f *fixture, eventID int64, email, accessNeeds string) (int64, string) {
	tb.Helper()
	resp, body := f.API(tb, anon, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/registrations", eventID), map[string]string{
		"guest_name": "Guest " + strings.Split(email, "@")[0], "guest_email": email, "attendee_role": "practitioner", "access_needs": accessNeeds})
	if resp.StatusCode != http.StatusCreated {
		tb.Fatalf("register %s: %d %s", email, resp.StatusCode, body)
	}
	var out struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	MustDecode(tb, body, &out)
	return out.ID, out.Status
}

// waitOne waits for messages to addr whose subject starts with prefix and
// checks, a moment later, that exactly one came.
func waitOne(tb testing.TB, srv *smtptest.Server, addr, prefix string) smtptest.Message {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var got []smtptest.Message
		for _, m := range smtptest.To(srv.Messages(tb), addr) {
			if strings.HasPrefix(m.Subject, prefix) {
				got = append(got, m)
			}
		}
		if len(got) > 0 {
			time.Sleep(time.Second) // a duplicate would have come by now
			again := 0
			for _, m := range smtptest.To(srv.Messages(tb), addr) {
				if strings.HasPrefix(m.Subject, prefix) {
					again++
				}
			}
			if again != 1 {
				tb.Fatalf("%d messages %q to %s, want exactly 1", again, prefix, addr)
			}
			return got[0]
		}
		if time.Now().After(deadline) {
			tb.Fatalf("no message %q to %s within 30s; got %v", prefix, addr, subjects(smtptest.To(srv.Messages(tb), addr)))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func subjects(ms []smtptest.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Subject)
	}
	return out
}

var linkRE = regexp.MustCompile(`https?://[^\s"<>]+`)

// linkTo finds the link with path prefix in a message's text, as a path.
func linkTo(tb testing.TB, m smtptest.Message, prefix string) string {
	tb.Helper()
	for _, l := range linkRE.FindAllString(m.Text, -1) {
		u, err := url.Parse(l)
		if err == nil && strings.HasPrefix(u.Path, prefix) {
			return u.Path
		}
	}
	tb.Fatalf("no link to %s in:\n%s", prefix, m.Text)
	return ""
}

var sequenceRE = regexp.MustCompile(`SEQUENCE:(\d+)`)

func sequenceOf(tb testing.TB, ics string) int {
	tb.Helper()
	m := sequenceRE.FindStringSubmatch(ics)
	if m == nil {
		tb.Fatalf("no SEQUENCE in:\n%s", ics)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestMail follows people through what they are told, against a real SMTP
// server: confirmation with a working manage link, promotion from the
// waitlist, one update per person on a reschedule, the cancellation, and
// nothing about anyone else in any message.
func TestMail(t *testing.T) {
	srv := smtptest.MustStart(t)
	a := MustStart(t, withSMTP(srv)...)
	f := MustFixture(t, a)
	one := 1
	e := MustMailEvent(t, f, "Trauma-informed practice webinar", &one)
	guests := []string{"ada.guest@example.org", "ben.guest@example.org", "cat.guest@example.org"}
	needs := map[string]string{}
	ids := map[string]int64{}
	for i, g := range guests {
		needs[g] = fmt.Sprintf("Needs captions, private note %d", i)
	}

	var adaManage string
	t.Run("GuestConfirmationWithWorkingManageLink", func(t *testing.T) {
		var status string
		ids[guests[0]], status = MustRegisterGuest(t, f, e.ID, guests[0], needs[guests[0]])
		if status != "registered" {
			t.Fatalf("status %s, want registered", status)
		}
		m := waitOne(t, srv, guests[0], "Your place at")
		if !strings.Contains(m.Text, e.OnlineURL) || !strings.Contains(m.Text, "Hub A") {
			t.Errorf("confirmation lacks the joining link or the hub:\n%s", m.Text)
		}
		if m.HTML == "" || !strings.Contains(m.Calendar, "METHOD:PUBLISH") {
			t.Errorf("want an HTML part and an .ics; html %d bytes, ics:\n%s", len(m.HTML), m.Calendar)
		}
		adaManage = linkTo(t, m, "/registrations/manage/")
		resp, body := a.MustGet(t, adaManage)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, e.Title) {
			t.Errorf("manage link: %d\n%s", resp.StatusCode, truncate(body, 300))
		}
	})

	t.Run("PromotionToTheFirstWaiting", func(t *testing.T) {
		for _, g := range guests[1:] {
			var status string
			ids[g], status = MustRegisterGuest(t, f, e.ID, g, needs[g])
			if status != "waitlisted" {
				t.Fatalf("%s: status %s, want waitlisted", g, status)
			}
			if m := waitOne(t, srv, g, "You are on the waitlist"); strings.Contains(m.Text, e.OnlineURL) || strings.Contains(m.Calendar, e.OnlineURL) {
				t.Errorf("a waitlist message carries the joining link:\n%s", m.Text)
			}
		}
		token := strings.TrimPrefix(adaManage, "/registrations/manage/")
		resp, body := f.API(t, anon, http.MethodDelete, fmt.Sprintf("/api/v1/registrations/%d?token=%s", ids[guests[0]], token), nil)
		if resp.StatusCode >= 300 {
			t.Fatalf("cancel: %d %s", resp.StatusCode, body)
		}
		m := waitOne(t, srv, guests[1], "You now have a place")
		if !strings.Contains(m.Text, e.OnlineURL) {
			t.Errorf("promotion lacks the joining link:\n%s", m.Text)
		}
		for _, other := range smtptest.To(srv.Messages(t), guests[2]) {
			if strings.HasPrefix(other.Subject, "You now have a place") {
				t.Error("the second person waiting was told they have a place")
			}
		}
	})

	t.Run("RegisteringAgainEmailsAFreshManageLink", func(t *testing.T) {
		resp, body := f.API(t, anon, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/registrations", e.ID), map[string]string{
			"guest_name": "Someone Else", "guest_email": guests[2], "attendee_role": "other"})
		if resp.StatusCode != http.StatusAccepted || !strings.Contains(body, "check_email") {
			t.Fatalf("registering again: %d %s", resp.StatusCode, body)
		}
		m := waitOne(t, srv, guests[2], "Your link for")
		resp, page := a.MustGet(t, linkTo(t, m, "/registrations/manage/"))
		if resp.StatusCode != http.StatusOK || !strings.Contains(page, e.Title) {
			t.Errorf("fresh manage link: %d", resp.StatusCode)
		}
	})

	var before int
	t.Run("RescheduleTellsEachPersonOnce", func(t *testing.T) {
		before = sequenceOf(t, waitOne(t, srv, guests[1], "You now have a place").Calendar)
		start := e.StartsAt.Add(24 * time.Hour)
		resp, body := f.API(t, coordA, http.MethodPatch, fmt.Sprintf("/api/v1/events/%d", e.ID), map[string]string{
			"starts_at": start.Format(time.RFC3339), "ends_at": start.Add(90 * time.Minute).Format(time.RFC3339)})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("reschedule: %d %s", resp.StatusCode, body)
		}
		for _, g := range guests[1:] {
			m := waitOne(t, srv, g, "Changed: ")
			if got := sequenceOf(t, m.Calendar); got <= before {
				t.Errorf("%s: update's SEQUENCE %d, want above %d", g, got, before)
			}
			if !strings.Contains(m.Text, "When: was") {
				t.Errorf("%s: update does not say what changed:\n%s", g, m.Text)
			}
		}
		if n := len(smtptest.To(srv.Messages(t), guests[0])); n != 1 {
			t.Errorf("the person who cancelled got %d messages, want only their confirmation", n)
		}
	})

	t.Run("TypoSendsNothing", func(t *testing.T) {
		n := len(srv.Messages(t))
		resp, body := f.API(t, coordA, http.MethodPatch, fmt.Sprintf("/api/v1/events/%d", e.ID), map[string]string{"summary": "Now with a summary."})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("edit: %d %s", resp.StatusCode, body)
		}
		time.Sleep(2 * time.Second)
		if got := len(srv.Messages(t)); got != n {
			t.Errorf("%d messages after editing the summary, want none", got-n)
		}
	})

	t.Run("CancellationReachesEveryone", func(t *testing.T) {
		resp, body := f.API(t, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/cancel", e.ID), map[string]string{"reason": "The speaker is ill."})
		if resp.StatusCode >= 300 {
			t.Fatalf("cancel event: %d %s", resp.StatusCode, body)
		}
		for _, g := range guests[1:] {
			m := waitOne(t, srv, g, "Cancelled: ")
			if !strings.Contains(m.Calendar, "STATUS:CANCELLED") || !strings.Contains(m.Text, "The speaker is ill.") {
				t.Errorf("%s: cancellation lacks the status or reason:\n%s\n%s", g, m.Text, m.Calendar)
			}
		}
	})

	t.Run("NothingAboutAnyoneElse", func(t *testing.T) {
		for _, m := range srv.Messages(t) {
			for _, g := range guests {
				if strings.EqualFold(m.To, g) {
					continue
				}
				if strings.Contains(m.Raw, g) || strings.Contains(m.Text+m.HTML+m.Calendar, needs[g]) {
					t.Errorf("message %q to %s mentions %s or their access needs", m.Subject, m.To, g)
				}
			}
			for _, g := range guests {
				if strings.Contains(m.Text+m.HTML+m.Calendar, needs[g]) {
					t.Errorf("message %q to %s carries access needs", m.Subject, m.To)
				}
			}
		}
	})
}

// TestForgotPassword: a link by email that works once, the same answer
// for an address with no account, and throttling.
func TestForgotPassword(t *testing.T) {
	srv := smtptest.MustStart(t)
	a := MustStart(t, withSMTP(srv)...)
	f := MustFixture(t, a)
	anonymous := f.MustClient(t, anon)
	email := f.Bystander.Email

	resp, known := anonymous.Page(t, http.MethodPost, "/forgot-password", url.Values{"email": {email}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(known, "Check your email") {
		t.Fatalf("forgot password: %d\n%s", resp.StatusCode, truncate(known, 400))
	}
	m := waitOne(t, srv, email, "Set a new password")
	link := linkTo(t, m, "/set-password/")
	form := url.Values{"password": {"a brand new password"}, "confirm": {"a brand new password"}}
	if resp, body := anonymous.Page(t, http.MethodPost, link, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set password through the link: %d\n%s", resp.StatusCode, truncate(body, 400))
	}
	if resp, _ := anonymous.Page(t, http.MethodPost, link, form); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the link worked twice: %d", resp.StatusCode)
	}

	t.Run("SameAnswerWithoutAnAccount", func(t *testing.T) {
		resp, unknown := anonymous.Page(t, http.MethodPost, "/forgot-password", url.Values{"email": {"no.account@example.org"}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%d", resp.StatusCode)
		}
		if strings.ReplaceAll(unknown, "no.account@example.org", email) != known {
			t.Error("the answer differs for an address with no account")
		}
		resp, body := f.API(t, anon, http.MethodPost, "/api/v1/auth/password-reset", map[string]string{"email": "no.account@example.org"})
		if resp.StatusCode != http.StatusAccepted {
			t.Errorf("API: %d %s", resp.StatusCode, body)
		}
		time.Sleep(time.Second)
		if n := len(smtptest.To(srv.Messages(t), "no.account@example.org")); n != 0 {
			t.Errorf("%d messages to an address with no account", n)
		}
	})

	t.Run("ErrBadEmail", func(t *testing.T) {
		if resp, _ := anonymous.Page(t, http.MethodPost, "/forgot-password", url.Values{"email": {"not an address"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("bad email: %d, want 422", resp.StatusCode)
		}
		if resp, _ := f.API(t, anon, http.MethodPost, "/api/v1/auth/password-reset", `{"email":12}`); resp.StatusCode >= 500 || resp.StatusCode < 400 {
			t.Errorf("bad JSON: %d, want 4xx", resp.StatusCode)
		}
	})

	t.Run("ThrottledPerAccountSilentlyAndPerAddressSaying", func(t *testing.T) {
		target := f.People[attendee].Email
		for range web.ForgotPasswordThrottle.PerAccount + 2 {
			if resp, _ := anonymous.Page(t, http.MethodPost, "/forgot-password", url.Values{"email": {target}}); resp.StatusCode != http.StatusOK {
				t.Fatalf("answer changed under the per-account limit: %d", resp.StatusCode)
			}
		}
		time.Sleep(2 * time.Second)
		if n := len(smtptest.To(srv.Messages(t), target)); n != web.ForgotPasswordThrottle.PerAccount {
			t.Errorf("%d reset messages, want the limit %d", n, web.ForgotPasswordThrottle.PerAccount)
		}
		var last int
		for i := range web.ForgotPasswordThrottle.PerAddress {
			resp, _ := anonymous.Page(t, http.MethodPost, "/forgot-password", url.Values{"email": {fmt.Sprintf("someone%d@example.org", i)}})
			last = resp.StatusCode
		}
		if last != http.StatusTooManyRequests {
			t.Errorf("after %d requests from one address: %d, want 429", web.ForgotPasswordThrottle.PerAddress, last)
		}
	})
}

// TestMailServerDown: registering still answers 201 while the mail server
// is down, and the confirmation arrives exactly once when it is back;
// admins see it waiting, with the server's error.
func TestMailServerDown(t *testing.T) {
	srv := smtptest.MustStart(t)
	srv.Stop()
	a := MustStart(t, withSMTP(srv)...)
	f := MustFixture(t, a)
	e := MustMailEvent(t, f, "Safeguarding refresher", nil)
	MustRegisterGuest(t, f, e.ID, "down.guest@example.org", "")
	admin := f.MustClient(t, adminK)
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, body := admin.Page(t, http.MethodGet, "/admin/mail?status=queued&to=down.guest", nil)
		if strings.Contains(body, "down.guest@example.org") && strings.Contains(body, "connection refused") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("admins do not see the waiting message with its error:\n%s", truncate(body, 2000))
		}
		time.Sleep(200 * time.Millisecond)
	}
	srv.MustRestart(t)
	waitOne(t, srv, "down.guest@example.org", "Your place at")
}

// TestMailKeptWithoutSMTP: with no mail server, admins (only) read what
// would have gone out, and so does convene mail list.
func TestMailKeptWithoutSMTP(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	e := MustMailEvent(t, f, "Funding clinic", nil)
	MustRegisterGuest(t, f, e.ID, "kept.guest@example.org", "")
	admin := f.MustClient(t, adminK)
	var id string
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, body := admin.Page(t, http.MethodGet, "/admin/mail?status=kept&to=kept.guest", nil)
		if m := regexp.MustCompile(`/admin/mail/(\d+)">Your place at Funding clinic`).FindStringSubmatch(body); m != nil {
			id = m[1]
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("kept message not listed:\n%s", truncate(body, 2000))
		}
		time.Sleep(200 * time.Millisecond)
	}
	resp, body := admin.Page(t, http.MethodGet, "/admin/mail/"+id, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "/registrations/manage/") {
		t.Errorf("message page: %d\n%s", resp.StatusCode, truncate(body, 2000))
	}
	if resp, _ := f.MustClient(t, coordA).Page(t, http.MethodGet, "/admin/mail/"+id, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a coordinator read the outbox: %d", resp.StatusCode)
	}
	if resp, _ := admin.Page(t, http.MethodGet, "/admin/mail?status=nonsense", nil); resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad status filter: %d, want 4xx", resp.StatusCode)
	}
	if resp, _ := admin.Page(t, http.MethodPost, "/admin/mail/"+id+"/retry", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("retrying a kept message: %d, want 409", resp.StatusCode)
	}
	var out strings.Builder
	err := run(context.Background(), []string{"mail", "list", "--to", "kept.guest"}, func(k string) string {
		return map[string]string{"DATABASE_URL": a.DSN}[k]
	}, strings.NewReader(""), &out, &out)
	if err != nil || !strings.Contains(out.String(), "kept.guest@example.org") || !strings.Contains(out.String(), "Your place at Funding clinic") {
		t.Errorf("convene mail list: %v\n%s", err, out.String())
	}
}

// TestUnsubscribe: a reminder carries RFC 8058 headers; one POST to the
// List-Unsubscribe address, with no session, turns reminders off for
// that guest, and the account page does the same for people signed in.
func TestUnsubscribe(t *testing.T) {
	srv := smtptest.MustStart(t)
	a := MustStart(t, withSMTP(srv)...)
	f := MustFixture(t, a)
	ctx := context.Background()
	start := time.Now().Add(30 * time.Hour).Truncate(time.Hour).UTC()
	e, err := f.db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: f.HubA.ID, Title: "Network lunch", StartsAt: start, EndsAt: start.Add(time.Hour), Format: events.FormatInPerson,
		Venue: "The Sidings", Visibility: events.VisibilityPublic, Status: events.StatusPublished}})
	if err != nil {
		t.Fatal(err)
	}
	regID, _ := MustRegisterGuest(t, f, e.ID, "remind.me@example.org", "")
	if _, err := pgtest.SQL(f.db).ExecContext(ctx, `UPDATE registrations SET created_at = now() - interval '5 days', status_changed_at = now() - interval '5 days' WHERE id = $1`, regID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.QueueReminders(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	m := waitOne(t, srv, "remind.me@example.org", "Reminder: ")
	if m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", m.Header.Get("List-Unsubscribe-Post"))
	}
	oneClick := strings.Trim(m.Header.Get("List-Unsubscribe"), "<>")
	u, err := url.Parse(oneClick)
	if err != nil || !strings.HasPrefix(u.Path, "/api/v1/mail/unsubscribe/") {
		t.Fatalf("List-Unsubscribe = %q", m.Header.Get("List-Unsubscribe"))
	}
	req := mustRequest(t, http.MethodPost, a.URL+u.Path, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, body := a.MustDo(t, req); resp.StatusCode != http.StatusOK {
		t.Fatalf("one-click unsubscribe: %d %s", resp.StatusCode, body)
	}
	off, err := f.db.MailOptOuts(ctx, "REMIND.ME@example.org")
	if err != nil || !off["reminder"] {
		t.Errorf("reminders not turned off: %v %v", off, err)
	}
	if resp, _ := a.MustGet(t, "/mail/unsubscribe/no-such-token"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown token: %d, want 404", resp.StatusCode)
	}

	t.Run("AccountPage", func(t *testing.T) {
		c := f.MustClient(t, attendee)
		if resp, body := c.Page(t, http.MethodPost, "/account/mail", url.Values{"on": {"digest"}}); resp.StatusCode != http.StatusOK {
			t.Fatalf("save: %d %s", resp.StatusCode, truncate(body, 300))
		}
		off, err := f.db.MailOptOuts(ctx, f.People[attendee].Email)
		if err != nil || !off["reminder"] || off["digest"] {
			t.Errorf("opt-outs %v (%v); want reminders off, digests on", off, err)
		}
		if resp, _ := c.Page(t, http.MethodPost, "/account/mail", url.Values{"on": {"invite"}}); resp.StatusCode != http.StatusOK {
			t.Errorf("an essential kind named: %d, want 200 (ignored)", resp.StatusCode)
		}
	})
}

// TestInviteColleagueByEmail: a new colleague gets a set-password link,
// someone with an account word that the invitation waits for them.
func TestInviteColleagueByEmail(t *testing.T) {
	srv := smtptest.MustStart(t)
	a := MustStart(t, withSMTP(srv)...)
	f := MustFixture(t, a)
	c := f.MustClient(t, member)
	for _, email := range []string{"new.colleague@example.org", f.Bystander.Email} {
		resp, body := c.Page(t, http.MethodPost, fmt.Sprintf("/organisations/%d/people", f.OrgA.ID), url.Values{"email": {email}, "name": {"A Colleague"}})
		if resp.StatusCode >= 400 {
			t.Fatalf("invite %s: %d %s", email, resp.StatusCode, truncate(body, 300))
		}
	}
	m := waitOne(t, srv, "new.colleague@example.org", "Join Organisation A on Convene")
	link := linkTo(t, m, "/set-password/")
	if resp, _ := a.MustGet(t, link); resp.StatusCode != http.StatusOK {
		t.Errorf("invitation link: %d", resp.StatusCode)
	}
	if resp, _ := f.MustClient(t, anon).Page(t, http.MethodPost, link, url.Values{"password": {"a colleague's own password"}, "confirm": {"a colleague's own password"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("setting the password through the invitation: %d, want 303", resp.StatusCode)
	}
	waitOne(t, srv, f.Bystander.Email, "Organisation A invites you")
}

// mustMailedLink waits until the newest link message (a fresh manage
// link, a reset or an invitation) to email is kept in the outbox (no SMTP
// server), and returns its link whose path starts with prefix.
func mustMailedLink(tb testing.TB, f *fixture, email, prefix string) string {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		list, _, err := f.db.ListMail(context.Background(), storage.MailFilter{To: email})
		if err != nil {
			tb.Fatal(err)
		}
		for _, m := range list { // newest first
			if m.Kind != notify.KindManageLink && m.Kind != notify.KindPasswordReset && m.Kind != notify.KindInvite {
				continue
			}
			if m.Status != storage.MailKept {
				break
			}
			full, err := f.db.MailByID(context.Background(), m.ID)
			if err != nil {
				tb.Fatal(err)
			}
			for _, l := range linkRE.FindAllString(full.TextBody, -1) {
				if u, err := url.Parse(l); err == nil && strings.HasPrefix(u.Path, prefix) {
					return u.Path
				}
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("no message to %s with a link to %s", email, prefix)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestFeedbackMail: after an event, those who came are asked for feedback
// by email with their own link, which opens the form (no-shows are not
// asked); a guest who asks for a code on the feedback page receives it,
// and it lets them in.
func TestFeedbackMail(t *testing.T) {
	srv := smtptest.MustStart(t)
	a := MustStart(t, withSMTP(srv)...)
	f := MustFixture(t, a)
	e, _ := f.MustPastEvent(t, f.HubA.ID, 3, 2)
	guest := func(i int) string { return fmt.Sprintf("guest%d.%d@example.org", e.ID, i) }
	if n, err := f.db.QueueFeedbackRequests(context.Background(), time.Now(), 100); err != nil || n != 2 {
		t.Fatalf("feedback requests: %d, %v; want the 2 who came", n, err)
	}
	m := waitOne(t, srv, guest(0), "How was")
	link := ""
	for _, l := range linkRE.FindAllString(m.Text, -1) {
		if u, err := url.Parse(l); err == nil && u.Path == fmt.Sprintf("/events/%d/feedback", e.ID) && u.Query().Get("token") != "" {
			link = u.RequestURI()
		}
	}
	if link == "" {
		t.Fatalf("no feedback link in:\n%s", m.Text)
	}
	if resp, body := a.MustGet(t, link); resp.StatusCode != http.StatusOK || !strings.Contains(body, "networking") {
		t.Errorf("the emailed link: %d\n%s", resp.StatusCode, truncate(body, 300))
	}
	if strings.Contains(m.Text, "step-free") || strings.Contains(m.Text, guest(1)) {
		t.Errorf("the request tells about the registration or someone else:\n%s", m.Text)
	}
	waitOne(t, srv, guest(1), "How was")
	for _, m := range smtptest.To(srv.Messages(t), guest(2)) {
		if strings.Contains(m.Subject, "How was") {
			t.Errorf("someone who did not come was asked for feedback")
		}
	}

	c := f.MustClient(t, anon)
	if resp, _ := c.Page(t, http.MethodPost, fmt.Sprintf("/events/%d/feedback/code", e.ID), url.Values{"email": {guest(1)}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("ask for a code: %d", resp.StatusCode)
	}
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(waitOne(t, srv, guest(1), "Your code to give feedback").Text)
	if code == "" {
		t.Fatal("no code in the message")
	}
	resp, _ := c.Page(t, http.MethodPost, fmt.Sprintf("/events/%d/feedback/code/check", e.ID), url.Values{"email": {guest(1)}, "code": {code}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "/feedback?token=") {
		t.Errorf("the emailed code: %d to %q, want 303 to the form", resp.StatusCode, resp.Header.Get("Location"))
	}
}

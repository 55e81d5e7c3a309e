package mailer_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/mailer"
	"github.com/convene/convene/storage/mailer/smtptest"
	"github.com/convene/convene/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// MustMailer starts a mailer on db sending to srv (nil: keeping), stopped
// when the test ends.
func MustMailer(tb testing.TB, db *storage.DB, srv *smtptest.Server) *mailer.Mailer {
	tb.Helper()
	cfg := mailer.Config{From: "hubs@convene.example.org", FromName: "Convene", BaseURL: "http://convene.test",
		Host: "convene.test", RetryBase: 200 * time.Millisecond, PollInterval: 100 * time.Millisecond}
	if srv != nil {
		smtp, err := mailer.ParseSMTPURL(srv.URL())
		if err != nil {
			tb.Fatal(err)
		}
		cfg.SMTP = &smtp
	}
	m, err := mailer.Start(context.Background(), db, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = m.Stop(ctx)
	})
	return m
}

// MustEvent stores a published online event a week ahead in a new hub.
func MustEvent(tb testing.TB, db *storage.DB, capacity *int) events.Event {
	tb.Helper()
	ctx := context.Background()
	h := hub.Hub{Slug: fmt.Sprintf("hub-%d", time.Now().UnixNano()), Name: "North East Learning Hub", TimeZone: "Europe/London"}
	if err := db.CreateHub(ctx, hub.System, &h); err != nil {
		tb.Fatal(err)
	}
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour).UTC()
	e, err := db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: h.ID, Title: "Peer support network meeting", StartsAt: start, EndsAt: start.Add(90 * time.Minute),
		Format: events.FormatOnline, OnlineURL: "https://meet.example.org/peer", Capacity: capacity,
		Visibility: events.VisibilityPublic, Status: events.StatusPublished,
	}})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func MustRegister(tb testing.TB, db *storage.DB, eventID int64, email string) storage.Placed {
	tb.Helper()
	p, err := db.Register(context.Background(), hub.Anonymous, storage.Registration{EventID: eventID, Now: time.Now(),
		RegistrationInput: events.RegistrationInput{GuestName: "Guest " + email, GuestEmail: email, AttendeeRole: events.RolePractitioner}})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// mailStatus is a message's status, waiting up to 30s for it to be want.
func waitStatus(tb testing.TB, db *storage.DB, to, want string) storage.MailMessage {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		list, _, err := db.ListMail(context.Background(), storage.MailFilter{To: to})
		if err != nil {
			tb.Fatal(err)
		}
		if len(list) == 1 && list[0].Status == want {
			return list[0]
		}
		if time.Now().After(deadline) {
			tb.Fatalf("messages to %s: %+v; want one %s", to, list, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestDelivery(t *testing.T) {
	t.Run("ConfirmationWithManageLinkAndCalendar", func(t *testing.T) {
		db, srv := pgtest.New(t), smtptest.MustStart(t)
		MustMailer(t, db, srv)
		e := MustEvent(t, db, nil)
		placed := MustRegister(t, db, e.ID, "sam@example.org")
		m := srv.WaitFor(t, 1)[0]
		if m.To != "sam@example.org" || !strings.Contains(m.Subject, "Your place at Peer support network meeting") {
			t.Errorf("got message to %s %q", m.To, m.Subject)
		}
		link := "http://convene.test/registrations/manage/" + placed.ManageToken
		for part, body := range map[string]string{"text": m.Text, "html": m.HTML} {
			if !strings.Contains(body, link) {
				t.Errorf("%s part lacks the manage link %s:\n%s", part, link, body)
			}
		}
		// The same UID as every feed and download: the deployment's
		// identifier, not the site's address.
		uidHost, err := db.DeploymentID(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.Calendar, "METHOD:PUBLISH") || !strings.Contains(m.Calendar, fmt.Sprintf("UID:event-%d@%s", e.ID, uidHost)) {
			t.Errorf("calendar:\n%s", m.Calendar)
		}
		stored := waitStatus(t, db, "sam@example.org", storage.MailSent)
		full, err := db.MailByID(context.Background(), stored.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(full.TextBody, placed.ManageToken) || strings.Contains(full.HTMLBody, placed.ManageToken) {
			t.Error("the stored copy of a sent message still has the manage link")
		}
	})

	t.Run("WaitsForTheServerAndSendsOnce", func(t *testing.T) {
		db, srv := pgtest.New(t), smtptest.MustStart(t)
		srv.Stop()
		MustMailer(t, db, srv)
		e := MustEvent(t, db, nil)
		MustRegister(t, db, e.ID, "patient@example.org")
		deadline := time.Now().Add(30 * time.Second)
		for {
			list, _, err := db.ListMail(context.Background(), storage.MailFilter{To: "patient@example.org"})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) == 1 && list[0].Attempts >= 2 && list[0].Status == storage.MailQueued && list[0].LastError != "" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("message not retried while the server was down: %+v", list)
			}
			time.Sleep(100 * time.Millisecond)
		}
		srv.MustRestart(t)
		srv.WaitFor(t, 1)
		waitStatus(t, db, "patient@example.org", storage.MailSent)
		time.Sleep(time.Second)
		if got := len(srv.Messages(t)); got != 1 {
			t.Errorf("%d messages arrived, want exactly 1", got)
		}
	})

	t.Run("PermanentRefusalIsNotRetried", func(t *testing.T) {
		db, srv := pgtest.New(t), smtptest.MustStart(t)
		MustMailer(t, db, srv)
		e := MustEvent(t, db, nil)
		MustRegister(t, db, e.ID, "rejected@example.org")
		m := waitStatus(t, db, "rejected@example.org", storage.MailFailed)
		if m.Attempts != 1 || !strings.Contains(m.LastError, "550") {
			t.Errorf("failed after %d attempts with %q; want 1 attempt and the 550", m.Attempts, m.LastError)
		}
		if err := db.RetryMail(context.Background(), hub.System, m.ID); err == nil {
			t.Log("retried") // the admin's retry is tested in cmd/convene
		}
	})

	t.Run("KeptWithoutSMTP", func(t *testing.T) {
		db := pgtest.New(t)
		MustMailer(t, db, nil)
		e := MustEvent(t, db, nil)
		placed := MustRegister(t, db, e.ID, "kept@example.org")
		m := waitStatus(t, db, "kept@example.org", storage.MailKept)
		full, err := db.MailByID(context.Background(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(full.TextBody, placed.ManageToken) {
			t.Errorf("a kept message shows admins what would have gone out, link included; got\n%s", full.TextBody)
		}
	})
}

// TestTwoInstances: two mailers draining one database deliver each of
// many messages exactly once.
func TestTwoInstances(t *testing.T) {
	db, srv := pgtest.New(t), smtptest.MustStart(t)
	e := MustEvent(t, db, nil)
	const n = 30
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { MustRegister(t, db, e.ID, fmt.Sprintf("twin%02d@example.org", i)) })
	}
	wg.Wait()
	MustMailer(t, db, srv)
	MustMailer(t, db, srv)
	srv.WaitFor(t, n)
	time.Sleep(2 * time.Second)
	msgs := srv.Messages(t)
	seen := map[string]int{}
	for _, m := range msgs {
		seen[m.To]++
	}
	if len(msgs) != n || len(seen) != n {
		t.Errorf("%d messages to %d addresses, want %d to %d: %v", len(msgs), len(seen), n, n, seen)
	}
}

package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// codeInbox collects the one-time code emails queued, by address.
func codeInbox(db *storage.DB) map[string]storage.FeedbackCodeEmail {
	inbox := map[string]storage.FeedbackCodeEmail{}
	db.FeedbackCodeMailer = func(m storage.FeedbackCodeEmail) { inbox[m.Email] = m }
	return inbox
}

func TestFeedbackCodes(t *testing.T) {
	ctx := context.Background()
	now := time.Now()

	t.Run("OK", func(t *testing.T) {
		db := pgtest.New(t)
		inbox := codeInbox(db)
		pe := MustPastEvent(t, db, "north", 2, 2)
		email := "north.guest0@example.org"
		if err := db.AskFeedbackCode(ctx, storage.AskFeedbackCode{EventID: pe.Event.ID, Email: "  NORTH.guest0@example.org ", Now: now}); err != nil {
			t.Fatal(err)
		}
		m, ok := inbox[email]
		if !ok || len(m.Code) != 6 || m.RegistrationID != pe.RegIDs[0] {
			t.Fatalf("email queued: %+v, %v", m, ok)
		}
		token, err := db.UseFeedbackCode(ctx, storage.UseFeedbackCode{EventID: pe.Event.ID, Email: email, Code: m.Code, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		st, err := db.FeedbackState(ctx, hub.Anonymous, pe.Event.ID, token, now)
		if err != nil || st.Refusal != nil {
			t.Fatalf("the code's link opens the form: %v %v", err, st.Refusal)
		}
		// Used once: the same code does not work again.
		if _, err := db.UseFeedbackCode(ctx, storage.UseFeedbackCode{EventID: pe.Event.ID, Email: email, Code: m.Code, Now: now}); hub.ErrorCode(err) != hub.EInvalid {
			t.Fatalf("reused code: got %v, want invalid", err)
		}
	})

	t.Run("ErrUnregisteredSameAnswer", func(t *testing.T) {
		db := pgtest.New(t)
		inbox := codeInbox(db)
		pe := MustPastEvent(t, db, "north", 1, 1)
		other := MustPastEvent(t, db, "south", 1, 1)
		// A stranger's email, and an attendee of another event: the same
		// answer as a registered one, and no code goes anywhere.
		for _, email := range []string{"stranger@example.org", "south.guest0@example.org"} {
			if err := db.AskFeedbackCode(ctx, storage.AskFeedbackCode{EventID: pe.Event.ID, Email: email, Now: now}); err != nil {
				t.Fatalf("%s: got %v, want the same answer as for a registered email", email, err)
			}
		}
		if len(inbox) != 0 {
			t.Fatalf("codes sent for unregistered emails: %v", inbox)
		}
		// An attendee of another event cannot use their own code here.
		if err := db.AskFeedbackCode(ctx, storage.AskFeedbackCode{EventID: other.Event.ID, Email: "south.guest0@example.org", Now: now}); err != nil {
			t.Fatal(err)
		}
		code := inbox["south.guest0@example.org"].Code
		if _, err := db.UseFeedbackCode(ctx, storage.UseFeedbackCode{EventID: pe.Event.ID, Email: "south.guest0@example.org", Code: code, Now: now}); hub.ErrorCode(err) != hub.EInvalid {
			t.Fatalf("code for another event: got %v, want invalid", err)
		}
	})

	t.Run("ErrTooManyTries", func(t *testing.T) {
		db := pgtest.New(t)
		inbox := codeInbox(db)
		pe := MustPastEvent(t, db, "north", 1, 1)
		email := "north.guest0@example.org"
		if err := db.AskFeedbackCode(ctx, storage.AskFeedbackCode{EventID: pe.Event.ID, Email: email, Now: now}); err != nil {
			t.Fatal(err)
		}
		right := inbox[email].Code
		wrong := fmt.Sprintf("%06d", (atoi(right)+1)%1_000_000)
		for range storage.FeedbackCodeAttempts {
			if _, err := db.UseFeedbackCode(ctx, storage.UseFeedbackCode{EventID: pe.Event.ID, Email: email, Code: wrong, Now: now}); hub.ErrorCode(err) != hub.EInvalid {
				t.Fatalf("wrong code: got %v, want invalid", err)
			}
		}
		if _, err := db.UseFeedbackCode(ctx, storage.UseFeedbackCode{EventID: pe.Event.ID, Email: email, Code: right, Now: now}); hub.ErrorCode(err) != hub.EInvalid {
			t.Fatalf("right code after %d wrong tries: got %v, want invalid", storage.FeedbackCodeAttempts, err)
		}
		// Expired: a new code, tried after its life.
		if err := db.AskFeedbackCode(ctx, storage.AskFeedbackCode{EventID: pe.Event.ID, Email: email, Now: now}); err != nil {
			t.Fatal(err)
		}
		late := now.Add(storage.FeedbackCodeLife + time.Second)
		if _, err := db.UseFeedbackCode(ctx, storage.UseFeedbackCode{EventID: pe.Event.ID, Email: email, Code: inbox[email].Code, Now: late}); hub.ErrorCode(err) != hub.EInvalid {
			t.Fatalf("expired code: got %v, want invalid", err)
		}
	})

	t.Run("ErrThrottledPerAddress", func(t *testing.T) {
		db := pgtest.New(t)
		pe := MustPastEvent(t, db, "north", 1, 1)
		for _, email := range []string{"north.guest0@example.org", "stranger@example.org"} {
			for i := range storage.FeedbackCodesPerAddress + 1 {
				err := db.AskFeedbackCode(ctx, storage.AskFeedbackCode{EventID: pe.Event.ID, Email: email, Now: now})
				want := ""
				if i == storage.FeedbackCodesPerAddress {
					want = hub.ERateLimited
				}
				if hub.ErrorCode(err) != want && !(want == "" && err == nil) {
					t.Fatalf("%s request %d: got %v, want %q", email, i+1, err, want)
				}
			}
		}
	})
}

// One client's made-up addresses neither use up an event's codes nor
// flood the table: they do not count against the event, and a client
// address may ask FeedbackCodesPerClient times an hour, whatever the
// email; the tidying forgets the addresses after the window.
func TestFeedbackCodesPerClient(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	db := pgtest.New(t)
	inbox := codeInbox(db)
	pe := MustPastEvent(t, db, "north", 1, 1)
	ask := func(email, ip string) error {
		return db.AskFeedbackCode(ctx, storage.AskFeedbackCode{EventID: pe.Event.ID, Email: email, ClientIP: ip, Now: now})
	}
	const script, venue = "198.51.100.7", "203.0.113.20"
	for i := range storage.FeedbackCodesPerClient {
		if err := ask(fmt.Sprintf("made.up%d@example.org", i), script); err != nil {
			t.Fatalf("request %d from one client: %v", i+1, err)
		}
	}
	if err := ask("one.more@example.org", script); hub.ErrorCode(err) != hub.ERateLimited {
		t.Fatalf("request %d from one client: got %v, want rate_limited", storage.FeedbackCodesPerClient+1, err)
	}
	// The registered guest, from the venue's address, still gets a code,
	// though more than FeedbackCodesPerEvent codes were asked for the event.
	if err := ask("north.guest0@example.org", venue); err != nil {
		t.Fatalf("a registered guest after a flood of made-up addresses: %v", err)
	}
	if _, ok := inbox["north.guest0@example.org"]; !ok {
		t.Fatal("no code was sent to the registered guest")
	}

	if _, err := db.SQL().ExecContext(ctx, `UPDATE feedback_codes SET created_at = created_at - interval '2 hours'`); err != nil {
		t.Fatal(err)
	}
	if err := db.Tidy(ctx, storage.SessionPolicy{IdleTimeout: time.Hour, Lifetime: time.Hour}, storage.Throttle{Window: time.Minute}); err != nil {
		t.Fatal(err)
	}
	var kept int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM feedback_codes WHERE client_ip IS NOT NULL`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if kept != 0 {
		t.Errorf("%d client addresses kept after the window, want none", kept)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

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

// feedbackWorld is a past event with five consenting respondents who
// would like "Safeguarding" and one who did not consent and would like
// "Secret topic", a member organisation, and the people who try to make
// requests from the answers.
type feedbackWorld struct {
	pastEvent
	db                                  *storage.DB
	Org                                 hub.Organisation
	Coord, OtherCoord, Evaluator        *hub.Actor
	Consenting, Unconsenting            int64 // feedback ids
	ConsentingAnswer, UnconsentedAnswer string
}

func MustFeedbackWorld(tb testing.TB) *feedbackWorld {
	tb.Helper()
	ctx := context.Background()
	db := pgtest.New(tb)
	w := &feedbackWorld{db: db, pastEvent: MustPastEvent(tb, db, "north", 6, 6), ConsentingAnswer: "Safeguarding", UnconsentedAnswer: "Secret topic"}
	other := MustPastEvent(tb, db, "south", 0, 0)
	for i, token := range w.Tokens {
		in := answer(4, 4)
		in.ConsentToQuote = i < 5
		if i == 5 {
			in.TopicsNext = []string{w.UnconsentedAnswer}
		}
		if _, err := db.GiveFeedback(ctx, hub.Anonymous, storage.GiveFeedback{EventID: w.Event.ID, Token: token, Feedback: in, Now: time.Now()}); err != nil {
			tb.Fatal(err)
		}
	}
	ids := map[bool]int64{}
	rows, err := pgtest.SQL(db).Query(`SELECT id, consent_to_quote FROM feedback ORDER BY id`)
	if err != nil {
		tb.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var c bool
		if err := rows.Scan(&id, &c); err != nil {
			tb.Fatal(err)
		}
		ids[c] = id
	}
	w.Consenting, w.Unconsenting = ids[true], ids[false]
	w.Org = hub.Organisation{Name: "Asker", Kind: hub.FundedProject}
	if err := db.CreateOrganisation(ctx, &w.Org); err != nil {
		tb.Fatal(err)
	}
	if err := db.AddMember(ctx, hub.System, w.Hub.ID, w.Org.ID); err != nil {
		tb.Fatal(err)
	}
	w.Coord = MustActor(tb, db, "coord@example.org", func(a *hub.Actor) { a.Coordinates[w.Hub.ID] = true })
	w.OtherCoord = MustActor(tb, db, "other@example.org", func(a *hub.Actor) { a.Coordinates[other.Hub.ID] = true })
	w.Evaluator = MustActor(tb, db, "evaluator@example.org", func(a *hub.Actor) { a.Evaluates[w.Hub.ID] = true })
	return w
}

func (w *feedbackWorld) convert(a *hub.Actor, feedbackID int64, answer string) (hub.TopicRequest, error) {
	return w.db.RequestFromFeedbackAnswer(context.Background(), a, storage.RequestFromFeedback{EventID: w.Event.ID, FeedbackID: feedbackID,
		Answer: answer, OrganisationID: w.Org.ID, Topic: "safeguarding", Title: answer, Details: "Asked for in feedback", Format: hub.FormatWorkshop})
}

func TestRequestFromFeedback(t *testing.T) {
	ctx := context.Background()
	w := MustFeedbackWorld(t)

	t.Run("TopicsShownWithoutRespondents", func(t *testing.T) {
		topics, err := w.db.EventFeedbackTopics(ctx, w.Evaluator, w.Event.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(topics) != 5 {
			t.Fatalf("got %d topics, want the 5 consenting answers: %+v", len(topics), topics)
		}
		for _, tp := range topics {
			if tp.Topic != w.ConsentingAnswer {
				t.Errorf("topic %q shown without consent", tp.Topic)
			}
		}
	})
	t.Run("ErrOtherHubCoordinator", func(t *testing.T) {
		if _, err := w.convert(w.OtherCoord, w.Consenting, w.ConsentingAnswer); hub.ErrorCode(err) != hub.EForbidden {
			t.Errorf("got %v, want forbidden", err)
		}
	})
	t.Run("ErrEvaluator", func(t *testing.T) {
		if _, err := w.convert(w.Evaluator, w.Consenting, w.ConsentingAnswer); hub.ErrorCode(err) != hub.EForbidden {
			t.Errorf("got %v, want forbidden", err)
		}
	})
	t.Run("ErrWithoutConsent", func(t *testing.T) {
		if _, err := w.convert(w.Coord, w.Unconsenting, w.UnconsentedAnswer); hub.ErrorCode(err) != hub.ENotFound {
			t.Errorf("got %v, want not found", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		r, err := w.convert(w.Coord, w.Consenting, w.ConsentingAnswer)
		if err != nil {
			t.Fatal(err)
		}
		if r.OrganisationID != w.Org.ID || r.RequestedBy == nil || *r.RequestedBy != w.Coord.PersonID() || r.Status != hub.RequestOpen {
			t.Errorf("request %+v", r)
		}
		d, err := w.db.Request(ctx, w.Coord, r.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if d.FromFeedback == nil || d.FromFeedback.EventID != w.Event.ID || d.FromFeedback.EventTitle != w.Event.Title {
			t.Errorf("from feedback: got %+v, want event %d", d.FromFeedback, w.Event.ID)
		}
		topics, _ := w.db.EventFeedbackTopics(ctx, w.Coord, w.Event.ID)
		linked := 0
		for _, tp := range topics {
			if tp.RequestID != nil && *tp.RequestID == r.ID {
				linked++
			}
		}
		if linked != 1 {
			t.Errorf("%d answers link to the request, want 1", linked)
		}
	})
	t.Run("ErrTwice", func(t *testing.T) {
		if _, err := w.convert(w.Coord, w.Consenting, w.ConsentingAnswer); hub.ErrorCode(err) != hub.EConflict {
			t.Errorf("got %v, want conflict", err)
		}
	})
}

func TestReportRequestsFulfilled(t *testing.T) {
	ctx := context.Background()
	w := MustRequestWorld(t)
	now := time.Now()
	period := storage.ReportRequest{HubIDs: []int64{w.Hub.ID}, From: now.Add(-30 * 24 * time.Hour), To: now, Now: now}
	deliver := func(n int) {
		t.Helper()
		for i := range n {
			r := w.MustSubmit(t, fmt.Sprintf("topic %d", i))
			if _, err := pgtest.SQL(w.db).Exec(`UPDATE topic_requests SET status = 'delivered', delivered_at = $2 WHERE id = $1`,
				r.ID, now.Add(-24*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
	}
	fulfilled := func() string {
		t.Helper()
		r, err := w.db.Report(ctx, w.Coord, period)
		if err != nil {
			t.Fatal(err)
		}
		if r.TopicRequestsFulfilled == nil {
			t.Fatal("topic requests fulfilled not counted")
		}
		return r.TopicRequestsFulfilled.String()
	}
	t.Run("FewerThan5", func(t *testing.T) {
		deliver(4)
		w.MustSubmit(t, "still open")
		if got := fulfilled(); got != "fewer than 5" {
			t.Errorf("got %q, want fewer than 5", got)
		}
	})
	t.Run("Five", func(t *testing.T) {
		deliver(1)
		if got := fulfilled(); got != "5" {
			t.Errorf("got %q, want 5", got)
		}
	})
}

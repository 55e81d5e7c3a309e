package hub

import (
	"fmt"
	"strings"
	"time"
)

// Governance is how a hub's forum governs itself: its terms of reference,
// when they are next reviewed, and its chair's term.
type Governance struct {
	// HubID is the hub.
	HubID int64 `db:"hub_id" json:"-"`
	// TermsURL is where the terms of reference can be read.
	TermsURL string `db:"terms_url" json:"terms_url"`
	// TermsText is the terms of reference themselves, or a summary, for
	// forums that keep them as text.
	TermsText string `db:"terms_text" json:"terms_text"`
	// TermsReviewedOn is when the terms were last reviewed.
	TermsReviewedOn *time.Time `db:"terms_reviewed_on" json:"terms_reviewed_on"`
	// TermsNextReviewOn is when they are next due for review.
	TermsNextReviewOn *time.Time `db:"terms_next_review_on" json:"terms_next_review_on"`
	// ChairName is who chairs the forum.
	ChairName string `db:"chair_name" json:"chair_name"`
	// ChairOrganisationID is the chair's organisation, if any.
	ChairOrganisationID *int64 `db:"chair_organisation_id" json:"chair_organisation_id"`
	// ChairTermEndsOn is when the chair's term ends.
	ChairTermEndsOn *time.Time `db:"chair_term_ends_on" json:"chair_term_ends_on"`
}

// Normalise trims surrounding space.
func (g *Governance) Normalise() {
	g.TermsURL = strings.TrimSpace(g.TermsURL)
	g.TermsText = strings.TrimSpace(g.TermsText)
	g.ChairName = strings.TrimSpace(g.ChairName)
}

// Validate reports every invalid field.
func (g *Governance) Validate() error {
	var f FieldErrors
	CheckLength(&f, "terms_url", "The address", g.TermsURL, MaxURL)
	CheckLength(&f, "terms_text", "The terms of reference", g.TermsText, MaxDescription)
	CheckLength(&f, "chair_name", "The chair's name", g.ChairName, MaxName)
	for _, d := range []struct {
		field string
		on    *time.Time
	}{{"terms_reviewed_on", g.TermsReviewedOn}, {"terms_next_review_on", g.TermsNextReviewOn}, {"chair_term_ends_on", g.ChairTermEndsOn}} {
		if d.on != nil && (d.on.Year() < MinGovernanceYear || d.on.Year() > MaxGovernanceYear) {
			f.Add(d.field, fmt.Sprintf("must be a date between %d and %d", MinGovernanceYear, MaxGovernanceYear))
		}
	}
	if g.TermsReviewedOn != nil && g.TermsNextReviewOn != nil && !g.TermsNextReviewOn.After(*g.TermsReviewedOn) {
		f.Add("terms_next_review_on", "The next review must come after the last one")
	}
	return f.Err()
}

// The years a governance date may fall in: wider than any forum needs,
// narrow enough that a typing slip is caught.
const (
	MinGovernanceYear = 1950
	MaxGovernanceYear = 2200
)

// ParseDay reads a date given either as a plain date (2025-04-01) or as
// an RFC 3339 time (2025-04-01T00:00:00+01:00), whose date in its own
// offset is taken. The result is midnight UTC of that date.
func ParseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2025-04-01", s)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}

// GovernanceNotice is one thing about the forum's governance that needs
// attention, or that is coming up.
type GovernanceNotice struct {
	// Due is true when it is overdue (or was never recorded).
	Due bool
	// Text says what, in plain words.
	Text string
}

// GovernanceSoon is how far ahead a coming review or term end is mentioned.
const GovernanceSoon = 60 * 24 * time.Hour

// GovernanceNotices says what is due: "terms of reference last reviewed 14
// months ago", the chair's term ending. now's date is compared in UTC.
func GovernanceNotices(g Governance, now time.Time) []GovernanceNotice {
	var out []GovernanceNotice
	switch {
	case g.TermsReviewedOn == nil && g.TermsNextReviewOn == nil:
		out = append(out, GovernanceNotice{Due: true, Text: "No terms of reference review is recorded."})
	case g.TermsNextReviewOn != nil && !now.Before(*g.TermsNextReviewOn):
		out = append(out, GovernanceNotice{Due: true, Text: "Terms of reference review is due: " + reviewedText(g, now) + "; the review was due on " + g.TermsNextReviewOn.Format("2 January 2006") + "."})
	case g.TermsNextReviewOn != nil && g.TermsNextReviewOn.Sub(now) <= GovernanceSoon:
		out = append(out, GovernanceNotice{Text: "Terms of reference review is due on " + g.TermsNextReviewOn.Format("2 January 2006") + " (" + reviewedText(g, now) + ")."})
	case g.TermsReviewedOn != nil:
		out = append(out, GovernanceNotice{Text: capitalise(reviewedText(g, now)) + "."})
	}
	switch {
	case g.ChairTermEndsOn == nil:
		out = append(out, GovernanceNotice{Due: true, Text: "No chair’s term is recorded."})
	case !now.Before(*g.ChairTermEndsOn):
		out = append(out, GovernanceNotice{Due: true, Text: "The chair’s term ended on " + g.ChairTermEndsOn.Format("2 January 2006") + ": a chair is due to be chosen."})
	case g.ChairTermEndsOn.Sub(now) <= GovernanceSoon:
		out = append(out, GovernanceNotice{Text: "The chair’s term ends on " + g.ChairTermEndsOn.Format("2 January 2006") + "."})
	}
	return out
}

// reviewedText is "terms of reference last reviewed 14 months ago".
func reviewedText(g Governance, now time.Time) string {
	if g.TermsReviewedOn == nil {
		return "no review of the terms of reference is recorded"
	}
	return "terms of reference last reviewed " + MonthsAgo(*g.TermsReviewedOn, now)
}

// MonthsAgo says how long ago then was in whole months: "14 months ago",
// "less than a month ago".
func MonthsAgo(then, now time.Time) string {
	months := (now.Year()-then.Year())*12 + int(now.Month()-then.Month())
	if now.Day() < then.Day() {
		months--
	}
	switch {
	case months < 1:
		return "less than a month ago"
	case months == 1:
		return "1 month ago"
	}
	return fmt.Sprintf("%d months ago", months)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

package web

import (
	"strings"
	"time"

	"github.com/convene/convene/hub"
)

// GovernanceInput is the body of PUT /api/v1/hubs/{slug}/governance:
// dates may be plain (2025-04-01) or full RFC 3339 times.
type GovernanceInput struct {
	TermsURL            string  `json:"terms_url"`
	TermsText           string  `json:"terms_text"`
	TermsReviewedOn     *string `json:"terms_reviewed_on"`
	TermsNextReviewOn   *string `json:"terms_next_review_on"`
	ChairName           string  `json:"chair_name"`
	ChairOrganisationID *int64  `json:"chair_organisation_id"`
	ChairTermEndsOn     *string `json:"chair_term_ends_on"`
}

// Governance reads the dates of in (empty or null: none), naming each
// field that is not a date.
func (in GovernanceInput) Governance() (hub.Governance, error) {
	g := hub.Governance{TermsURL: in.TermsURL, TermsText: in.TermsText, ChairName: in.ChairName, ChairOrganisationID: in.ChairOrganisationID}
	var f hub.FieldErrors
	for _, d := range []struct {
		field string
		in    *string
		out   **time.Time
	}{{"terms_reviewed_on", in.TermsReviewedOn, &g.TermsReviewedOn}, {"terms_next_review_on", in.TermsNextReviewOn, &g.TermsNextReviewOn},
		{"chair_term_ends_on", in.ChairTermEndsOn, &g.ChairTermEndsOn}} {
		if d.in == nil || strings.TrimSpace(*d.in) == "" {
			continue
		}
		day, err := hub.ParseDay(*d.in)
		if err != nil {
			f.Add(d.field, "must be a date like 2025-04-01")
			continue
		}
		*d.out = &day
	}
	return g, f.Err()
}

package pages

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/templates"
)

var governanceFields = []string{"terms_url", "terms_text", "terms_reviewed_on", "terms_next_review_on", "chair_name", "chair_term_ends_on"}

// governanceView is the form where a hub's coordinators record its terms
// of reference and chair.
type governanceView struct {
	Hub  hub.Hub
	Form *templates.Form
}

// GovernancePage shows the hub's governance in a form.
func (s *Handler) GovernancePage(c echo.Context) error {
	h, g, err := s.DB.HubGovernance(c.Request().Context(), web.ActorOf(c), c.Param("slug"))
	if err != nil {
		return err
	}
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	form := templates.NewForm(map[string]string{"terms_url": g.TermsURL, "terms_text": g.TermsText, "terms_reviewed_on": day(g.TermsReviewedOn),
		"terms_next_review_on": day(g.TermsNextReviewOn), "chair_name": g.ChairName, "chair_term_ends_on": day(g.ChairTermEndsOn)})
	return s.Render(c, http.StatusOK, "governance", "Governance of "+h.Name, governanceView{Hub: h, Form: form})
}

// SaveGovernance records the form; dates are plain (2025-04-01). The
// chair's organisation, which the API sets, is kept as it was.
func (s *Handler) SaveGovernance(c echo.Context) error {
	ctx := c.Request().Context()
	h, old, err := s.DB.HubGovernance(ctx, web.ActorOf(c), c.Param("slug"))
	if err != nil {
		return err
	}
	values := web.FormValues(c, governanceFields...)
	in := web.GovernanceInput{TermsURL: values["terms_url"], TermsText: values["terms_text"], ChairName: values["chair_name"],
		TermsReviewedOn: ptr(values["terms_reviewed_on"]), TermsNextReviewOn: ptr(values["terms_next_review_on"]),
		ChairTermEndsOn: ptr(values["chair_term_ends_on"]), ChairOrganisationID: old.ChairOrganisationID}
	g, err := in.Governance()
	if err == nil {
		_, err = s.DB.SetGovernance(ctx, web.ActorOf(c), h.Slug, g)
	}
	if err != nil {
		form, ferr := web.FailedForm(err, values, governanceFields...)
		if ferr != nil {
			return ferr
		}
		return s.Render(c, web.StatusForForm(err), "governance", "Governance of "+h.Name, governanceView{Hub: h, Form: form})
	}
	return s.RedirectWithFlash(c, "/hubs/"+h.Slug+"/demand#governance", "The hub’s governance is saved.")
}

func ptr[T any](v T) *T { return &v }

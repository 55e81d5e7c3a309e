package pages

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// reportView is an evaluation report page: a hub's (rows are events) or
// the programme's across hubs (rows are hubs).
type reportView struct {
	Report events.Report
	// Hub is the hub reported on; zero across hubs.
	Hub  hub.Hub
	Loc  *time.Location
	Form *templates.Form
	// FromDay and ToDay are the period's first and last days.
	FromDay, ToDay time.Time
	// Charts of the report, each with a table on the page.
	Usefulness, Networking, Trend, Attendance template.HTML
	// Downloads are the export files of the period.
	Downloads []download
}

// download is one export file offered for download.
type download struct {
	Label, Format, URL string
}

// HubReportPage is a hub's evaluation report over a chosen period, for
// its evaluators and coordinators.
func (s *Handler) HubReportPage(c echo.Context) error {
	h, loc, err := s.ReportHub(c)
	if err != nil {
		return err
	}
	return s.showReport(c, []int64{h.ID}, h, loc)
}

// ProgrammeReportPage is the report across every hub, for programme-wide
// evaluators (site administrators): a row per hub.
func (s *Handler) ProgrammeReportPage(c echo.Context) error {
	ids, err := s.AllHubIDs(c)
	if err != nil {
		return err
	}
	return s.showReport(c, ids, hub.Hub{}, time.UTC)
}

func (s *Handler) showReport(c echo.Context, ids []int64, h hub.Hub, loc *time.Location) error {
	form := templates.NewForm(map[string]string{"from": c.QueryParam("from"), "to": c.QueryParam("to")})
	from, to, err := web.ReportPeriod(c, loc)
	status := http.StatusOK
	if err != nil {
		// Show the default period, with the problem named at its field.
		if hub.ErrorCode(err) != hub.EInvalid {
			return err
		}
		form.Fail("", web.FormErrors(err, nil), "from", "to")
		status = http.StatusUnprocessableEntity
		q := c.Request().URL.Query()
		q.Del("from")
		q.Del("to")
		c.Request().URL.RawQuery = q.Encode()
		if from, to, err = web.ReportPeriod(c, loc); err != nil {
			return err
		}
	}
	r, err := s.DB.Report(c.Request().Context(), web.ActorOf(c), storage.ReportRequest{HubIDs: ids, From: from, To: to, Now: time.Now()})
	if err != nil {
		return err
	}
	v := reportView{Report: r, Hub: h, Loc: loc, Form: form, FromDay: from, ToDay: to.AddDate(0, 0, -1),
		Usefulness: distributionChart("How useful people found the events", "not useful", "very useful", r.Usefulness),
		Networking: distributionChart("How valuable the networking was", "not valuable", "very valuable", r.Networking),
		Attendance: attendanceChart(r.Rows, loc)}
	if h.ID != 0 {
		v.Trend = trendChart(r.Rows, loc) // rows are events, in time
	}
	if form.Value("from") == "" && !form.HasErrors() {
		form.Values["from"], form.Values["to"] = v.FromDay.Format("2006-01-02"), v.ToDay.Format("2006-01-02")
	}
	if h.Slug != "" {
		q := url.Values{"from": {v.FromDay.Format("2006-01-02")}, "to": {v.ToDay.Format("2006-01-02")}}.Encode()
		for _, ds := range []struct{ name, label string }{{"feedback", "Feedback"}, {"attendance", "Attendance"}} {
			for _, f := range []struct{ ext, label string }{{"csv", "CSV"}, {"excel.csv", "CSV for Excel"}, {"xlsx", "Excel workbook (XLSX)"}, {"jsonl", "JSON Lines"}} {
				v.Downloads = append(v.Downloads, download{Label: ds.label, Format: f.label,
					URL: "/api/v1/hubs/" + h.Slug + "/exports/" + ds.name + "." + f.ext + "?" + q})
			}
		}
	}
	title := "Evaluation report across hubs"
	if h.Name != "" {
		title = "Evaluation report: " + h.Name
	}
	return s.Render(c, status, "report", title, v)
}

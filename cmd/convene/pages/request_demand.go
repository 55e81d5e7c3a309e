package pages

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// demandView is the demand dashboard of a hub: what its members ask for,
// what became of it, whose voices fill the agenda, and governance.
type demandView struct {
	storage.Demand
	// Form holds the period (from, to: dates, both included).
	Form *templates.Form
	// Shown is false when the period could not be read.
	Shown bool
	// Period says the period in words.
	Period string
	// Manage is true for the hub's coordinators, who edit governance.
	Manage bool
	// Statuses are the columns of the topic table.
	Statuses []hub.RequestStatus
	// TopicRows are the topic table's rows.
	TopicRows []topicRow
	// StatusTotals count each status over all topics.
	StatusTotals []int
	// Charts.
	TopicChart, StatusChart, PresenterChart, RequesterChart barChart
	// PresenterTable, RequesterTable are the balance charts' tables.
	PresenterTable, RequesterTable shareTable
	// PresentersExplained, RequestersExplained say what each balance
	// measures, in one sentence.
	PresentersExplained, RequestersExplained string
	// Measure explains the balance flag in one plain sentence.
	Measure string
	// Loc is the hub's time zone.
	Loc *time.Location
}

// topicRow is a topic's requests by status.
type topicRow struct {
	Name   string
	Counts []int
	Total  int
}

// Flagged is true when either balance is concentrated.
func (v demandView) Flagged() bool { return v.Presenters.Concentrated || v.Requesters.Concentrated }

// FulfilmentPercent is the fulfilment rate as a whole percentage.
func (v demandView) FulfilmentPercent() string { return hub.Percent(v.FulfilmentRate) }

// MedianDaysText is the median days to delivery in words.
func (v demandView) MedianDaysText() string {
	return hub.Plural(int(math.Round(v.MedianDays)), "day", "days")
}

// balanceMeasure is the one plain sentence the flag is explained by.
var balanceMeasure = fmt.Sprintf("We flag the balance when the one or two organisations with the largest share account for more than %s of the agenda items presented, or of the requests scheduled, in the last six months (judged once there are at least %d).",
	hub.Percent(hub.ConcentrationThreshold), hub.MinBalanceCount)

// DemandPage shows the demand dashboard of a hub for a period: ?from= and
// ?to= are dates, both included (the last 12 months unless given).
func (s *Handler) DemandPage(c echo.Context) error {
	ctx := c.Request().Context()
	a := web.ActorOf(c)
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	loc := h.Zone()
	now := time.Now()
	today := time.Date(now.In(loc).Year(), now.In(loc).Month(), now.In(loc).Day(), 0, 0, 0, 0, loc)
	values := map[string]string{"from": c.QueryParam("from"), "to": c.QueryParam("to")}
	from, to := today.AddDate(-1, 0, 1), today
	var f hub.FieldErrors
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		if values[name] == "" {
			values[name] = dst.Format(time.DateOnly)
			continue
		}
		d, err := time.ParseInLocation(time.DateOnly, values[name], loc)
		if err != nil || d.Year() < hub.MinGovernanceYear || d.Year() > hub.MaxGovernanceYear {
			f.Add(name, "Enter a date like "+today.Format(time.DateOnly))
			continue
		}
		*dst = d
	}
	v := demandView{Loc: loc, Manage: hub.CanManageHub(a, h.ID), Measure: balanceMeasure}
	v.Hub = h
	err = f.Err()
	if err == nil {
		v.Demand, err = s.DB.HubDemand(ctx, a, storage.DemandQuery{HubSlug: h.Slug, From: from, To: to.AddDate(0, 0, 1), Now: now})
	}
	if err != nil {
		if hub.ErrorCode(err) != hub.EInvalid {
			return err
		}
		v.Form = templates.NewForm(values).Fail("", web.FormErrors(err, nil), "from", "to")
		return s.Render(c, http.StatusUnprocessableEntity, "demand", "Demand and balance: "+h.Name, v)
	}
	v.Form, v.Shown = templates.NewForm(values), true
	v.Period = from.Format("2 January 2006") + " to " + to.Format("2 January 2006")
	v.fill()
	return s.Render(c, http.StatusOK, "demand", "Demand and balance: "+h.Name, v)
}

// fill builds the tables and charts from the figures.
func (v *demandView) fill() {
	v.Statuses = hub.RequestStatuses()
	v.StatusTotals = make([]int, len(v.Statuses))
	most := 1
	for _, t := range v.Topics {
		row := topicRow{Name: t.TopicName, Total: t.Total}
		for i, st := range v.Statuses {
			n := t.ByStatus[string(st)]
			row.Counts = append(row.Counts, n)
			v.StatusTotals[i] += n
		}
		v.TopicRows = append(v.TopicRows, row)
		most = max(most, t.Total)
	}
	v.TopicChart = barChart{ID: "chart-topics", Caption: "Requests made in the period, by topic"}
	for _, r := range v.TopicRows {
		v.TopicChart.Bars = append(v.TopicChart.Bars, bar{Label: shorten(r.Name, 26), Text: hub.Plural(r.Total, "request", "requests"),
			Width: 100 * float64(r.Total) / float64(most)})
	}
	v.StatusChart = barChart{ID: "chart-statuses", Caption: "Requests made in the period, by what became of them"}
	most = 1
	for _, n := range v.StatusTotals {
		most = max(most, n)
	}
	for i, st := range v.Statuses {
		v.StatusChart.Bars = append(v.StatusChart.Bars, bar{Label: st.Label(), Text: hub.Plural(v.StatusTotals[i], "request", "requests"),
			Width: 100 * float64(v.StatusTotals[i]) / float64(most)})
	}
	v.PresenterChart = shareChart("chart-presenters", "Share of agenda items presented, by organisation", v.Presenters, "item", "items")
	v.RequesterChart = shareChart("chart-requesters", "Share of scheduled requests, by the organisation that asked", v.Requesters, "request", "requests")
	v.PresenterTable = newShareTable("Agenda items presented in the last six months, by organisation", "Items", v.Presenters)
	v.RequesterTable = newShareTable("Requests scheduled in the last six months, by the organisation that asked", "Requests", v.Requesters)
	v.PresentersExplained = v.Presenters.Explain("agenda items")
	v.RequestersExplained = v.Requesters.Explain("scheduled requests")
}

// shareChart draws a balance: each organisation's share, the two largest
// hatched and called out when the balance is concentrated.
func shareChart(id, caption string, b hub.Balance, one, many string) barChart {
	c := barChart{ID: id, Caption: caption}
	for i, s := range b.Shares {
		text := hub.Plural(s.N, one, many) + " (" + hub.Percent(s.Share) + ")"
		c.Bars = append(c.Bars, bar{Label: shorten(s.Organisation, 24), Text: text, Width: 100 * s.Share, Marked: b.Concentrated && i < 2})
	}
	return c
}

// shareTable is the table beside a balance chart.
type shareTable struct {
	Caption, Unit string
	Rows          []shareRow
	Total         int
}

// shareRow is one organisation's count and share.
type shareRow struct {
	Organisation string
	N            int
	Percent      string
	// Largest is true for the two largest of a concentrated balance.
	Largest bool
}

func newShareTable(caption, unit string, b hub.Balance) shareTable {
	t := shareTable{Caption: caption, Unit: unit, Total: b.Total}
	for i, s := range b.Shares {
		t.Rows = append(t.Rows, shareRow{Organisation: s.Organisation, N: s.N, Percent: hub.Percent(s.Share), Largest: b.Concentrated && i < 2})
	}
	return t
}

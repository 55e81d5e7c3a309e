package events

import (
	"sort"
	"time"

	"github.com/convene/convene/hub"
)

// RowStats are the raw figures of one row of a report: an event in a
// hub's report, a hub in a report across hubs. They never leave the
// server; BuildReport turns them into what may be shown.
type RowStats struct {
	// ID is the event's or the hub's id; Label its title or name.
	ID    int64
	Label string
	// Slug is the hub's slug, for rows that are hubs.
	Slug string
	// StartsAt is when the event started (zero for a hub).
	StartsAt time.Time
	// Events counts the events held (1 for an event row).
	Events int
	// Registered counts people who held a place (walk-ins excluded);
	// Attended everyone checked in (walk-ins included); NoShows those
	// who held a place and were not checked in; WalkIns those checked
	// in without having booked.
	Registered, Attended, NoShows, WalkIns int
	// Responses counts feedback responses; the sums are of their scores.
	Responses                    int
	UsefulnessSum, NetworkingSum int
}

// ReportInput is everything a report is built from: the raw figures for
// one hub (rows are events) or several (rows are hubs), over a period.
type ReportInput struct {
	// From and To bound the period: events starting from From, before To.
	From, To time.Time
	// Rows are the events or hubs, in order.
	Rows []RowStats
	// Roles counts attendees by attendee role.
	Roles map[AttendeeRole]int
	// OrgKinds counts attendees by the kind of their organisation (the
	// first they joined; "" for none recorded, guests included);
	// Organisations counts the distinct organisations of each kind.
	OrgKinds      map[string]int
	Organisations map[string]int
	// Usefulness and Networking count responses by score (index 0 is 1).
	Usefulness, Networking [5]int
	// NewConnections sums the new contacts reported; FollowUp counts the
	// respondents who will follow up with someone they met.
	NewConnections, FollowUp int
	// AgendaKinds and Topics count respondents who found an agenda item
	// of each kind, or on each topic, most useful.
	AgendaKinds map[AgendaKind]int
	Topics      map[string]int
	// RequestsDelivered counts the hubs' topic requests delivered in the
	// period; nil when not counted (one event's view).
	RequestsDelivered *int
}

// Report is a report as it may be shown: every figure suppressed.
type Report struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Events counts the events held; an event is not a person.
	Events int `json:"events_held"`
	// Totals over the period.
	Registered Figure `json:"registrations"`
	Attended   Figure `json:"attended"`
	NoShows    Figure `json:"no_shows"`
	Responses  Figure `json:"responses"`
	// Rates between the totals; nil (null) when hidden.
	AttendanceRate Rate `json:"attendance_rate"`
	NoShowRate     Rate `json:"no_show_rate"`
	ResponseRate   Rate `json:"response_rate"`
	// Rows are the events (or hubs), oldest first.
	Rows []ReportRow `json:"rows"`
	// Who came.
	Roles    []Share `json:"attendee_roles"`
	OrgKinds []Share `json:"organisation_kinds"`
	// What they said.
	Usefulness             Distribution `json:"usefulness"`
	Networking             Distribution `json:"networking_value"`
	NewContactsPerAttendee Rate         `json:"new_contacts_per_respondent"`
	FollowUpYes            Figure       `json:"will_follow_up"`
	FollowUpNo             Figure       `json:"will_not_follow_up"`
	FollowUpRate           Rate         `json:"follow_up_rate"`
	AgendaKinds            []Share      `json:"most_useful_agenda_kinds"`
	Topics                 []Share      `json:"most_useful_topics"`
	// TopicRequestsFulfilled counts the topic requests delivered in the
	// period, suppressed like every figure; nil when not counted.
	TopicRequestsFulfilled *Figure `json:"topic_requests_fulfilled"`
}

// ReportRow is one event (or hub) of a report.
type ReportRow struct {
	ID             int64     `json:"id"`
	Label          string    `json:"label"`
	Slug           string    `json:"slug,omitempty"`
	StartsAt       time.Time `json:"starts_at,omitzero"`
	Events         int       `json:"events_held"`
	Registered     Figure    `json:"registrations"`
	Attended       Figure    `json:"attended"`
	NoShows        Figure    `json:"no_shows"`
	Responses      Figure    `json:"responses"`
	AttendanceRate Rate      `json:"attendance_rate"`
	ResponseRate   Rate      `json:"response_rate"`
	MeanUsefulness Rate      `json:"mean_usefulness"`
	MeanNetworking Rate      `json:"mean_networking_value"`
}

// Share is a count of people with something in common.
type Share struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	People Figure `json:"people"`
	// Organisations counts distinct organisations, for organisation
	// kinds; shown only when People is.
	Organisations *int `json:"organisations,omitempty"`
}

// Distribution is how responses spread over a 1–5 scale, and their mean.
type Distribution struct {
	// Counts[i] is the number of responses scoring i+1.
	Counts [5]Figure `json:"counts"`
	Mean   Rate      `json:"mean"`
}

// BuildReport applies small-number suppression to the raw figures of a
// report, whole tables at once, and works out the rates and means from
// what is shown.
func BuildReport(in ReportInput) Report {
	r := Report{From: in.From, To: in.To}
	n := len(in.Rows)
	reg, att, nos, resp := make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	// Within a row, registered − no-shows is the people who booked and
	// came, and attended minus that is the walk-ins: when any of these is
	// small, the row's attendance figures are hidden together.
	hideRow := make([]bool, n)
	var useful, network int
	for i, s := range in.Rows {
		reg[i], att[i], nos[i], resp[i] = s.Registered, s.Attended, s.NoShows, s.Responses
		for _, v := range []int{s.Registered, s.Attended, s.NoShows, s.Registered - s.NoShows, s.WalkIns} {
			if v > 0 && v < MinPeople {
				hideRow[i] = true
			}
		}
		useful += s.UsefulnessSum
		network += s.NetworkingSum
		r.Events += s.Events
	}
	regF, regT := GroupHiding(reg, hideRow, 2)
	attF, attT := GroupHiding(att, hideRow, 2)
	nosF, nosT := GroupHiding(nos, hideRow, 2)
	respF, respT := Group(resp, 2)
	r.Registered, r.Attended, r.NoShows, r.Responses = regT, attT, nosT, respT
	r.AttendanceRate = Ratio(attT, regT)
	r.NoShowRate = Ratio(nosT, regT)
	r.ResponseRate = Ratio(respT, attT)
	for i, s := range in.Rows {
		r.Rows = append(r.Rows, ReportRow{
			ID: s.ID, Label: s.Label, Slug: s.Slug, StartsAt: s.StartsAt, Events: s.Events,
			Registered: regF[i], Attended: attF[i], NoShows: nosF[i], Responses: respF[i],
			AttendanceRate: Ratio(attF[i], regF[i]), ResponseRate: Ratio(respF[i], attF[i]),
			MeanUsefulness: Mean(float64(s.UsefulnessSum), s.Responses, respF[i]),
			MeanNetworking: Mean(float64(s.NetworkingSum), s.Responses, respF[i]),
		})
	}

	var roleKeys []string
	var roleCells []int
	for _, role := range AllAttendeeRoles() {
		roleKeys = append(roleKeys, string(role))
		roleCells = append(roleCells, in.Roles[role])
	}
	r.Roles = shares(roleKeys, roleCells, func(k string) string { return AttendeeRole(k).Label() })

	kindKeys := sortedKeys(in.OrgKinds)
	var kindCells []int
	for _, k := range kindKeys {
		kindCells = append(kindCells, in.OrgKinds[k])
	}
	r.OrgKinds = shares(kindKeys, kindCells, orgKindLabel)
	for i := range r.OrgKinds {
		if r.OrgKinds[i].People.Show() && r.OrgKinds[i].Key != "" {
			orgs := in.Organisations[r.OrgKinds[i].Key]
			r.OrgKinds[i].Organisations = &orgs
		}
	}

	r.Usefulness = distribution(in.Usefulness, useful, respT)
	r.Networking = distribution(in.Networking, network, respT)
	r.NewContactsPerAttendee = Mean(float64(in.NewConnections), respT.Value, respT)
	follow, _ := Group([]int{in.FollowUp, respT.Value - in.FollowUp}, 2)
	if !respT.Show() {
		follow = []Figure{{Hidden: FewerThan5}, {Hidden: FewerThan5}}
	}
	r.FollowUpYes, r.FollowUpNo = follow[0], follow[1]
	r.FollowUpRate = Ratio(r.FollowUpYes, respT)

	var agendaKeys []string
	var agendaCells []int
	for _, k := range AllAgendaKinds() {
		agendaKeys = append(agendaKeys, string(k))
		agendaCells = append(agendaCells, in.AgendaKinds[k])
	}
	r.AgendaKinds = ranked(agendaKeys, Counts(agendaCells), agendaCells, func(k string) string { return AgendaKind(k).Label() })
	topicKeys := sortedKeys(in.Topics)
	var topicCells []int
	for _, k := range topicKeys {
		topicCells = append(topicCells, in.Topics[k])
	}
	r.Topics = ranked(topicKeys, Counts(topicCells), topicCells, func(k string) string { return k })
	if in.RequestsDelivered != nil {
		f := Count(*in.RequestsDelivered)
		r.TopicRequestsFulfilled = &f
	}
	return r
}

// distribution suppresses a 1–5 scale. The mean is a second equation over
// the same cells, so at least three are hidden whenever any is.
func distribution(counts [5]int, sum int, responses Figure) Distribution {
	cells, _ := Group(counts[:], 3)
	var d Distribution
	if !responses.Show() {
		for i := range d.Counts {
			d.Counts[i] = Figure{Hidden: FewerThan5}
			if counts[i] == 0 {
				d.Counts[i] = Figure{}
			}
		}
		return d
	}
	copy(d.Counts[:], cells)
	d.Mean = Mean(float64(sum), responses.Value, responses)
	// The mean adds an equation: withhold more cells, smallest first,
	// until no small cell can be solved for.
	weights := []int{1, 2, 3, 4, 5}
	for d.Mean != nil && pinned(counts[:], d.Counts[:], weights) {
		next := -1
		for i, f := range d.Counts {
			if f.Show() && counts[i] > 0 && (next < 0 || counts[i] < counts[next]) {
				next = i
			}
		}
		if next < 0 {
			for i := range d.Counts {
				d.Counts[i] = Figure{Hidden: Withheld}
			}
			break
		}
		d.Counts[next] = Figure{Hidden: Withheld}
	}
	return d
}

func shares(keys []string, cells []int, label func(string) string) []Share {
	figs, _ := Group(cells, 2)
	out := make([]Share, len(keys))
	for i, k := range keys {
		out[i] = Share{Key: k, Label: label(k), People: figs[i]}
	}
	return out
}

// ranked lists counts people may share (they may choose several), most
// first; hidden counts go last, in the order given, so that the order
// tells nothing about them.
func ranked(keys []string, figs []Figure, raw []int, label func(string) string) []Share {
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		fa, fb := figs[idx[a]], figs[idx[b]]
		if fa.Show() != fb.Show() {
			return fa.Show()
		}
		return fa.Show() && fa.Value > fb.Value
	})
	var out []Share
	for _, i := range idx {
		if raw[i] == 0 {
			continue
		}
		out = append(out, Share{Key: keys[i], Label: label(keys[i]), People: figs[i]})
	}
	return out
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func orgKindLabel(k string) string {
	if k == "" {
		return "No organisation recorded"
	}
	return hub.OrgKind(k).Label()
}

package pages

import (
	"html/template"
	"strings"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// eventItemView is one row of an event list, with its dates in the hub's zone.
type eventItemView struct {
	E                      storage.EventDetail
	Date, Day, Month, When string
	// HubName is shown in lists that span hubs.
	HubName string
}

// eventFuncs are the template functions of the events pages.
func eventFuncs() template.FuncMap {
	return template.FuncMap{
		"eventItem": func(loc *time.Location, e storage.EventDetail) eventItemView {
			l := e.StartsAt.In(loc)
			return eventItemView{E: e, Date: l.Format(time.DateOnly), Day: l.Format("2"), Month: l.Format("Jan"),
				When: events.FormatWhen(e.StartsAt, e.EndsAt, loc)}
		},
		"withHub":   func(v eventItemView) eventItemView { v.HubName = v.E.Hub.Name; return v },
		"eventWhen": events.FormatWhen,
		"eventDate": events.FormatDate,
		"clock":     events.FormatClock,
		"deref": func(p any) any {
			switch v := p.(type) {
			case *int:
				if v != nil {
					return *v
				}
			case *int64:
				if v != nil {
					return *v
				}
			}
			return 0
		},
		"formats":   events.AllFormats,
		"audiences": events.AllAudiences,
		"weekdays": func() []string {
			return []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
		},
		"byline": func(it storage.AgendaEntry) string {
			var who []string
			for _, s := range []string{it.PresenterName, it.PresenterOrganisation} {
				if s != "" {
					who = append(who, s)
				}
			}
			parts := []string{}
			if len(who) > 0 {
				parts = append(parts, strings.Join(who, ", "))
			}
			if it.TopicName != "" {
				parts = append(parts, it.TopicName)
			}
			return strings.Join(parts, " · ")
		},
		"filtersOf": func(v any, action, month string) filtersView {
			f := filtersView{Action: action, Month: month}
			switch v := v.(type) {
			case eventListView:
				f.Topics, f.Filter, f.Filtered, f.Past = v.Topics, v.Filter, v.Filtered, v.Past
			case monthView:
				f.Topics, f.Filter, f.Filtered = v.Topics, v.Filter, v.Filtered
			}
			return f
		},
		"blankRows":           func(n int) []struct{} { return make([]struct{}, n) },
		"attendeeRoleOptions": func() []templates.Option { return optionsOf(events.AllAttendeeRoles()) },
		"formatOptions":       func() []templates.Option { return optionsOf(events.AllFormats()) },
		"visibilityOptions":   func() []templates.Option { return optionsOf(events.AllVisibilities()) },
		"scopeOptions": func() []templates.Option {
			return []templates.Option{{Value: "this", Label: "Only this event"}, {Value: "following", Label: "This event and all the following ones in the series"}}
		},
		"repeatOptions": func() []templates.Option {
			return []templates.Option{{Value: "", Label: "Does not repeat"}, {Value: "weekly", Label: "Every week"},
				{Value: "fortnightly", Label: "Every 2 weeks"}, {Value: "monthly", Label: "Every month, on the same weekday (e.g. the 2nd Tuesday)"},
				{Value: "quarterly", Label: "Every 3 months"}}
		},
	}
}

// filtersView is the filter form of the list and month views.
type filtersView struct {
	Action, Month string
	Topics        []hub.Topic
	Filter        map[string]string
	Filtered      bool
	Past          bool
}

// labelled is a vocabulary with labels.
type labelled interface {
	~string
	Label() string
}

func optionsOf[T labelled](values []T) []templates.Option {
	opts := make([]templates.Option, len(values))
	for i, v := range values {
		opts[i] = templates.Option{Value: string(v), Label: v.Label()}
	}
	return opts
}

// Funcs are the template functions of the pages: events' and reports'.
func Funcs() template.FuncMap {
	funcs := eventFuncs()
	for _, more := range []template.FuncMap{reportFuncs(), networkFuncs()} {
		for name, fn := range more {
			funcs[name] = fn
		}
	}
	return funcs
}

// tabs is what a row of tabs (event-nav, hub-manage-nav) is made from:
// what they are about and the page's path, to mark the current one.
type tabs struct {
	Of   any
	Path string
}

// tabLink is one tab.
type tabLink struct{ Href, Label string }

// networkFuncs are the template functions of the hub, organisation and
// admin pages, and the rows of tabs.
func networkFuncs() template.FuncMap {
	return template.FuncMap{
		"tabs": func(of any, path string) tabs { return tabs{Of: of, Path: path} },
		"tabLinks": func(base string, pairs ...string) []tabLink {
			var out []tabLink
			for i := 0; i+1 < len(pairs); i += 2 {
				out = append(out, tabLink{Href: base + pairs[i], Label: pairs[i+1]})
			}
			return out
		},
		"roleOptions": func() []templates.Option {
			return []templates.Option{{Value: string(hub.RoleCoordinator), Label: "Coordinator"}, {Value: string(hub.RoleEvaluator), Label: "Evaluator"}}
		},
		"kindOptions": func() []templates.Option {
			opts := []templates.Option{}
			for _, k := range hub.OrgKinds() {
				opts = append(opts, templates.Option{Value: string(k), Label: k.Label()})
			}
			return opts
		},
		// linkable: the actor may make a sign-in link for the person.
		"linkable": func(a *hub.Actor, p storage.HubPerson) bool {
			return hub.CanIssuePasswordLink(a, p.Reach())
		},
	}
}

package demo

import (
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // so time.LoadLocation works without system zone data
)

var (
	demoTestKinds = map[string]bool{
		"funded_project": true, "specialist_organisation": true, "network": true, "commissioner": true, "other": true,
	}
	demoTestTopics = map[string]bool{
		"peer-support-delivery": true, "safeguarding": true, "boundaries-of-peer-support": true,
		"trauma-informed-approaches": true, "intersectionality": true, "sustainability": true, "future-funding": true,
	}
	demoTestAudiences = map[string]bool{
		"peer_support_workers": true, "practitioners": true, "commissioners": true, "lived_experience": true,
		"local_networks": true,
	}
	demoTestFormats   = map[string]bool{"in_person": true, "online": true, "hybrid": true}
	demoTestItemKinds = map[string]bool{
		"talk": true, "workshop": true, "discussion": true, "networking": true, "break": true, "resource_share": true,
	}
	demoTestWeekdays = map[string]bool{"MO": true, "TU": true, "WE": true, "TH": true, "FR": true, "SA": true, "SU": true}

	demoTestEmailRE    = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*@([a-z0-9-]+\.)+example\.org$`)
	demoTestWebsiteRE  = regexp.MustCompile(`^https://([a-z0-9-]+\.)+example\.org\.uk$`)
	demoTestPostcodeRE = regexp.MustCompile(`[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$`)

	// Names of real organisations in the sector that demo data must not use.
	demoTestRealNames = []string{
		"shelter", "crisis", "mind", "st mungo", "changing lives", "refuge", "centrepoint", "thames reach",
		"emmaus", "salvation army", "women's aid", "nacro", "stonewall", "akt", "turning point", "humankind",
		"depaul", "framework", "groundswell", "single homeless project", "expert citizens", "fulfilling lives",
		"big issue", "homeless link", "clinks", "agenda alliance", "st giles", "oasis",
	}
)

// demoTestMinOrgs is the smallest number of organisations in any demo hub;
// presenter indices must be below it so they are valid in every hub.
func demoTestMinOrgs(hubs []DemoHub) int {
	least := -1
	for _, h := range hubs {
		if least < 0 || len(h.Organisations) < least {
			least = len(h.Organisations)
		}
	}
	return least
}

func TestDemoHubs(t *testing.T) {
	hubs := DemoHubs()
	wantSlugs := map[string]bool{"north-east": true, "yorkshire-humber": true, "london": true}
	if len(hubs) != len(wantSlugs) {
		t.Fatalf("got %d hubs, want %d", len(hubs), len(wantSlugs))
	}
	slugs := map[string]bool{}
	emails := map[string]string{}
	orgNames := map[string]bool{}
	checkPerson := func(where string, p DemoPerson) {
		t.Helper()
		if strings.TrimSpace(p.Name) == "" {
			t.Errorf("%s: empty name", where)
		}
		if p.Email != strings.ToLower(p.Email) || !demoTestEmailRE.MatchString(p.Email) {
			t.Errorf("%s: email %q is not lower-case ASCII at an example.org domain", where, p.Email)
		}
		if prev, ok := emails[p.Email]; ok {
			t.Errorf("%s: email %q already used by %s", where, p.Email, prev)
		}
		emails[p.Email] = where
	}
	checkPerson("admin", DemoAdmin())

	for _, h := range hubs {
		if !wantSlugs[h.Slug] {
			t.Errorf("unexpected hub slug %q", h.Slug)
		}
		if slugs[h.Slug] {
			t.Errorf("duplicate hub slug %q", h.Slug)
		}
		slugs[h.Slug] = true
		if h.Name == "" || h.Region == "" || h.Description == "" {
			t.Errorf("hub %s: empty name, region or description", h.Slug)
		}
		if h.TimeZone != "Europe/London" {
			t.Errorf("hub %s: time zone %q", h.Slug, h.TimeZone)
		}
		if _, err := time.LoadLocation(h.TimeZone); err != nil {
			t.Errorf("hub %s: %v", h.Slug, err)
		}
		checkPerson(h.Slug+" coordinator", h.Coordinator)
		checkPerson(h.Slug+" evaluator", h.Evaluator)

		if n := len(h.Organisations); n < 10 || n > 12 {
			t.Errorf("hub %s: %d organisations, want about 10", h.Slug, n)
		}
		kinds := map[string]int{}
		for i, o := range h.Organisations {
			where := h.Slug + "/" + o.Name
			if o.Name == "" || o.Description == "" {
				t.Errorf("hub %s org %d: empty name or description", h.Slug, i)
			}
			if orgNames[o.Name] {
				t.Errorf("%s: duplicate organisation name", where)
			}
			orgNames[o.Name] = true
			lower := " " + strings.ToLower(o.Name) + " "
			for _, banned := range demoTestRealNames {
				if regexp.MustCompile(`[^a-z']` + regexp.QuoteMeta(banned) + `[^a-z]`).MatchString(lower) {
					t.Errorf("%s: name contains real organisation name %q", where, banned)
				}
			}
			if !demoTestKinds[o.Kind] {
				t.Errorf("%s: invalid kind %q", where, o.Kind)
			}
			kinds[o.Kind]++
			if !demoTestWebsiteRE.MatchString(o.Website) {
				t.Errorf("%s: website %q is not https on example.org.uk", where, o.Website)
			}
			domain := strings.TrimSuffix(strings.TrimPrefix(o.Website, "https://"), ".uk")
			if n := len(o.Members); n < 2 || n > 3 {
				t.Errorf("%s: %d members, want 2–3", where, n)
			}
			for _, m := range o.Members {
				checkPerson(where, m)
				if !strings.HasSuffix(m.Email, "@"+domain) {
					t.Errorf("%s: member email %q not at the organisation's domain %s", where, m.Email, domain)
				}
			}
		}
		for k := range demoTestKinds {
			if kinds[k] == 0 {
				t.Errorf("hub %s: no organisation of kind %s", h.Slug, k)
			}
		}
		for k, want := range map[string]int{"funded_project": 4, "specialist_organisation": 2, "network": 2, "commissioner": 1, "other": 1} {
			if kinds[k] < want {
				t.Errorf("hub %s: %d organisations of kind %s, want at least %d", h.Slug, kinds[k], k, want)
			}
		}
		// Presenter indices 0–9 mean the same role in every hub.
		for i, want := range []string{"funded_project", "funded_project", "funded_project", "funded_project",
			"specialist_organisation", "specialist_organisation", "network", "network", "commissioner", "other"} {
			if i < len(h.Organisations) && h.Organisations[i].Kind != want {
				t.Errorf("hub %s: organisation %d is %s, want %s", h.Slug, i, h.Organisations[i].Kind, want)
			}
		}

		if n := len(h.Venues); n < 2 || n > 3 {
			t.Errorf("hub %s: %d venues, want 2–3", h.Slug, n)
		}
		venueNames := map[string]bool{}
		for _, v := range h.Venues {
			if v.Name == "" || venueNames[v.Name] {
				t.Errorf("hub %s: empty or duplicate venue name %q", h.Slug, v.Name)
			}
			venueNames[v.Name] = true
			if !demoTestPostcodeRE.MatchString(v.Address) {
				t.Errorf("hub %s venue %q: address %q does not end with a UK postcode", h.Slug, v.Name, v.Address)
			}
			if v.HostIndex < 0 || v.HostIndex >= len(h.Organisations) {
				t.Errorf("hub %s venue %q: HostIndex %d out of range", h.Slug, v.Name, v.HostIndex)
			}
		}
	}
}

func TestDemoEventTemplates(t *testing.T) {
	maxPresenter := demoTestMinOrgs(DemoHubs())
	templates := DemoEventTemplates()
	if len(templates) < 12 {
		t.Errorf("got %d templates, want at least 12", len(templates))
	}
	titles := map[string]bool{}
	formats := map[string]bool{}
	topicsSeen := map[string]bool{}
	for _, tpl := range templates {
		where := tpl.Title
		if tpl.Title == "" || titles[tpl.Title] {
			t.Errorf("empty or duplicate template title %q", tpl.Title)
		}
		titles[tpl.Title] = true
		if tpl.Summary == "" {
			t.Errorf("%s: empty summary", where)
		}
		if !demoTestFormats[tpl.Format] {
			t.Errorf("%s: invalid format %q", where, tpl.Format)
		}
		formats[tpl.Format] = true
		if tpl.Format == "online" && (tpl.DurationMinutes < 60 || tpl.DurationMinutes > 90) {
			t.Errorf("%s: online event of %d minutes, want 60–90", where, tpl.DurationMinutes)
		}
		if tpl.DurationMinutes <= 0 {
			t.Errorf("%s: duration %d", where, tpl.DurationMinutes)
		}
		if len(tpl.Topics) == 0 || len(tpl.Audiences) == 0 || len(tpl.Agenda) == 0 {
			t.Errorf("%s: needs topics, audiences and an agenda", where)
		}
		topics := map[string]bool{}
		for _, tp := range tpl.Topics {
			if !demoTestTopics[tp] || topics[tp] {
				t.Errorf("%s: invalid or duplicate topic %q", where, tp)
			}
			topics[tp] = true
			topicsSeen[tp] = true
		}
		audiences := map[string]bool{}
		for _, a := range tpl.Audiences {
			if !demoTestAudiences[a] || audiences[a] {
				t.Errorf("%s: invalid or duplicate audience %q", where, a)
			}
			audiences[a] = true
		}
		used := map[string]bool{}
		prevEnd := 0
		for i, it := range tpl.Agenda {
			iw := where + ": item " + it.Title
			if it.Title == "" {
				t.Errorf("%s: item %d has no title", where, i)
			}
			if !demoTestItemKinds[it.Kind] {
				t.Errorf("%s: invalid kind %q", iw, it.Kind)
			}
			if it.OffsetMinutes < 0 || it.DurationMinutes <= 0 {
				t.Errorf("%s: bad offset %d or duration %d", iw, it.OffsetMinutes, it.DurationMinutes)
			}
			if it.OffsetMinutes < prevEnd {
				t.Errorf("%s: starts at %d, before the previous item ends at %d", iw, it.OffsetMinutes, prevEnd)
			}
			prevEnd = it.OffsetMinutes + it.DurationMinutes
			if prevEnd > tpl.DurationMinutes {
				t.Errorf("%s: ends at %d, after the event ends at %d", iw, prevEnd, tpl.DurationMinutes)
			}
			if it.Topic != "" {
				if !topics[it.Topic] {
					t.Errorf("%s: topic %q is not one of the event's topics", iw, it.Topic)
				}
				used[it.Topic] = true
			}
			if it.PresenterIndex < -1 || it.PresenterIndex >= maxPresenter {
				t.Errorf("%s: PresenterIndex %d out of range (-1..%d)", iw, it.PresenterIndex, maxPresenter-1)
			}
			if (it.Kind == "break" || it.Kind == "networking") && (it.PresenterIndex != -1 || it.Topic != "") {
				t.Errorf("%s: a %s has no presenter or topic", iw, it.Kind)
			}
		}
		for tp := range topics {
			if !used[tp] {
				t.Errorf("%s: topic %q is not covered by any agenda item", where, tp)
			}
		}
	}
	for f := range demoTestFormats {
		if !formats[f] {
			t.Errorf("no template with format %s", f)
		}
	}
	for tp := range demoTestTopics {
		if !topicsSeen[tp] {
			t.Errorf("no template covers topic %s", tp)
		}
	}
}

func TestDemoSeries(t *testing.T) {
	series := DemoSeries()
	var fortnightly, quarterly bool
	for _, s := range series {
		if s.Title == "" || s.Summary == "" {
			t.Errorf("series %q: empty title or summary", s.Title)
		}
		if !demoTestFormats[s.Format] {
			t.Errorf("series %q: invalid format %q", s.Title, s.Format)
		}
		if !strings.HasPrefix(s.Rule, "FREQ=") || strings.Contains(s.Rule, "BYDAY") {
			t.Errorf("series %q: rule %q", s.Title, s.Rule)
		}
		if !demoTestWeekdays[s.Weekday] {
			t.Errorf("series %q: weekday %q", s.Title, s.Weekday)
		}
		if _, err := time.Parse("15:04", s.LocalTime); err != nil || len(s.LocalTime) != 5 {
			t.Errorf("series %q: local time %q", s.Title, s.LocalTime)
		}
		if s.DurationMinutes <= 0 {
			t.Errorf("series %q: duration %d", s.Title, s.DurationMinutes)
		}
		if len(s.Topics) == 0 {
			t.Errorf("series %q: no topics", s.Title)
		}
		for _, tp := range s.Topics {
			if !demoTestTopics[tp] {
				t.Errorf("series %q: invalid topic %q", s.Title, tp)
			}
		}
		switch {
		case s.Rule == "FREQ=WEEKLY;INTERVAL=2" && s.Format == "online" && s.DurationMinutes == 90:
			fortnightly = true
		case s.Rule == "FREQ=MONTHLY;INTERVAL=3" && s.Format == "in_person":
			quarterly = true
		}
	}
	if !fortnightly || !quarterly {
		t.Errorf("want a fortnightly online 90-minute series and a quarterly in-person series; got %v, %v", fortnightly, quarterly)
	}
}

func TestDemoFeedbackComments(t *testing.T) {
	comments := DemoFeedbackComments()
	if len(comments) != 15 {
		t.Errorf("got %d comments, want 15", len(comments))
	}
	seen := map[string]bool{}
	for _, c := range comments {
		if strings.TrimSpace(c) == "" || seen[c] {
			t.Errorf("empty or duplicate comment %q", c)
		}
		seen[c] = true
		if strings.Contains(c, "@") || len(c) > 200 {
			t.Errorf("comment %q has an email address or is too long", c)
		}
	}
}

func TestDemoReturnsFreshCopies(t *testing.T) {
	a := DemoHubs()
	a[0].Organisations[0].Name = "changed"
	if DemoHubs()[0].Organisations[0].Name == "changed" {
		t.Error("DemoHubs shares state between calls")
	}
	b := DemoEventTemplates()
	b[0].Agenda[0].Title = "changed"
	if DemoEventTemplates()[0].Agenda[0].Title == "changed" {
		t.Error("DemoEventTemplates shares state between calls")
	}
}

package hub

import (
	"strings"
	"testing"
)

func TestHubValidate(t *testing.T) {
	valid := func() Hub {
		return Hub{Slug: "north-east", Name: "North East", Region: "North East England", TimeZone: "Europe/London"}
	}
	cases := []struct {
		name   string
		change func(h *Hub)
		field  string // "" when valid
	}{
		{"OK", func(h *Hub) {}, ""},
		{"EmptySlug", func(h *Hub) { h.Slug = "" }, "slug"},
		{"SlugWithCapitals", func(h *Hub) { h.Slug = "North-East" }, "slug"},
		{"SlugWithSpace", func(h *Hub) { h.Slug = "north east" }, "slug"},
		{"SlugDoubleHyphen", func(h *Hub) { h.Slug = "north--east" }, "slug"},
		{"SlugTooLong", func(h *Hub) { h.Slug = strings.Repeat("a", 61) }, "slug"},
		{"EmptyName", func(h *Hub) { h.Name = "" }, "name"},
		{"NameTooLong", func(h *Hub) { h.Name = strings.Repeat("é", 201) }, "name"},
		{"NameAtLimit", func(h *Hub) { h.Name = strings.Repeat("é", 200) }, ""},
		{"UnknownTimeZone", func(h *Hub) { h.TimeZone = "Europe/Narnia" }, "timezone"},
		{"LocalTimeZone", func(h *Hub) { h.TimeZone = "Local" }, "timezone"},
		{"DescriptionTooLong", func(h *Hub) { h.Description = strings.Repeat("x", 5001) }, "description"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := valid()
			tc.change(&h)
			err := h.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if ErrorCode(err) != EInvalid || ErrorFields(err)[tc.field] == "" {
				t.Fatalf("Validate() = %v, want invalid with field %q", err, tc.field)
			}
		})
	}
}

func TestHubNormaliseDefaultsTimeZone(t *testing.T) {
	h := Hub{Slug: " london ", Name: " London "}
	h.Normalise()
	if h.TimeZone != DefaultTimeZone || h.Slug != "london" || h.Name != "London" {
		t.Errorf("Normalise() = %+v", h)
	}
}

func TestSlugify(t *testing.T) {
	cases := map[string]string{
		"Yorkshire & Humber":   "yorkshire-humber",
		"  North East  ":       "north-east",
		"Peer support (2026)!": "peer-support-2026",
		"":                     "",
		"---":                  "",
	}
	for in, want := range cases {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOrganisationValidate(t *testing.T) {
	cases := []struct {
		name  string
		org   Organisation
		field string
	}{
		{"OK", Organisation{Name: "Tyneside Peer Pathways", Kind: FundedProject, Website: "https://tpp.example.org"}, ""},
		{"UnknownKind", Organisation{Name: "X", Kind: "charity"}, "kind"},
		{"EmptyName", Organisation{Kind: Network}, "name"},
		{"WebsiteWithoutScheme", Organisation{Name: "X", Kind: Network, Website: "tpp.example.org"}, "website"},
		{"WebsiteJavascript", Organisation{Name: "X", Kind: Network, Website: "javascript:alert(1)"}, "website"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.org.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if ErrorFields(err)[tc.field] == "" {
				t.Fatalf("Validate() = %v, want a problem with %q", err, tc.field)
			}
		})
	}
}

func TestGroupByKind(t *testing.T) {
	orgs := []Organisation{{Name: "N", Kind: Network}, {Name: "F1", Kind: FundedProject}, {Name: "F2", Kind: FundedProject}}
	groups := GroupByKind(orgs)
	if len(groups) != 2 || groups[0].Kind != FundedProject || len(groups[0].Organisations) != 2 || groups[1].Kind != Network {
		t.Errorf("GroupByKind = %+v, want funded projects (2) then networks (1)", groups)
	}
}

func TestOrganisationNameKey(t *testing.T) {
	base := OrganisationNameKey("Tyneside Peer Pathways")
	for _, name := range []string{
		"Tyneside  Peer Pathways",      // two spaces
		" tyneside peer pathways ",     // case and edges
		"TYNESIDE\tPEER\u00a0PATHWAYS", // tab and no-break space
		"Tyne\u0455ide Peer Pathways",  // Cyrillic dze looks like s
		"Ｔｙｎｅｓｉｄｅ Peer Pathways",       // full-width letters
	} {
		if got := OrganisationNameKey(name); got != base {
			t.Errorf("OrganisationNameKey(%q) = %q, want %q as for the plain name", name, got, base)
		}
	}
	for _, name := range []string{"Tyneside Peer Pathway", "Wearside Peer Pathways"} {
		if OrganisationNameKey(name) == base {
			t.Errorf("OrganisationNameKey(%q) collides with a different name", name)
		}
	}
}

package events

import "testing"

// vocabulary is what every vocabulary type offers.
type vocabulary interface {
	~string
	Valid() bool
	Label() string
}

func checkVocabulary[T vocabulary](t *testing.T, all []T, unknown T) {
	t.Helper()
	if len(all) == 0 {
		t.Fatal("got no values")
	}
	seen, labels := map[T]bool{}, map[string]bool{}
	for _, v := range all {
		if !v.Valid() {
			t.Errorf("%q: got Valid() false, want true", v)
		}
		if v.Label() == "" || labels[v.Label()] {
			t.Errorf("%q: got label %q, want a unique label", v, v.Label())
		}
		if seen[v] {
			t.Errorf("%q listed twice", v)
		}
		seen[v], labels[v.Label()] = true, true
	}
	for _, bad := range []T{unknown, "", T(string(all[0]) + " ")} {
		if bad.Valid() || bad.Label() != "" {
			t.Errorf("%q: got Valid() %v, Label() %q, want false and empty", bad, bad.Valid(), bad.Label())
		}
	}
}

func TestVocabularies(t *testing.T) {
	t.Run("Format", func(t *testing.T) { checkVocabulary(t, AllFormats(), "in person") })
	t.Run("Visibility", func(t *testing.T) { checkVocabulary(t, AllVisibilities(), "private") })
	t.Run("Status", func(t *testing.T) { checkVocabulary(t, AllStatuses(), "archived") })
	t.Run("Audience", func(t *testing.T) { checkVocabulary(t, AllAudiences(), "everyone") })
	t.Run("AttendeeRole", func(t *testing.T) { checkVocabulary(t, AllAttendeeRoles(), "guest") })
	t.Run("AgendaKind", func(t *testing.T) { checkVocabulary(t, AllAgendaKinds(), "lunch") })
	t.Run("RegistrationStatus", func(t *testing.T) { checkVocabulary(t, AllRegistrationStatuses(), "attended") })
	t.Run("Frequency", func(t *testing.T) { checkVocabulary(t, AllFrequencies(), "hourly") })
}

func TestLabels(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"AudiencePeerSupportWorkers", AudiencePeerSupportWorkers.Label(), "Peer support workers"},
		{"AudiencePractitioners", AudiencePractitioners.Label(), "Practitioners and staff"},
		{"AudienceCommissioners", AudienceCommissioners.Label(), "Commissioners"},
		{"AudienceLivedExperience", AudienceLivedExperience.Label(), "People with lived experience"},
		{"AudienceLocalNetworks", AudienceLocalNetworks.Label(), "Local networks"},
		{"RolePeerSupportWorker", RolePeerSupportWorker.Label(), "Peer support worker"},
		{"RolePractitioner", RolePractitioner.Label(), "Practitioner or staff"},
		{"RoleCommissioner", RoleCommissioner.Label(), "Commissioner"},
		{"RoleLivedExperience", RoleLivedExperience.Label(), "Person with lived experience"},
		{"RoleOther", RoleOther.Label(), "Other"},
		{"VisibilityMembers", VisibilityMembers.Label(), "Hub members only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestDisplayOrder(t *testing.T) {
	tests := []struct {
		name      string
		got, want string
	}{
		{"Formats", oneOf(AllFormats()), "in_person, online or hybrid"},
		{"Visibilities", oneOf(AllVisibilities()), "public, members or invite_only"},
		{"Statuses", oneOf(AllStatuses()), "draft, published or cancelled"},
		{"Audiences", oneOf(AllAudiences()), "peer_support_workers, practitioners, commissioners, lived_experience or local_networks"},
		{"AttendeeRoles", oneOf(AllAttendeeRoles()), "peer_support_worker, practitioner, commissioner, lived_experience or other"},
		{"AgendaKinds", oneOf(AllAgendaKinds()), "talk, workshop, discussion, networking, break or resource_share"},
		{"RegistrationStatuses", oneOf(AllRegistrationStatuses()), "registered, waitlisted or cancelled"},
		{"One", oneOf([]Format{FormatOnline}), "online"},
		{"None", oneOf([]Format{}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

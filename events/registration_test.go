package events

import (
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/hub"
)

func TestRegistrationInputValidate(t *testing.T) {
	guest := RegistrationInput{GuestName: "Sam Okafor", GuestEmail: "sam@example.org", AttendeeRole: RoleLivedExperience}
	tests := []struct {
		name string
		edit func(*RegistrationInput)
		want map[string]string
	}{
		{"OKGuest", func(in *RegistrationInput) {}, nil},
		{"OKPerson", func(in *RegistrationInput) { in.PersonID, in.GuestName, in.GuestEmail = ptr(int64(3)), "", "" }, nil},
		{"OKPersonIgnoresGuestFields", func(in *RegistrationInput) { in.PersonID, in.GuestEmail = ptr(int64(3)), "nonsense" }, nil},
		{"OKAccessNeeds", func(in *RegistrationInput) { in.AccessNeeds = strings.Repeat("a", 2000) }, nil},
		{"OKMixedCaseEmail", func(in *RegistrationInput) { in.GuestEmail = " Sam@Example.ORG " }, nil},
		{"OKWalkInWithoutEmail", func(in *RegistrationInput) { in.WalkIn, in.GuestEmail = true, "" }, nil},
		{"ErrWalkInBadEmail", func(in *RegistrationInput) { in.WalkIn, in.GuestEmail = true, "sam@localhost" },
			map[string]string{"guest_email": "Enter an email address in the correct format, like name@example.org"}},
		{"ErrGuestNoName", func(in *RegistrationInput) { in.GuestName = " " }, map[string]string{"guest_name": "Enter your name"}},
		{"ErrGuestNameTooLong", func(in *RegistrationInput) { in.GuestName = strings.Repeat("a", 201) },
			map[string]string{"guest_name": "Name must be 200 characters or fewer"}},
		{"ErrGuestNoEmail", func(in *RegistrationInput) { in.GuestEmail = "" }, map[string]string{"guest_email": "Enter an email address"}},
		{"ErrGuestBadEmail", func(in *RegistrationInput) { in.GuestEmail = "sam@localhost" },
			map[string]string{"guest_email": "Enter an email address in the correct format, like name@example.org"}},
		{"ErrNoRole", func(in *RegistrationInput) { in.AttendeeRole = "" },
			map[string]string{"attendee_role": "Choose how you are attending: peer_support_worker, practitioner, commissioner, lived_experience or other"}},
		{"ErrAccessNeedsTooLong", func(in *RegistrationInput) { in.AccessNeeds = strings.Repeat("a", 2001) },
			map[string]string{"access_needs": "Access needs must be 2000 characters or fewer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := guest
			tt.edit(&in)
			WantFields(t, in.Validate(), tt.want)
		})
	}
}

func TestRegistrationInputNormalise(t *testing.T) {
	tests := []struct {
		name string
		in   RegistrationInput
		want RegistrationInput
	}{
		{"Guest",
			RegistrationInput{GuestName: "  Sam Okafor ", GuestEmail: " Sam@Example.ORG ", AttendeeRole: RoleOther, AccessNeeds: " Step-free access\n"},
			RegistrationInput{GuestName: "Sam Okafor", GuestEmail: "sam@example.org", AttendeeRole: RoleOther, AccessNeeds: "Step-free access"}},
		{"BadEmailOnlyTrimmed",
			RegistrationInput{GuestName: "Sam", GuestEmail: " Not An Email "},
			RegistrationInput{GuestName: "Sam", GuestEmail: "Not An Email"}},
		{"PersonDropsGuestFields",
			RegistrationInput{PersonID: ptr(int64(3)), GuestName: "Sam", GuestEmail: "sam@example.org", AttendeeRole: RoleOther},
			RegistrationInput{PersonID: ptr(int64(3)), AttendeeRole: RoleOther}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.Normalise()
			if got.GuestName != tt.want.GuestName || got.GuestEmail != tt.want.GuestEmail ||
				got.AccessNeeds != tt.want.AccessNeeds || got.AttendeeRole != tt.want.AttendeeRole ||
				(got.PersonID == nil) != (tt.want.PersonID == nil) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestNormaliseEmail(t *testing.T) {
	const bad = "Enter an email address in the correct format, like name@example.org"
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr string
	}{
		{"OK", "sam@example.org", "sam@example.org", ""},
		{"OKLowerCased", "  Sam.Okafor@Example.ORG\t", "sam.okafor@example.org", ""},
		{"OKPlus", "sam+hub@mail.example.co.uk", "sam+hub@mail.example.co.uk", ""},
		{"OKLongest", strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".org", strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".org", ""},
		{"ErrEmpty", "  ", "", "Enter an email address"},
		{"ErrTooLong", strings.Repeat("a", 64) + "@" + strings.Repeat("b", 186) + ".org", "", "Email address must be 254 characters or fewer"},
		{"ErrNoAt", "sam.example.org", "", bad},
		{"ErrNoDotInDomain", "sam@localhost", "", bad},
		{"ErrDisplayName", "Sam <sam@example.org>", "", bad},
		{"ErrAngleBrackets", "<sam@example.org>", "", bad},
		{"ErrComment", "sam@example.org (Sam)", "", bad},
		{"ErrQuoted", `"sam"@example.org`, "", bad},
		{"ErrTwoAddresses", "sam@example.org, kim@example.org", "", bad},
		{"ErrSpace", "sam okafor@example.org", "", bad},
		{"ErrDomainLiteral", "sam@[192.168.0.1]", "", bad},
		{"ErrTrailingDot", "sam@example.org.", "", bad},
		{"ErrDoubleDot", "sam@example..org", "", bad},
		{"ErrNoLocalPart", "@example.org", "", bad},
		{"ErrInvalidUTF8", "sam\xff@example.org", "", bad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := hub.NormaliseEmail(tt.in)
			if tt.wantErr != "" {
				WantFields(t, err, map[string]string{"email": tt.wantErr})
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got (%q, %v), want %q", got, err, tt.want)
			}
		})
	}
}

func TestCountAttendance(t *testing.T) {
	start := MustUTC(t, "2026-03-03 10:00")
	before, after := start.Add(-24*time.Hour), start.Add(30*time.Minute)
	checkedIn := ptr(start.Add(5 * time.Minute))
	reg := func(status RegistrationStatus, created time.Time, attended *time.Time) Registration {
		return Registration{Status: status, CreatedAt: created, AttendedAt: attended}
	}
	walkIn := func(created time.Time, attended *time.Time) Registration {
		r := reg(RegRegistered, created, attended)
		r.WalkIn = true
		return r
	}
	tests := []struct {
		name string
		regs []Registration
		want AttendanceTotals
	}{
		{"None", nil, AttendanceTotals{}},
		{"BookedAndCame", []Registration{reg(RegRegistered, before, checkedIn)},
			AttendanceTotals{Registered: 1, Attended: 1}},
		{"BookedNoShow", []Registration{reg(RegRegistered, before, nil)},
			AttendanceTotals{Registered: 1, NoShow: 1}},
		{"WalkIn", []Registration{walkIn(after, ptr(after))},
			AttendanceTotals{Attended: 1, WalkIns: 1}},
		{"WalkInBeforeTheStart", []Registration{walkIn(before, ptr(before))},
			AttendanceTotals{Attended: 1, WalkIns: 1}},
		{"WalkInUndone", []Registration{walkIn(before, nil)},
			AttendanceTotals{WalkIns: 1, NoShow: 1}},
		{"WaitlistedGivenThePlace", []Registration{reg(RegRegistered, before, checkedIn)},
			AttendanceTotals{Registered: 1, Attended: 1}},
		{"StillWaiting", []Registration{reg(RegWaitlisted, before, nil)},
			AttendanceTotals{Waitlisted: 1}},
		{"CancelledIgnored", []Registration{reg(RegCancelled, before, nil), reg(RegCancelled, before, checkedIn)},
			AttendanceTotals{}},
		{"LateRegistrationNotCheckedIn", []Registration{reg(RegRegistered, after, nil)},
			AttendanceTotals{Registered: 1, NoShow: 1}},
		{"Mixed", []Registration{
			reg(RegRegistered, before, checkedIn), reg(RegRegistered, before, checkedIn), reg(RegRegistered, before, nil),
			reg(RegWaitlisted, before, nil), walkIn(after, ptr(after)), walkIn(before, ptr(before)), reg(RegCancelled, before, nil),
		}, AttendanceTotals{Registered: 3, Waitlisted: 1, WalkIns: 2, Attended: 4, NoShow: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CountAttendance(tt.regs)
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			live := 0
			for _, r := range tt.regs {
				if r.Status != RegCancelled {
					live++
				}
			}
			if got.Live() != live {
				t.Errorf("got %+v: Registered + Waitlisted + WalkIns = %d, want the %d live registrations", got, got.Live(), live)
			}
			if got.Attended+got.NoShow != got.Registered+got.WalkIns {
				t.Errorf("got %+v: Attended + NoShow should equal Registered + WalkIns", got)
			}
		})
	}
}

func TestConfirmPlace(t *testing.T) {
	two := 2
	waiting := Registration{Status: RegWaitlisted}
	tests := []struct {
		name       string
		reg        Registration
		capacity   *int
		registered int
		want       string // in the message; empty for no confirmation needed
	}{
		{"OK", Registration{Status: RegRegistered}, &two, 2, ""},
		{"ErrWaitlistedFull", waiting, &two, 2, "all 2 places are taken: checking them in gives them a place, 3 of 2"},
		{"ErrWaitlistedRoom", waiting, &two, 1, "gives them a place"},
		{"ErrWaitlistedUnlimited", waiting, nil, 40, "gives them a place"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ConfirmPlace(tt.reg, tt.capacity, tt.registered)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || hub.ErrorFields(err)["give_place"] == ""):
				t.Errorf("got %v, want a conflict on give_place saying %q", err, tt.want)
			}
		})
	}
}

package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// at is the instant of a local date (a floating UTC midnight) and a number
// of minutes after its midnight, read as wall-clock time in the hub's zone.
func (p *eventPlanner) at(day time.Time, minutes int) (time.Time, error) {
	day = day.AddDate(0, 0, minutes/(24*60))
	minutes %= 24 * 60
	t, _, err := events.ParseLocal(day.Format(time.DateOnly), fmt.Sprintf("%02d:%02d", minutes/60, minutes%60), p.loc)
	return t, err
}

// minutesOf reads "HH:MM" as minutes after midnight.
func minutesOf(clock string) (int, error) {
	h, m, ok := strings.Cut(clock, ":")
	hours, err1 := strconv.Atoi(h)
	mins, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil {
		return 0, fmt.Errorf("local time %q is not HH:MM", clock)
	}
	return hours*60 + mins, nil
}

// weekdayOf reads an RFC 5545 two-letter day.
func weekdayOf(code string) (time.Weekday, bool) {
	for d, c := range []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"} {
		if c == code {
			return time.Weekday(d), true
		}
	}
	return 0, false
}

// urlSlug turns a title into a short lower-case path segment.
func urlSlug(title string) string {
	out := hub.Slugify(title)
	if len(out) > 48 {
		out = out[:48]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}

func audiences(names []string) []events.Audience {
	out := make([]events.Audience, len(names))
	for i, a := range names {
		out[i] = events.Audience(a)
	}
	return out
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func pick[T any](rng *rand.Rand, from []T) T { return from[rng.IntN(len(from))] }

func ptr[T any](v T) *T { return &v }

// demoSubject is the practice topic of a network meeting.
type demoSubject struct{ title, topic string }

var demoNetworkSubjects = []demoSubject{
	{"Keeping boundaries when you've been there too", "boundaries-of-peer-support"},
	{"First conversations: building trust on the street and at the door", "peer-support-delivery"},
	{"Spotting the signs: when to raise a safeguarding concern", "safeguarding"},
	{"Looking after yourself after a hard week", "trauma-informed-approaches"},
	{"Supporting people who don't fit any one service", "intersectionality"},
	{"Recording your work so that it counts", "sustainability"},
	{"Peer roles after the funding: what members have tried", "future-funding"},
	{"Endings: closing support well", "boundaries-of-peer-support"},
	{"Working alongside staff teams as a peer", "peer-support-delivery"},
}

// demoAccessNeeds are access needs in people's words: at a venue, and online.
var demoAccessNeeds = [][2]string{
	{"Step-free access please", "Live captions please"},
	{"BSL interpreter", "BSL interpreter"},
	{"Quiet space at lunch", "I may turn my camera off and step away now and then"},
	{"Hearing loop please", "Live captions please"},
	{"Large-print agenda and handouts", "Slides sent a day before, please"},
	{"I use a wheelchair; an accessible toilet nearby please", "Live captions please"},
	{"I may need to step out for short breaks", "I may need to step out for short breaks"},
}

// Guests' names are common names put together at random: fictional people.
var (
	demoGuestFirstNames = []string{"Aisha", "Ben", "Callum", "Chloe", "Daniel", "Deborah", "Eilidh", "Emeka", "Faye",
		"Gary", "Hannah", "Imran", "Jack", "Jasmine", "Kerry", "Liam", "Lola", "Maryam", "Mick", "Nadia", "Nathan",
		"Olivia", "Paul", "Priya", "Rhys", "Rosie", "Sadia", "Scott", "Sian", "Stacey", "Tom", "Tunde", "Vicky",
		"Wes", "Yasmin", "Zainab", "Carl", "Donna", "Hamza", "Julie"}
	demoGuestSurnames = []string{"Ahmed", "Baker", "Barnes", "Clarke", "Cooper", "Davies", "Evans", "Foster", "Gill",
		"Hall", "Hughes", "Jackson", "Kaur", "Khan", "Lewis", "Mason", "Mitchell", "Nwosu", "O'Neill", "Parker",
		"Pearson", "Reid", "Shaw", "Singh", "Stewart", "Taylor", "Turner", "Walker", "Ward", "Watson", "Wilson",
		"Wright", "Young", "Begum", "Chowdhury", "Doyle"}
)

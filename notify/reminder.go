package notify

import (
	"time"

	"github.com/convene/convene/events"
)

// ReminderKind is which reminder before an event a message is.
type ReminderKind string

const (
	// ReminderSoon goes ReminderLead before every event.
	ReminderSoon ReminderKind = "soon"
	// ReminderMorning goes at MorningHour on the day of an online or
	// hybrid event, with the joining link.
	ReminderMorning ReminderKind = "morning"
)

// When reminders are due.
const (
	ReminderLead = 48 * time.Hour
	MorningHour  = 8
)

// DueReminders are the reminders due now for someone who registered at
// registeredAt for e (a published event in loc). A reminder is due from
// its time until the event starts, and only for people who registered
// before that time: someone registering the day before has just been sent
// everything in their confirmation.
func DueReminders(e events.Event, loc *time.Location, registeredAt, now time.Time) []ReminderKind {
	if e.Status != events.StatusPublished || !now.Before(e.StartsAt) {
		return nil
	}
	var due []ReminderKind
	soon := e.StartsAt.Add(-ReminderLead)
	if !now.Before(soon) && registeredAt.Before(soon) {
		due = append(due, ReminderSoon)
	}
	if e.Format.NeedsOnlineURL() {
		morning := MorningOf(e, loc)
		if !now.Before(morning) && registeredAt.Before(morning) {
			due = append(due, ReminderMorning)
		}
	}
	return due
}

// MorningOf is when the morning reminder of an event is due: MorningHour
// local time on its day, or two hours before it starts if that is earlier.
func MorningOf(e events.Event, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	s := e.StartsAt.In(loc)
	m := time.Date(s.Year(), s.Month(), s.Day(), MorningHour, 0, 0, 0, loc)
	if early := e.StartsAt.Add(-2 * time.Hour); early.Before(m) {
		return early
	}
	return m
}

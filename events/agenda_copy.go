package events

import "time"

// RetimeAgenda copies the items of event from's agenda into event to: each
// keeps its offset from the start of from and its duration, counted in
// local time in loc, so that a copy across a change of the clocks starts
// at the same local time. The copies are new items (no id) of event to and
// answer no topic request: a request is scheduled once, where it was.
func RetimeAgenda(items []AgendaItem, from, to Event, loc *time.Location) []AgendaItem {
	out := make([]AgendaItem, len(items))
	for i, it := range items {
		c := it
		c.ID, c.EventID, c.Position, c.RequestID = 0, to.ID, 0, nil
		c.StartsAt = shiftLocal(it.StartsAt, from.StartsAt, to.StartsAt, loc)
		c.EndsAt = shiftLocal(it.EndsAt, from.StartsAt, to.StartsAt, loc)
		out[i] = c
	}
	return out
}

// shiftLocal moves t, given relative to from, to the same local offset
// relative to to: wall-clock fields in loc, not elapsed time.
func shiftLocal(t, from, to time.Time, loc *time.Location) time.Time {
	wall := func(x time.Time) time.Time {
		l := x.In(loc)
		return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
	}
	d := wall(t).Sub(wall(from))
	w := wall(to).Add(d)
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), loc).UTC()
}

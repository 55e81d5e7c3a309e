package hub

import (
	"sort"
	"time"
)

// The ranking of waiting requests, shared by the request board and the
// agenda builder. storage computes the same score in SQL (rankSQL) so
// that the board can be paged; a test checks the two agree.
const (
	// RankPerOrganisation is worth each organisation that asked: the
	// requester and every supporter.
	RankPerOrganisation = 10
	// RankForOffer is worth having an organisation offer to deliver it.
	RankForOffer = 5
	// RankMaxWeeks caps the point a week a request has waited.
	RankMaxWeeks = 12
)

// RankExplanation is the ranking in one line, shown on the board.
const RankExplanation = "Ranked by how many organisations asked for it (10 points each), whether an organisation has offered to deliver it (5 points) and how long it has waited (1 point a week, up to 12)."

// RankInput is what the ranking looks at.
type RankInput struct {
	// Supporters counts the organisations that support it (not the requester).
	Supporters int
	// Offers counts the offers to deliver it.
	Offers int
	// CreatedAt is when it was asked.
	CreatedAt time.Time
}

// Asking counts the organisations that asked: the requester and its supporters.
func (in RankInput) Asking() int { return 1 + in.Supporters }

// RankScore is the request's score at now: higher comes first.
func RankScore(in RankInput, now time.Time) int {
	score := RankPerOrganisation * in.Asking()
	if in.Offers > 0 {
		score += RankForOffer
	}
	weeks := int(now.Sub(in.CreatedAt) / (7 * 24 * time.Hour))
	return score + min(max(weeks, 0), RankMaxWeeks)
}

// Ranked is a request with what it is ranked by.
type Ranked struct {
	// ID identifies the request.
	ID int64
	RankInput
}

// SortRanked orders requests by score at now, highest first; ties go to
// the one asked earlier, then the lower id.
func SortRanked(rs []Ranked, now time.Time) {
	sort.SliceStable(rs, func(i, j int) bool {
		si, sj := RankScore(rs[i].RankInput, now), RankScore(rs[j].RankInput, now)
		if si != sj {
			return si > sj
		}
		if !rs[i].CreatedAt.Equal(rs[j].CreatedAt) {
			return rs[i].CreatedAt.Before(rs[j].CreatedAt)
		}
		return rs[i].ID < rs[j].ID
	})
}

package hub

import (
	"fmt"
	"math"
	"sort"
)

// Agenda balance: whether a hub's agenda is steered by one or two
// organisations. Measured over the last six months for two things: who
// presents the agenda items, and whose requests were scheduled.
const (
	// ConcentrationThreshold is the share of the two largest organisations
	// above which the balance is flagged.
	ConcentrationThreshold = 0.40
	// MinBalanceCount is how many items or requests there must be before
	// the balance is judged at all.
	MinBalanceCount = 5
	// BalanceMonths is the window looked back over.
	BalanceMonths = 6
)

// Count is how many things one organisation accounts for.
type Count struct {
	// OrganisationID identifies it.
	OrganisationID int64
	// Organisation names it.
	Organisation string
	// N is how many.
	N int
}

// Share is an organisation's part of the whole.
type Share struct {
	Count
	// Share is N over the total, from 0 to 1.
	Share float64
}

// Balance is how concentrated a set of counts is.
type Balance struct {
	// Total is the sum of the counts.
	Total int
	// Shares lists each organisation, largest first.
	Shares []Share
	// TopTwo is the share of the two largest together.
	TopTwo float64
	// Herfindahl is the sum of squared shares: 1 when one organisation
	// has everything, 1/n when n share equally.
	Herfindahl float64
	// Concentrated is true when there are enough to judge and the top
	// two have more than ConcentrationThreshold.
	Concentrated bool
}

// MeasureBalance computes the shares, the top-two share and the
// Herfindahl index of counts (organisations with nothing are ignored).
func MeasureBalance(counts []Count) Balance {
	var b Balance
	for _, c := range counts {
		if c.N > 0 {
			b.Total += c.N
			b.Shares = append(b.Shares, Share{Count: c})
		}
	}
	sort.SliceStable(b.Shares, func(i, j int) bool {
		if b.Shares[i].N != b.Shares[j].N {
			return b.Shares[i].N > b.Shares[j].N
		}
		return b.Shares[i].Organisation < b.Shares[j].Organisation
	})
	for i := range b.Shares {
		s := float64(b.Shares[i].N) / float64(b.Total)
		b.Shares[i].Share = s
		b.Herfindahl += s * s
		if i < 2 {
			b.TopTwo += s
		}
	}
	b.Concentrated = b.Total >= MinBalanceCount && b.TopTwo > ConcentrationThreshold
	return b
}

// Equivalent is how many equally sized organisations would give the same
// Herfindahl index: the plain-words reading of it.
func (b Balance) Equivalent() float64 {
	if b.Herfindahl == 0 {
		return 0
	}
	return 1 / b.Herfindahl
}

// Explain says what the measure means, in one sentence.
func (b Balance) Explain(what string) string {
	switch {
	case b.Total == 0:
		return "No " + what + " in the last six months."
	case b.Total < MinBalanceCount:
		return fmt.Sprintf("Only %s in the last six months: too few to judge.", Plural(b.Total, singular(what), what))
	}
	top := "The largest organisation"
	if len(b.Shares) > 1 {
		top = "The two largest organisations"
	}
	return fmt.Sprintf("%s account for %s of %s; the spread is as if %.1f organisations shared them equally (Herfindahl index %.2f).",
		top, Percent(b.TopTwo), what, b.Equivalent(), b.Herfindahl)
}

// Percent shows a share as a whole percentage.
func Percent(share float64) string {
	return fmt.Sprintf("%d%%", int(math.Round(share*100)))
}

func singular(what string) string {
	switch what {
	case "agenda items":
		return "agenda item"
	case "scheduled requests":
		return "scheduled request"
	}
	return what
}

// Median of xs (not modified); 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

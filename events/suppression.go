package events

import (
	"encoding/json"
	"slices"
	"strconv"
)

// Small-number suppression (shared/EVALUATION.md): no figure built from
// fewer than MinPeople people leaves the server, and no hidden figure can
// be worked out from the figures shown beside it.

// MinPeople is the fewest people a figure may be built from.
const MinPeople = 5

// Hidden says whether and why a figure is not shown.
type Hidden uint8

// Why a figure is hidden.
const (
	// Shown figures are published as they are.
	Shown Hidden = iota
	// FewerThan5 is primary suppression: from 1 to 4 people.
	FewerThan5
	// Withheld is secondary suppression: the figure is 5 or more, hidden
	// so that a figure under 5 beside it cannot be worked out from a total.
	Withheld
)

// Labels of hidden figures, the same in pages, the API and exports.
const (
	LabelFewerThan5 = "fewer than 5"
	LabelWithheld   = "withheld"
)

// Figure is a count of people as it may be published.
type Figure struct {
	// Value is the count; 0 whenever Hidden is not Shown, so that a hidden
	// value cannot leak by accident.
	Value int
	// Hidden says whether and why the value is hidden.
	Hidden Hidden
}

// Show reports whether the figure may be shown.
func (f Figure) Show() bool { return f.Hidden == Shown }

// String is the figure as published: the number, or the label of why it
// is hidden.
func (f Figure) String() string {
	switch f.Hidden {
	case FewerThan5:
		return LabelFewerThan5
	case Withheld:
		return LabelWithheld
	}
	return strconv.Itoa(f.Value)
}

// MarshalJSON writes a shown figure as a number and a hidden one as its
// label, so that an API client can never mistake it for a count.
func (f Figure) MarshalJSON() ([]byte, error) {
	if f.Show() {
		return []byte(strconv.Itoa(f.Value)), nil
	}
	return json.Marshal(f.String())
}

// Rate is a proportion or average as it may be published: nil when the
// figures it is made from are hidden.
type Rate = *float64

// Count suppresses one figure on its own (primary suppression): a count
// of 1 to 4 people is hidden; zero is shown, as it tells nothing about
// anyone.
func Count(n int) Figure {
	if n > 0 && n < MinPeople {
		return Figure{Hidden: FewerThan5}
	}
	return Figure{Value: n}
}

// Counts suppresses figures that do not add up to a shown total (people
// may be in several), so that primary suppression is enough.
func Counts(ns []int) []Figure {
	out := make([]Figure, len(ns))
	for i, n := range ns {
		out[i] = Count(n)
	}
	return out
}

// Group suppresses the cells of a table row or column that add up to a
// total which is shown beside them (each person in exactly one cell), and
// the total.
//
// Primary: cells of 1 to 4 are hidden. Secondary: when any cell is
// hidden, further cells are withheld, smallest first, until
//   - at least minHidden cells are hidden (2 for a plain count, so that
//     total minus the others gives only a sum; 3 when a mean over the
//     same cells is shown too, which is a second equation), and
//   - the hidden cells add up to at least MinPeople, so that the average
//     of anything over the hidden cells (worked out from the total's) is
//     over at least 5 people, and
//   - no small cell is pinned by the sum, given that small cells are in
//     1–4 and withheld ones at least 5 (the labels differ): without
//     withheld cells the sum is strictly between the number of small
//     cells and four times it; with them it is at least 3 + small cells
//   - 5 × withheld cells, so each small cell could be any of 1 to 4.
//
// If no choice meets these, every cell is withheld, zeros too.
// The decision is made from the whole group at once, before anything
// leaves the server.
func Group(cells []int, minHidden int) (out []Figure, total Figure) {
	return GroupHiding(cells, nil, minHidden)
}

// GroupHiding is Group with some cells hidden beforehand (hide[i]), for
// another reason such as a relation with the figures of their own row;
// such a cell is labelled fewer than 5 when it is, and withheld otherwise.
func GroupHiding(cells []int, hide []bool, minHidden int) (out []Figure, total Figure) {
	sum := 0
	for _, c := range cells {
		sum += c
	}
	total = Count(sum)
	out = make([]Figure, len(cells))
	hidden, small, withheld, hiddenSum := 0, 0, 0, 0
	for i, c := range cells {
		out[i] = Count(c)
		if i < len(hide) && hide[i] && out[i].Show() {
			out[i] = Figure{Hidden: Withheld}
			if c < MinPeople {
				out[i] = Figure{Hidden: FewerThan5}
			}
		}
		switch out[i].Hidden {
		case FewerThan5:
			hidden++
			small++
			hiddenSum += c
		case Withheld:
			hidden++
			withheld++
			hiddenSum += c
		}
	}
	if hidden == 0 || !total.Show() {
		return out, total
	}
	safe := func() bool {
		if hidden < minHidden || hiddenSum < MinPeople {
			return false
		}
		if withheld == 0 {
			// Each small cell is in 1–4: the sum pins them all when it is
			// the least (all 1) or the most (all 4) they could add up to.
			return small < hiddenSum && hiddenSum < 4*small
		}
		return hiddenSum >= 3+small+MinPeople*withheld
	}
	order := make([]int, 0, len(cells))
	for i, c := range cells {
		if out[i].Show() && c > 0 {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cells[a] - cells[b] })
	for _, i := range order {
		if safe() {
			break
		}
		out[i] = Figure{Hidden: Withheld}
		hidden++
		withheld++
		hiddenSum += cells[i]
	}
	if !safe() {
		// The total is often shown elsewhere (a headline figure), so
		// hiding it would not do: hide every cell, zeros too, so that
		// nothing tells the small ones from the others.
		for i := range out {
			out[i] = Figure{Hidden: Withheld}
		}
	}
	return out, total
}

// Mean is the mean of sum over n people, or nil when n is under
// MinPeople or the count it is made from is hidden.
func Mean(sum float64, n int, count Figure) Rate {
	if n < MinPeople || !count.Show() {
		return nil
	}
	m := sum / float64(n)
	return &m
}

// Ratio is part over whole when both are shown and whole is not zero.
func Ratio(part, whole Figure) Rate {
	if !part.Show() || !whole.Show() || whole.Value == 0 {
		return nil
	}
	r := float64(part.Value) / float64(whole.Value)
	return &r
}

// maxSearch bounds the combinations pinned tries before it gives up and
// reports the cells as pinned, which hides more rather than less.
const maxSearch = 200000

// pinned reports whether any cell under 5 of a group whose total and
// weighted sum (a mean over the cells) are both shown could be worked out
// exactly: small cells are in 1–4, withheld ones at least 5, shown ones
// known.
func pinned(raw []int, figs []Figure, weights []int) bool {
	total, wsum := 0, 0
	var hidden []int
	for i, v := range raw {
		total += v
		wsum += weights[i] * v
		if !figs[i].Show() {
			hidden = append(hidden, i)
		}
	}
	if len(hidden) == 0 {
		return false
	}
	knownSum, knownW := 0, 0
	for i, v := range raw {
		if figs[i].Show() {
			knownSum += v
			knownW += weights[i] * v
		}
	}
	possible := make([]map[int]bool, len(raw))
	for _, i := range hidden {
		possible[i] = map[int]bool{}
	}
	vals := make([]int, len(raw))
	steps := 0
	var walk func(k, sum, w int) bool
	walk = func(k, sum, w int) bool {
		if steps++; steps > maxSearch {
			return false
		}
		i := hidden[k]
		lo, hi := 1, 4
		if figs[i].Hidden == Withheld {
			lo, hi = MinPeople, total
		}
		if k == len(hidden)-1 {
			v := total - sum
			if v < lo || v > hi || w+weights[i]*v != wsum {
				return true
			}
			vals[i] = v
			for _, j := range hidden {
				possible[j][vals[j]] = true
			}
			return true
		}
		for v := lo; v <= hi && sum+v <= total; v++ {
			vals[i] = v
			if !walk(k+1, sum+v, w+weights[i]*v) {
				return false
			}
		}
		return true
	}
	if !walk(0, knownSum, knownW) {
		return true
	}
	for _, i := range hidden {
		if figs[i].Hidden == FewerThan5 && len(possible[i]) < 2 {
			return true
		}
	}
	return false
}

package events

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 1: "fewer than 5", 4: "fewer than 5", 5: "5", 120: "120"} {
		if got := Count(n).String(); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	data, _ := json.Marshal([]Figure{Count(3), Count(7), {Hidden: Withheld}})
	if string(data) != `["fewer than 5",7,"withheld"]` {
		t.Errorf("JSON = %s", data)
	}
	if Count(3).Value != 0 {
		t.Error("a hidden figure carries its value")
	}
}

func TestGroup(t *testing.T) {
	t.Run("NothingSmall", func(t *testing.T) {
		cells, total := Group([]int{5, 0, 12}, 2)
		if cells[0].String() != "5" || cells[1].String() != "0" || total.String() != "17" {
			t.Errorf("got %v %v", cells, total)
		}
	})
	t.Run("OneSmallTakesAnother", func(t *testing.T) {
		cells, total := Group([]int{3, 40, 12, 0}, 2)
		if cells[0].Hidden != FewerThan5 || cells[2].Hidden != Withheld || !cells[1].Show() || !cells[3].Show() || total.Value != 55 {
			t.Errorf("got %v %v; want 3 fewer than 5, 12 withheld, 40, 0 and the total shown", cells, total)
		}
	})
	t.Run("SmallTotal", func(t *testing.T) {
		cells, total := Group([]int{3, 1}, 2)
		if total.Show() || cells[0].Show() || cells[1].Show() {
			t.Errorf("got %v %v", cells, total)
		}
	})
	t.Run("AllWithheld", func(t *testing.T) {
		// 1 and 5: withholding 5 leaves 1 pinned (1+5=6, and 5 is at least
		// 5), so every cell is withheld, the zero too.
		cells, total := Group([]int{1, 5, 0}, 2)
		for _, c := range cells {
			if c.Hidden != Withheld {
				t.Errorf("got %v %v; want every cell withheld", cells, total)
			}
		}
	})
}

// solutions counts, for each cell, the values it could take given what
// is shown: shown cells, the total when shown, cells fewer than 5 in 1–4,
// withheld cells at least 5, and, when weights are given, the weighted
// sum (a mean over the cells) when the total is shown.
func possibleValues(cells []Figure, total Figure, totalValue int, weights []int, weightedSum int) []map[int]bool {
	possible := make([]map[int]bool, len(cells))
	for i := range possible {
		possible[i] = map[int]bool{}
	}
	vals := make([]int, len(cells))
	var walk func(i int)
	walk = func(i int) {
		if i == len(cells) {
			sum, wsum := 0, 0
			for j, v := range vals {
				sum += v
				if weights != nil {
					wsum += weights[j] * v
				}
			}
			if total.Show() && sum != totalValue {
				return
			}
			if total.Show() && weights != nil && wsum != weightedSum {
				return
			}
			for j, v := range vals {
				possible[j][v] = true
			}
			return
		}
		lo, hi := cells[i].Value, cells[i].Value
		switch cells[i].Hidden {
		case FewerThan5:
			lo, hi = 1, 4
		case Withheld:
			lo, hi = MinPeople, totalValue
		}
		for v := lo; v <= hi; v++ {
			vals[i] = v
			walk(i + 1)
		}
	}
	walk(0)
	return possible
}

// TestGroupNothingRecoverable tries many small tables: no cell under 5
// may be pinned to one value by the figures shown beside it, and the
// hidden cells add up to at least 5 whenever the total is shown.
func TestGroupNothingRecoverable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := 2 + r.IntN(4)
		raw := make([]int, n)
		for i := range raw {
			if r.IntN(3) == 0 {
				raw[i] = r.IntN(5)
			} else {
				raw[i] = r.IntN(14)
			}
		}
		sum := 0
		for _, v := range raw {
			sum += v
		}
		cells, total := Group(raw, 2)
		checkHidden(t, raw, cells, total, sum, nil, 0)
	}
}

// TestDistributionWithMean does the same for a 1–5 scale whose mean is
// shown beside it.
func TestDistributionWithMean(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	weights := []int{1, 2, 3, 4, 5}
	for range 1500 {
		var raw [5]int
		sum, wsum := 0, 0
		for i := range raw {
			if r.IntN(2) == 0 {
				raw[i] = r.IntN(5)
			} else {
				raw[i] = r.IntN(10)
			}
			sum += raw[i]
			wsum += weights[i] * raw[i]
		}
		d := distribution(raw, wsum, Count(sum))
		w := weights
		if d.Mean == nil {
			w = nil
		}
		checkHidden(t, raw[:], d.Counts[:], Count(sum), sum, w, wsum)
	}
}

func checkHidden(t *testing.T, raw []int, cells []Figure, total Figure, sum int, weights []int, wsum int) {
	t.Helper()
	hiddenSum := 0
	for i, c := range cells {
		if c.Show() && c.Value != raw[i] {
			t.Fatalf("%v: cell %d shown as %d", raw, i, c.Value)
		}
		if c.Show() && raw[i] > 0 && raw[i] < MinPeople {
			t.Fatalf("%v: cell %d (%d) shown", raw, i, raw[i])
		}
		if !c.Show() {
			hiddenSum += raw[i]
		}
	}
	if total.Show() && hiddenSum > 0 && hiddenSum < MinPeople {
		t.Fatalf("%v: hidden cells add up to %d beside a shown total", raw, hiddenSum)
	}
	allHidden := true
	for _, c := range cells {
		allHidden = allHidden && !c.Show()
	}
	if allHidden && raw != nil {
		for i, c := range cells {
			if raw[i] == 0 && c.Hidden != Withheld {
				t.Fatalf("%v: all hidden but zero cell %d labelled %v", raw, i, c)
			}
		}
		return // nothing tells one cell from another
	}
	possible := possibleValues(cells, total, sum, weights, wsum)
	for i, c := range cells {
		if c.Hidden == FewerThan5 && len(possible[i]) < 2 {
			t.Fatalf("%v (weights %v) shown as %v total %v: cell %d can be worked out as %v", raw, weights, cells, total, i, possible[i])
		}
	}
}

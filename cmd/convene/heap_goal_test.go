package main

import "testing"

// The heap goal GOGC makes is at least minHeapGoal, and twice the live
// heap (GOGC=100, the default) once that is more.
func TestGCPercentFor(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{1 << 20, 6300},
		{10 << 20, 525},
		{20 << 20, 200},
		{31 << 20, 100},
		{32 << 20, 100},
		{1 << 30, 100},
	} {
		got := gcPercentFor(c.live)
		if got != c.want {
			t.Errorf("live %d MiB: GOGC %d, want %d", c.live>>20, got, c.want)
		}
		if goal := c.live + c.live*uint64(got)/100; c.live > 0 && (goal > max(minHeapGoal, 2*c.live) || goal < max(minHeapGoal*9/10, 2*c.live)) {
			t.Errorf("live %d MiB: heap goal %d MiB, want about max(64 MiB, twice live)", c.live>>20, goal>>20)
		}
	}
}

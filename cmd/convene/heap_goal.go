package main

import (
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// minHeapGoal is the heap size below which `convene serve` does not
// collect garbage: the Go runtime's own minimum is 4 MB.
//
// Why: Convene's live heap is small (about 10 MB, plus the rendered feeds,
// at most 64 MiB), while every request allocates a few kilobytes, most of
// them in net/http (about 2.5 kB for a 304). With the default GOGC=100 the
// heap goal is twice the live heap, about 20 MB, so under a calendar
// polling load the collector ran ten times a second and took about 7% of
// the CPU (a tenth of the 304's cost). With the goal at least 64 MiB it
// runs a few times less often.
//
// What it costs: memory, at most the difference between 64 MiB and twice
// the live heap: none once the live heap is 32 MiB or more, when GOGC is
// 100 as before. The Go runtime's GOGC and GOMEMLIMIT, when set, are left
// to decide alone.
const minHeapGoal = 64 << 20

// keepMinHeapGoal sets GOGC every few seconds so that the heap goal is
// max(2 × live heap, minHeapGoal), until ctx ends. Nothing is done when
// GOGC or GOMEMLIMIT is set in the environment.
func keepMinHeapGoal(ctx context.Context) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	percent := 100
	defer debug.SetGCPercent(100) // the runtime's default, as GOGC is unset
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			if p := gcPercentFor(sample[0].Value.Uint64()); p != percent {
				debug.SetGCPercent(p)
				percent = p
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// gcPercentFor is the GOGC that makes the heap goal
// max(2 × live, minHeapGoal), in steps of 25 so that it seldom changes.
func gcPercentFor(live uint64) int {
	if live == 0 || 2*live >= minHeapGoal {
		return 100
	}
	p := int((minHeapGoal - live) * 100 / live)
	return max(100, p/25*25)
}

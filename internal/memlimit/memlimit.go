// Package memlimit lets a batch command spend memory it is allowed on
// fewer garbage collections.
//
// A full build allocates gigabytes over its run while keeping well under a
// hundred megabytes live. With the collector's default pacing (GOGC=100)
// the heap is collected every time it doubles its live size: hundreds of
// collections, about a quarter of the build's CPU. Collecting only when
// the heap reaches a fixed limit does the same work in a fraction of the
// cycles.
package memlimit

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// Batch turns the collector's proportional pacing off and lets the heap grow
// to limit bytes between collections, or to half the memory of the
// container it runs in if that is less, unless the user has set GOGC or
// GOMEMLIMIT. A watcher goes back to the default pacing, for good, when the
// live heap passes half the limit: a job too big for the limit then runs at
// the default pace instead of collecting without end. Stop ends the
// watcher and restores the settings that Batch found.
func Batch(limit int64) (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limit = min(limit, containerMemory()/2)
	oldPercent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(limit)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > uint64(limit/2) {
				debug.SetGCPercent(oldPercent)
				debug.SetMemoryLimit(math.MaxInt64)
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// containerMemory is the memory limit of the Linux control group the
// process runs in (version 2, else 1), or the largest int64 if there is
// none or it cannot be read.
func containerMemory() int64 {
	for _, file := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(file); err == nil {
			return parseMemory(string(b))
		}
	}
	return math.MaxInt64
}

// parseMemory reads a control group memory limit: a number of bytes, or
// "max" for none.
func parseMemory(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return math.MaxInt64
	}
	return n
}

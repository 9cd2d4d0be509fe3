package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// TestBatch checks that a batch collects by the limit, that a live heap
// past half the limit brings the default pacing back, and that stop
// restores what it found.
func TestBatch(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	const limit = 64 << 20
	stop := Batch(limit)
	if p, l := settings(); p != -1 || l != limit {
		t.Errorf("during a batch GOGC = %d and the memory limit %d, want off and %d", p, l, limit)
	}

	live := make([]byte, 48<<20) // past half the limit
	for i := range live {
		live[i] = 1
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for p, _ := settings(); p == -1 && time.Now().Before(deadline); p, _ = settings() {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	if p, l := settings(); p != 100 || l != math.MaxInt64 {
		t.Errorf("with 48 MiB live under a 64 MiB limit, GOGC = %d and the memory limit %d, want the default 100 and none", p, l)
	}
	runtime.KeepAlive(live)
	stop()
	if p, l := settings(); p != 100 || l != math.MaxInt64 {
		t.Errorf("after stop GOGC = %d and the memory limit %d, want 100 and none", p, l)
	}
}

// settings reads GOGC and the memory limit without changing them.
func settings() (percent, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

// TestBatchLeavesUserSettings checks that GOGC set by the user wins.
func TestBatchLeavesUserSettings(t *testing.T) {
	t.Setenv("GOGC", "200")
	old := debug.SetGCPercent(150)
	defer debug.SetGCPercent(old)
	stop := Batch(64 << 20)
	defer stop()
	if p, l := settings(); p != 150 || l != math.MaxInt64 {
		t.Errorf("with GOGC set, Batch changed GOGC to %d and the memory limit to %d", p, l)
	}
}

// TestParseMemory checks the reading of a container's memory limit, which
// caps the heap of a batch at half of it.
func TestParseMemory(t *testing.T) {
	for in, want := range map[string]int64{
		"max\n":                 math.MaxInt64,
		"268435456\n":           256 << 20,
		"9223372036854771712\n": 9223372036854771712, // cgroup v1's "no limit"
		"":                      math.MaxInt64,
	} {
		if got := parseMemory(in); got != want {
			t.Errorf("parseMemory(%q) = %d, want %d", in, got, want)
		}
	}
}

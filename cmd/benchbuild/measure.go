package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// measurement is one build, as a child process.
type measurement struct {
	wall, cpu time.Duration
	maxRSS    int64 // peak resident set size, in bytes
	stdout    string
	stderr    string
}

// bench is one tool and its builds.
type bench struct {
	name  string
	cmd   []string // the child: path and arguments
	out   string   // the output folder, removed before each build ("" for none)
	runs  []measurement
	pages int    // pages written (or, for goldmark, files converted)
	note  string // what was checked, one or more lines
}

// measure runs cmd as a child and measures it, once the page cache's
// dirty pages are written (settle). Its standard output and error are
// kept, not shown.
func measure(cmd []string) (measurement, error) {
	var m measurement
	settle()
	c := exec.Command(cmd[0], cmd[1:]...)
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	start := time.Now()
	err := c.Run()
	m.wall = time.Since(start)
	m.stdout, m.stderr = stdout.String(), stderr.String()
	if err != nil {
		return m, fmt.Errorf("%s: %w\n%s", strings.Join(cmd, " "), err, tail(m.stderr+m.stdout, 40))
	}
	m.cpu = c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	m.maxRSS = peakRSS(c.ProcessState)
	return m, nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// stats is the best, the median and the worst of one quantity over the
// runs (the lowest, the middle and the highest value).
type stats struct{ best, median, worst float64 }

func summarize(xs []float64) stats {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return stats{}
	}
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return stats{best: s[0], median: med, worst: s[n-1]}
}

func (b *bench) wall() stats {
	return summarize(collect(b.runs, func(m measurement) float64 { return m.wall.Seconds() }))
}

func (b *bench) cpu() stats {
	return summarize(collect(b.runs, func(m measurement) float64 { return m.cpu.Seconds() }))
}

func (b *bench) peakMB() stats {
	return summarize(collect(b.runs, func(m measurement) float64 { return mb(m.maxRSS) }))
}

func collect(ms []measurement, f func(measurement) float64) []float64 {
	out := make([]float64, len(ms))
	for i, m := range ms {
		out[i] = f(m)
	}
	return out
}

// mb converts bytes to megabytes (10^6 bytes).
func mb(bytes int64) float64 { return float64(bytes) / 1e6 }

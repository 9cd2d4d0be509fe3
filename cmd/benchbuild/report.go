package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
)

// printTable prints one row per tool: the single value of each quantity,
// or with several runs the best and, in parentheses, the median.
func printTable(w io.Writer, benches []*bench, runs int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "tool\tpages\twall s\tCPU s\tpeak MB\t")
	for _, b := range benches {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t\n", b.name, b.pages,
			cell(b.wall(), runs, "%.2f"), cell(b.cpu(), runs, "%.2f"), cell(b.peakMB(), runs, "%.0f"))
	}
	tw.Flush()
	if runs > 1 {
		fmt.Fprintf(w, "(each time and size: the best of %d runs, then the median in parentheses.)\n", runs)
	}
	fmt.Fprintln(w, "(pages: HTML files written; for goldmark, Markdown files converted. MB = 10^6 bytes.)")
}

func cell(s stats, runs int, format string) string {
	if runs == 1 {
		return fmt.Sprintf(format, s.best)
	}
	return fmt.Sprintf(format+" ("+format+")", s.best, s.median)
}

// printTargets prints the ratios of the project's targets, from the
// medians (the single values with one run), and from the best runs too.
func printTargets(w io.Writer, benches []*bench, runs int) {
	find := func(name string) *bench {
		for _, b := range benches {
			if b.name == name {
				return b
			}
		}
		return nil
	}
	rosetta, gm, hugo := find("rosetta"), find("goldmark"), find("hugo")
	fmt.Fprintln(w, "targets:")
	ratio := func(label string, num, den stats, target string, met func(float64) bool) {
		if den.median == 0 || den.best == 0 {
			fmt.Fprintf(w, "  %-32s n/a (a zero measurement)\n", label)
			return
		}
		v := num.median / den.median
		line := fmt.Sprintf("  %-32s %6.2f   target %-6s %s", label, v, target, verdict(met(v)))
		if runs > 1 {
			line += fmt.Sprintf("   (best runs: %.2f)", num.best/den.best)
		}
		fmt.Fprintln(w, line)
	}
	if hugo != nil {
		ratio("Hugo wall / rosetta wall", hugo.wall(), rosetta.wall(), "≥ 3", func(v float64) bool { return v >= 3 })
	} else {
		fmt.Fprintf(w, "  %-32s n/a (Hugo not found)\n", "Hugo wall / rosetta wall")
	}
	ratio("rosetta CPU / goldmark CPU", rosetta.cpu(), gm.cpu(), "≤ 1.5", func(v float64) bool { return v <= 1.5 })
	peak := rosetta.peakMB()
	line := fmt.Sprintf("  %-32s %6.0f   target %-6s %s", "rosetta peak MB", peak.median, "< 500", verdict(peak.median < 500))
	if runs > 1 {
		line += fmt.Sprintf("   (best run: %.0f)", peak.best)
	}
	fmt.Fprintln(w, line)
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT MET"
}

func gomaxprocs() int { return runtime.GOMAXPROCS(0) }

// printMachine prints what the numbers depend on.
func printMachine(w io.Writer) {
	fmt.Fprintf(w, "machine: %d CPUs, GOMAXPROCS %d, %s %s/%s\n",
		runtime.NumCPU(), gomaxprocs(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if model := cpuModel(); model != "" {
		fmt.Fprintf(w, "  cpu: %s\n", model)
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		fmt.Fprintf(w, "  kernel: %s\n", strings.TrimSpace(string(b)))
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fields := strings.Fields(string(b))
		if len(fields) >= 3 {
			fmt.Fprintf(w, "  load average at the end: %s %s %s\n", fields[0], fields[1], fields[2])
		}
	}
}

// cpuModel returns the first "model name" of /proc/cpuinfo, or "".
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for line := range strings.Lines(string(b)) {
		if key, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return ""
}

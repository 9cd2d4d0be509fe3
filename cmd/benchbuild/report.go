package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/rosetta-ssg/rosetta/internal/corpus"
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

// find returns the bench of the tool name, or nil.
func find(benches []*bench, name string) *bench {
	for _, b := range benches {
		if b.name == name {
			return b
		}
	}
	return nil
}

// printTargets prints the ratios of the project's targets, from the
// medians (the single values with one run), and from the best runs too;
// and the highest peak of memory of rosetta's runs.
func printTargets(w io.Writer, benches []*bench, runs int) {
	rosetta, gm, hugo := find(benches, "rosetta"), find(benches, "goldmark"), find(benches, "hugo")
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
	label := "rosetta peak MB"
	if runs > 1 {
		label = "rosetta peak MB, highest run"
	}
	fmt.Fprintf(w, "  %-32s %6.0f   target %-6s %s\n", label, peak.worst, "< 500", verdict(peak.worst < 500))
}

// printMarkdown prints the measurements of every corpus as two Markdown
// tables for the README: the tools, then the ratios of the targets.
func printMarkdown(w io.Writer, results []*corpusResult, runs int, hugoVersion string) {
	if runs > 1 {
		fmt.Fprintf(w, "Times: the best of %d runs, the median in parentheses; peak memory: the highest of the %d runs.\n\n", runs, runs)
	}
	fmt.Fprintln(w, "| corpus | | pages | wall | CPU | peak memory |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range results {
		corpusCell := fmt.Sprintf("%s: %s × %d languages, %s MB of Markdown",
			scriptLabel(r.script), thousands(int64(r.n)), r.languages, thousands((r.mdSize+500_000)/1_000_000))
		for _, name := range []string{"rosetta", "hugo", "goldmark"} {
			b := find(r.benches, name)
			if b == nil {
				continue
			}
			tool, pages := "", thousands(int64(b.pages))
			switch b.name {
			case "rosetta":
				tool = "rosetta build"
			case "hugo":
				tool = hugoName(hugoVersion) + ", equivalent layouts"
			case "goldmark":
				tool = "goldmark alone on the same Markdown, no templates, nothing written"
				pages += " files"
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s MB |\n", corpusCell, tool, pages,
				seconds(b.wall(), runs), seconds(b.cpu(), runs), thousands(int64(b.peakMB().worst+0.5)))
			corpusCell = ""
		}
	}
	fmt.Fprintln(w)
	ofRuns := ""
	if runs > 1 {
		ofRuns = " (best runs; medians)"
	}
	fmt.Fprintf(w, "| corpus | Hugo wall ÷ rosetta wall%s | Hugo CPU ÷ rosetta CPU%s | rosetta CPU ÷ goldmark CPU%s | rosetta peak memory |\n",
		ofRuns, ofRuns, ofRuns)
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, r := range results {
		rosetta, gm, hugo := find(r.benches, "rosetta"), find(r.benches, "goldmark"), find(r.benches, "hugo")
		hugoWall, hugoCPU := "no Hugo", "no Hugo"
		if hugo != nil {
			hugoWall, hugoCPU = times(hugo.wall(), rosetta.wall(), runs), times(hugo.cpu(), rosetta.cpu(), runs)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s MB |\n", scriptLabel(r.script), hugoWall, hugoCPU,
			times(rosetta.cpu(), gm.cpu(), runs), thousands(int64(rosetta.peakMB().worst+0.5)))
	}
}

// scriptLabel names a corpus in the README's tables.
func scriptLabel(script corpus.Script) string {
	switch script {
	case corpus.Native:
		return "each language in its own script"
	case corpus.Latin:
		return "mostly Latin script"
	}
	return string(script)
}

// hugoName is "Hugo v0.165.0" from the first line of "hugo version".
func hugoName(version string) string {
	for _, field := range strings.Fields(version) {
		if strings.HasPrefix(field, "v") {
			return "Hugo " + field
		}
	}
	return "Hugo"
}

// seconds formats a time in seconds as the README does: "5.9 s (6.0 s)".
func seconds(s stats, runs int) string {
	format := func(v float64) string {
		if v < 10 {
			return fmt.Sprintf("%.2f s", v)
		}
		return fmt.Sprintf("%.1f s", v)
	}
	if runs == 1 {
		return format(s.best)
	}
	return format(s.best) + " (" + format(s.median) + ")"
}

// times formats the ratio num ÷ den of the best runs and of the medians:
// "6.7× (7.0×)".
func times(num, den stats, runs int) string {
	if den.best == 0 || den.median == 0 {
		return "n/a"
	}
	if runs == 1 {
		return fmt.Sprintf("%.1f×", num.best/den.best)
	}
	return fmt.Sprintf("%.1f× (%.1f×)", num.best/den.best, num.median/den.median)
}

// thousands formats n with commas between the groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	start := 0
	if n < 0 {
		start = 1
	}
	var b strings.Builder
	b.WriteString(s[:start])
	for i := start; i < len(s); i++ {
		if i > start && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
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

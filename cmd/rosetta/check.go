package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/check"
	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/site"
)

// errFound is returned by check when it found errors: they are printed
// already, so main only sets the exit code.
var errFound = errors.New("check found errors")

// runCheck is "rosetta check": every problem of the site in -src.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	src := fs.String("src", ".", "site root: the `DIR` that holds site.toml")
	format := fs.String("format", "text", "`FORMAT` of the problems: text, one a line on stderr and a summary on stdout, or json, an array on stdout")
	coverage := fs.Bool("coverage", false, "also print how much of the site each language has")
	baseURL := fs.String("baseurl", "", "`URL` the site is served at (overrides site.toml's baseURL)")
	if err := parseFlags(fs, args, stdout, stderr); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError(fs, stderr, "-format %s: want text or json", *format)
	}
	fsys, err := openSite(*src)
	if err != nil {
		return err
	}
	r := check.Run(ctx, fsys, site.Options{BaseURL: *baseURL})
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	if *format == "json" {
		err = writeJSON(stdout, r, *coverage)
	} else {
		writeText(stdout, stderr, *src, r, *coverage)
	}
	if err != nil {
		return err
	}
	if r.Problems.HasErrors() {
		return errFound
	}
	return nil
}

// writeText prints the problems on stderr, as build does, and on stdout
// the coverage table if asked, and how many problems there are.
func writeText(w, stderr io.Writer, src string, r *check.Report, coverage bool) {
	printProblems(stderr, src, r.Problems)
	errs, warns := 0, 0
	for _, d := range r.Problems {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	if coverage && r.Coverage != nil {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "language\ttranscripts\tturns\tcurrent\tstale\tmissing\tunreviewed\tUI strings\t")
		for _, c := range r.Coverage {
			states := "original\t\t\t"
			if !c.Original {
				states = fmt.Sprintf("%d\t%d\t%d\t%d", c.States.Current, c.States.Stale, c.States.Missing, c.States.Unreviewed)
			}
			fmt.Fprintf(tw, "%s (%s)\t%d/%d\t%d/%d (%d%%)\t%s\t%d/%d (%d%%)\t\n", c.Lang.Code, c.Lang.Label,
				c.Transcripts, c.TotalTranscripts,
				c.Turns, c.TotalTurns, site.Percent(c.Turns, c.TotalTurns),
				states,
				c.Strings, c.TotalStrings, site.Percent(c.Strings, c.TotalStrings))
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d error(s), %d warning(s)\n", errs, warns)
}

type jsonProblem struct {
	Path     string `json:"path"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Kind     string `json:"kind,omitempty"`
}

type jsonCoverage struct {
	Language         string `json:"language"`
	Original         bool   `json:"original,omitempty"`
	Transcripts      int    `json:"transcripts"`
	TotalTranscripts int    `json:"totalTranscripts"`
	Turns            int    `json:"turns"`
	TotalTurns       int    `json:"totalTurns"`
	*jsonStates             // none for the original
	Strings          int    `json:"strings"`
	TotalStrings     int    `json:"totalStrings"`
	// Discussions are the language's transcripts.
	Discussions []jsonTranscript `json:"discussions"`
}

// jsonStates counts turns by how they stand against the original.
type jsonStates struct {
	Current    int `json:"current"`
	Stale      int `json:"stale"`
	Missing    int `json:"missing"`
	Unreviewed int `json:"unreviewed"`
}

type jsonTranscript struct {
	Slug       string     `json:"slug"`
	Title      string     `json:"title"`
	Translator string     `json:"translator,omitempty"`
	Recorded   *time.Time `json:"recorded,omitempty"` // none without a record
	TotalTurns int        `json:"totalTurns"`
	Drifted    bool       `json:"drifted,omitempty"` // not aligned with the original: no states
	*jsonStates
	StaleTurns []string `json:"staleTurns,omitempty"` // their ids
}

func coverageJSON(c site.Coverage) jsonCoverage {
	j := jsonCoverage{Language: c.Lang.Code, Original: c.Original, Transcripts: c.Transcripts, TotalTranscripts: c.TotalTranscripts,
		Turns: c.Turns, TotalTurns: c.TotalTurns, Strings: c.Strings, TotalStrings: c.TotalStrings, Discussions: []jsonTranscript{}}
	if !c.Original {
		j.jsonStates = &jsonStates{c.States.Current, c.States.Stale, c.States.Missing, c.States.Unreviewed}
	}
	for _, d := range c.Discussions {
		t := jsonTranscript{Slug: d.Slug, Title: d.Title, Translator: d.Translator, TotalTurns: d.Turns, Drifted: d.Drifted}
		if p := d.Progress; p != nil {
			t.jsonStates = &jsonStates{p.Current, p.Stale, p.Missing, p.Unreviewed}
			if !p.Recorded.IsZero() {
				t.Recorded = &p.Recorded
			}
			for _, st := range p.StaleTurns {
				t.StaleTurns = append(t.StaleTurns, st.ID)
			}
		}
		j.Discussions = append(j.Discussions, t)
	}
	return j
}

// writeJSON writes the problems as a JSON array, or, with coverage, an
// object with "problems" and "coverage".
func writeJSON(w io.Writer, r *check.Report, coverage bool) error {
	problems := []jsonProblem{}
	for _, d := range r.Problems {
		problems = append(problems, jsonProblem{d.Path, d.Line, d.Col, d.Severity.String(), d.Msg, d.Kind})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if !coverage {
		return enc.Encode(problems)
	}
	cov := []jsonCoverage{}
	for _, c := range r.Coverage {
		cov = append(cov, coverageJSON(c))
	}
	return enc.Encode(map[string]any{"problems": problems, "coverage": cov})
}

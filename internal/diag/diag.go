// Package diag carries problems found in a site's files as data: a path
// relative to the site root, a line (and column when known), a severity and a
// message, printed as "path:LINE: message" the way compilers do.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem at one place.
type Diagnostic struct {
	Path     string
	Line     int // 1-based; 0 when the problem is the whole file
	Col      int // 1-based; 0 when unknown
	Severity Severity
	Msg      string
	// Kind names the check that found it, for tools that filter or
	// re-grade problems: "drift" for a translation out of line with its
	// original. Empty for most.
	Kind string
	// Page is the output page being made when the problem was met, for a
	// problem in what makes many pages (a template), which Fold reports
	// once. Empty for most.
	Page string
}

// Pos returns "path:LINE:COL", leaving out what is unknown.
func (d Diagnostic) Pos() string {
	switch {
	case d.Line == 0:
		return d.Path
	case d.Col == 0:
		return fmt.Sprintf("%s:%d", d.Path, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", d.Path, d.Line, d.Col)
}

// String is "path:LINE: message" for errors and "path:LINE: warning: message"
// for warnings.
func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos() + ": warning: " + d.Msg
	}
	return d.Pos() + ": " + d.Msg
}

// List collects diagnostics. Its zero value is ready to use.
type List []Diagnostic

// Errorf adds an error.
func (l *List) Errorf(path string, line int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning.
func (l *List) Warnf(path string, line int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns the list as an error if it holds an error, else nil.
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// Warnings returns the warnings alone.
func (l List) Warnings() List {
	var w List
	for _, d := range l {
		if d.Severity == Warning {
			w = append(w, d)
		}
	}
	return w
}

// Sort orders the list by path, then line, so output is the same every run.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Path != l[j].Path {
			return l[i].Path < l[j].Path
		}
		return l[i].Line < l[j].Line
	})
}

// Fold merges the problems that differ only in their Page into the first
// of them, whose message then names its page and how many others met the
// same problem: "… (rendering vi/index.html and 12 other pages)".
func (l List) Fold() List {
	type problem struct {
		path, msg, kind string
		line, col       int
		severity        Severity
	}
	var folded List
	first := map[problem]int{} // index in folded
	others := map[int]int{}
	for _, d := range l {
		if d.Page == "" {
			folded = append(folded, d)
			continue
		}
		p := problem{d.Path, d.Msg, d.Kind, d.Line, d.Col, d.Severity}
		if i, ok := first[p]; ok {
			others[i]++
			continue
		}
		first[p] = len(folded)
		folded = append(folded, d)
	}
	for i, d := range folded {
		if d.Page == "" {
			continue
		}
		switch n := others[i]; n {
		case 0:
			d.Msg += fmt.Sprintf(" (rendering %s)", d.Page)
		case 1:
			d.Msg += fmt.Sprintf(" (rendering %s and 1 other page)", d.Page)
		default:
			d.Msg += fmt.Sprintf(" (rendering %s and %d other pages)", d.Page, n)
		}
		d.Page = ""
		folded[i] = d
	}
	return folded
}

// Error prints one diagnostic a line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

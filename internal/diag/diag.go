// Package diag carries problems found in a site's files as data: a path
// relative to the site root, a line (and column when known), a severity and a
// message, printed as "path:LINE: message" the way compilers do.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
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

// Errors returns the list as an error if it holds an error, else nil.
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

// DecodeTOML decodes src, TOML that starts at line firstLine of the file
// path, into v. A key v has no field for is a warning at its line; a
// syntax or type error is an error at its line, and DecodeTOML returns
// false. prefix says what the TOML is ("front matter: "), or is empty for a
// whole file.
func (l *List) DecodeTOML(path string, firstLine int, prefix string, src []byte, v any) bool {
	dec := toml.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var unknown *toml.StrictMissingError
	var derr *toml.DecodeError
	switch {
	case err == nil:
	case errors.As(err, &unknown): // the rest was decoded
		for _, e := range unknown.Errors {
			row, _ := e.Position()
			l.Warnf(path, firstLine-1+row, "%sunknown key %q", prefix, strings.Join(e.Key(), "."))
		}
	case errors.As(err, &derr):
		row, _ := derr.Position() // its column counts bytes, not what an editor shows
		msg := strings.TrimPrefix(derr.Error(), "toml: ")
		if strings.HasSuffix(msg, "at start of value") {
			msg += `: is it text without its quotes ("…")?`
		}
		l.Errorf(path, firstLine-1+row, "%s%s", prefix, msg)
		return false
	default:
		l.Errorf(path, max(firstLine-1, 0), "%s%v", prefix, err)
		return false
	}
	return true
}

// Package diag carries problems found in a site's files as data: a path
// relative to the site root, a line (and column when known), a severity and a
// message, printed as "path:LINE: message" the way compilers do.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
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

// MaxTOMLSize bounds a TOML document (site.toml, a UI strings file, a
// transcript's front matter): go-toml's decoder takes time that grows with
// the square of the number of keys, minutes for a few MiB. site.toml with a
// hundred languages is about 20 KiB.
const MaxTOMLSize = 64 << 10

// DecodeTOML decodes src, TOML that starts at line firstLine of the file
// path, into v. A key v has no field for is a warning at its line; a
// syntax or type error is an error at its line, and DecodeTOML returns
// false. prefix says what the TOML is ("front matter: "), or is empty for a
// whole file. TOML larger than MaxTOMLSize is an error.
func (l *List) DecodeTOML(path string, firstLine int, prefix string, src []byte, v any) bool {
	if len(src) > MaxTOMLSize {
		l.Errorf(path, max(firstLine-1, 0), "%slarger than %d KiB, the most TOML rosetta reads", prefix, MaxTOMLSize>>10)
		return false
	}
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

// Lines holds the line each key of a TOML document is written on, for
// problems found in what the document says rather than in its syntax.
type Lines struct {
	lines map[string]int // by key path, its parts joined by "\x00"
}

// TOMLLines finds the keys of src, TOML that starts at line firstLine of
// its file. It reads src as far as it is valid TOML: DecodeTOML reports
// what is not. go-toml's decoder keeps no positions, so this is a second
// pass with its parser (go-toml/v2/unstable, pinned by go.mod).
func TOMLLines(src []byte, firstLine int) Lines {
	l := Lines{lines: map[string]int{}}
	arrays := map[string]int{} // elements of each array of tables so far
	var p unstable.Parser
	p.Reset(src)
	at := newTOMLPositions(src, firstLine)
	var table []string // the path of the current [table]
	for p.NextExpression() {
		expr := p.Expression()
		switch expr.Kind {
		case unstable.Table, unstable.ArrayTable:
			var keys []string
			for it := expr.Key(); it.Next(); {
				keys = append(keys, string(it.Node().Data))
			}
			table = nil
			for i, k := range keys {
				table = append(table, k)
				if n, ok := arrays[join(table)]; ok && i < len(keys)-1 { // [a.b] after [[a]]: b of the last a
					table = append(table, strconv.Itoa(n-1))
				}
			}
			if expr.Kind == unstable.ArrayTable {
				key := join(table)
				table = append(table, strconv.Itoa(arrays[key]))
				arrays[key]++
			}
			l.add(table, at.line(expr.Child().Raw))
		case unstable.KeyValue:
			l.keyValue(at, table, expr)
		}
	}
	return l
}

// tomlPositions gives the line of a place in TOML that starts at line
// firstLine of its file. go-toml's Parser.Shape counts the lines from the
// start for each place: quadratic in a file with many keys.
type tomlPositions struct {
	newlines  []int // the offsets of the line ends
	firstLine int
}

func newTOMLPositions(src []byte, firstLine int) tomlPositions {
	at := tomlPositions{firstLine: firstLine}
	for i, c := range src {
		if c == '\n' {
			at.newlines = append(at.newlines, i)
		}
	}
	return at
}

func (at tomlPositions) line(r unstable.Range) int {
	return at.firstLine + sort.SearchInts(at.newlines, int(r.Offset))
}

// keyValue records the key of a key-value under the table path, and the
// keys of the inline tables of its value.
func (l Lines) keyValue(at tomlPositions, table []string, kv *unstable.Node) {
	path := slices.Clone(table)
	line := 0
	for it := kv.Key(); it.Next(); {
		path = append(path, string(it.Node().Data))
		if line == 0 {
			line = at.line(it.Node().Raw)
		}
	}
	l.add(path, line)
	l.value(at, path, kv.Value())
}

func (l Lines) value(at tomlPositions, path []string, v *unstable.Node) {
	switch v.Kind {
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			if kv := it.Node(); kv.Kind == unstable.KeyValue {
				l.keyValue(at, path, kv)
			}
		}
	case unstable.Array:
		i := 0
		for it := v.Children(); it.Next(); {
			if e := it.Node(); e.Kind != unstable.Comment {
				elem := append(slices.Clone(path), strconv.Itoa(i))
				if e.Kind == unstable.InlineTable {
					l.add(elem, at.line(e.Raw))
				}
				l.value(at, elem, e)
				i++
			}
		}
	}
}

// add records the line of path, and of the tables it implies that have no
// line yet.
func (l Lines) add(path []string, line int) {
	for i := 1; i <= len(path); i++ {
		key := join(path[:i])
		if _, ok := l.lines[key]; !ok || i == len(path) {
			l.lines[key] = line
		}
	}
}

// Line returns the line of the key at path, such as ("baseURL"),
// ("speakers", "max") for a [speakers.max] table or ("languages", "1") for
// the second [[languages]] table; 0 when src does not write it.
func (l Lines) Line(path ...string) int { return l.lines[join(path)] }

func join(path []string) string { return strings.Join(path, "\x00") }

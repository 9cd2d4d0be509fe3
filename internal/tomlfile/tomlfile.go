// Package tomlfile reads the TOML of a site: site.toml, the UI strings
// files and a transcript's front matter. Decode reports syntax and type
// errors, and unknown keys, as diagnostics at the line of the file they are
// on; KeyLines finds the line of every key, for problems found later in what
// the TOML says.
package tomlfile

import (
	"bytes"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// MaxSize bounds a TOML document: go-toml's decoder takes time that grows
// with the square of the number of keys, minutes for a few MiB. site.toml
// with a hundred languages is about 20 KiB.
const MaxSize = 64 << 10

// Decode decodes src, TOML that starts at line firstLine of the file path,
// into v. A key v has no field for is a warning at its line; a syntax or
// type error is an error at its line, and Decode returns false. prefix says
// what the TOML is ("front matter: "), or is empty for a whole file. TOML
// larger than MaxSize is an error.
func Decode(problems *diag.List, path string, firstLine int, prefix string, src []byte, v any) bool {
	if len(src) > MaxSize {
		problems.Errorf(path, max(firstLine-1, 0), "%slarger than %d KiB, the most TOML rosetta reads", prefix, MaxSize>>10)
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
			problems.Warnf(path, firstLine-1+row, "%sunknown key %q", prefix, strings.Join(e.Key(), "."))
		}
	case errors.As(err, &derr):
		row, _ := derr.Position() // its column counts bytes, not what an editor shows
		msg := strings.TrimPrefix(derr.Error(), "toml: ")
		if strings.HasSuffix(msg, "at start of value") {
			msg += `: is it text without its quotes ("…")?`
		}
		problems.Errorf(path, firstLine-1+row, "%s%s", prefix, msg)
		return false
	default:
		problems.Errorf(path, max(firstLine-1, 0), "%s%v", prefix, err)
		return false
	}
	return true
}

// Lines holds the line each key of a TOML document is written on.
type Lines struct {
	lines map[string]int // by key path, its parts joined by "\x00"
}

// KeyLines finds the keys of src, TOML that starts at line firstLine of its
// file. It reads src as far as it is valid TOML: Decode reports what is not.
// go-toml's decoder keeps no positions, so this is a second pass with its
// parser (go-toml/v2/unstable, pinned by go.mod).
func KeyLines(src []byte, firstLine int) Lines {
	l := Lines{lines: map[string]int{}}
	arrays := map[string]int{} // elements of each array of tables so far
	var p unstable.Parser
	p.Reset(src)
	at := newPositions(src, firstLine)
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

// Line returns the line of the key at path, such as ("baseURL"),
// ("speakers", "max") for a [speakers.max] table or ("languages", "1") for
// the second [[languages]] table; 0 when src does not write it.
func (l Lines) Line(path ...string) int { return l.lines[join(path)] }

// positions gives the line of a place in TOML that starts at line
// firstLine of its file. go-toml's Parser.Shape counts the lines from the
// start for each place: quadratic in a file with many keys.
type positions struct {
	newlines  []int // the offsets of the line ends
	firstLine int
}

func newPositions(src []byte, firstLine int) positions {
	at := positions{firstLine: firstLine}
	for i, c := range src {
		if c == '\n' {
			at.newlines = append(at.newlines, i)
		}
	}
	return at
}

func (at positions) line(r unstable.Range) int {
	return at.firstLine + sort.SearchInts(at.newlines, int(r.Offset))
}

// keyValue records the key of a key-value under the table path, and the
// keys of the inline tables of its value.
func (l Lines) keyValue(at positions, table []string, kv *unstable.Node) {
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

func (l Lines) value(at positions, path []string, v *unstable.Node) {
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

func join(path []string) string { return strings.Join(path, "\x00") }

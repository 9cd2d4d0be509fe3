package exchange

import (
	"bytes"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/rosetta-ssg/rosetta/internal/tomlfile"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// span is a piece of a transcript that is not a block but is translated: a
// string of the front matter (the value as written, quotes included) or a
// section's heading (its text, without the # marks).
type span struct {
	start, end int    // in the normalized file
	line       int    // of the file
	text       string // the value: unquoted for a string
}

// lineAt returns the start and end (before "\n") of line n of src.
func lineAt(src []byte, n int) (int, int, bool) {
	start := 0
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src[start:], '\n')
		if j < 0 {
			return 0, 0, false
		}
		start += j + 1
	}
	end := bytes.IndexByte(src[start:], '\n')
	if end < 0 {
		end = len(src) - start
	}
	return start, start + end, true
}

// frontString finds the front matter string at the key path of src, a
// normalized transcript: a one-line basic ("…") or literal ('…') string.
func frontString(src []byte, path ...string) (span, bool) {
	_, rest, _ := bytes.Cut(src, []byte("\n"))
	end := 0
	for {
		l, next, found := bytes.Cut(rest[end:], []byte("\n"))
		if string(bytes.TrimRight(l, " \t")) == "+++" || !found {
			break
		}
		end = len(rest) - len(next)
	}
	n := tomlfile.KeyLines(rest[:end], 2).Line(path...)
	if n == 0 {
		return span{}, false
	}
	start, stop, ok := lineAt(src, n)
	if !ok {
		return span{}, false
	}
	line := string(src[start:stop])
	eq := strings.IndexByte(line, '=')
	if eq < 0 {
		return span{}, false
	}
	v := eq + 1
	for v < len(line) && (line[v] == ' ' || line[v] == '\t') {
		v++
	}
	if v == len(line) || line[v] != '"' && line[v] != '\'' || strings.HasPrefix(line[v:], `"""`) || strings.HasPrefix(line[v:], "'''") {
		return span{}, false
	}
	quote := line[v]
	w := v + 1
	for w < len(line) && line[w] != quote {
		if quote == '"' && line[w] == '\\' {
			w++
		}
		w++
	}
	if w >= len(line) {
		return span{}, false
	}
	w++
	var doc struct{ V string }
	if err := toml.Unmarshal([]byte("v = "+line[v:w]), &doc); err != nil {
		return span{}, false
	}
	return span{start: start + v, end: start + w, line: n, text: doc.V}, true
}

// tomlString is s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00` + string("0123456789ABCDEF"[r>>4]) + string("0123456789ABCDEF"[r&15]))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// heading finds the text of sec's heading in src: after the #s of an ATX
// heading, before any closing #s, or the line of a setext heading.
func heading(src []byte, sec *transcript.Section) (span, bool) {
	if sec.Title == "" {
		return span{}, false
	}
	start, stop, ok := lineAt(src, sec.Line)
	if !ok {
		return span{}, false
	}
	line := string(src[start:stop])
	from, to := 0, len(line)
	for from < len(line) && from < 3 && line[from] == ' ' {
		from++
	}
	if strings.HasPrefix(line[from:], "#") {
		from += len(line[from:]) - len(strings.TrimLeft(line[from:], "#"))
		trimmed := strings.TrimRight(line, " \t")
		if closing := strings.TrimRight(trimmed, "#"); len(closing) < len(trimmed) && (strings.HasSuffix(closing, " ") || strings.HasSuffix(closing, "\t")) {
			trimmed = closing
		}
		to = len(strings.TrimRight(trimmed, " \t"))
	} else {
		to = len(strings.TrimRight(line, " \t"))
	}
	for from < to && (line[from] == ' ' || line[from] == '\t') {
		from++
	}
	if from >= to {
		return span{}, false
	}
	return span{start: start + from, end: start + to, line: sec.Line, text: line[from:to]}, true
}

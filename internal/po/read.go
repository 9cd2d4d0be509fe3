package po

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// Parse reads the PO file src, named path in messages. An error is at its
// line: "path:LINE: message".
func Parse(path string, src []byte) (*File, *diag.Diagnostic) {
	p := &parser{path: path, file: &File{}}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	for n, line := range strings.Split(string(src), "\n") {
		p.line = n + 1
		if !utf8.ValidString(line) {
			return nil, p.errorf("not valid UTF-8: save the file as UTF-8")
		}
		if err := p.parseLine(strings.TrimRight(line, "\r \t")); err != nil {
			return nil, err
		}
	}
	if err := p.end(); err != nil {
		return nil, err
	}
	return p.file, nil
}

type parser struct {
	path string
	line int
	file *File
	e    *Entry  // the entry being read, or nil
	str  *string // the string that a "…" line continues, or nil
	seen string  // the last keyword of e: what may follow
}

func (p *parser) errorf(format string, args ...any) *diag.Diagnostic {
	return &diag.Diagnostic{Path: p.path, Line: p.line, Severity: diag.Error, Msg: fmt.Sprintf(format, args...)}
}

// entry returns the entry a comment or keyword belongs to, starting a new
// one after a complete entry.
func (p *parser) entry(comment bool) (*Entry, *diag.Diagnostic) {
	if p.e != nil && (p.done() || comment && p.seen != "" && !strings.HasPrefix(p.seen, "#|")) {
		if err := p.end(); err != nil {
			return nil, err
		}
	}
	if p.e == nil {
		p.e = &Entry{Line: p.line}
	}
	return p.e, nil
}

// end ends the entry being read.
func (p *parser) end() *diag.Diagnostic {
	e := p.e
	p.e, p.str, p.seen = nil, nil, ""
	if e == nil {
		return nil
	}
	switch {
	case e.idLine == 0 && !e.HasContext:
		return nil // comments alone, as at the end of a file
	case e.StrLine == 0:
		return &diag.Diagnostic{Path: p.path, Line: e.Line, Severity: diag.Error, Msg: "an entry without msgstr"}
	}
	p.file.Entries = append(p.file.Entries, e)
	return nil
}

// done reports whether the entry being read has its translation: what
// follows starts another.
func (p *parser) done() bool {
	return p.seen == "msgstr" || strings.HasPrefix(p.seen, "msgstr[")
}

func (p *parser) parseLine(line string) *diag.Diagnostic {
	trimmed := strings.TrimLeft(line, " \t")
	switch {
	case trimmed == "":
		if p.e != nil && p.done() {
			return p.end()
		}
		return nil
	case strings.HasPrefix(trimmed, "#~"):
		return nil // an obsolete entry: no longer in the source
	case strings.HasPrefix(trimmed, "#|"):
		e, err := p.entry(false)
		if err != nil {
			return err
		}
		if p.seen != "" && !strings.HasPrefix(p.seen, "#|") {
			return p.errorf("a previous string (#|) after %s", p.seen)
		}
		rest := strings.TrimSpace(trimmed[2:])
		if strings.HasPrefix(rest, `"`) {
			if p.str == nil || !strings.HasPrefix(p.seen, "#|") {
				return p.errorf("a string continued with no #| msgid before it")
			}
			return p.appendString(rest)
		}
		keyword, value, _ := strings.Cut(rest, " ")
		var target *string
		switch keyword {
		case "msgctxt":
			e.HasPreviousContext, target = true, &e.PreviousContext
		case "msgid":
			e.HasPrevious, target = true, &e.PreviousID
		case "msgid_plural":
			var ignored string
			target = &ignored
		default:
			return p.errorf("unknown previous string %q", keyword)
		}
		p.seen, p.str = "#| "+keyword, target
		return p.appendString(strings.TrimSpace(value))
	case strings.HasPrefix(trimmed, "#"):
		e, err := p.entry(true)
		if err != nil {
			return err
		}
		text := trimmed[1:]
		switch {
		case strings.HasPrefix(text, "."):
			e.Extracted = append(e.Extracted, strings.TrimPrefix(text[1:], " "))
		case strings.HasPrefix(text, ":"):
			e.References = append(e.References, strings.Fields(text[1:])...)
		case strings.HasPrefix(text, ","):
			for _, f := range strings.Split(text[1:], ",") {
				if f = strings.TrimSpace(f); f != "" {
					e.Flags = append(e.Flags, f)
				}
			}
		default:
			e.Comments = append(e.Comments, strings.TrimPrefix(text, " "))
		}
		return nil
	case strings.HasPrefix(trimmed, `"`):
		if p.str == nil || strings.HasPrefix(p.seen, "#|") {
			return p.errorf("a string with no keyword before it")
		}
		return p.appendString(trimmed)
	}
	keyword, value, _ := strings.Cut(trimmed, " ")
	if i := strings.IndexAny(keyword, "\t\""); i >= 0 {
		keyword, value = keyword[:i], trimmed[i:]
	}
	value = strings.TrimSpace(value)
	e, err := p.entry(false)
	if err != nil {
		return err
	}
	switch {
	case keyword == "msgctxt" || keyword == "msgid":
		if p.seen != "" && !strings.HasPrefix(p.seen, "#|") && !(keyword == "msgid" && p.seen == "msgctxt") {
			return p.errorf("%s after %s: the entry before has no msgstr", keyword, p.seen)
		}
		if keyword == "msgctxt" {
			e.HasContext, p.str = true, &e.Context
		} else {
			e.idLine, p.str = p.line, &e.ID
		}
	case keyword == "msgid_plural":
		if p.seen != "msgid" {
			return p.errorf("msgid_plural without msgid")
		}
		p.str = &e.IDPlural
	case keyword == "msgstr":
		switch p.seen {
		case "msgid_plural":
			return p.errorf("a plural entry takes msgstr[0], msgstr[1], …")
		case "msgid":
		default:
			return p.errorf("msgstr without msgid")
		}
		e.StrLine, p.str = p.line, &e.Str
	case strings.HasPrefix(keyword, "msgstr[") && strings.HasSuffix(keyword, "]"):
		n, err := strconv.Atoi(keyword[len("msgstr[") : len(keyword)-1])
		if err != nil || n != len(e.Plurals) || p.seen != "msgid_plural" && !strings.HasPrefix(p.seen, "msgstr[") {
			return p.errorf("%s out of place", keyword)
		}
		e.Plurals = append(e.Plurals, "")
		e.StrLine, p.str = p.line, &e.Plurals[n]
	default:
		return p.errorf("syntax error: %q is not a PO keyword", keyword)
	}
	p.seen = keyword
	return p.appendString(value)
}

// appendString adds the quoted string s to the string being read.
func (p *parser) appendString(s string) *diag.Diagnostic {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return p.errorf("a string must be in double quotes: %s", s)
	}
	v, err := unquote(s[1 : len(s)-1])
	if err != "" {
		return p.errorf("%s", err)
	}
	*p.str += v
	return nil
}

// unquote reads the inside of a PO string, with the escapes of C.
func unquote(s string) (string, string) {
	if !strings.ContainsAny(s, `\"`) {
		return s, ""
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '"' {
			return "", `an unescaped " inside a string: write \"`
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(s) {
			return "", `a string ends with \: write \\ for a backslash`
		}
		switch c = s[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '\\', '"', '\'', '?':
			b.WriteByte(c)
		case 'x':
			j := i + 1
			for j < len(s) && j < i+3 && strings.IndexByte("0123456789abcdefABCDEF", s[j]) >= 0 {
				j++
			}
			if j == i+1 {
				return "", `\x without hexadecimal digits`
			}
			n, _ := strconv.ParseUint(s[i+1:j], 16, 8)
			b.WriteByte(byte(n))
			i = j - 1
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			n, _ := strconv.ParseUint(s[i:j], 8, 16)
			b.WriteByte(byte(n))
			i = j - 1
		default:
			return "", fmt.Sprintf(`unknown escape \%c`, c)
		}
	}
	if !utf8.ValidString(b.String()) {
		return "", "an escape makes the string invalid UTF-8"
	}
	return b.String(), ""
}

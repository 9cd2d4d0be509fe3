package po

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// pageWidth is the width gettext wraps at, in columns.
const pageWidth = 79

// Bytes returns f as a PO file, wrapped as msgcat wraps it.
func (f *File) Bytes() []byte {
	var b strings.Builder
	for i, e := range f.Entries {
		if i > 0 {
			b.WriteByte('\n')
		}
		e.write(&b)
	}
	return []byte(b.String())
}

func (e *Entry) write(b *strings.Builder) {
	for _, c := range e.Comments {
		writeComment(b, "#", c)
	}
	for _, c := range e.Extracted {
		writeComment(b, "#.", c)
	}
	for _, r := range e.References {
		b.WriteString("#: " + r + "\n")
	}
	if len(e.Flags) > 0 {
		b.WriteString("#, " + strings.Join(e.Flags, ", ") + "\n")
	}
	if e.HasPreviousContext {
		writeString(b, "#| ", "msgctxt", e.PreviousContext)
	}
	if e.HasPrevious {
		writeString(b, "#| ", "msgid", e.PreviousID)
	}
	if e.HasContext {
		writeString(b, "", "msgctxt", e.Context)
	}
	writeString(b, "", "msgid", e.ID)
	if e.Plurals != nil {
		writeString(b, "", "msgid_plural", e.IDPlural)
		for i, s := range e.Plurals {
			writeString(b, "", "msgstr["+string(rune('0'+i))+"]", s)
		}
		return
	}
	writeString(b, "", "msgstr", e.Str)
}

// writeComment writes a comment of one or more lines.
func writeComment(b *strings.Builder, mark, text string) {
	for _, line := range strings.Split(text, "\n") {
		b.WriteString(mark)
		if line != "" {
			b.WriteString(" " + line)
		}
		b.WriteByte('\n')
	}
}

// writeString writes keyword and s as a quoted string, on one line if it
// fits and holds no newline but at its end, else as "" and a line for each
// piece of s, broken after each newline and wrapped at pageWidth.
func writeString(b *strings.Builder, prefix, keyword, s string) {
	one := prefix + keyword + ` "` + escape(s) + `"`
	inner := strings.TrimSuffix(s, "\n")
	if !strings.Contains(inner, "\n") && columns(one) <= pageWidth {
		b.WriteString(one + "\n")
		return
	}
	b.WriteString(prefix + keyword + " \"\"\n")
	for len(s) > 0 {
		end := strings.IndexByte(s, '\n') + 1
		if end == 0 {
			end = len(s)
		}
		for _, line := range wrap(s[:end], pageWidth-columns(prefix)-2) {
			b.WriteString(prefix + `"` + line + "\"\n")
		}
		s = s[end:]
	}
}

// wrap breaks s, one line of text, into escaped lines of at most max
// columns where it can: a line without a place to break may be longer.
func wrap(s string, max int) []string {
	var lines []string
	var line strings.Builder
	lineWidth := 0
	// word is the text since the last place a line may break.
	var word strings.Builder
	wordWidth := 0
	var prev, beforeSpaces rune = -1, -1
	for _, r := range s {
		if prev >= 0 && prev != ' ' {
			beforeSpaces = prev
		}
		if prev >= 0 && canBreak(prev, r) && !(prev == ' ' && keptAcrossSpaces(beforeSpaces, r)) {
			if lineWidth+wordWidth > max && lineWidth > 0 {
				lines = append(lines, line.String())
				line.Reset()
				lineWidth = 0
			}
			line.WriteString(word.String())
			lineWidth += wordWidth
			word.Reset()
			wordWidth = 0
		}
		e := escapeRune(r)
		word.WriteString(e)
		if e != string(r) {
			wordWidth += len(e)
		} else {
			wordWidth += runeWidth(r)
		}
		prev = r
	}
	if lineWidth+wordWidth > max && lineWidth > 0 {
		lines = append(lines, line.String())
		line.Reset()
	}
	line.WriteString(word.String())
	return append(lines, line.String())
}

// canBreak reports whether a line may break between a and b, as GNU
// gettext allows it (with libunistring's line breaking, an early version
// of Unicode's): after spaces, after most punctuation before a word,
// before a dash, and around the characters of scripts written without
// spaces; never next to a quotation mark. gettext breaks the escaped
// string, in which an escape starts with a backslash, a prefix (as "$"):
// mostly like a letter. TestWrapLikeMsgcat holds it to msgcat 0.21.
func canBreak(a, b rune) bool {
	if b == '\n' {
		return false // a newline ends its line
	}
	if escaped(b) {
		switch {
		case strings.ContainsRune("、。，．」』）］｝〕〉》】", a):
			return false
		case strings.ContainsRune("+$\\%", a):
			return true // between two prefixes, or a postfix and a prefix
		}
		b = 'x'
	}
	if a == '\\' {
		return false // \\ ends with a prefix, which binds to what follows
	}
	if a != '"' && escaped(a) {
		a = 'x'
	}
	switch {
	case b == ' ':
		return false
	case a == ' ':
		// Closing marks and punctuation stay with what they follow,
		// across spaces too ("mot : suite").
		return !strings.ContainsRune(")]},.:;?!/\u061f\u060c、。，．：；？！」』）］｝〕〉》】", b)
	case noBreakBefore(b) || noBreakAfter(a):
		return false
	case strings.ContainsRune(")]}", a) && opening(b):
		return true
	case b == '%':
		return breakAfter(a)
	case strings.ContainsRune("+$", a) && strings.ContainsRune("+$", b):
		return true // "C+" "+": libunistring breaks between two prefixes
	case b == '\u2014': // an em dash
		return a != '\u2014'
	case breakAfter(a):
		if unicode.IsDigit(b) {
			// 1,000 and 3.5 stay whole; ?1 and !2 may break.
			return strings.ContainsRune("?!\u061f\u2026\u2014\u2013|", a)
		}
		return true
	case ideographic(a) || ideographic(b):
		return true
	}
	return false
}

// keptAcrossSpaces reports whether a and b stay on one line even with
// spaces between them: after an opening mark, between a quotation mark
// and an opening one, and between two em dashes.
func keptAcrossSpaces(a, b rune) bool {
	return opening(a) || quotation(a) && opening(b) || a == '\u2014' && b == '\u2014'
}

func opening(r rune) bool { return strings.ContainsRune("([{「『（［｛〔〈《【〘〖〝", r) }

func quotation(r rune) bool { return strings.ContainsRune(`'"‘’“”«»‹›`, r) }

// escaped reports whether r is written as an escape sequence.
func escaped(r rune) bool { return r == '"' || r == '\\' || r < 0x20 }

// breakAfter are the punctuation that a line may break after.
func breakAfter(r rune) bool {
	return strings.ContainsRune(",.:;?!|-/\u2014\u2013\u2026\u060c\u061f", r)
}

// noBreakBefore are closing marks, quotation marks, punctuation and small
// kana that a line never starts with.
func noBreakBefore(r rune) bool {
	return strings.ContainsRune(`)]},.:;?!/'"’”»›‘“«‹|`+"\u2026\u00a0\u202f\u2060\u2013、。，．：；？！」』）］｝〕〉》】〙〗〟ー・々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ〜～‼⁇⁈⁉゠", r)
}

// noBreakAfter are opening and quotation marks, which a line never ends
// with.
func noBreakAfter(r rune) bool {
	return strings.ContainsRune(`([{'"‘“«‹’”»›`+"\u00a0\u202f\u2060「『（［｛〔〈《【〘〖〝", r)
}

// ideographic reports whether r is written without spaces between words:
// a line may break before or after it.
func ideographic(r rune) bool {
	return runeWidth(r) == 2
}

// runeWidth is the columns r takes on a terminal: two for wide East Asian
// characters, none for combining marks.
func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	if unicode.In(r, unicode.Mn, unicode.Me) || r == '\u200b' || r == '\u200d' {
		return 0
	}
	return 1
}

// columns is the width of s in columns.
func columns(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// escape returns s as the inside of a PO string.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(escapeRune(r))
	}
	return b.String()
}

func escapeRune(r rune) string {
	switch r {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\v':
		return `\v`
	case '\\':
		return `\\`
	case '"':
		return `\"`
	}
	return string(r)
}

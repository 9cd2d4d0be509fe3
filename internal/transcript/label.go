package transcript

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// label returns the speaker whose label opens para, the paragraph at line,
// and the offset in the source where the turn's own text starts. It reports
// a label that could name two speakers, and one that names none but looks
// meant to.
func (b *bodyParser) label(para *ast.Paragraph, line int) (*Speaker, int) {
	if para.Lines().Len() == 0 {
		return nil, 0
	}
	start := para.Lines().At(0).Start
	head := labelHead(b.src[start:para.Lines().At(0).Stop])
	m, other := matchLabel(head, b.t.Speakers)
	switch {
	case other.speaker != nil:
		b.problems.Errorf(b.t.Path, line, "ambiguous speaker label: %q names %s (%s) and %q names %s (%s): rename one of them",
			labelText(head, m), m.speaker.Name, m.speaker.ID, labelText(head, other), other.speaker.Name, other.speaker.ID)
		return nil, 0
	case m.speaker == nil:
		b.checkUnknownLabel(head, line)
		return nil, 0
	}
	return m.speaker, start + m.n
}

// labelText is the label of m as written at the start of head.
func labelText(head []byte, m labelMatch) string {
	return strings.TrimRight(string(head[:m.n]), " \t\u00a0\u202f\u3000")
}

// checkUnknownLabel reports a paragraph whose head, the start of its first
// line, holds no speaker's label but was surely meant as one: a bold label,
// or a near miss of a declared name ("Lidia:" for Lydia).
func (b *bodyParser) checkUnknownLabel(head []byte, line int) {
	if bytes.IndexByte(head, ':') < 0 && !bytes.Contains(head, []byte("：")) {
		return // most paragraphs: no label-like colon
	}
	name, bold := labelLike(string(head))
	if name == "" {
		return
	}
	var names []string
	for _, sp := range b.t.Speakers {
		names = append(names, sp.Name)
		switch {
		case strings.EqualFold(name, sp.Name) || strings.EqualFold(name, sp.ID):
			b.problems.Errorf(b.t.Path, line, "speaker label of %s: close the bold right after the colon (**%s:**)", sp.Name, sp.Name)
			return
		case nearMiss(name, sp.Name) || nearMiss(name, sp.ID):
			b.problems.Errorf(b.t.Path, line, "unknown speaker %q: did you mean %q?", name, sp.Name)
			return
		}
	}
	if bold {
		b.problems.Errorf(b.t.Path, line, "unknown speaker %q: declare it in the front matter or use one of %s", name, strings.Join(names, ", "))
		return
	}
	if len(strings.Fields(name)) <= 2 && utf8.RuneCountInString(name) <= 24 {
		closest, best := "", -1
		for _, n := range names {
			if d := editDistance(strings.ToLower(name), strings.ToLower(n)); best < 0 || d < best {
				closest, best = n, d
			}
		}
		where := "it is narration"
		if b.turn != nil {
			where = "it continues " + b.turn.Speaker.Name + "'s turn"
		}
		b.problems.Warnf(b.t.Path, line, "%q looks like a speaker label but is not a declared speaker (closest: %s); %s", name+":", closest, where)
	}
}

// labelLike returns the name of a "Name:" or "**Name:**" label at the start
// of line: at most three words before a colon.
func labelLike(line string) (name string, bold bool) {
	rest, bold := strings.CutPrefix(line, "**")
	end := strings.IndexAny(rest, ":：")
	if end <= 0 || end > 60 {
		return "", false
	}
	name = strings.TrimSpace(strings.Trim(strings.TrimRight(rest[:end], " \u00a0\u202f"), "*"))
	if name == "" || len(strings.Fields(name)) > 3 || strings.ContainsAny(name, "[]()`<>#") {
		return "", false
	}
	if r, _ := utf8.DecodeRuneInString(name); !unicode.IsLetter(r) {
		return "", false
	}
	return name, bold
}

// nearMiss reports whether label is likely a typo of name: the same first
// letter and one edit away, or two for names of five letters or more.
func nearMiss(label, name string) bool {
	label, name = strings.ToLower(label), strings.ToLower(name)
	l, _ := utf8.DecodeRuneInString(label)
	n, _ := utf8.DecodeRuneInString(name)
	if l != n || utf8.RuneCountInString(label) < 3 {
		return false
	}
	limit := 1
	if utf8.RuneCountInString(name) >= 5 {
		limit = 2
	}
	return editDistance(label, name) <= limit
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// maxLabel bounds how far into a paragraph a speaker label is looked for:
// the longest name, two "**" and the colon fit with room to spare.
const maxLabel = 160

// labelHead is the start of line where a label can be, so that a long
// paragraph is not copied to look at its first words.
func labelHead(line []byte) []byte {
	if len(line) > maxLabel {
		return line[:maxLabel]
	}
	return line
}

// labelMatch is a speaker label at the start of a line: the speaker it
// names and the length of the label with the spaces after it.
type labelMatch struct {
	speaker *Speaker
	n       int
}

// matchLabel returns the speaker label at the start of line, the zero
// labelMatch if there is none. A line that reads as the labels of two
// speakers (named "Dr" and "Dr: Who", and "Dr: Who: …") names neither:
// other is then the second of them.
func matchLabel(line []byte, speakers []*Speaker) (m, other labelMatch) {
	s := string(line)
	start := 0
	bold := ""
	if strings.HasPrefix(s, "**") || strings.HasPrefix(s, "__") {
		bold, start = s[:2], 2
	}
	for _, sp := range speakers {
		for _, name := range []string{sp.Name, sp.ID} {
			if name == "" || len(s)-start < len(name) || !strings.EqualFold(s[start:start+len(name)], name) {
				continue
			}
			n := labelEnd(s, start+len(name), bold)
			switch {
			case n < 0:
			case m.speaker == nil || m.speaker == sp && n > m.n: // the longer of its name and id
				m = labelMatch{sp, n}
			case m.speaker != sp && other.speaker == nil:
				other = labelMatch{sp, n}
			}
		}
	}
	return m, other
}

// labelEnd returns where the label whose name ends at i ends, after its
// colon, the closing bold and the spaces that follow, or -1 if no colon
// closes it.
func labelEnd(s string, i int, bold string) int {
	i = skipSpace(s, i)
	if bold != "" && strings.HasPrefix(s[i:], bold) { // **Alex**:
		bold = ""
		i = skipSpace(s, i+2)
	}
	switch {
	case strings.HasPrefix(s[i:], ":"):
		i++
	case strings.HasPrefix(s[i:], "："):
		i += len("：")
	default:
		return -1
	}
	if bold != "" { // **Alex:**
		if !strings.HasPrefix(s[i:], bold) {
			return -1
		}
		i += 2
	}
	return skipSpace(s, i)
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != ' ' && r != '\t' && r != '\u00a0' && r != '\u202f' && r != '\u3000' {
			break
		}
		i += n
	}
	return i
}

// stripLabel removes the inline nodes of para that lie before end, the
// offset where the turn's own text starts.
func (b *bodyParser) stripLabel(para *ast.Paragraph, end int) {
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		lo, hi, ok := textRange(c)
		if !ok {
			// A typographer's substitution (’ for the ' of "O'Brien") has
			// no source range: it is in the label if the text after it is.
			lo, hi = end, end
			for n := next; n != nil; n = n.NextSibling() {
				if nlo, _, nok := textRange(n); nok {
					lo, hi = nlo, nlo
					break
				}
			}
		}
		if lo >= end {
			return
		}
		if hi <= end {
			para.RemoveChild(para, c)
			c = next
			continue
		}
		if t, isText := c.(*ast.Text); isText {
			t.Segment = t.Segment.WithStart(end)
		}
		return
	}
}

// textRange returns the source range covered by the text inside n.
func textRange(n ast.Node) (lo, hi int, ok bool) {
	lo, hi = -1, -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, isText := c.(*ast.Text); entering && isText {
			if lo < 0 || t.Segment.Start < lo {
				lo = t.Segment.Start
			}
			if t.Segment.Stop > hi {
				hi = t.Segment.Stop
			}
		}
		return ast.WalkContinue, nil
	})
	return lo, hi, lo >= 0
}

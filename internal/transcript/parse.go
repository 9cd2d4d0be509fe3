package transcript

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/tomlfile"
)

// Transcript is one language version of a discussion.
type Transcript struct {
	Path        string // as given to Parse, relative to the site root
	Title       string
	Description string
	Date        time.Time // zero when the front matter has none
	Speakers    []*Speaker
	Sections    []*Section
	Words       int // reading length in words; a CJK character counts as half a word

	turns int // kept through Release
}

// Speaker is one declared speaker.
type Speaker struct {
	ID   string
	Name string
	Role string
	Host bool
	Line int // line of its [speakers.<id>] table
}

// Section is a titled part of the discussion.
type Section struct {
	ID      string
	Line    int
	Title   string        // plain text; empty for an untitled first section
	Heading template.HTML // the title as inline HTML
	Intro   template.HTML // blocks before the first turn
	Blocks  int           // blocks of the introduction, for alignment
	Turns   []*Turn
}

// Turn is what one speaker says until the next speaker or section.
type Turn struct {
	ID      string
	Line    int
	Speaker *Speaker
	Blocks  int // paragraphs and other blocks, for alignment
	Body    template.HTML
}

// Turns returns every turn of t in order.
func (t *Transcript) Turns() []*Turn {
	var turns []*Turn
	for _, s := range t.Sections {
		turns = append(turns, s.Turns...)
	}
	return turns
}

// TurnCount is len(t.Turns()), without building the list, and after
// Release as before it.
func (t *Transcript) TurnCount() int { return t.turns }

// Release drops the sections of t, keeping its title, speakers, reading
// length and number of turns: what a site's index pages need once the
// transcript's own page is written.
func (t *Transcript) Release() { t.Sections = nil }

// Quotes are the marks the typographer puts in place of straight quotes.
type Quotes struct {
	LeftDouble, RightDouble, LeftSingle, RightSingle string
}

// Parser parses transcripts of one language. It is safe for concurrent use.
type Parser struct {
	md      goldmark.Markdown
	scratch sync.Pool // *scratch
}

// NewParser returns a parser whose typographer uses the given quotes; the
// zero Quotes means “ ” and ‘ ’.
func NewParser(q Quotes) *Parser {
	subst := map[extension.TypographicPunctuation]string{}
	set := func(k extension.TypographicPunctuation, v string) {
		if v != "" {
			subst[k] = v
		}
	}
	set(extension.LeftDoubleQuote, q.LeftDouble)
	set(extension.RightDoubleQuote, q.RightDouble)
	set(extension.LeftSingleQuote, q.LeftSingle)
	set(extension.RightSingleQuote, q.RightSingle)
	return &Parser{md: newMarkdown(subst)}
}

func (p *Parser) getScratch() *scratch {
	if sc, ok := p.scratch.Get().(*scratch); ok {
		return sc
	}
	sc := new(scratch)
	sc.out = bufio.NewWriter(&sc.buf)
	return sc
}

// Parse reads one transcript file. path is used in messages. The error, if
// any, is a diag.List; warnings come back with a usable transcript.
func (p *Parser) Parse(path string, src []byte) (*Transcript, diag.List) {
	var problems diag.List
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	words, bad := countWords(src)
	if bad >= 0 {
		problems.Errorf(path, lineAt(src, bad), "not valid UTF-8 (byte %#x): save the file as UTF-8", src[bad])
		return nil, problems
	}

	fm, bodyStart, bodyLine, err := splitFrontMatter(path, src)
	if err != nil {
		problems = append(problems, *err)
		return nil, problems
	}
	t := &Transcript{Path: path}
	p.frontMatter(t, fm, &problems)
	if problems.HasErrors() {
		return nil, problems
	}
	b := &bodyParser{
		p:        p,
		t:        t,
		src:      src[bodyStart:],
		lines:    newLineIndex(src[bodyStart:], bodyLine),
		problems: &problems,
		scratch:  p.getScratch(),
	}
	b.parse()
	p.scratch.Put(b.scratch)
	if problems.HasErrors() {
		return nil, problems
	}
	t.turns = b.turns
	head, _ := countWords(src[:bodyStart]) // a line break ends the front matter, and any word
	t.Words = words.minus(head).reading()
	return t, problems
}

func lineAt(src []byte, offset int) int {
	return 1 + bytes.Count(src[:offset], []byte("\n"))
}

// splitFrontMatter returns the TOML between the +++ lines, the offset where
// the body starts and the body's first line number.
func splitFrontMatter(path string, src []byte) (fm []byte, bodyStart, bodyLine int, err *diag.Diagnostic) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "+++" {
		if len(bytes.TrimSpace(src)) == 0 {
			return nil, 0, 0, &diag.Diagnostic{Path: path, Line: 1, Msg: "empty file: a transcript starts with +++ front matter"}
		}
		return nil, 0, 0, &diag.Diagnostic{Path: path, Line: 1, Msg: "no front matter: a transcript starts with a +++ line"}
	}
	offset := len(first) + 1
	line := 2
	for len(rest) > 0 {
		l, next, found := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(l, " \t")) == "+++" {
			end := offset + len(l)
			if found {
				end++
			}
			return src[len(first)+1 : offset], end, line + 1, nil
		}
		offset += len(l) + 1
		line++
		rest = next
		if !found {
			break
		}
	}
	return nil, 0, 0, &diag.Diagnostic{Path: path, Line: 1, Msg: "front matter opened here is not closed by a +++ line"}
}

type frontMatter struct {
	Title       string
	Description string
	Date        time.Time
	Speakers    map[string]speakerMeta
}

type speakerMeta struct {
	Name string
	Role string
	Host bool
}

func (p *Parser) frontMatter(t *Transcript, fm []byte, problems *diag.List) {
	var meta frontMatter
	if !tomlfile.Decode(problems, t.Path, 2, "front matter: ", fm, &meta) { // after the +++ line
		return
	}
	t.Title = strings.TrimSpace(meta.Title)
	t.Description = strings.TrimSpace(meta.Description)
	t.Date = meta.Date
	if t.Title == "" {
		problems.Errorf(t.Path, 1, "front matter has no title")
	}
	if len(meta.Speakers) == 0 {
		problems.Errorf(t.Path, 1, "front matter declares no speakers: add a [speakers.<id>] table for each")
	}
	// Declaration order, as written: by line, then by id. The decoder
	// takes [Speakers.max] for [speakers.max], but lines are found by the
	// key as written: such speakers have no line, and come last.
	lines := tomlfile.KeyLines(fm, 2)
	speakerLine := func(id string) int {
		if line := lines.Line("speakers", id); line > 0 {
			return line
		}
		return math.MaxInt
	}
	ids := slices.Collect(maps.Keys(meta.Speakers))
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(speakerLine(a), speakerLine(b)), strings.Compare(a, b))
	})
	for _, id := range ids {
		m := meta.Speakers[id]
		line := lines.Line("speakers", id)
		if line == 0 {
			line = 1 // the +++ line
		}
		s := &Speaker{ID: id, Name: strings.TrimSpace(m.Name), Role: strings.TrimSpace(m.Role), Host: m.Host, Line: line}
		switch {
		case !validID(id):
			problems.Errorf(t.Path, line, "speaker id %q: use ASCII letters, digits, - and _", id)
		case s.Name == "":
			problems.Errorf(t.Path, line, "speaker %q has no name", id)
		}
		if s.Role == "" {
			problems.Warnf(t.Path, line, "speaker %q has no role", id)
		}
		t.Speakers = append(t.Speakers, s)
	}
	checkSameLabel(t, lines, problems)
}

// checkSameLabel reports two speakers that one label would name: the name
// or id of one is the name or id of the other, ignoring case as labels do.
// The error is at the later speaker: at its name's line when its name is
// the cause, else at its table's.
func checkSameLabel(t *Transcript, lines tomlfile.Lines, problems *diag.List) {
	first := map[string]int{} // a folded name or id → the first speaker with it
	for i, b := range t.Speakers {
		earlier := i // the first earlier speaker whose label b's could be
		for _, label := range []string{b.Name, b.ID} {
			if j, ok := first[foldKey(label)]; ok && label != "" {
				earlier = min(earlier, j)
			}
		}
		if earlier < i {
			msg, byName := sameLabel(t.Speakers[earlier], b)
			line := b.Line
			if l := lines.Line("speakers", b.ID, "name"); byName && l > 0 {
				line = l
			}
			problems.Errorf(t.Path, line, "%s", msg)
		}
		for _, label := range []string{b.Name, b.ID} {
			if _, ok := first[foldKey(label)]; !ok && label != "" {
				first[foldKey(label)] = i
			}
		}
	}
}

// foldKey returns a key of s that two strings share when strings.EqualFold
// says they are equal: each rune is the least of its case-folding orbit.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}

// sameLabel says how a label could name both a and b, b declared after a,
// or returns "". byName tells whether b's name, rather than its id, is the
// cause.
func sameLabel(a, b *Speaker) (msg string, byName bool) {
	same := func(x, y string) bool { return x != "" && strings.EqualFold(x, y) }
	switch {
	case a.Name == b.Name && b.Name != "":
		return fmt.Sprintf("speakers %q and %q have the same name %q", a.ID, b.ID, b.Name), true
	case same(a.Name, b.Name):
		return fmt.Sprintf("speakers %q and %q have the same name but for case, %q and %q: labels ignore case", a.ID, b.ID, a.Name, b.Name), true
	case same(a.ID, b.ID):
		return fmt.Sprintf("speakers %q and %q have the same id but for case: labels ignore case", a.ID, b.ID), false
	case same(a.ID, b.Name):
		return fmt.Sprintf("speakers %q and %q: the name of %q, %q, is the id of %q, so the label %q could name either", a.ID, b.ID, b.ID, b.Name, a.ID, b.Name+":"), true
	case same(a.Name, b.ID):
		return fmt.Sprintf("speakers %q and %q: the id of %q is the name of %q, %q, so the label %q could name either", a.ID, b.ID, b.ID, a.ID, a.Name, a.Name+":"), false
	}
	return "", false
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// lineIndex maps byte offsets of the body to line numbers of the file.
type lineIndex struct {
	starts []int
	first  int
}

func newLineIndex(src []byte, first int) lineIndex {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return lineIndex{starts: starts, first: first}
}

func (x lineIndex) line(offset int) int {
	return x.first + sort.SearchInts(x.starts, offset+1) - 1
}

type bodyParser struct {
	p        *Parser
	t        *Transcript
	src      []byte
	lines    lineIndex
	problems *diag.List

	section     *Section
	turn        *Turn
	pending     *ast.Document // blocks of the open turn or introduction, not yet rendered
	lastHeading int           // level of the last heading, 0 before the first
	turns       int           // turns opened so far
	scratch     *scratch      // from the Parser's pool, for rendering
}

// scratch is where a turn is rendered. goldmark wraps any writer but a
// bufio.Writer in a new 4 KiB one on every call, once per turn: a third of
// what parsing allocated. Parsers keep them in a pool across files.
type scratch struct {
	buf bytes.Buffer
	out *bufio.Writer // writes into buf; goldmark flushes it after each render
}

func (b *bodyParser) parse() {
	doc, reached := parseMarkdown(b.p.md, b.src)
	for _, r := range reached {
		b.problems.Errorf(b.t.Path, b.lines.line(r.offset), "%s", r.msg)
	}
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		b.block(n)
		n = next
	}
	b.flush()
}

func (b *bodyParser) block(n ast.Node) {
	line := b.nodeLine(n)
	if h, ok := n.(*ast.Heading); ok {
		if b.lastHeading > 0 && h.Level > b.lastHeading+1 {
			b.problems.Warnf(b.t.Path, line, "heading level jumps from %s to %s", strings.Repeat("#", b.lastHeading), strings.Repeat("#", h.Level))
		}
		b.lastHeading = h.Level
	}
	if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
		if h.Level == 1 {
			b.problems.Errorf(b.t.Path, line, "a \"# \" heading in the body: the title belongs in the front matter, sections start with \"## \"")
			return
		}
		b.flush()
		b.section = &Section{
			ID:      fmt.Sprintf("s%d", len(b.t.Sections)+1),
			Line:    line,
			Title:   plainText(h, b.src),
			Heading: b.renderChildren(h),
		}
		b.t.Sections = append(b.t.Sections, b.section)
		return
	}
	if b.section == nil {
		b.section = &Section{ID: "s1", Line: line}
		b.t.Sections = append(b.t.Sections, b.section)
	}
	if para, ok := n.(*ast.Paragraph); ok {
		if sp, end := b.label(para, line); sp != nil {
			b.flush()
			b.stripLabel(para, end)
			b.turn = &Turn{
				ID:      fmt.Sprintf("t%d", b.turns+1),
				Line:    line,
				Speaker: sp,
			}
			b.section.Turns = append(b.section.Turns, b.turn)
			b.turns++
			if para.ChildCount() == 0 {
				return // "Alex:" alone: the turn's text follows
			}
		}
	}
	if b.turn != nil {
		b.turn.Blocks++
		// On the page a turn is headed by its speaker's name, one level
		// below the section: its own headings go one level further down.
		if h, ok := n.(*ast.Heading); ok && h.Level < 6 {
			h.Level++
		}
	} else {
		b.section.Blocks++
	}
	// Blocks are rendered together when their turn or introduction ends:
	// goldmark's renderer costs a buffer per call.
	if b.pending == nil {
		b.pending = ast.NewDocument()
	}
	b.pending.AppendChild(b.pending, n)
}

// render renders the pending blocks and clears them.
func (b *bodyParser) render(line int) template.HTML {
	if b.pending == nil {
		return ""
	}
	sc := b.scratch
	sc.buf.Reset()
	if err := b.p.md.Renderer().Render(sc.out, b.src, b.pending); err != nil {
		b.problems.Errorf(b.t.Path, line, "rendering: %v", err)
	}
	b.pending = nil
	return template.HTML(sc.buf.String())
}

// flush renders the pending blocks into the open turn, which it closes,
// or else into the introduction of the section.
func (b *bodyParser) flush() {
	switch {
	case b.turn != nil:
		if b.turn.Blocks == 0 {
			b.problems.Warnf(b.t.Path, b.turn.Line, "empty turn: %s says nothing", b.turn.Speaker.Name)
		}
		b.turn.Body = b.render(b.turn.Line)
		b.turn = nil
	case b.section != nil:
		b.section.Intro += b.render(b.section.Line)
	}
}

func (b *bodyParser) nodeLine(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return b.lines.line(n.Lines().At(0).Start)
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return b.lines.line(c.Lines().At(0).Start)
		}
	}
	if pos := n.Pos(); pos >= 0 {
		return b.lines.line(pos)
	}
	return b.lines.first
}

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

// renderChildren renders the inline content of n, such as a heading's.
func (b *bodyParser) renderChildren(n ast.Node) template.HTML {
	line := b.nodeLine(n)
	doc := ast.NewDocument()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		doc.AppendChild(doc, c)
		c = next
	}
	b.pending = doc
	return template.HTML(strings.TrimSpace(string(b.render(line))))
}

func plainText(n ast.Node, src []byte) string {
	var buf strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			buf.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				buf.WriteByte(' ')
			}
		case *ast.String:
			buf.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(buf.String())
}

// wordCount measures reading length: words of spaced scripts, and Han,
// kana or Hangul characters, two of which read as one word.
type wordCount struct{ spaced, cjk int }

func (c wordCount) reading() int { return c.spaced + c.cjk/2 }

func (c wordCount) minus(d wordCount) wordCount {
	return wordCount{c.spaced - d.spaced, c.cjk - d.cjk}
}

// countWords counts the words of src: a run of letters or digits in a
// spaced script is a word, and a Han, kana or Hangul character is half of
// one. It also checks the UTF-8 it decodes: bad is the offset of the first
// byte that is not valid UTF-8, or -1. It runs over every byte of every
// transcript, so it decodes UTF-8 itself and classifies the runes of the
// Basic Multilingual Plane with one table lookup.
func countWords(src []byte) (n wordCount, bad int) {
	runeClass := runeClasses()
	words, cjk, inWord := 0, 0, 0
	for i := 0; i < len(src); {
		c := src[i]
		var class byte
		switch {
		case c < utf8.RuneSelf:
			class = runeClass[c]
			i++
		case c >= 0xc2 && c < 0xe0 && i+1 < len(src) && src[i+1]&0xc0 == 0x80:
			class = runeClass[rune(c&0x1f)<<6|rune(src[i+1]&0x3f)]
			i += 2
		case c >= 0xe0 && c < 0xf0 && i+2 < len(src) && src[i+1]&0xc0 == 0x80 && src[i+2]&0xc0 == 0x80:
			r := rune(c&0x0f)<<12 | rune(src[i+1]&0x3f)<<6 | rune(src[i+2]&0x3f)
			if r < 0x800 || r >= 0xd800 && r <= 0xdfff { // overlong, or a surrogate
				return wordCount{}, i
			}
			class = runeClass[r]
			i += 3
		default:
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				return wordCount{}, i
			}
			class = classify(r)
			i += n
		}
		// Without branches: a word starts where a word rune follows another.
		word := int(class & classWord)
		words += word &^ inWord
		cjk += int(class >> 1)
		inWord = word
	}
	return wordCount{words, cjk}, -1
}

// The classes of runes for countWords, as bits.
const (
	classSeparator = 0
	classWord      = 1
	classCJK       = 2
)

// runeClasses holds the class of every rune of the Basic Multilingual
// Plane, made on first use rather than at every start of the program.
var runeClasses = sync.OnceValue(func() *[0x10000]byte {
	var t [0x10000]byte
	for r := range t {
		t[r] = classify(rune(r))
	}
	return &t
})

func classify(r rune) byte {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return classWord
		}
		return classSeparator
	case isCJK(r):
		return classCJK
	case isSeparator(r):
		return classSeparator
	}
	return classWord
}

// isCJK reports whether r is a Han, kana or Hangul character.
func isCJK(r rune) bool {
	return r >= 0x3040 && r <= 0x30ff || // hiragana, katakana
		r >= 0x3400 && r <= 0x9fff || // Han
		r >= 0xac00 && r <= 0xd7af || // Hangul
		r >= 0xf900 && r <= 0xfaff || // Han compatibility
		r >= 0x20000 && r <= 0x3ffff // Han extensions
}

// isSeparator reports whether a non-ASCII r ends a word: spaces and
// punctuation of Latin-1, general and CJK punctuation, full-width forms,
// Arabic punctuation.
func isSeparator(r rune) bool {
	return r >= 0x80 && r <= 0xbf || r == 0xd7 || r == 0xf7 ||
		r >= 0x2000 && r <= 0x206f ||
		r >= 0x3000 && r <= 0x303f ||
		r >= 0xff00 && r <= 0xff0f || r >= 0xff1a && r <= 0xff20 || r >= 0xff3b && r <= 0xff40 || r >= 0xff5b && r <= 0xff65 ||
		r == 0x060c || r == 0x061b || r == 0x061f || r == 0x06d4
}

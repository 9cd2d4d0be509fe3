package transcript

import (
	"bytes"
	"html/template"
	"sort"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// Transcript is a discussion in one language: one file
// content/<slug>/index.<lang>.md.
type Transcript struct {
	Path        string // as given to Parse, relative to the site root
	Title       string
	Description string
	Date        time.Time // zero when the front matter has none
	Source      string    // the http or https URL the discussion was first published at, or ""
	Translator  string    // who translated it, or ""
	Image       string    // the picture of its social card: an http or https URL, a path from the site's root, or ""
	Speakers    []*Speaker
	Sections    []*Section
	Reading     Reading // the body's length, per script

	turns int // len(Turns()), counted as the body is parsed
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
	// IntroText is the introduction as plain text, as Turn.Text.
	IntroText []string
	// IntroSource is the introduction's blocks as typed, as Turn.Source.
	IntroSource []Block
	Turns       []*Turn
}

// Turn is what one speaker says until the next speaker or section.
type Turn struct {
	ID      string
	Line    int
	Speaker *Speaker
	Blocks  int // paragraphs and other blocks, for alignment
	Body    template.HTML
	// Text is the turn as plain text, a paragraph each (see
	// plainParagraphs).
	Text []string
	// Source is the turn's blocks as typed, without its label: what a
	// translator translates, a block at a time.
	Source []Block
}

// A Block is one block of a turn or an introduction as typed: a
// paragraph, a list, a quote, a code block, a table.
type Block struct {
	Markdown string
	// Start and End are where Markdown is in the file, as byte offsets
	// once a leading byte order mark is dropped and line ends are "\n".
	Start, End int
}

// Turns returns every turn of t in order.
func (t *Transcript) Turns() []*Turn {
	var turns []*Turn
	for _, s := range t.Sections {
		turns = append(turns, s.Turns...)
	}
	return turns
}

// TurnCount is len(t.Turns()), without building the list.
func (t *Transcript) TurnCount() int { return t.turns }

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

// Parse reads one transcript file. path is used in messages. The error, if
// any, is a diag.List; warnings come back with a usable transcript.
func (p *Parser) Parse(path string, src []byte) (*Transcript, diag.List) {
	var problems diag.List
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	reading, bad := countReading(src)
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
		offset:   bodyStart,
		problems: &problems,
		scratch:  p.getScratch(),
	}
	b.parse()
	p.scratch.Put(b.scratch)
	if problems.HasErrors() {
		return nil, problems
	}
	t.turns = b.turns
	head, _ := countReading(src[:bodyStart])
	t.Reading = reading.minus(head)
	return t, problems
}

func lineAt(src []byte, offset int) int {
	return 1 + bytes.Count(src[:offset], []byte("\n"))
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

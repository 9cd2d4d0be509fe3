package transcript

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

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
	offset      int           // where the body starts in the file
	open        *[]Block      // the blocks whose last one has no End yet
	scratch     *scratch      // from the Parser's pool, for rendering
}

// scratch is where a turn is rendered. goldmark wraps any writer but a
// bufio.Writer in a new 4 KiB one on every call, once per turn: a third of
// what parsing allocated. Parsers keep them in a pool across files.
type scratch struct {
	buf bytes.Buffer
	out *bufio.Writer // writes into buf; goldmark flushes it after each render
}

func (p *Parser) getScratch() *scratch {
	if sc, ok := p.scratch.Get().(*scratch); ok {
		return sc
	}
	sc := new(scratch)
	sc.out = bufio.NewWriter(&sc.buf)
	return sc
}

func (b *bodyParser) parse() {
	doc, reached := parseMarkdown(b.p.md, b.src)
	for _, r := range reached {
		b.problems.Errorf(b.t.Path, b.lines.line(r.offset), "%s", r.msg)
	}
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		b.closeBlock(b.lineStart(n))
		b.block(n)
		n = next
	}
	b.closeBlock(len(b.src))
	b.flush()
}

// lineStart returns the offset of the start of the line n begins on: of
// its opening fence, for fenced code.
func (b *bodyParser) lineStart(n ast.Node) int {
	line := b.nodeLine(n) - b.lines.first
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		switch {
		case f.Info != nil:
			line = b.lines.line(f.Info.Segment.Start) - b.lines.first
		case f.Lines().Len() > 0:
			line--
		}
	}
	line = max(0, min(line, len(b.lines.starts)-1))
	return b.lines.starts[line]
}

// openBlock adds a block that starts at offset to blocks; the next block,
// or the end of the body, ends it.
func (b *bodyParser) openBlock(blocks *[]Block, offset int) {
	*blocks = append(*blocks, Block{Start: offset})
	b.open = blocks
}

// closeBlock ends the open block before next, the offset where what
// follows it starts, leaving out the blank lines between.
func (b *bodyParser) closeBlock(next int) {
	if b.open == nil {
		return
	}
	blk := &(*b.open)[len(*b.open)-1]
	end := max(blk.Start, next)
	for end > blk.Start && (b.src[end-1] == ' ' || b.src[end-1] == '\t' || b.src[end-1] == '\n') {
		end--
	}
	blk.Markdown = string(b.src[blk.Start:end])
	blk.Start += b.offset
	blk.End = end + b.offset
	b.open = nil
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
	start := b.lineStart(n)
	if para, ok := n.(*ast.Paragraph); ok {
		if sp, end := b.label(para, line); sp != nil {
			start = end
			for start < len(b.src) && (b.src[start] == ' ' || b.src[start] == '\t' || b.src[start] == '\n') {
				start++
			}
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
		b.openBlock(&b.turn.Source, start)
		// On the page a turn is headed by its speaker's name, one level
		// below the section: its own headings go one level further down.
		if h, ok := n.(*ast.Heading); ok && h.Level < 6 {
			h.Level++
		}
	} else {
		b.section.Blocks++
		b.openBlock(&b.section.IntroSource, start)
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

// text returns the pending blocks as plain text, a paragraph each.
func (b *bodyParser) text() []string {
	if b.pending == nil {
		return nil
	}
	return plainParagraphs(b.pending, b.src)
}

// flush renders the pending blocks into the open turn, which it closes,
// or else into the introduction of the section.
func (b *bodyParser) flush() {
	switch {
	case b.turn != nil:
		if b.turn.Blocks == 0 {
			b.problems.Warnf(b.t.Path, b.turn.Line, "empty turn: %s says nothing", b.turn.Speaker.Name)
		}
		b.turn.Text = b.text()
		b.turn.Body = b.render(b.turn.Line)
		b.turn = nil
	case b.section != nil:
		b.section.IntroText = append(b.section.IntroText, b.text()...)
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

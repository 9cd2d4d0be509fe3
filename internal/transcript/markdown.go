package transcript

import (
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Limits of the Markdown a transcript may hold (see "Limits" in doc.go).
// goldmark takes time quadratic in the input, or worse, on some hostile
// Markdown; rosetta replaces or wraps the parts of it that do, so that any
// body parses in time linear in its size. Past a limit, the input is an
// error at its line, or plain text where no transcript would notice.
const (
	maxNesting    = 32 // lists and block quotes inside each other: deeper is an error
	maxLinkDepth  = 32 // "[" and "![" open at once in one paragraph: more is an error
	maxLinkParens = 32 // nested parentheses in an inline link's destination: more is text
	maxQuoteRun   = 16 // ' or " in a row: a longer run is left as typed
)

// newMarkdown returns goldmark configured for transcripts: CommonMark with
// the typographer, tables and strikethrough, in safe mode (raw HTML becomes
// a comment and dangerous URLs are dropped: no html.WithUnsafe here).
//
// Compared with goldmark's defaults, the link parser is wrapped
// (linkParser), emphasis and strikethrough are paired here
// (delimiterParser), link reference definitions are read here
// (linkReferences), lists and block quotes have a depth limit
// (nestingLimit), and long runs of quotes skip the typographer
// (quoteRuns). Each of these is where goldmark 1.8 is quadratic.
// testdata/goldmark-linear.patch makes the fixes that belong in goldmark
// itself (all but the nesting limits and quote runs), for upstream; rosetta
// works with goldmark as released.
func newMarkdown(subst map[extension.TypographicPunctuation]string) goldmark.Markdown {
	p := parser.NewParser(
		parser.WithBlockParsers( // parser.DefaultBlockParsers, two of them wrapped
			util.Prioritized(parser.NewSetextHeadingParser(), 100),
			util.Prioritized(parser.NewThematicBreakParser(), 200),
			util.Prioritized(nestingLimit{parser.NewListParser()}, 300),
			util.Prioritized(parser.NewListItemParser(), 400),
			util.Prioritized(parser.NewCodeBlockParser(), 500),
			util.Prioritized(parser.NewATXHeadingParser(), 600),
			util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
			util.Prioritized(nestingLimit{parser.NewBlockquoteParser()}, 800),
			util.Prioritized(parser.NewHTMLBlockParser(), 900),
			util.Prioritized(parser.NewParagraphParser(), 1000),
		),
		parser.WithInlineParsers( // parser.DefaultInlineParsers, the typographer and strikethrough
			util.Prioritized(parser.NewCodeSpanParser(), 100),
			util.Prioritized(linkParser{parser.NewLinkParser()}, 200),
			util.Prioritized(parser.NewAutoLinkParser(), 300),
			util.Prioritized(parser.NewRawHTMLParser(), 400),
			util.Prioritized(delimiterParser{}, 500),
			util.Prioritized(quoteRuns{extension.NewTypographerParser(extension.WithTypographicSubstitutions(subst))}, 9999),
		),
		parser.WithParagraphTransformers(util.Prioritized(linkReferences{}, 100)),
	)
	return goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(extension.Table),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		)),
	)
}

// limitsKey holds the *limits of one parse in its parser.Context.
var limitsKey = parser.NewContextKey()

// limits is the state the bounded parsers share during one parse.
type limits struct {
	openLinks  int                 // "[" and "![" open in the block being parsed
	delimiters []*parser.Delimiter // emphasis and strikethrough runs of the block, in order
	reader     linkReader          // what the link parser reads at each "]"
	reached    []limitReached      // the first input past each limit
	reported   map[string]bool
}

// limitReached is input past a limit, at a byte offset of the source.
type limitReached struct {
	offset int
	msg    string
}

func limitsOf(pc parser.Context) *limits {
	return pc.ComputeIfAbsent(limitsKey, func() any { return new(limits) }).(*limits)
}

// reach records the first input past a limit; later ones of the same
// limit add nothing for a reader to fix.
func (l *limits) reach(offset int, format string, args ...any) {
	if l.reported == nil {
		l.reported = map[string]bool{}
	}
	if l.reported[format] {
		return
	}
	l.reported[format] = true
	l.reached = append(l.reached, limitReached{offset, fmt.Sprintf(format, args...)})
}

// parseMarkdown parses src with md and returns the document and the input
// found past a limit, if any.
func parseMarkdown(md goldmark.Markdown, src []byte) (ast.Node, []limitReached) {
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return doc, limitsOf(pc).reached
}

// nestingLimit wraps the parsers of lists and block quotes. goldmark checks
// every open block again on every line, scanning the line's indentation for
// each, and measures a line from its start for each block it opens on it:
// a list nested n deep on n lines takes time of the order of n³, and n
// block quotes or list markers on one line n². A list or block quote that
// would open more than maxNesting deep is not opened, and is an error.
//
// The depth is that of parent: pc.OpenedBlocks still holds the blocks that
// the line closes, such as a deep list before a block quote that ends it.
type nestingLimit struct{ parser.BlockParser }

func (n nestingLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, pos := reader.Position()
	node, state := n.BlockParser.Open(parent, reader, pc)
	if node == nil {
		return nil, state
	}
	depth := 0
	for b := parent; b != nil; b = b.Parent() {
		if k := b.Kind(); k == ast.KindList || k == ast.KindBlockquote {
			depth++
		}
	}
	if depth < maxNesting {
		return node, state
	}
	reader.SetPosition(line, pos)
	limitsOf(pc).reach(pos.Start, "lists and block quotes nested more than %d deep", maxNesting)
	return nil, parser.NoChildren
}

// linkParser wraps goldmark's link parser, which is quadratic in three
// ways:
//
//   - For each "](" it scans the destination to the end of the line when
//     parentheses do not close, so "[a](" repeated takes quadratic time.
//     CommonMark lets a parser limit their nesting, as cmark does at 32:
//     linkParser makes a destination that nests deeper, or a "<…>"
//     destination holding an unescaped "<" (which CommonMark excludes),
//     not a link, before goldmark scans it.
//   - To read a label ("[a]" and "[a][b]") it finds the label's line by
//     searching back from the paragraph's last line: linkReader finds it
//     by bisection.
//   - For each "]" it walks every node after the matching "[", to refuse
//     a link inside a link: n nested brackets cost time n². More than
//     maxLinkDepth brackets open at once is an error.
type linkParser struct{ parser.InlineParser }

func (p linkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	l := limitsOf(pc)
	line, seg := block.PeekLine()
	if line[0] != ']' {
		if line[0] == '!' && (len(line) < 2 || line[1] != '[') {
			return nil
		}
		if l.openLinks >= maxLinkDepth {
			l.reach(seg.Start, "links and images nested more than %d deep (too many \"[\" open at once)", maxLinkDepth)
			return nil
		}
		n := p.InlineParser.Parse(parent, block, pc)
		if n != nil {
			l.openLinks++
		}
		return n
	}
	r := &l.reader
	*r = linkReader{Reader: block, lines: parent.Lines(), noLinkAt: -1}
	if !destinationWithinLimits(block) {
		r.noLinkAt = seg.Start + 1
	}
	n := p.InlineParser.Parse(parent, r, pc)
	r.Reader = nil
	if l.openLinks > 0 {
		l.openLinks-- // a "]" closes the last "[", whether it makes a link or not
	}
	return n
}

// CloseBlock closes the brackets left open, as goldmark's link parser does.
func (p linkParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	p.InlineParser.(parser.CloseBlocker).CloseBlock(parent, block, pc)
	limitsOf(pc).openLinks = 0
}

// destinationWithinLimits reports whether a "(" after the "]" at the
// reader's position may start an inline link: true unless its destination
// nests parentheses more than maxLinkParens deep or is a "<…>" destination
// holding an unescaped "<". It reads the line as goldmark's
// parseLinkDestination does and stops where it stops, or sooner.
func destinationWithinLimits(block text.Reader) bool {
	line, _ := block.PeekLine()
	if len(line) < 2 || line[1] != '(' {
		return true
	}
	l, pos := block.Position()
	defer block.SetPosition(l, pos)
	block.Advance(2)
	block.SkipSpaces()
	line, _ = block.PeekLine()
	pointy := len(line) > 0 && line[0] == '<'
	depth := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]):
			i++
		case pointy && c == '>':
			return true
		case pointy:
			if c == '<' && i > 0 {
				return false
			}
		case c == '(':
			if depth++; depth > maxLinkParens {
				return false
			}
		case c == ')':
			if depth--; depth < 0 {
				return true
			}
		case util.IsSpace(c):
			return true
		}
	}
	return true
}

// linkReader is a paragraph's reader as goldmark's link parser sees it at
// a "]", and as linkReferences reads definitions. Value finds a segment's
// line by bisection, where goldmark's block reader searches back from the
// last line. At noLinkAt, where a "(" follows the "]" but cannot start a
// link, Peek shows no "(": goldmark goes on as when a destination does not
// parse.
type linkReader struct {
	text.Reader
	lines    *text.Segments
	noLinkAt int
}

func (r *linkReader) Peek() byte {
	if r.noLinkAt >= 0 {
		if _, pos := r.Reader.Position(); pos.Start == r.noLinkAt {
			return ' '
		}
	}
	return r.Reader.Peek()
}

func (r *linkReader) Value(seg text.Segment) []byte {
	return linesValue(r.Reader.Source(), r.lines, seg)
}

// linesValue is the text of seg in a block of lines: what goldmark's block
// reader's Value returns, with the padding of tabs, in time proportional
// to seg and the logarithm of the number of lines.
func linesValue(source []byte, lines *text.Segments, seg text.Segment) []byte {
	n := lines.Len()
	// The last line that starts at or before seg.
	lo, hi := 0, n
	for lo < hi {
		if mid := int(uint(lo+hi) >> 1); lines.At(mid).Start <= seg.Start {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	ret := make([]byte, 0, seg.Stop-seg.Start+1)
	i := seg.Start
	for line := max(lo-1, 0); line < n; line++ {
		s := lines.At(line)
		if i < 0 {
			i = s.Start
		}
		ret = s.ConcatPadding(ret)
		for ; i < seg.Stop && i < s.Stop; i++ {
			ret = append(ret, source[i])
		}
		i = -1
		if s.Stop > seg.Stop {
			break
		}
	}
	return ret
}

// quoteRuns wraps the typographer, which scans the whole run of quotes
// after each quote it is given: a run of n quotes takes time n². A run of
// more than maxQuoteRun of the same quote mark is left as typed.
type quoteRuns struct{ parser.InlineParser }

func (q quoteRuns) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if c := line[0]; c == '\'' || c == '"' {
		n := 1
		for n < len(line) && line[n] == c {
			n++
		}
		if n > maxQuoteRun {
			block.Advance(n)
			return ast.NewTextSegment(seg.WithStop(seg.Start + n))
		}
	}
	return q.InlineParser.Parse(parent, block, pc)
}

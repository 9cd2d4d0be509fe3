package transcript

import (
	"slices"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// delimiterParser reads runs of "*", "_" and "~" as goldmark's emphasis and
// strikethrough parsers do, and pairs them when the block closes, as
// goldmark's parser.ProcessDelimiters does, with the same results.
//
// ProcessDelimiters looks for each closer's opener by searching back over
// every earlier delimiter, so that "*a_ " repeated takes quadratic time.
// pairDelimiters remembers, for each kind of closer, below which delimiter
// no opener can match it (cmark's openers_bottom), and searches no further.
//
// The delimiters are kept out of goldmark's own list, which stays empty:
// goldmark then has nothing to pair when a link closes, and the delimiters
// inside a link or image are paired with each other when the block closes,
// as goldmark pairs them when the link closes.
type delimiterParser struct{}

func (delimiterParser) Trigger() []byte { return []byte{'*', '_', '~'} }

func (delimiterParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	var proc parser.DelimiterProcessor = emphasisDelimiters{}
	if line[0] == '~' {
		// Only "~" and "~~" strike through. goldmark's parser checks the
		// character before after scanning the run, so that each "~" of a
		// long run scans the rest of it.
		if before == '~' {
			return nil
		}
		proc = strikethroughDelimiters{}
	}
	d := parser.ScanDelimiter(line, before, 1, proc)
	if d == nil || d.Char == '~' && d.OriginalLength > 2 {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	l := limitsOf(pc)
	l.delimiters = append(l.delimiters, d)
	return d
}

// CloseBlock pairs the delimiters of the block.
func (delimiterParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	l := limitsOf(pc)
	if len(l.delimiters) == 0 {
		return
	}
	defer func() {
		clear(l.delimiters)
		l.delimiters = l.delimiters[:0]
	}()
	// Those that share a parent (the block, or a link or an image) pair
	// with each other, in order. Most blocks have one.
	first := l.delimiters[0].Parent()
	if !slices.ContainsFunc(l.delimiters, func(d *parser.Delimiter) bool { return d.Parent() != first }) {
		pairDelimiters(l.delimiters)
		return
	}
	var parents []ast.Node
	groups := map[ast.Node][]*parser.Delimiter{}
	for _, d := range l.delimiters {
		p := d.Parent()
		if groups[p] == nil {
			parents = append(parents, p)
		}
		groups[p] = append(groups[p], d)
	}
	for _, p := range parents {
		pairDelimiters(groups[p])
	}
}

type emphasisDelimiters struct{}

func (emphasisDelimiters) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisDelimiters) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

type strikethroughDelimiters struct{}

func (strikethroughDelimiters) IsDelimiter(b byte) bool { return b == '~' }

func (strikethroughDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (strikethroughDelimiters) OnMatch(consumes int) ast.Node { return extast.NewStrikethrough() }

// pairDelimiters turns the matching delimiters of ds, siblings in document
// order, into emphasis and strikethrough nodes, and the others into text:
// goldmark's ProcessDelimiters with a bottom for each kind of closer.
func pairDelimiters(ds []*parser.Delimiter) {
	n := len(ds)
	links := make([]int, 2*n) // the live delimiters, as a linked list of indexes
	prev, next := links[:n], links[n:]
	for i := range ds {
		prev[i], next[i] = i-1, i+1
	}
	next[n-1] = -1
	remove := func(i int) {
		if prev[i] >= 0 {
			next[prev[i]] = next[i]
		}
		if next[i] >= 0 {
			prev[next[i]] = prev[i]
		}
		prev[i], next[i] = -2, -2
		d := ds[i]
		if p := d.Parent(); d.Length != 0 {
			ast.MergeOrReplaceTextSegment(p, d, d.Segment)
		} else {
			p.RemoveChild(p, d)
		}
	}
	// Whether an opener matches a closer depends on the closer only
	// through its character, whether it can open, and its length modulo
	// 3 (CommonMark's rule of three); and openers are only ever used up.
	// So when a closer finds no opener, no later closer of its kind will
	// find one below it: bottom[kind] is where their search stops.
	var bottom [3 * 2 * 3]int
	kind := func(d *parser.Delimiter) int {
		k := 0
		switch d.Char {
		case '_':
			k = 1
		case '~':
			k = 2
		}
		if d.CanOpen {
			k += 3
		}
		return k*3 + d.OriginalLength%3
	}
	for c := 0; c >= 0; {
		closer := ds[c]
		if !closer.CanClose {
			c = next[c]
			continue
		}
		k := kind(closer)
		consume := 0
		o := prev[c]
		for ; o >= bottom[k]; o = prev[o] {
			opener := ds[o]
			if opener.CanOpen && opener.Processor.CanOpenCloser(opener, closer) {
				if consume = opener.CalcComsumption(closer); consume > 0 {
					break
				}
			}
		}
		if o < bottom[k] {
			bottom[k] = c // the closer itself may still open
			nextCloser := next[c]
			if !closer.CanOpen {
				// goldmark keeps it when a same-character opener was in
				// the way; either way it ends as text where it is.
				remove(c)
			}
			c = nextCloser
			continue
		}
		opener := ds[o]
		opener.ConsumeCharacters(consume)
		closer.ConsumeCharacters(consume)
		node := opener.Processor.OnMatch(consume)
		node.SetPos(opener.Segment.Start)
		parent := opener.Parent()
		for child := opener.NextSibling(); child != nil && child != ast.Node(closer); {
			following := child.NextSibling()
			node.AppendChild(node, child)
			child = following
		}
		parent.InsertAfter(parent, opener, node)
		for i := next[o]; i != c; {
			following := next[i]
			remove(i)
			i = following
		}
		if opener.Length == 0 {
			remove(o)
		}
		if closer.Length == 0 {
			nextCloser := next[c]
			remove(c)
			c = nextCloser
		}
	}
	for i := range ds {
		if prev[i] != -2 {
			remove(i)
		}
	}
}

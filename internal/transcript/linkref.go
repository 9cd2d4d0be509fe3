package transcript

import (
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkReferences reads the link reference definitions ("[a]: /url") that
// start a paragraph, with the results of goldmark's
// parser.LinkReferenceParagraphTransformer, in time linear in the
// paragraph. goldmark's takes time proportional to the definitions times
// the paragraph's lines: it finds each label's line by searching back from
// the last line, and removes each definition's lines by moving all the
// lines after them.
type linkReferences struct{}

var linkFindClosure = text.FindClosureOptions{Nesting: false, Newline: true, Advance: true}

func (linkReferences) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() == 0 {
		return
	}
	if !startsWithBracket(lines.At(0), reader.Source()) {
		return // most paragraphs
	}
	block := &linkReader{Reader: text.NewBlockReader(reader.Source(), lines), lines: lines, noLinkAt: -1}
	var removes [][2]int
	for {
		ref, start, end := parseLinkReference(block, pc)
		if start < 0 {
			break
		}
		if start == 0 {
			ref.SetBlankPreviousLines(node.HasBlankPreviousLines())
		}
		node.Parent().InsertBefore(node.Parent(), node, ref)
		for i := start + 1; i < end; i++ {
			ref.Lines().Append(lines.At(i))
		}
		last := ref.Lines().Len() - 1
		seg := ref.Lines().At(last)
		ref.Lines().Set(last, seg.TrimRightSpace(reader.Source()))
		if start == end {
			end++
		}
		removes = append(removes, [2]int{start, end})
	}
	if len(removes) == 0 {
		return
	}
	kept := removeLines(lines.Sliced(0, lines.Len()), removes)
	if len(kept) == 0 {
		node.Parent().RemoveChild(node.Parent(), node)
		return
	}
	lines.SetSliced(0, 0)
	lines.AppendAll(kept)
	node.SetLines(lines)
}

// startsWithBracket reports whether the first character of line that is
// not a space is "[", as it is in a definition.
func startsWithBracket(line text.Segment, source []byte) bool {
	for _, c := range line.Value(source) {
		if !util.IsSpace(c) {
			return c == '['
		}
	}
	return false
}

// removeLines returns what goldmark's transformer leaves of lines after
// its removes: for each [start, end), with offset the previous end, the
// lines from start-offset to end-offset of what is left go. (When
// definitions do not follow each other, which a title spanning lines
// before other text can cause, that is not the lines of the definitions.)
// Each remove is near the front, so the lines are kept reversed, front
// last, and each costs its own length.
func removeLines(lines []text.Segment, removes [][2]int) []text.Segment {
	rev := slices.Clone(lines)
	slices.Reverse(rev)
	var front []text.Segment
	offset := 0
	for _, r := range removes {
		if len(rev) == 0 {
			break
		}
		to := min(r[1]-offset, len(rev))
		from := min(r[0]-offset, to)
		front = append(front[:0], rev[len(rev)-from:]...) // the first from lines, reversed
		rev = append(rev[:len(rev)-to], front...)
		offset = r[1]
	}
	slices.Reverse(rev)
	return rev
}

// parseLinkReference reads one definition at the reader's position, as
// goldmark's parseLinkReferenceDefinition does, and returns it with the
// lines to remove from the paragraph, or -1, -1.
func parseLinkReference(block text.Reader, pc parser.Context) (*ast.LinkReferenceDefinition, int, int) {
	block.SkipSpaces()
	line, _ := block.PeekLine()
	if line == nil {
		return nil, -1, -1
	}
	startLine, _ := block.Position()
	width, pos := util.IndentWidth(line, 0)
	if width > 3 {
		return nil, -1, -1
	}
	if width != 0 {
		pos++
	}
	if line[pos] != '[' {
		return nil, -1, -1
	}
	_, startPos := block.Position()
	block.Advance(pos + 1)
	segments, found := block.FindClosure('[', ']', linkFindClosure)
	if !found {
		return nil, -1, -1
	}
	label := segmentsValue(block, segments)
	if util.IsBlank(label) || block.Peek() != ':' {
		return nil, -1, -1
	}
	block.Advance(1)
	block.SkipSpaces()
	destination, ok := linkDestination(block)
	if !ok {
		return nil, -1, -1
	}
	line, _ = block.PeekLine()
	isNewLine := line == nil || util.IsBlank(line)

	endLine, _ := block.Position()
	_, spaces, _ := block.SkipSpaces()
	define := func(title []byte) *ast.LinkReferenceDefinition {
		ref := ast.NewLinkReferenceDefinition(label, destination, title)
		ref.Lines().Append(startPos)
		pc.AddReference(parser.NewReference(label, destination, title))
		return ref
	}
	opener := block.Peek()
	if opener != '"' && opener != '\'' && opener != '(' {
		if !isNewLine {
			return nil, -1, -1
		}
		return define(nil), startLine, endLine + 1
	}
	if spaces == 0 {
		return nil, -1, -1
	}
	block.Advance(1)
	closer := opener
	if opener == '(' {
		closer = ')'
	}
	segments, found = block.FindClosure(opener, closer, linkFindClosure)
	if !found {
		if !isNewLine {
			return nil, -1, -1
		}
		ref := define(nil)
		block.AdvanceLine()
		return ref, startLine, endLine + 1
	}
	title := segmentsValue(block, segments)
	line, _ = block.PeekLine()
	if line != nil && !util.IsBlank(line) {
		if !isNewLine {
			return nil, -1, -1
		}
		return define(title), startLine, endLine
	}
	endLine, _ = block.Position()
	return define(title), startLine, endLine + 1
}

func segmentsValue(block text.Reader, segments *text.Segments) []byte {
	if segments.Len() == 1 {
		return block.Value(segments.At(0))
	}
	var v []byte
	for i := range segments.Len() {
		v = append(v, block.Value(segments.At(i))...)
	}
	return v
}

// linkDestination reads a link destination as goldmark's
// parseLinkDestination does.
func linkDestination(block text.Reader) ([]byte, bool) {
	block.SkipSpaces()
	line, _ := block.PeekLine()
	if block.Peek() == '<' {
		for i := 1; i < len(line); i++ {
			switch c := line[i]; {
			case c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]):
				i++
			case c == '>':
				block.Advance(i + 1)
				return line[1:i], true
			}
		}
		return nil, false
	}
	opened := 0
	i := 0
scan:
	for ; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]):
			i++
		case c == '(':
			opened++
		case c == ')':
			if opened--; opened < 0 {
				break scan
			}
		case util.IsSpace(c):
			break scan
		}
	}
	block.Advance(i)
	return line[:i], i != 0
}

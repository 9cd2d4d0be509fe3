package transcript

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// countingDelimiters is emphasisDelimiters counting the openers it is
// asked about.
type countingDelimiters struct {
	emphasisDelimiters
	asked int
}

func (c *countingDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	c.asked++
	return c.emphasisDelimiters.CanOpenCloser(opener, closer)
}

// scanDelimiters makes the children of a paragraph of src as
// delimiterParser does, with proc for the delimiters' processor.
func scanDelimiters(src []byte, proc parser.DelimiterProcessor) []*parser.Delimiter {
	para := ast.NewParagraph()
	var ds []*parser.Delimiter
	for i := 0; i < len(src); {
		if proc.IsDelimiter(src[i]) {
			before := ' '
			if i > 0 {
				before = rune(src[i-1])
			}
			d := parser.ScanDelimiter(src[i:], before, 1, proc)
			d.Segment = text.NewSegment(i, i+d.OriginalLength)
			para.AppendChild(para, d)
			ds = append(ds, d)
			i += d.OriginalLength
			continue
		}
		j := i + 1
		for j < len(src) && !proc.IsDelimiter(src[j]) {
			j++
		}
		para.AppendChild(para, ast.NewTextSegment(text.NewSegment(i, j)))
		i = j
	}
	return ds
}

// TestPairDelimitersLinear counts the openers pairDelimiters looks at for
// the emphasis of the hostile cases: goldmark's ProcessDelimiters looks at
// a number that grows with the square of the delimiters.
func TestPairDelimitersLinear(t *testing.T) {
	for _, c := range hostileCases {
		if !strings.HasPrefix(c.name, "emphasis-") {
			continue
		}
		proc := &countingDelimiters{}
		ds := scanDelimiters([]byte(c.make(200_000)), proc)
		pairDelimiters(ds)
		if proc.asked > 2*len(ds) {
			t.Errorf("%s: %d openers looked at for %d delimiters", c.name, proc.asked, len(ds))
		}
	}
}

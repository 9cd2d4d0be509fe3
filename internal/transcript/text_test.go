package transcript

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestText checks each turn's and introduction's plain text, what the
// text download says, against testdata/text/*.txtar. Each archive has:
//
//	index.md  a transcript
//	want      for each section, its id and its introduction's paragraphs,
//	          then each turn's id and paragraphs, a paragraph a line,
//	          quoted as Go strings
func TestText(t *testing.T) {
	p := NewParser(Quotes{})
	sitetest.Cases(t, "testdata/text/*.txtar", func(t *testing.T, file string, a *txtar.Archive) {
		tr, diags := p.Parse("index.md", caseFile(t, a, "index.md"))
		if diags.HasErrors() {
			t.Fatalf("index.md does not parse:\n%v", diags)
		}
		var b strings.Builder
		for _, s := range tr.Sections {
			fmt.Fprintf(&b, "%s\n", s.ID)
			for _, p := range s.IntroText {
				fmt.Fprintf(&b, "  %q\n", p)
			}
			for _, turn := range s.Turns {
				fmt.Fprintf(&b, "%s %s\n", turn.ID, turn.Speaker.Name)
				for _, p := range turn.Text {
					fmt.Fprintf(&b, "  %q\n", p)
				}
			}
		}
		checkGolden(t, file, a, "want", b.String())
	})
}

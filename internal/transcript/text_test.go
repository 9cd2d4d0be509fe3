package transcript

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestText checks each turn's and introduction's plain text, what the
// text download says, and its blocks as typed, what a translator
// translates, against testdata/text/*.txtar. Each archive has:
//
//	index.md  a transcript
//	want      for each section, its id and its introduction, then each
//	          turn's id and speaker and the turn: its paragraphs of plain
//	          text, then its blocks as typed ("> "), quoted as Go strings
func TestText(t *testing.T) {
	p := NewParser(Quotes{})
	sitetest.Cases(t, "testdata/text/*.txtar", func(t *testing.T, file string, a *txtar.Archive) {
		src := caseFile(t, a, "index.md")
		tr, diags := p.Parse("index.md", src)
		if diags.HasErrors() {
			t.Fatalf("index.md does not parse:\n%v", diags)
		}
		var b strings.Builder
		for _, s := range tr.Sections {
			fmt.Fprintf(&b, "%s\n", s.ID)
			for _, p := range s.IntroText {
				fmt.Fprintf(&b, "  %q\n", p)
			}
			blocks(t, &b, src, s.IntroSource)
			for _, turn := range s.Turns {
				fmt.Fprintf(&b, "%s %s\n", turn.ID, turn.Speaker.Name)
				for _, p := range turn.Text {
					fmt.Fprintf(&b, "  %q\n", p)
				}
				blocks(t, &b, src, turn.Source)
			}
		}
		checkGolden(t, file, a, "want", b.String())
	})
}

// blocks prints each block as typed, and checks that it is where it says
// in the file.
func blocks(t *testing.T, b *strings.Builder, src []byte, blocks []Block) {
	t.Helper()
	for _, blk := range blocks {
		fmt.Fprintf(b, "  > %q\n", blk.Markdown)
		if got := string(src[blk.Start:blk.End]); got != blk.Markdown {
			t.Errorf("the file at %d:%d holds %q, not the block %q", blk.Start, blk.End, got, blk.Markdown)
		}
	}
}

package transcript

import (
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// A case of testdata/compare/ is a txtar archive holding:
//
//	index.en.md  the original
//	index.vi.md  the translation
//	want         what Compare(original, translation) returns, as
//	             "path:LINE: message", or "nil"
//
// Both files must parse without errors.

func TestCompare(t *testing.T) {
	p := NewParser(Quotes{})
	sitetest.Cases(t, "testdata/compare/*.txtar", func(t *testing.T, file string, a *txtar.Archive) {
		parse := func(name string) *Transcript {
			tr, diags := p.Parse(name, caseFile(t, a, name))
			if diags.HasErrors() {
				t.Fatalf("%s does not parse:\n%v", name, diags)
			}
			return tr
		}
		original, translation := parse("index.en.md"), parse("index.vi.md")
		got := "nil\n"
		if d := Compare(original, translation); d != nil {
			got = d.String() + "\n"
		}
		checkGolden(t, file, a, "want", got)

		// A transcript always aligns with itself.
		for _, tr := range []*Transcript{original, translation} {
			if d := Compare(tr, tr); d != nil {
				t.Errorf("Compare(%s, %[1]s) = %v, want nil", tr.Path, d)
			}
		}
	})
}

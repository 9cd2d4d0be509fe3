package transcript

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
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
	files, err := filepath.Glob("testdata/compare/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no test cases in testdata/compare")
	}
	p := NewParser(Quotes{})
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
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
}

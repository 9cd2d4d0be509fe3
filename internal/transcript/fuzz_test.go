package transcript

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"
)

// seeds returns every Markdown file of the txtar cases.
func seeds(f *testing.F) [][]byte {
	files, err := filepath.Glob("testdata/*/*.txtar")
	if err != nil {
		f.Fatal(err)
	}
	var all [][]byte
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range a.Files {
			if filepath.Ext(af.Name) == ".md" {
				all = append(all, caseFile(f, a, af.Name))
			}
		}
	}
	return all
}

// FuzzParse is seeded with every Markdown file of the txtar cases, and
// the hostile cases at 2 KB.
func FuzzParse(f *testing.F) {
	for _, src := range seeds(f) {
		f.Add(src)
	}
	for _, c := range hostileCases {
		f.Add(hostileFile(c.make(2_000)))
	}
	p := NewParser(Quotes{})
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "content/talk/index.md"
		tr, diags := p.Parse(path, src)

		// The file's lines, as the parser counts them.
		norm := bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		norm = bytes.ReplaceAll(norm, []byte("\r"), []byte("\n"))
		lines := 1 + bytes.Count(norm, []byte("\n"))

		for _, d := range diags {
			if d.Path != path {
				t.Errorf("diagnostic %q: path %q, want %q", d, d.Path, path)
			}
			if d.Line < 0 || d.Line > lines {
				t.Errorf("diagnostic %q: line %d outside the file's %d lines", d, d.Line, lines)
			}
		}
		if diags.HasErrors() {
			if tr != nil {
				t.Errorf("a transcript along with errors:\n%v", diags)
			}
			return
		}
		if tr == nil {
			t.Fatalf("neither a transcript nor an error; diagnostics:\n%v", diags)
		}
		declared := map[*Speaker]bool{}
		for _, sp := range tr.Speakers {
			declared[sp] = true
			if sp.Line < 1 || sp.Line > lines {
				t.Errorf("speaker %s: line %d outside the file's %d lines", sp.ID, sp.Line, lines)
			}
		}
		for i, s := range tr.Sections {
			if want := fmt.Sprintf("s%d", i+1); s.ID != want {
				t.Errorf("section %d has id %q, want %q", i+1, s.ID, want)
			}
			if s.Line < 1 || s.Line > lines {
				t.Errorf("section %s: line %d outside the file's %d lines", s.ID, s.Line, lines)
			}
		}
		for i, turn := range tr.Turns() {
			if want := fmt.Sprintf("t%d", i+1); turn.ID != want {
				t.Errorf("turn %d has id %q, want %q", i+1, turn.ID, want)
			}
			if turn.Speaker == nil || !declared[turn.Speaker] {
				t.Errorf("turn %s: speaker %v is not declared", turn.ID, turn.Speaker)
			}
			if turn.Line < 1 || turn.Line > lines {
				t.Errorf("turn %s: line %d outside the file's %d lines", turn.ID, turn.Line, lines)
			}
		}
	})
}

// FuzzFrontMatter fuzzes the TOML between the +++ lines alone, seeded with
// the front matter of every case: whatever it holds, the parser reports a
// problem with a line inside the front matter, or returns speakers that
// each have an id, a name and a line.
func FuzzFrontMatter(f *testing.F) {
	for _, src := range seeds(f) {
		if parts := bytes.SplitN(src, []byte("+++\n"), 3); len(parts) == 3 {
			f.Add(parts[1])
		}
	}
	p := NewParser(Quotes{})
	f.Fuzz(func(t *testing.T, fm []byte) {
		src := append(append([]byte("+++\n"), fm...), "\n+++\n\n## A\n"...)
		tr, diags := p.Parse("index.md", src)
		// Lines as the parser counts them: CRLF and a lone CR end a line.
		norm := bytes.ReplaceAll(fm, []byte("\r\n"), []byte("\n"))
		fmLines := 2 + bytes.Count(norm, []byte("\n")) + bytes.Count(norm, []byte("\r"))
		for _, d := range diags {
			if d.Line < 0 || d.Line > fmLines+1 {
				t.Errorf("diagnostic %q: line %d outside the front matter (lines 1 to %d)", d, d.Line, fmLines+1)
			}
		}
		if diags.HasErrors() {
			return
		}
		if tr == nil || tr.Title == "" || len(tr.Speakers) == 0 {
			t.Fatalf("no error, yet no title or no speakers: %+v", tr)
		}
		for _, sp := range tr.Speakers {
			if sp.ID == "" || sp.Name == "" || sp.Line < 1 || sp.Line > fmLines {
				t.Errorf("speaker %+v: missing id, name or line", sp)
			}
		}
	})
}

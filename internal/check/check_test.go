package check

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/provenance"
	"github.com/rosetta-ssg/rosetta/internal/site"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

func format(problems diag.List) string {
	var b strings.Builder
	for _, d := range problems {
		b.WriteString(d.Pos() + ": " + d.Severity.String() + ": " + d.Msg + "\n")
	}
	return b.String()
}

// TestCorpus checks each site of testdata/: the problems check reports, in
// order, exactly as a user reads them.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases in testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fsys, a := sitetest.Site(t, file)
			r := Run(t.Context(), fsys, site.Options{})
			for _, d := range r.Problems {
				if d.Path == "" || strings.Contains(d.Path, "..") {
					t.Errorf("a problem without a clean path: %v", d)
				}
			}
			sitetest.Golden(t, file, a, "want", format(r.Problems), *update)
		})
	}
}

// TestSiteIsClean: the tests' site (sitetest.FS), with the repository's
// templates and UI strings, has no problem but the warning that it has no
// base URL, and every string translated. The repository's content/ is
// checked by rosetta check in CI.
func TestSiteIsClean(t *testing.T) {
	r := Run(t.Context(), sitetest.FS(t), site.Options{})
	noBaseURL := "site.toml:5: warning: no baseURL: canonical and hreflang links are relative, no sitemap, feeds or structured data are written, and social cards have no address; set baseURL or -baseurl\n"
	if got := format(r.Problems); got != noBaseURL {
		t.Errorf("check on the tests' site:\n%s\nwant only:\n%s", got, noBaseURL)
	}
	if len(r.Coverage) != 13 {
		t.Fatalf("coverage of %d languages, want 13", len(r.Coverage))
	}
	for _, c := range r.Coverage {
		if c.Turns != c.TotalTurns || c.Strings != c.TotalStrings || c.TotalTurns == 0 {
			t.Errorf("%s: %d/%d turns, %d/%d UI strings: want all", c.Lang.Code, c.Turns, c.TotalTurns, c.Strings, c.TotalStrings)
		}
		// No translation of the tests' site is recorded: every turn is
		// unreviewed, none current.
		want := provenance.Counts{Unreviewed: c.TotalTurns}
		if c.Original {
			want = provenance.Counts{}
		}
		if c.Original != (c.Lang.Code == "vi") || c.States != want || len(c.Discussions) != 1 {
			t.Errorf("%s (original %v): turns %+v in %d transcripts, want %+v in 1", c.Lang.Code, c.Original, c.States, len(c.Discussions), want)
		}
	}
}

// TestScriptIsInert: raw HTML and javascript: links in a turn come out as
// text or dropped, never as live markup.
func TestScriptIsInert(t *testing.T) {
	fsys, _ := sitetest.Site(t, "testdata/script-and-javascript.txtar")
	s, problems := site.Load(t.Context(), fsys, site.Options{})
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	out := site.NewMemOutput(nil)
	if _, problems := s.Build(t.Context(), out); problems.HasErrors() {
		t.Fatal(problems)
	}
	page := string(out.Files["vi/a/index.html"])
	for _, bad := range []string{"<script>alert", "javascript:", "onerror", "<img src=x"} {
		if strings.Contains(page, bad) {
			t.Errorf("the built page contains %q", bad)
		}
	}
	if !strings.Contains(page, "Xin chào") {
		t.Error("the turn's text is gone")
	}
}

// TestHugeLine: a 5 MB single-line paragraph is read and built, not
// rejected, and check finishes.
func TestHugeLine(t *testing.T) {
	fsys, _ := sitetest.Site(t, "testdata/front-matter-only.txtar")
	name := "content/a/index.vi.md"
	huge := "\n## Mở đầu\n\nAn: " + strings.Repeat("lời nói dài ", 5<<20/len("lời nói dài ")) + "\n"
	fsys[name] = &fstest.MapFile{Data: append(fsys[name].Data, huge...)}
	r := Run(t.Context(), fsys, site.Options{})
	if r.Problems.HasErrors() {
		t.Errorf("a 5 MB line: %v", r.Problems)
	}
	if r.Coverage == nil || r.Coverage[0].TotalTurns != 1 {
		t.Error("the huge turn was not read")
	}
}

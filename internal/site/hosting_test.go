package site

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// buildInto builds the site fsys into the folder dir, as rosetta build
// does, and returns every file there but the output marker, by name.
func buildInto(t *testing.T, fsys fs.FS, dir string, opts Options) map[string]string {
	t.Helper()
	s, problems := Load(t.Context(), fsys, opts)
	if problems.HasErrors() {
		t.Fatalf("load:\n%v", problems)
	}
	out, err := NewDirOutput(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	if _, problems := s.Build(t.Context(), out); problems.HasErrors() {
		t.Fatalf("build:\n%v", problems)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel == marker {
			return nil
		}
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestFingerprintedAssets: the style sheet and the script are published
// under names that hold a hash of their content, which every page links,
// so that a cache that keeps them for a year never serves an old one. A
// second build with one rule of style.css changed gives the style sheet a
// new name, removes the old one and changes every page's link to it:
// nothing else.
func TestFingerprintedAssets(t *testing.T) {
	fsys := sitetest.FS(t)
	dir := t.TempDir()
	first := buildInto(t, fsys, dir, Options{BaseURL: testBase})

	hashed := regexp.MustCompile(`^(style|rosetta)\.[0-9a-f]{8}\.(css|js)$`)
	var names []string
	for name := range first {
		if hashed.MatchString(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if len(names) != 2 || !strings.HasPrefix(names[0], "rosetta.") || !strings.HasPrefix(names[1], "style.") {
		t.Fatalf("fingerprinted assets at the top of the output: %q, want one rosetta.HASH.js and one style.HASH.css", names)
	}
	oldCSS, js := names[1], names[0]
	for _, kept := range []string{"style.css", "rosetta.js"} {
		if _, ok := first[kept]; ok {
			t.Errorf("%s is also published under its own name, which a cache would keep stale", kept)
		}
	}
	for _, kept := range []string{"favicon.ico", "favicon.svg", "apple-touch-icon.png", "robots.txt"} {
		if _, ok := first[kept]; !ok {
			t.Errorf("no %s: icons and robots.txt keep the names browsers and crawlers ask for", kept)
		}
	}
	pages := 0
	for name, data := range first {
		if !strings.HasSuffix(name, ".html") || name == "status/index.html" { // the status page has its own style
			continue
		}
		pages++
		for _, asset := range []string{oldCSS, js} {
			if !strings.Contains(data, asset+`"`) {
				t.Errorf("%s does not link %s", name, asset)
			}
		}
	}

	style := fsys["templates/assets/style.css"].Data
	changed := strings.Replace(string(style), "{", "{outline-offset:1px;", 1)
	if changed == string(style) {
		t.Fatal("test setup: style.css has no rule")
	}
	fsys["templates/assets/style.css"] = &fstest.MapFile{Data: []byte(changed)}
	second := buildInto(t, fsys, dir, Options{BaseURL: testBase})

	var newCSS string
	for name := range second {
		if _, ok := first[name]; !ok {
			if newCSS != "" || !hashed.MatchString(name) || !strings.HasPrefix(name, "style.") {
				t.Errorf("new in the second build: %s", name)
			}
			newCSS = name
		}
	}
	if newCSS == "" {
		t.Fatal("the changed style sheet kept its name")
	}
	if second[newCSS] != changed {
		t.Errorf("%s is not the changed style sheet", newCSS)
	}
	if _, ok := second[oldCSS]; ok {
		t.Errorf("%s, the old style sheet, is still in the output", oldCSS)
	}
	linked := 0
	for _, name := range slices.Sorted(maps.Keys(first)) {
		before, after := first[name], second[name]
		switch {
		case name == oldCSS || before == after:
		case strings.ReplaceAll(after, newCSS, oldCSS) == before:
			linked++
		default:
			t.Errorf("%s changed beyond the link to the style sheet", name)
		}
	}
	if linked != pages {
		t.Errorf("%d pages link the new style sheet, want all %d reader's pages", linked, pages)
	}
}

// TestRobots: the default robots.txt keeps the translators' status page
// out of search engines, under the base URL's path, and names the
// sitemap; a site's own templates/assets/robots.txt replaces it.
func TestRobots(t *testing.T) {
	_, files := build(t, sitetest.FS(t), Options{BaseURL: testBase})
	want := "User-agent: *\nDisallow: /talks/status/\n\nSitemap: https://example.org/talks/sitemap.xml\n"
	if got := string(files["robots.txt"]); got != want {
		t.Errorf("robots.txt with base URL %s:\n%s\nwant:\n%s", testBase, got, want)
	}

	_, files = build(t, sitetest.FS(t), Options{})
	want = "User-agent: *\nDisallow: /status/\n"
	if got := string(files["robots.txt"]); got != want {
		t.Errorf("robots.txt without a base URL (no sitemap):\n%s\nwant:\n%s", got, want)
	}

	fsys := sitetest.FS(t)
	own := "User-agent: *\nDisallow: /drafts/\n"
	fsys["templates/assets/robots.txt"] = &fstest.MapFile{Data: []byte(own)}
	_, files = build(t, fsys, Options{BaseURL: testBase})
	if got := string(files["robots.txt"]); got != own {
		t.Errorf("robots.txt with templates/assets/robots.txt:\n%s\nwant the site's own:\n%s", got, own)
	}
}

// TestNoBaseURL: without a base URL, the warning build prints and check
// reports says what the site loses, at site.toml's baseURL line; with one
// there is no warning.
func TestNoBaseURL(t *testing.T) {
	fsys := sitetest.FS(t)
	s, problems := Load(t.Context(), fsys, Options{})
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	var got []string
	for _, d := range s.Config.NoBaseURL() {
		got = append(got, d.String())
	}
	lines := strings.Split(string(fsys["site.toml"].Data), "\n")
	line := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "baseURL") }) + 1
	want := []string{diag.Diagnostic{Path: "site.toml", Line: line, Severity: diag.Warning,
		Msg: "no baseURL: canonical and hreflang links are relative, no sitemap, feeds or structured data are written, and social cards have no address; set baseURL or -baseurl"}.String()}
	if line == 0 || !slices.Equal(got, want) {
		t.Errorf("without a base URL: %q, want %q", got, want)
	}

	fsys["site.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys["site.toml"].Data), "baseURL =", "# baseURL =", 1))}
	s, _ = Load(t.Context(), fsys, Options{})
	if got := s.Config.NoBaseURL(); len(got) != 1 || got[0].Line != 0 || got[0].Path != "site.toml" {
		t.Errorf("with no baseURL line in site.toml: %v, want the warning at site.toml", got)
	}

	s, _ = Load(t.Context(), fsys, Options{BaseURL: testBase})
	if got := s.Config.NoBaseURL(); got != nil {
		t.Errorf("with -baseurl: %v", got)
	}
}

package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

const testBase = "https://example.org/talks/"

// TestSite builds the tests' site (sitetest.FS) and checks every page as a
// reader and a search engine see it.
func TestSite(t *testing.T) {
	s, files := build(t, sitetest.FS(t), Options{BaseURL: testBase})
	if len(s.Config.Languages) != 13 {
		t.Fatalf("site.toml has %d languages, want the seed's 13", len(s.Config.Languages))
	}
	pages := map[string]*doc{}
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			pages[name] = parsePage(t, name, data)
		}
		if bytes.Contains(data, []byte("__rosetta")) {
			t.Errorf("%s: the built site carries the preview's reload script", name)
		}
	}
	for _, d := range readAll(t, s) {
		for _, l := range s.Config.Languages {
			name := l.Code + "/" + d.Slug + "/index.html"
			page := pages[name]
			if page == nil {
				t.Errorf("%s: no page for %s", name, l.Code)
				continue
			}
			checkLangDir(t, page, l)
			checkAlternates(t, page, s, d, l)
			checkDisclaimer(t, page, s, l)
			checkTurns(t, page, s, d, l)
			checkParticipants(t, page, s, d, l)
		}
	}
	for _, l := range s.Config.Languages {
		home := pages[l.Code+"/index.html"]
		if home == nil {
			t.Errorf("no home page for %s", l.Code)
			continue
		}
		checkLangDir(t, home, l)
		checkDisclaimer(t, home, s, l)
	}
	for _, name := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt"} {
		if files[name] == nil {
			t.Errorf("no %s in the output", name)
		}
	}
	// Every link, #anchor and id of these pages is checked by the check
	// package's TestRepoSiteIsClean, with the same resolver rosetta check
	// uses, rather than a second copy of it here.
}

func checkLangDir(t *testing.T, page *doc, l *Language) {
	t.Helper()
	htmlEl := page.all("html")[0]
	if got, _ := attr(htmlEl, "lang"); got != l.Lang {
		t.Errorf("%s: <html lang=%q>, want %q", page.name, got, l.Lang)
	}
	want := "ltr"
	if l.Code == "ar" {
		want = "rtl"
	}
	if got, _ := attr(htmlEl, "dir"); got != want {
		t.Errorf("%s: <html dir=%q>, want %q", page.name, got, want)
	}
}

// checkAlternates: every version of the transcript and x-default, absolute,
// and the canonical is the page itself.
func checkAlternates(t *testing.T, page *doc, s *Site, d *Discussion, l *Language) {
	t.Helper()
	var got []string
	canonical := ""
	for _, link := range page.all("link") {
		rel, _ := attr(link, "rel")
		href, _ := attr(link, "href")
		switch rel {
		case "alternate":
			if _, feed := attr(link, "type"); feed {
				continue // the language's feed, not a version of the page
			}
			hreflang, _ := attr(link, "hreflang")
			got = append(got, hreflang+" "+href)
		case "canonical":
			canonical = href
		}
	}
	var want []string
	for _, other := range s.Config.Languages {
		if d.Transcripts[other.Code] != nil {
			want = append(want, other.Hreflang+" "+testBase+other.Code+"/"+d.Slug+"/")
		}
	}
	want = append(want, "x-default "+testBase+s.Config.Original+"/"+d.Slug+"/")
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: alternates\n%s\nwant\n%s", page.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if wantCanonical := testBase + l.Code + "/" + d.Slug + "/"; canonical != wantCanonical {
		t.Errorf("%s: canonical %q, want %q", page.name, canonical, wantCanonical)
	}
}

func checkDisclaimer(t *testing.T, page *doc, s *Site, l *Language) {
	t.Helper()
	want, err := s.Catalogs[l.Code].T("disclaimer")
	if err != nil {
		t.Fatal(err)
	}
	found := page.byClass("disclaimer")
	if len(found) != 1 || text(found[0]) != strings.Join(strings.Fields(want), " ") {
		t.Errorf("%s: disclaimer is not the %s one", page.name, l.Code)
	}
	if l.Code != s.Config.Original && strings.Contains(text(page.root), "Trang này có thể chứa nội dung") {
		t.Errorf("%s: the Vietnamese disclaimer shows on a %s page", page.name, l.Code)
	}
}

// checkTurns: the same turn ids and speakers in every language, each turn
// with its speaker's name, and on a translation a link to the same turn of
// the original.
func checkTurns(t *testing.T, page *doc, s *Site, d *Discussion, l *Language) {
	t.Helper()
	tr := d.Transcripts[l.Code]
	var got, want []string
	for _, turn := range page.byClass("turn") {
		id, _ := attr(turn, "id")
		speaker, _ := attr(turn, "data-speaker")
		got = append(got, id+" "+speaker)
	}
	for _, turn := range d.Original(s).Turns() {
		want = append(want, turn.ID+" "+turn.Speaker.ID)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s: turns %v, want %v (the original's)", page.name, got, want)
	}
	for i, turn := range page.byClass("turn") {
		if i >= len(tr.Turns()) {
			break
		}
		name := tr.Turns()[i].Speaker.Name
		// The host's heading says "Host" after the name.
		if h := byClass(turn, "speaker"); len(h) == 0 || !strings.HasPrefix(text(h[0]), name) {
			t.Errorf("%s: turn %d does not show the speaker's name %q", page.name, i+1, name)
		}
	}
	originals := page.byClass("original")
	if l.Code == s.Config.Original {
		if len(originals) != 0 {
			t.Errorf("%s: the original links to itself as the original", page.name)
		}
		return
	}
	if len(originals) != len(want) {
		t.Errorf("%s: %d view-original links for %d turns", page.name, len(originals), len(want))
	}
	for i, p := range originals {
		a := p.FirstChild
		href, _ := attr(a, "href")
		if wantHref := fmt.Sprintf("../../%s/%s/#t%d", s.Config.Original, d.Slug, i+1); href != wantHref {
			t.Errorf("%s: view-original link %q, want %q", page.name, href, wantHref)
			break
		}
	}
}

// checkParticipants: host and guests, each with their name and role, under
// the language's label for a host and for that many guests.
func checkParticipants(t *testing.T, page *doc, s *Site, d *Discussion, l *Language) {
	t.Helper()
	tr := d.Transcripts[l.Code]
	var hosts, guests []*transcript.Speaker
	for _, sp := range tr.Speakers {
		if sp.Host {
			hosts = append(hosts, sp)
		} else {
			guests = append(guests, sp)
		}
	}
	var want []string
	for _, group := range []struct {
		id       string
		speakers []*transcript.Speaker
	}{{"hosts", hosts}, {"guests", guests}} {
		label, err := s.Catalogs[l.Code].N(group.id, len(group.speakers))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, label)
		for _, sp := range group.speakers {
			want = append(want, sp.Name+" "+sp.Role)
		}
	}
	var got []string
	for _, panel := range page.byClass("participants") {
		for _, n := range page.all("") {
			if (n.Data == "dt" || n.Data == "dd") && isInside(n, panel) {
				got = append(got, text(n))
			}
		}
	}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("%s: participants\n%s\nwant\n%s", page.name, strings.Join(got, " | "), strings.Join(want, " | "))
	}
}

func isInside(n, ancestor *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == ancestor {
			return true
		}
	}
	return false
}

// TestAligned: the thirteen real translations of the tests' site are
// aligned with their original (rosetta check does it for content/ in CI).
func TestAligned(t *testing.T) {
	s, problems := Load(t.Context(), sitetest.FS(t), Options{})
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	for _, d := range readAll(t, s) {
		original := d.Original(s)
		for _, code := range slices.Sorted(maps.Keys(d.Transcripts)) {
			if diff := transcript.Compare(original, d.Transcripts[code]); diff != nil {
				t.Errorf("%v", diff)
			}
		}
	}
}

// TestUIStringsComplete: every language has every UI string of the original,
// with every plural form it needs.
func TestUIStringsComplete(t *testing.T) {
	_, problems := Load(t.Context(), sitetest.FS(t), Options{})
	for _, p := range problems {
		if strings.HasPrefix(p.Path, "i18n/") {
			t.Errorf("%v", p)
		}
	}
}

// TestPluralForms: Arabic has six forms, Russian and Ukrainian four, and the
// site shows the right one for each count.
func TestPluralForms(t *testing.T) {
	s, problems := Load(t.Context(), sitetest.FS(t), Options{})
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	cases := []struct {
		code   string
		counts []int // one count per form the language has, each a different form
		same   [][2]int
	}{
		{"ar", []int{0, 1, 2, 3, 11, 100}, [][2]int{{3, 10}, {11, 99}, {100, 102}}},
		{"ru", []int{1, 2, 5}, [][2]int{{1, 21}, {2, 34}, {5, 11}}},
		{"uk", []int{1, 2, 5}, [][2]int{{1, 101}, {3, 22}, {0, 12}}},
		{"en", []int{1, 2}, [][2]int{{2, 0}}},
		{"ja", []int{1}, [][2]int{{1, 7}}},
	}
	for _, c := range cases {
		cat := s.Catalogs[c.code]
		seen := map[string]int{}
		for _, n := range c.counts {
			got, err := cat.N("speakerCount", n)
			if err != nil {
				t.Fatalf("%s: %v", c.code, err)
			}
			if prev, dup := seen[got]; dup {
				t.Errorf("%s: %d and %d participants both read %q: a plural form is missing", c.code, prev, n, got)
			}
			seen[got] = n
		}
		for _, pair := range c.same {
			a, _ := cat.N("speakerCount", pair[0])
			b, _ := cat.N("speakerCount", pair[1])
			if strings.Replace(a, fmt.Sprint(pair[0]), "N", 1) != strings.Replace(b, fmt.Sprint(pair[1]), "N", 1) {
				t.Errorf("%s: %d → %q and %d → %q should use the same plural form", c.code, pair[0], a, pair[1], b)
			}
		}
	}
}

// TestDeterministic: two builds of the same input are byte-identical.
func TestDeterministic(t *testing.T) {
	_, a := build(t, sitetest.FS(t), Options{BaseURL: testBase})
	_, b := build(t, sitetest.FS(t), Options{BaseURL: testBase})
	sameFiles(t, "between two builds", a, b)
}

// TestBuildKeepsItsInput: Build changes nothing it is given, so one
// loaded site builds the same bytes twice.
func TestBuildKeepsItsInput(t *testing.T) {
	s, first := build(t, sitetest.FS(t), Options{BaseURL: testBase})
	out := NewMemOutput(nil)
	if _, problems := s.Build(t.Context(), out); problems.HasErrors() {
		t.Fatal(problems)
	}
	sameFiles(t, "when built again from the same site", first, out.Files)
}

// readAll reads every discussion of s.
func readAll(t *testing.T, s *Site) []*Discussion {
	t.Helper()
	slugs, problems := s.Slugs()
	var ds []*Discussion
	for _, slug := range slugs {
		d, p := s.Read(slug)
		problems = append(problems, p...)
		if d != nil {
			ds = append(ds, d)
		}
	}
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	return ds
}

// sameFiles fails the test unless two builds wrote the same files with the
// same bytes.
func sameFiles(t *testing.T, how string, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d files, %d %s", len(a), len(b), how)
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs %s", name, how)
		}
	}
}

// TestReadRefusesWhatBuildRefuses: serve's reading of one discussion
// reports a symbolic link where a transcript should be, as a build does.
func TestReadRefusesWhatBuildRefuses(t *testing.T) {
	fsys, _ := sitetest.Site(t, "../check/testdata/symlinks.txtar")
	delete(fsys, "content/etc")
	fsys["content/a/index.en.md"] = &fstest.MapFile{Data: []byte("../../../../etc/passwd"), Mode: fs.ModeSymlink | 0o777}
	s, problems := Load(t.Context(), fsys, Options{})
	if problems.HasErrors() {
		t.Fatalf("test setup: %v", problems)
	}
	_, full := s.Build(t.Context(), NewMemOutput(nil))
	_, read := s.Read("a")
	const want = "content/a/index.en.md: a symbolic link, not a regular file: a transcript is a file inside content/"
	for name, problems := range map[string]diag.List{"Build": full, "Read": read} {
		if !problems.HasErrors() || problems[0].String() != want {
			t.Errorf("%s: %v, want %s", name, problems, want)
		}
	}
}

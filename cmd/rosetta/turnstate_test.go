package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/rosetta-ssg/rosetta/internal/site"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// What the tests below do to the original, vi, after the twelve
// translations were recorded: change one sentence of turn 8, Alex's question
// on the challenges, and add a turn by Lydia after it, which becomes t9.
const (
	staleOld, staleNew = "thách thức lớn nhất", "thách thức khó nhất"
	addedBefore        = "\nMax: Tôi nghĩ thách thức chính là"
	addedTurn          = "\nLydia: Tôi xin nói thêm một câu trước khi Max trả lời.\n"
	addedWords         = "Tôi xin nói thêm một câu"
)

// recordTranslations runs rosetta translated for each translation of the
// site in dir, as its translators would when they are done.
func recordTranslations(t *testing.T, dir string) {
	t.Helper()
	for _, lang := range translations {
		if code, out, errs := rosetta(t, "translated", "-src", dir, "-lang", lang); code != 0 {
			t.Fatalf("translated -lang %s: exit %d\n%s%s", lang, code, out, errs)
		}
	}
}

// buildSite builds the site in dir into dir/public, with the base URL if
// one is given, failing the test unless the build succeeds, and returns the
// output folder.
func buildSite(t *testing.T, dir, baseURL string) string {
	t.Helper()
	out := filepath.Join(dir, "public")
	args := []string{"build", "-src", dir, "-out", out}
	if baseURL != "" {
		args = append(args, "-baseurl", baseURL)
	}
	if code, _, errs := rosetta(t, args...); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	return out
}

// uiStrings loads the site in dir for its UI strings.
func uiStrings(t *testing.T, dir string) *site.Site {
	t.Helper()
	s, problems := site.Load(t.Context(), os.DirFS(dir), site.Options{})
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	return s
}

// ui returns the UI string id of the language code, with the placeholders
// of data.
func ui(t *testing.T, s *site.Site, code, id string, data any) string {
	t.Helper()
	c := s.Catalogs[code]
	var text string
	var err error
	if data == nil {
		text, err = c.T(id)
	} else {
		text, err = c.Format(id, data)
	}
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// noticePage is a built transcript page, parsed.
type noticePage struct {
	name string
	root *html.Node
}

func readNoticePage(t *testing.T, out, code string) *noticePage {
	t.Helper()
	name := code + "/crypto-ai/index.html"
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &noticePage{name: name, root: root}
}

// find returns the elements under n, n included, for which match is true.
func (p *noticePage) find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var found []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			found = append(found, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return found
}

// classed returns the elements under n with the class.
func (p *noticePage) classed(n *html.Node, class string) []*html.Node {
	return p.find(n, func(n *html.Node) bool { return slices.Contains(strings.Fields(p.attr(n, "class")), class) })
}

func (p *noticePage) attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n has the attribute key.
func (p *noticePage) hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}

// text is the text of n, its spaces collapsed.
func (p *noticePage) text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// turn returns the turn that holds n, or nil.
func (p *noticePage) turn(n *html.Node) *html.Node {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && n.Data == "article" && slices.Contains(strings.Fields(p.attr(n, "class")), "turn") {
			return n
		}
	}
	return nil
}

// speaker returns the name of the speaker of the turn id.
func (p *noticePage) speaker(id string) string {
	turn := p.find(p.root, func(n *html.Node) bool { return p.attr(n, "id") == id })
	if len(turn) != 1 {
		return ""
	}
	name := p.find(turn[0], func(n *html.Node) bool { return p.attr(n, "data-pagefind-filter") == "speaker" })
	if len(name) != 1 {
		return ""
	}
	return p.text(name[0])
}

// turns lists the page's turns as "id #number", in order.
func (p *noticePage) turns() []string {
	var list []string
	for _, turn := range p.classed(p.root, "turn") {
		number := ""
		if links := p.classed(turn, "turn-link"); len(links) == 1 {
			number = p.text(links[0])
		}
		list = append(list, p.attr(turn, "id")+" "+number)
	}
	return list
}

// checkNotice checks that the page has one turn notice, on the turn id,
// that says what the UI strings notice and link say, with its link to the
// same turn of the original, whose accessible name is label and no other
// link's on the page.
func checkNotice(t *testing.T, p *noticePage, id, notice, link, label string) {
	t.Helper()
	notices := p.classed(p.root, "turn-notice")
	if len(notices) != 1 {
		t.Errorf("%s: %d turn notices, want one, on %s", p.name, len(notices), id)
		return
	}
	n := notices[0]
	if turn := p.turn(n); turn == nil || p.attr(turn, "id") != id {
		t.Errorf("%s: the notice is not on turn %s", p.name, id)
	}
	if got, want := p.text(n), notice+" "+link; got != want {
		t.Errorf("%s: the notice says %q, want %q", p.name, got, want)
	}
	a := p.find(n, func(n *html.Node) bool { return n.Data == "a" })
	if len(a) != 1 {
		t.Errorf("%s: the notice has %d links, want one to the original", p.name, len(a))
		return
	}
	if href, hreflang := p.attr(a[0], "href"), p.attr(a[0], "hreflang"); href != "../../vi/crypto-ai/#"+id || hreflang != "vi" {
		t.Errorf("%s: the notice links to %q (hreflang %q), want ../../vi/crypto-ai/#%s (vi)", p.name, href, hreflang, id)
	}
	if got := p.attr(a[0], "aria-label"); got != label {
		t.Errorf("%s: the notice's link is named %q, want %q", p.name, got, label)
	}
	same := p.find(p.root, func(n *html.Node) bool { return n.Data == "a" && p.attr(n, "aria-label") == label })
	if len(same) != 1 {
		t.Errorf("%s: %d links are named %q, want the notice's alone", p.name, len(same), label)
	}
}

// textNote returns the line of the language's plain-text download that
// holds the note, and the line after it; "" when there is none.
func textNote(t *testing.T, out, code, note string) (line, next string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, code, "crypto-ai", "crypto-ai."+code+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.Contains(l, note) && i+1 < len(lines) {
			return l, lines[i+1]
		}
	}
	return "", ""
}

// TestStaleTurnNotice changes one sentence of one turn of the original after
// the twelve translations were recorded: every translation's page shows a
// notice on that turn alone, in its language, with the link to the
// original's turn, and its plain text has the note above the turn; the
// original shows none. Once each translation is recorded again, no page
// has a notice, and every turn links to the original as before.
func TestStaleTurnNotice(t *testing.T) {
	dir := sitetest.Copy(t)
	recordTranslations(t, dir)
	editFile(t, filepath.Join(dir, "content", "crypto-ai", "index.vi.md"), staleOld, staleNew)
	out := buildSite(t, dir, "")
	s := uiStrings(t, dir)

	if original := readNoticePage(t, out, "vi"); len(original.classed(original.root, "turn-notice")) != 0 {
		t.Error("vi: turn notices on the original")
	}
	for _, code := range translations {
		p := readNoticePage(t, out, code)
		alex := p.speaker("t8")
		checkNotice(t, p, "t8", ui(t, s, code, "staleNotice", nil), ui(t, s, code, "staleLink", nil),
			ui(t, s, code, "staleLinkLabel", site.TurnRef{Number: 8, Speaker: alex}))
		// The stale turn's words are still the translation's.
		if says := p.classed(p.turn(p.classed(p.root, "turn-notice")[0]), "says"); len(says) != 1 || p.hasAttr(says[0], "lang") {
			t.Errorf("%s: the stale turn's words are not the page's language's", p.name)
		}
		note := ui(t, s, code, "textNote", struct{ Notice string }{ui(t, s, code, "staleNotice", nil)})
		line, next := textNote(t, out, code, ui(t, s, code, "staleNotice", nil))
		if line != note || !strings.HasPrefix(next, ui(t, s, code, "textTurn", site.TurnRef{Speaker: alex})) {
			t.Errorf("%s: plain text: the note reads %q, then %q; want %q above Alex's turn", code, line, next, note)
		}
	}

	// Each translator updates the turn (here, nothing to change) and records.
	recordTranslations(t, dir)
	out = buildSite(t, dir, "")
	for _, code := range append([]string{"vi"}, translations...) {
		p := readNoticePage(t, out, code)
		if n := len(p.classed(p.root, "turn-notice")); n != 0 {
			t.Errorf("%s: %d turn notices after the translation was recorded again", p.name, n)
		}
		if code == "vi" {
			continue
		}
		if turns, links := len(p.classed(p.root, "turn")), len(p.classed(p.root, "original")); links != turns {
			t.Errorf("%s: %d links to the original for %d turns", p.name, links, turns)
		}
		if line, _ := textNote(t, out, code, ui(t, s, code, "staleNotice", nil)); line != "" {
			t.Errorf("%s: plain text still has the note %q", code, line)
		}
	}
}

var missingLine = regexp.MustCompile(`(?m)^(.*)/index\.([a-z-]+)\.md:(\d+): warning: turn (t\d+) \((\w+)\) of the original \(content/crypto-ai/index\.vi\.md:(\d+)\) is not translated`)

// TestMissingTurnPage adds a turn to the original after the twelve
// translations were recorded: check warns once per translation, with the
// lines; the build succeeds, and every translation's page has the turn, in
// Vietnamese, marked lang="vi" dir="ltr" on its words alone (the speaker's
// name stays the page's), with a notice in the page's language and the
// link to the original's turn; the turns' ids and numbers are the
// original's on every page.
func TestMissingTurnPage(t *testing.T) {
	dir := sitetest.Copy(t)
	recordTranslations(t, dir)
	vi := filepath.Join(dir, "content", "crypto-ai", "index.vi.md")
	editFile(t, vi, addedBefore, addedTurn+addedBefore)
	data, _ := os.ReadFile(vi)
	viLine := strconv.Itoa(strings.Count(string(data[:bytes.Index(data, []byte(addedWords))]), "\n") + 1)

	code, _, errs := rosetta(t, "check", "-src", dir)
	if code != 0 {
		t.Fatalf("check with a missing turn: exit %d, want 0 (a missing turn is a warning)\n%s", code, errs)
	}
	var langs []string
	for _, m := range missingLine.FindAllStringSubmatch(errs, -1) {
		langs = append(langs, m[2])
		if m[4] != "t9" || m[5] != "lydia" || m[6] != viLine || m[3] == "0" {
			t.Errorf("%s: warns of turn %s (%s) at vi line %s, line %s of the translation; want t9 (lydia) at vi line %s", m[2], m[4], m[5], m[6], m[3], viLine)
		}
	}
	slices.Sort(langs)
	if want := slices.Sorted(slices.Values(translations)); !slices.Equal(langs, want) {
		t.Errorf("missing turn warned of in %v, want once in each of %v\n%s", langs, want, errs)
	}

	out := buildSite(t, dir, "")
	s := uiStrings(t, dir)
	original := readNoticePage(t, out, "vi")
	want := original.turns()
	if !slices.Contains(want, "t9 #9") {
		t.Fatalf("vi: the added turn is not t9: %v", want)
	}
	if n := len(original.classed(original.root, "turn-notice")); n != 0 {
		t.Errorf("vi: %d turn notices on the original", n)
	}
	for _, code := range translations {
		p := readNoticePage(t, out, code)
		if got := p.turns(); !slices.Equal(got, want) {
			t.Errorf("%s: turns %v, want the original's %v", p.name, got, want)
		}
		lydia := p.find(p.root, func(n *html.Node) bool { return p.attr(n, "id") == "t9" })
		if len(lydia) != 1 {
			continue
		}
		turn := lydia[0]
		name := p.speaker("t9")
		checkNotice(t, p, "t9", ui(t, s, code, "missingNotice", nil), ui(t, s, code, "viewOriginal", nil),
			ui(t, s, code, "viewOriginalLabel", site.TurnRef{Number: 9, Speaker: name}))
		says := p.classed(turn, "says")
		if len(says) != 1 || !strings.Contains(p.text(says[0]), addedWords) {
			t.Errorf("%s: turn t9 does not show the original's words %q", p.name, addedWords)
			continue
		}
		if lang, dir := p.attr(says[0], "lang"), p.attr(says[0], "dir"); lang != "vi" || dir != "ltr" {
			t.Errorf(`%s: the words of t9 are marked lang=%q dir=%q, want lang="vi" dir="ltr"`, p.name, lang, dir)
		}
		// Only the words are Vietnamese: the name and the notice are the page's.
		if marked := p.find(turn, func(n *html.Node) bool { return p.hasAttr(n, "lang") }); len(marked) != 1 {
			t.Errorf("%s: %d elements of t9 have a lang, want the words' alone", p.name, len(marked))
		}
		if translated := p.speaker("t3"); name != translated {
			t.Errorf("%s: the speaker of t9 is named %q, not %q as in Lydia's other turns", p.name, name, translated)
		}
	}
}

// TestStaleAndMissingValid: a page with a stale and a missing turn stays
// clean for the Nu Html Checker and for axe-core, in Arabic (right to left,
// with a left-to-right turn), Japanese and French, light and dark, narrow and
// wide.
func TestStaleAndMissingValid(t *testing.T) {
	java := sitetest.LookTool(t, installJava, "java")
	jar := ciFile(t, "vnu-jar/build/dist/vnu.jar")
	axeJS, err := os.ReadFile(ciFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	dir := sitetest.Copy(t)
	recordTranslations(t, dir)
	vi := filepath.Join(dir, "content", "crypto-ai", "index.vi.md")
	editFile(t, vi, staleOld, staleNew)
	editFile(t, vi, addedBefore, addedTurn+addedBefore)

	var out string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serveSite(w, r, out)
	}))
	defer srv.Close()
	out = buildSite(t, dir, srv.URL+"/site/")
	var pages []string
	for _, code := range []string{"ar", "ja", "fr"} {
		page := code + "/crypto-ai/index.html"
		if p := readNoticePage(t, out, code); len(p.classed(p.root, "turn-notice")) != 2 {
			t.Fatalf("%s: no stale and missing turn to check", page)
		}
		pages = append(pages, page)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	messages, err := vnu(ctx, java, jar, out, nil, pages)
	if err != nil {
		t.Fatal(err)
	}
	if len(messages) > 0 {
		t.Errorf("the Nu Html Checker found %d errors:\n%s", len(messages), strings.Join(messages, "\n"))
	}

	configs, results := axeEveryConfig(t, srv.URL+"/site/", pages, string(axeJS))
	for i, c := range configs {
		for j, page := range pages {
			for _, v := range results[i][j].Violations {
				t.Errorf("%s, %s: axe-core: %s (%s): %s at %s: %s", page, c, v.ID, v.Impact, v.Help, strings.Join(v.Targets, " | "), v.Summary)
			}
		}
	}
}

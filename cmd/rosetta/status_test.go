package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// states are the columns of turn states that /status/ and check -coverage
// share.
var states = []string{"current", "stale", "missing", "unreviewed"}

// TestStatusAgreesWithCheck: with eleven translations recorded and one
// (id) not, one sentence of the original changed and a turn added to it,
// the translators' page /status/ and check -coverage -format json give the
// same count of turns in every state, for every language and transcript;
// the counts are the ones a translator expects; and the stale turn links
// to its change on the page, the old Vietnamese words deleted and the new
// ones inserted.
func TestStatusAgreesWithCheck(t *testing.T) {
	dir := sitetest.Copy(t)
	for _, lang := range translations {
		if lang == "id" {
			continue
		}
		if code, out, errs := rosetta(t, "translated", "-src", dir, "-lang", lang); code != 0 {
			t.Fatalf("translated -lang %s: exit %d\n%s%s", lang, code, out, errs)
		}
	}
	vi := filepath.Join(dir, "content", "crypto-ai", "index.vi.md")
	editFile(t, vi, "Sự cấp bách của những vấn đề này là gì?", "Những vấn đề này cấp bách đến mức nào?") // turn 1
	editFile(t, vi, "\nLydia: Xét từ góc độ", "\nAlex: Cảm ơn Max. Lydia, bạn nghĩ sao?\n\nLydia: Xét từ góc độ")

	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := rosetta(t, "build", "-src", dir, "-out", out); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	code, stdout, errs := rosetta(t, "check", "-src", dir, "-coverage", "-format", "json")
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, errs)
	}
	var report struct {
		Coverage []struct {
			Language    string `json:"language"`
			TotalTurns  int    `json:"totalTurns"`
			Discussions []struct {
				Slug       string   `json:"slug"`
				StaleTurns []string `json:"staleTurns"`
			} `json:"discussions"`
		} `json:"coverage"`
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("check -coverage -format json: %v\n%s", err, stdout)
	}
	// The counts, by language and by language and slug, as JSON gives them.
	var raw struct {
		Coverage []map[string]json.RawMessage `json:"coverage"`
	}
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	fromJSON := map[string]map[string]int{}
	for i, c := range raw.Coverage {
		lang := report.Coverage[i].Language
		fromJSON[lang] = counts(t, c)
		var ds []map[string]json.RawMessage
		if err := json.Unmarshal(c["discussions"], &ds); err != nil {
			t.Fatal(err)
		}
		for j, d := range ds {
			fromJSON[lang+"/"+report.Coverage[i].Discussions[j].Slug] = counts(t, d)
		}
	}

	data, err := os.ReadFile(filepath.Join(out, "status", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	fromPage := map[string]map[string]int{}
	for _, tr := range all(doc, "tr") {
		lang := attr(tr, "data-lang")
		if lang == "" {
			continue
		}
		key := lang
		if slug := attr(tr, "data-slug"); slug != "" {
			key += "/" + slug
		}
		if fromPage[key] != nil {
			t.Errorf("/status/ has two rows for %s", key)
		}
		fromPage[key] = map[string]int{}
		for _, td := range all(tr, "td") {
			if state := attr(td, "data-state"); state != "" {
				n, err := strconv.Atoi(strings.Fields(text(td.FirstChild))[0])
				if err != nil {
					t.Fatalf("/status/ %s %s: %q is not a count", key, state, text(td))
				}
				fromPage[key][state] = n
			}
		}
	}

	if len(fromJSON) != 26 { // 13 languages, each with its transcript of the one discussion
		t.Errorf("check -coverage -format json has %d rows of languages and transcripts, want 26", len(fromJSON))
	}
	for key, want := range fromJSON {
		got, ok := fromPage[key]
		if !ok && len(want) > 0 { // the original's transcripts have no row of their own
			t.Errorf("/status/ has no row for %s", key)
			continue
		}
		for _, s := range states {
			if got[s] != want[s] {
				t.Errorf("%s: %d %s turns on /status/, %d in check -coverage -format json", key, got[s], s, want[s])
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: states %v on /status/, %v in check -coverage -format json", key, got, want)
		}
	}
	for key := range fromPage {
		if fromJSON[key] == nil {
			t.Errorf("/status/ has a row for %s, which check -coverage -format json does not", key)
		}
	}

	// What a translator expects: a recorded translation has one stale turn
	// and one missing, the unrecorded one is all unreviewed but the turn
	// added; the original has no states.
	total := report.Coverage[0].TotalTurns
	wantFr := map[string]int{"current": total - 2, "stale": 1, "missing": 1, "unreviewed": 0}
	wantID := map[string]int{"current": 0, "stale": 0, "missing": 1, "unreviewed": total - 1}
	for key, want := range map[string]map[string]int{"fr": wantFr, "fr/crypto-ai": wantFr, "id/crypto-ai": wantID, "vi": {}, "vi/crypto-ai": {}} {
		if got := fromJSON[key]; !equalCounts(got, want) {
			t.Errorf("%s: %v, want %v", key, got, want)
		}
	}
	for _, c := range report.Coverage {
		if c.Language == "fr" && (len(c.Discussions) != 1 || strings.Join(c.Discussions[0].StaleTurns, " ") != "t1") {
			t.Errorf("fr: stale turns %+v in check -coverage -format json, want t1", c.Discussions)
		}
	}

	// The French transcript's stale turn links to its change, which shows
	// the Vietnamese words as they were and as they are.
	var link string
	for _, tr := range all(doc, "tr") {
		if attr(tr, "data-lang") == "fr" && attr(tr, "data-slug") == "crypto-ai" {
			for _, a := range all(tr, "a") {
				if strings.HasPrefix(attr(a, "href"), "#") {
					link = attr(a, "href")
				}
			}
		}
	}
	if link == "" {
		t.Fatal("the French transcript's row on /status/ links to no change")
	}
	var change *html.Node
	for _, n := range all(doc, "section") {
		if "#"+attr(n, "id") == link {
			change = n
		}
	}
	if change == nil {
		t.Fatalf("/status/ links to %s, which is not on the page", link)
	}
	var del, ins []string
	for _, n := range all(change, "del") {
		del = append(del, text(n))
	}
	for _, n := range all(change, "ins") {
		ins = append(ins, text(n))
	}
	if got := strings.Join(del, " "); !strings.Contains(got, "Sự cấp bách") || !strings.Contains(got, "là gì?") {
		t.Errorf("the change deletes %q, want the old words Sự cấp bách … là gì?", got)
	}
	if got := strings.Join(ins, " "); !strings.Contains(got, "cấp bách đến mức nào?") {
		t.Errorf("the change inserts %q, want the new words cấp bách đến mức nào?", got)
	}
	if !strings.Contains(text(change), "vấn đề kinh doanh nào?") {
		t.Errorf("the change shows no unchanged words around it: %q", text(change))
	}
	frTurn := false
	for _, a := range all(change, "a") {
		frTurn = frTurn || attr(a, "href") == "../fr/crypto-ai/#t1"
	}
	if !frTurn {
		t.Error("the change does not link to the turn on the French page")
	}
}

// counts reads the turn states of a JSON object: those it has.
func counts(t *testing.T, obj map[string]json.RawMessage) map[string]int {
	t.Helper()
	c := map[string]int{}
	for _, s := range states {
		if v, ok := obj[s]; ok {
			n, err := strconv.Atoi(string(v))
			if err != nil {
				t.Fatalf("%s: %s is not a count", s, v)
			}
			c[s] = n
		}
	}
	return c
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// all returns the elements named tag under n, in document order.
func all(n *html.Node, tag string) []*html.Node {
	var found []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag {
			found = append(found, d)
		}
	}
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// text is the text of n: itself when a text node, else its descendants'.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

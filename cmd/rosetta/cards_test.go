package main

// Social cards and structured data (issue 13), on the tests' site built
// with a base URL: the Open Graph tags a shared link shows, and each
// transcript's JSON-LD, read by a real JSON-LD processor (jsonld.js, from
// .ci/package.json) as search engines read it.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

const cardsBase = "https://example.org/talks/"

// metaTag matches a meta element of the head as base.html writes it.
var metaTag = regexp.MustCompile(`<meta (?:property|name)="([^"]+)" content="([^"]*)">`)

// metas returns the values of each meta property or name of a page.
func metas(t *testing.T, file string) map[string][]string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(src), "</head>")
	got := map[string][]string{}
	for _, m := range metaTag.FindAllStringSubmatch(head, -1) {
		got[m[1]] = append(got[m[1]], html.UnescapeString(m[2]))
	}
	return got
}

// TestSocialCards checks the card of a transcript, a home, the language
// chooser and the 404 page: its type, its absolute URL, its locale in
// Open Graph's ll_CC form and the locales of the page's other languages.
func TestSocialCards(t *testing.T) {
	out, _ := buildRealSite(t, cardsBase)
	others := func(except string) []string {
		all := []string{"zh_CN", "en_US", "vi_VN", "zh_TW", "es_ES", "ru_RU", "fr_FR", "pt_PT", "id_ID", "ja_JP", "ar_AR", "uk_UA", "pt_BR"}
		return slices.DeleteFunc(all, func(l string) bool { return l == except })
	}
	tests := []struct {
		page, ogType, url, locale string
		alternates                []string
		title                     string
	}{
		{"vi/crypto-ai/index.html", "article", cardsBase + "vi/crypto-ai/", "vi_VN", others("vi_VN"), "Phân tích lĩnh vực Crypto AI: Chuyên gia giải thích cơ hội và thách thức trong ngành"},
		{"ar/crypto-ai/index.html", "article", cardsBase + "ar/crypto-ai/", "ar_AR", others("ar_AR"), ""},
		{"ja/crypto-ai/index.html", "article", cardsBase + "ja/crypto-ai/", "ja_JP", others("ja_JP"), ""},
		{"pt-br/crypto-ai/index.html", "article", cardsBase + "pt-br/crypto-ai/", "pt_BR", others("pt_BR"), ""},
		{"zh-tw/index.html", "website", cardsBase + "zh-tw/", "zh_TW", others("zh_TW"), "Rosetta 討論實錄"},
		{"index.html", "website", cardsBase, "vi_VN", others("vi_VN"), ""},
		{"404.html", "website", "", "vi_VN", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			got := metas(t, filepath.Join(out, filepath.FromSlash(tt.page)))
			one := func(key, want string) {
				t.Helper()
				var wantList []string
				if want != "" {
					wantList = []string{want}
				}
				if !slices.Equal(got[key], wantList) {
					t.Errorf("%s = %q, want %q", key, got[key], wantList)
				}
			}
			one("og:type", tt.ogType)
			one("og:url", tt.url)
			one("og:locale", tt.locale)
			one("twitter:card", "summary")
			if tt.title != "" {
				one("og:title", tt.title)
			}
			if len(got["og:title"]) != 1 || len(got["og:site_name"]) != 1 || len(got["og:description"]) != 1 {
				t.Errorf("want one og:title, og:site_name and og:description, got %q, %q, %q", got["og:title"], got["og:site_name"], got["og:description"])
			}
			if !slices.Equal(got["og:locale:alternate"], tt.alternates) {
				t.Errorf("og:locale:alternate = %q, want %q", got["og:locale:alternate"], tt.alternates)
			}
		})
	}
}

// ldScript matches a JSON-LD block.
var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// expandJSONLD is run by node: it reads a JSON array of JSON-LD documents
// and writes, for each, its triples as N-Quads, or fails. The loader
// serves schema.org's context from here (the tests have no network): its
// @vocab, the part that names this site's terms.
const expandJSONLD = `
const jsonld = require("jsonld");
const loader = async (url) => {
  if (url.replace(/\/$/, "") === "https://schema.org") {
    return {contextUrl: null, documentUrl: url, document: {"@context": {"@vocab": "https://schema.org/"}}};
  }
  throw new Error("no remote document in tests: " + url);
};
(async () => {
  const docs = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const out = [];
  for (const doc of docs) {
    const expanded = await jsonld.expand(doc, {documentLoader: loader, safe: true});
    if (expanded.length !== 1) throw new Error("expanded to " + expanded.length + " nodes, want 1");
    out.push(await jsonld.toRDF(doc, {format: "application/n-quads", documentLoader: loader, safe: true}));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
`

// TestStructuredData expands every transcript page's JSON-LD with jsonld.js
// in safe mode (a term it cannot map is an error) and checks its triples:
// the original lists its 12 translations, each translation names the
// original, and each names its language, publisher and speakers; the date,
// source and image of the front matter where it gives them.
func TestStructuredData(t *testing.T) {
	node := sitetest.LookTool(t, "apt-get install nodejs", "node")
	modules := filepath.Dir(ciFile(t, "jsonld/package.json"))
	out, pages := buildProvenanceSite(t)

	var transcripts []string
	var docs []json.RawMessage
	for _, page := range pages {
		src, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		blocks := ldScript.FindAllSubmatch(src, -1)
		isTranscript := strings.Count(page, "/") == 2 && !strings.HasSuffix(page, "/search/index.html") // <lang>/<slug>/index.html
		switch {
		case isTranscript && len(blocks) != 1:
			t.Errorf("%s: %d JSON-LD blocks, want 1", page, len(blocks))
		case !isTranscript && len(blocks) != 0:
			t.Errorf("%s: %d JSON-LD blocks, want none", page, len(blocks))
		}
		for _, b := range blocks {
			transcripts = append(transcripts, page)
			docs = append(docs, json.RawMessage(b[1]))
		}
	}
	if len(transcripts) != 13 {
		t.Fatalf("JSON-LD on %d transcript pages, want 13", len(transcripts))
	}
	input, err := json.Marshal(docs)
	if err != nil {
		t.Fatalf("a block is not JSON: %v", err)
	}
	cmd := exec.Command(node, "-e", expandJSONLD)
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Dir(modules))
	cmd.Stdin = bytes.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("jsonld: %v\n%s", err, stderr.String())
	}
	var quads []string
	if err := json.Unmarshal(stdout, &quads); err != nil {
		t.Fatal(err)
	}

	original := cardsBase + "vi/crypto-ai/"
	const schema = "https://schema.org/"
	for i, page := range transcripts {
		url := cardsBase + strings.TrimSuffix(page, "index.html")
		triples := parseNQuads(t, quads[i])
		objects := func(predicate string) []string { return triples[tripleKey{url, schema + predicate}] }
		if got := objects("name"); len(got) != 1 {
			t.Errorf("%s: name %q, want one", page, got)
		}
		if got := objects("inLanguage"); len(got) != 1 || got[0] == "" {
			t.Errorf("%s: inLanguage %q, want one", page, got)
		}
		if got := objects("publisher"); len(got) != 1 {
			t.Errorf("%s: publisher %q, want one", page, got)
		}
		speakers := objects("contributor")
		if len(speakers) != 3 {
			t.Errorf("%s: %d contributors, want the 3 speakers", page, len(speakers))
		}
		roleOf := map[string][]string{} // a speaker's name → its roleName
		for _, role := range speakers {
			for _, person := range triples[tripleKey{role, schema + "contributor"}] {
				for _, name := range triples[tripleKey{person, schema + "name"}] {
					roleOf[name] = triples[tripleKey{role, schema + "roleName"}]
				}
			}
		}
		if len(roleOf) != 3 {
			t.Errorf("%s: the speakers' names are %q, want 3", page, roleOf)
		}
		wantDate, wantSource, wantImage := []string(nil), []string(nil), []string(nil)
		if datedPages[page] {
			wantDate, wantSource, wantImage = []string{`"2024-11-02"`}, []string{"https://example.org/talks/42"}, []string{`"` + cardsBase + `cards/crypto-ai.png"`}
		}
		if got := objects("datePublished"); !slices.Equal(got, wantDate) {
			t.Errorf("%s: datePublished %q, want %q", page, got, wantDate)
		}
		if got := objects("isBasedOn"); !slices.Equal(got, wantSource) {
			t.Errorf("%s: isBasedOn %q, want %q", page, got, wantSource)
		}
		if got := objects("image"); !slices.Equal(got, wantImage) {
			t.Errorf("%s: image %q, want %q", page, got, wantImage)
		}
		card, wantCard := metas(t, filepath.Join(out, filepath.FromSlash(page))), []string{"summary"}
		if datedPages[page] {
			wantCard = []string{"summary_large_image"}
		}
		if got, want := card["og:image"], wantImage; len(got) != len(want) || len(got) == 1 && `"`+got[0]+`"` != want[0] {
			t.Errorf("%s: og:image %q, want %q", page, got, want)
		}
		if !slices.Equal(card["twitter:card"], wantCard) {
			t.Errorf("%s: twitter:card %q, want %q", page, card["twitter:card"], wantCard)
		}
		if url != original {
			if got := objects("translationOfWork"); !slices.Equal(got, []string{original}) {
				t.Errorf("%s: translationOfWork %q, want %q", page, got, original)
			}
			continue
		}
		names := slices.Sorted(maps.Keys(roleOf))
		if want := []string{`"Alex"`, `"Lydia"`, `"Max"`}; !slices.Equal(names, want) {
			t.Errorf("%s: the speakers are %q, want %q", page, names, want)
		}
		host, guest := roleOf[`"Alex"`], roleOf[`"Max"`]
		if len(host) != 1 || len(guest) != 1 || host[0] == guest[0] || !slices.Equal(guest, roleOf[`"Lydia"`]) {
			t.Errorf("%s: roles %q, want the host Alex's apart from the guests'", page, roleOf)
		}
		var want []string // the other transcripts' pages
		for _, other := range transcripts {
			if other != page {
				want = append(want, cardsBase+strings.TrimSuffix(other, "index.html"))
			}
		}
		translations := slices.Sorted(slices.Values(objects("workTranslation")))
		if len(translations) != 12 || !slices.Equal(translations, want) {
			t.Errorf("%s: workTranslation lists %d pages, want the 12 translations:\n%s", page, len(translations), sitetest.Diff(strings.Join(want, "\n"), strings.Join(translations, "\n")))
		}
		if got := objects("translationOfWork"); got != nil {
			t.Errorf("%s: the original is a translation of %q", page, got)
		}
	}
}

// datedPages lists the transcripts that buildProvenanceSite gives a date,
// a source and an image.
var datedPages = map[string]bool{"vi/crypto-ai/index.html": true, "ja/crypto-ai/index.html": true}

// buildProvenanceSite builds the tests' site with a base URL, its
// Vietnamese and Japanese transcripts given a date, a source and an image,
// and returns the output folder and its HTML files, relative and sorted.
func buildProvenanceSite(t *testing.T) (out string, pages []string) {
	t.Helper()
	dir := sitetest.Copy(t)
	for page := range datedPages {
		code, _, _ := strings.Cut(page, "/")
		file := filepath.Join(dir, "content", "crypto-ai", "index."+code+".md")
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		keys := "+++\ndate = 2024-11-02\nsource = \"https://example.org/talks/42\"\nimage = \"cards/crypto-ai.png\"\n"
		src = bytes.Replace(src, []byte("+++\n"), []byte(keys), 1)
		if err := os.WriteFile(file, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out = filepath.Join(dir, "public")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "-src", dir, "-out", out, "-baseurl", cardsBase}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".html") {
			rel, _ := filepath.Rel(out, path)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	return out, pages
}

type tripleKey struct{ subject, predicate string }

// nquad is one line of N-Quads with IRIs or blank nodes as subject and
// predicate; the object keeps its quotes when it is a literal.
var nquad = regexp.MustCompile(`^(<[^>]*>|_:\S+) <([^>]*)> (.*) \.$`)

// parseNQuads returns the objects of each subject and predicate: an IRI
// without its brackets, a blank node as written, a literal with its quotes
// (and any datatype or language after them).
func parseNQuads(t *testing.T, src string) map[tripleKey][]string {
	t.Helper()
	triples := map[tripleKey][]string{}
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		m := nquad.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Fatalf("not a triple: %s", sc.Text())
		}
		subject := strings.Trim(m[1], "<>")
		object := m[3]
		if strings.HasPrefix(object, "<") {
			object = strings.Trim(object, "<>")
		}
		key := tripleKey{subject, m[2]}
		triples[key] = append(triples[key], object)
	}
	return triples
}

// TestCardsWithoutBaseURL: without a base URL, cards keep what needs no
// address and leave out og:url, and no page has JSON-LD, whose ids must be
// absolute.
func TestCardsWithoutBaseURL(t *testing.T) {
	dir := sitetest.Copy(t)
	out := filepath.Join(dir, "public")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "-src", dir, "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	for _, page := range []string{"vi/crypto-ai/index.html", "ar/crypto-ai/index.html", "vi/index.html"} {
		file := filepath.Join(out, filepath.FromSlash(page))
		got := metas(t, file)
		if got["og:url"] != nil {
			t.Errorf("%s: og:url %q without a base URL", page, got["og:url"])
		}
		if len(got["og:locale"]) != 1 || len(got["og:locale:alternate"]) != 12 {
			t.Errorf("%s: og:locale %q and %d og:locale:alternate, want one and 12", page, got["og:locale"], len(got["og:locale:alternate"]))
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if ldScript.Match(src) {
			t.Errorf("%s: JSON-LD without a base URL", page)
		}
	}
}

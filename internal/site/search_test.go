package site

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
	"golang.org/x/net/html"
)

// TestSearchPages checks that every language has a search page, in its
// language, linked from the header of its pages, kept out of search
// engines and out of the sitemap; and that a discussion cannot take the
// search page's folder.
func TestSearchPages(t *testing.T) {
	const base = "https://example.org/talks/"
	s, files := build(t, sitetest.FS(t), Options{BaseURL: base})
	for _, l := range s.Config.Languages {
		page := l.Code + "/search/index.html"
		data := files[page]
		if data == nil {
			t.Errorf("no %s", page)
			continue
		}
		d := parsePage(t, page, data)
		title, _ := s.Catalogs[l.Code].T("search")
		if h1 := d.all("h1"); len(h1) != 1 || text(h1[0]) != title {
			t.Errorf("%s: heading %q, want %q", page, textOf(h1), title)
		}
		if !bytes.Contains(data, []byte(`<meta name="robots" content="noindex">`)) {
			t.Errorf("%s is not noindex", page)
		}
		for _, from := range []string{l.Code + "/index.html", l.Code + "/crypto-ai/index.html", page} {
			var hrefs []string
			for _, a := range parsePage(t, from, files[from]).byClass("search-link") {
				href, _ := attr(a, "href")
				hrefs = append(hrefs, href)
			}
			if len(hrefs) != 1 || !strings.HasSuffix(hrefs[0], l.Code+"/search/") {
				t.Errorf("%s links to the search page with %q, want one link to %s/search/", from, hrefs, l.Code)
			}
		}
	}
	sitemaps := 0
	for name, data := range files {
		if strings.HasPrefix(name, "sitemap") {
			sitemaps++
			if bytes.Contains(data, []byte("/search/")) {
				t.Errorf("%s lists a search page", name)
			}
		}
	}
	if sitemaps == 0 {
		t.Error("no sitemap written with a base URL")
	}
	if bytes.Contains(files["404.html"], []byte("search-link")) {
		t.Error("404.html links to a search page, which has no language to search in")
	}

	fsys := sitetest.FS(t)
	fsys["content/search/index.vi.md"] = &fstest.MapFile{Data: fsys["content/crypto-ai/index.vi.md"].Data}
	s, problems := Load(t.Context(), fsys, Options{})
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	_, problems = s.Read("search")
	if want := `folder name "search": <lang>/search/ is each language's search page`; !strings.Contains(problems.Error(), want) {
		t.Errorf("a discussion named search: %v, want %q", problems, want)
	}
}

func textOf(nodes []*html.Node) []string {
	var texts []string
	for _, n := range nodes {
		texts = append(texts, text(n))
	}
	return texts
}

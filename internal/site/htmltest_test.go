package site

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
	"golang.org/x/net/html"
)

// build loads and builds the site in fsys, failing the test on any error.
func build(t *testing.T, fsys fs.FS, opts Options) (*Site, map[string][]byte) {
	t.Helper()
	s, problems := Load(t.Context(), fsys, opts)
	if problems.HasErrors() {
		t.Fatalf("load:\n%v", problems)
	}
	out := NewMemOutput(nil)
	if _, problems := s.Build(t.Context(), out); problems.HasErrors() {
		t.Fatalf("build:\n%v", problems)
	}
	return s, out.Files
}

// txtarSite reads testdata/<name>.txtar as a site, with the repository's
// templates and i18n files unless the archive has its own.
func txtarSite(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	fsys, _ := sitetest.Site(t, "testdata/"+name+".txtar")
	return fsys
}

// doc is a parsed page.
type doc struct {
	name string
	root *html.Node
}

func parsePage(t *testing.T, name string, data []byte) *doc {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &doc{name: name, root: root}
}

// all returns the elements with the tag ("" for every element).
func (d *doc) all(tag string) []*html.Node {
	var found []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (tag == "" || n.Data == tag) {
			found = append(found, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(d.root)
	return found
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
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

// byClass returns the elements of the page whose class list has class.
func (d *doc) byClass(class string) []*html.Node { return byClass(d.root, class) }

// byClass returns the elements under n whose class list has class.
func byClass(n *html.Node, class string) []*html.Node {
	var found []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if c, ok := attr(n, "class"); ok && n.Type == html.ElementNode && hasClass(c, class) {
			found = append(found, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return found
}

func hasClass(list, class string) bool {
	for _, c := range strings.Fields(list) {
		if c == class {
			return true
		}
	}
	return false
}

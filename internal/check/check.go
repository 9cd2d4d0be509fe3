// Package check finds what is wrong with a site before it is published:
// content and front matter, translations out of line with their original,
// missing UI strings and plural forms, and defects of the built pages
// (links, anchors, lang and dir, titles, headings, hreflang sets, ids,
// image alternatives).
package check

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/site"
)

// outDir is the folder the built pages are reported under; check builds in
// memory and writes nothing.
const outDir = "public/"

// Report is the outcome of a check.
type Report struct {
	Problems diag.List
	Coverage []site.Coverage // nil when the site does not load
}

// Run checks the site whose root is fsys, loaded with opts (a base URL
// that overrides site.toml's, to check a deploy's configuration). When ctx
// ends first, the report is incomplete: the caller checks ctx.
func Run(ctx context.Context, fsys fs.FS, opts site.Options) *Report {
	s, problems := site.Load(ctx, fsys, opts)
	r := &Report{Problems: problems}
	if s == nil {
		r.Problems.Sort()
		return r
	}
	r.Problems = append(r.Problems, s.Config.NoBaseURL()...)
	out := site.NewMemOutput(nil)
	built, problems := s.Build(ctx, out)
	for _, p := range problems {
		if p.Kind == site.KindDrift {
			p.Severity = diag.Error // a published translation must align
		}
		r.Problems = append(r.Problems, p)
	}
	if problems.HasErrors() || ctx.Err() != nil {
		r.Problems.Sort()
		return r
	}
	r.Coverage = s.Coverage(built.Discussions)
	for _, c := range r.Coverage { // a discussion without a transcript in a language of site.toml
		for _, slug := range c.Missing {
			r.Problems.Warnf("content/"+slug+"/index."+c.Lang.Code+".md", 0, "missing: %q is not translated into %s (%s)", slug, c.Lang.Code, c.Lang.Label)
		}
	}
	var codes []string
	for _, l := range s.Config.Languages {
		codes = append(codes, l.Code)
	}
	r.Problems = append(r.Problems, checkOutput(out.Files, s.Config.BaseURL, codes)...)
	r.Problems.Sort()
	return r
}

// page is what check reads of one built HTML page.
type page struct {
	name      string
	lang, dir string
	title     string
	h1        int
	ids       map[string]int // id → line of its first use
	refs      []ref
	alternate map[string]string // hreflang → site path
}

type ref struct {
	line   int
	attr   string
	href   string
	target string // site path, "" for a link out of the site
	frag   string
}

// checkOutput checks every built page. codes are the site's language
// codes, the first segment of a page's path.
func checkOutput(files map[string][]byte, baseURL string, codes []string) diag.List {
	var problems diag.List
	pages := map[string]*page{}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if strings.HasSuffix(name, ".html") {
			pages[name] = scan(name, files[name], baseURL, &problems)
		}
	}
	for _, name := range names {
		p := pages[name]
		if p == nil {
			continue
		}
		at := outDir + name
		if p.lang == "" {
			problems.Errorf(at, 1, "<html> has no lang")
		}
		if p.dir == "" {
			problems.Errorf(at, 1, "<html> has no dir")
		}
		if strings.TrimSpace(p.title) == "" {
			problems.Errorf(at, 1, "no <title>")
		}
		if p.h1 != 1 {
			problems.Errorf(at, 1, "%d <h1> elements, want one", p.h1)
		}
		for _, r := range p.refs {
			if r.target == "" {
				continue
			}
			if files[r.target] == nil {
				problems.Errorf(at, r.line, "%s=%q: %s is not in the site", r.attr, r.href, r.target)
				continue
			}
			// "#top" needs no id: browsers scroll it to the top of the page
			// (the HTML standard's "indicated part of the document").
			if target := pages[r.target]; r.frag != "" && !strings.EqualFold(r.frag, "top") && target != nil && target.ids[r.frag] == 0 {
				problems.Errorf(at, r.line, "%s=%q: no id %q in %s", r.attr, r.href, r.frag, r.target)
			}
		}
		checkAlternates(p, pages, &problems)
		checkVersions(p, pages, codes, &problems)
	}
	return problems
}

// checkVersions: a page of one language lists as alternates the same page in
// every other language that has it.
func checkVersions(p *page, pages map[string]*page, codes []string, problems *diag.List) {
	first, rest, ok := strings.Cut(p.name, "/")
	if !ok || !slices.Contains(codes, first) {
		return
	}
	if len(p.alternate) == 0 {
		problems.Errorf(outDir+p.name, 1, "no rel=alternate hreflang links")
		return
	}
	listed := map[string]bool{p.name: true} // checkAlternates reports a missing self
	for _, target := range p.alternate {
		listed[target] = true
	}
	for _, code := range codes {
		version := code + "/" + rest
		if pages[version] != nil && !listed[version] {
			problems.Errorf(outDir+p.name, 1, "no hreflang alternate for %s, which exists", version)
		}
	}
}

// checkAlternates: the hreflang set of a page names the page itself and
// x-default, and every page it names names it back.
func checkAlternates(p *page, pages map[string]*page, problems *diag.List) {
	if len(p.alternate) == 0 || strings.HasPrefix(p.name, "status/") || p.name == "404.html" {
		return
	}
	at := outDir + p.name
	self := false
	for _, target := range p.alternate {
		self = self || target == p.name
	}
	if !self {
		problems.Errorf(at, 1, "the hreflang alternates do not include the page itself")
	}
	if _, ok := p.alternate["x-default"]; !ok {
		problems.Errorf(at, 1, "no hreflang x-default alternate")
	}
	for lang, target := range p.alternate {
		other := pages[target]
		if other == nil || target == p.name {
			continue
		}
		back := false
		for _, t := range other.alternate {
			back = back || t == p.name
		}
		if !back && lang != "x-default" {
			problems.Errorf(at, 1, "hreflang %s: %s does not link back to this page", lang, target)
		}
	}
}

// scan reads a page with the HTML tokenizer, keeping line numbers.
func scan(name string, data []byte, baseURL string, problems *diag.List) *page {
	p := &page{name: name, ids: map[string]int{}, alternate: map[string]string{}}
	at := outDir + name
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	inTitle := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		tokenLine := line
		line += bytes.Count(raw, []byte("\n"))
		switch tt {
		case html.TextToken:
			if inTitle {
				p.title += string(z.Text())
			}
		case html.EndTagToken:
			if tn, _ := z.TagName(); atom.Lookup(tn) == atom.Title {
				inTitle = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			tag := atom.Lookup(tn)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			switch tag {
			case atom.Html:
				p.lang, p.dir = attrs["lang"], attrs["dir"]
			case atom.Title:
				inTitle = true
			case atom.H1:
				p.h1++
			case atom.Img:
				if _, ok := attrs["alt"]; !ok {
					problems.Errorf(at, tokenLine, "<img src=%q> has no alt", attrs["src"])
				}
			}
			if id, ok := attrs["id"]; ok {
				if first := p.ids[id]; first > 0 {
					problems.Errorf(at, tokenLine, "id %q is already used at line %d", id, first)
				} else {
					p.ids[id] = tokenLine
				}
			}
			for _, key := range []string{"href", "src"} {
				href, ok := attrs[key]
				if !ok {
					continue
				}
				target, frag := resolve(name, href, baseURL)
				p.refs = append(p.refs, ref{line: tokenLine, attr: key, href: href, target: target, frag: frag})
				if tag == atom.Link && attrs["rel"] == "alternate" && attrs["hreflang"] != "" {
					p.alternate[attrs["hreflang"]] = target
				}
			}
		}
	}
	return p
}

// resolve turns a link on page name into the site path it points to and its
// fragment. The target is "" for a link that leaves the site.
func resolve(name, href, baseURL string) (target, frag string) {
	if baseURL != "" && strings.HasPrefix(href, baseURL) {
		href = "/" + strings.TrimPrefix(href, baseURL)
	} else if strings.Contains(href, ":") && !strings.HasPrefix(href, "#") {
		return "", "" // another scheme or host
	}
	href, frag, _ = strings.Cut(href, "#")
	if href == "" {
		return name, frag
	}
	var p string
	if strings.HasPrefix(href, "/") {
		p = path.Clean(href)
	} else {
		p = path.Join("/"+path.Dir(name), href)
	}
	if strings.HasSuffix(href, "/") || p == "/" {
		p = path.Join(p, "index.html")
	}
	return strings.TrimPrefix(p, "/"), frag
}

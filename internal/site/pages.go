package site

import (
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"

	"github.com/rosetta-ssg/rosetta/internal/i18n"
	"github.com/rosetta-ssg/rosetta/internal/provenance"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

func workers() int { return 2 * runtime.GOMAXPROCS(0) }

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// Page is what a template renders: one file of the output.
type Page struct {
	Site *Site
	Lang *Language // the page's language; the original for the chooser and 404
	Path string    // the page's folder from the site root: "", "vi/", "vi/crypto-ai/"

	Transcript *transcript.Transcript
	Original   *Link // on a translation: the original
	// Alignment pairs a translation's turns with the original's.
	Alignment *provenance.Alignment

	Alternates []Link     // the page in every language it exists in, plus x-default
	Switcher   []Link     // the same pages, for the language switcher
	Entries    []Entry    // on a home
	Pager      *Pager     // on a home: which of its pages this is
	Coverage   []Coverage // on the status page
	Changes    []Change   // on the status page: the originals' changes since their translations were recorded

	template string
	catalog  *i18n.Catalog
	speakers []*Speaker // made by the first call of Speakers
}

// Link is a link to a page in one language.
type Link struct {
	Code     string // the language code
	Label    string
	Title    string // the site's title in that language
	Lang     string // the <html lang> of the target
	Hreflang string // "x-default" for the default version
	Dir      string
	Path     string // from the site root
	Current  bool

	// Filled in for the page that shows the link:
	Href string // relative to the page
	URL  string // absolute under the base URL when one is set, else Href
}

// Entry is one transcript on a language's home page.
type Entry struct {
	Path       string
	Transcript *transcript.Transcript
	Lang       *Language // the language of Transcript
	Translated bool      // false when Transcript is the original, shown for want of a translation
}

// File is the page's file in the output.
func (p *Page) File() string {
	switch {
	case p.NotFound():
		return "404.html"
	case p.template == feedTemplate:
		return p.Path + feedTemplate
	case p.template == textTemplate:
		return p.Path + p.TextFile()
	}
	return p.Path + "index.html"
}

// TranslationKey is the same for a page in each language it is written
// in, and differs from page to page otherwise, as Hugo's: "/crypto-ai/"
// for the transcript at vi/crypto-ai/ and en/crypto-ai/, "/" for every
// language's home, "" for the language chooser, "404" for the page of
// missing addresses. Pages with one key are at the same depth, so that
// their relative links are the same; a partialCached variant for what
// the languages of a page share, such as its hreflang links.
func (p *Page) TranslationKey() string {
	if p.NotFound() {
		return "404"
	}
	if rest, ok := strings.CutPrefix(p.Path, p.Lang.Code+"/"); ok {
		return "/" + rest
	}
	return p.Path
}

// HeadTitle is the page's <title>.
func (p *Page) HeadTitle() (string, error) {
	switch {
	case p.Transcript != nil:
		return p.Transcript.Title + " | " + p.Lang.Title, nil
	case p.NotFound():
		return p.T("notFoundTitle")
	case p.IsSearch():
		t, err := p.T("search")
		return t + " | " + p.Lang.Title, err
	case p.Pager != nil && p.Pager.Number > 1:
		n, err := p.Format("pageOf", p.Pager)
		return n + " | " + p.Lang.Title, err
	}
	return p.Lang.Title, nil
}

// Description is the page's meta description: a transcript's own, else the
// site's in the page's language (the UI string siteDescription), so that
// homes, the language chooser and a transcript without one have one too.
func (p *Page) Description() (string, error) {
	if p.Transcript != nil && p.Transcript.Description != "" {
		return p.Transcript.Description, nil
	}
	return p.T("siteDescription")
}

// PanelFirst reports whether the participants panel goes before the
// sections: when the first section has turns of its own. Otherwise the
// panel fills the opening section.
func (p *Page) PanelFirst() bool {
	secs := p.Transcript.Sections
	return len(secs) == 0 || len(secs[0].Turns) > 0 || secs[0].Intro != ""
}

// resolveLinks fills in the Href and URL of p's links, once, so that
// templates read fields instead of calling methods for every link.
func (p *Page) resolveLinks() *Page {
	for _, links := range [][]Link{p.Alternates, p.Switcher} {
		for i := range links {
			links[i].Href = p.Rel(links[i].Path)
			links[i].URL = p.Abs(links[i].Path)
		}
	}
	if p.Original != nil {
		o := *p.Original
		o.Href, o.URL = p.Rel(o.Path), p.Abs(o.Path)
		p.Original = &o
	}
	return p
}

// Rel returns a link from p to the site path target. The 404 page is served
// at any depth, so its links are absolute when the base URL is known. A
// style sheet or script of templates/assets is linked under its
// fingerprinted name.
func (p *Page) Rel(target string) string {
	target = p.Site.assetName(target)
	if p.NotFound() && p.Site.Config.BaseURL != "" {
		return p.Site.Config.BaseURL + target
	}
	rel := strings.Repeat("../", strings.Count(p.Path, "/")) + target
	if rel == "" {
		return "./"
	}
	return rel
}

// Abs returns the URL of the site path target: absolute under the base URL
// when one is set, else relative to p.
func (p *Page) Abs(target string) string {
	if p.Site.Config.BaseURL != "" {
		return p.Site.Config.BaseURL + p.Site.assetName(target)
	}
	return p.Rel(target)
}

// T returns a UI string in the page's language.
func (p *Page) T(id string) (string, error) { return p.catalog.T(id) }

// Format returns a UI string in the page's language with its named
// placeholders filled in from data, such as a Turn's Ref.
func (p *Page) Format(id string, data any) (string, error) { return p.catalog.Format(id, data) }

// N returns a counted UI string in the page's language.
func (p *Page) N(id string, n int) (string, error) { return p.catalog.N(id, n) }

// ReadingMinutes is the reading time of t, at least one minute, at the
// reading speeds of each script (see the transcript package's "Reading
// time").
func ReadingMinutes(t *transcript.Transcript) int { return t.Reading.Minutes() }

var funcs = template.FuncMap{
	"readingMinutes": ReadingMinutes,
	"percent":        Percent,
	// Stand-ins while the templates are parsed: see catalogFuncs.
	"T": parsing.T, "N": parsing.N, "Format": parsing.Format,
	"partialCached": func(string, any, ...any) (template.HTML, error) { // see renderer
		return "", errors.New("partialCached outside a build")
	},
}

// catalogFuncs are T, N and Format in the language of c, for the copy of
// the templates that renders a page in that language: {{T "id"}} is the
// page's {{.T "id"}} wherever "." is, in a turn or a section as on the
// page, as in Hugo.
func catalogFuncs(c *i18n.Catalog) map[string]any {
	return map[string]any{"T": c.T, "N": c.N, "Format": c.Format}
}

// parsing is the catalog of no language whose T, N and Format the
// templates are parsed with; each page is rendered with its language's.
var parsing = &i18n.Catalog{}

func (s *Site) languageLink(l *Language, path string) Link {
	return Link{Code: l.Code, Label: l.Label, Title: l.Title, Lang: l.Lang, Hreflang: l.Hreflang, Dir: l.Dir, Path: path}
}

// IndexPages lists the pages that list the discussions ds, or none of
// them: the language chooser, every language's home, the 404 page, when
// the site has a search.html, every language's search page and, when the
// site has a status.html, the status page.
func (s *Site) IndexPages(ds []*Discussion) []*Page {
	cfg := s.Config
	homes := s.homeLinks(1)
	original := cfg.Language(cfg.Original)
	catalog := s.Catalogs[cfg.Original]

	root := &Page{Site: s, Lang: original, Path: "", template: "root.html", catalog: catalog}
	root.Alternates = s.homeAlternates()
	root.Switcher = append([]Link{}, homes...)
	pages := []*Page{root.resolveLinks()}

	for _, l := range cfg.Languages {
		entries := s.homeEntries(l, ds)
		pages = append(pages, s.homePages(l, entries)...)
		if s.writesFeeds() {
			pages = append(pages, s.feedPage(l, ds))
		}
	}

	notFound := &Page{Site: s, Lang: original, Path: "", template: "404.html", catalog: catalog}
	notFound.Switcher = append([]Link{}, homes...)
	pages = append(pages, notFound.resolveLinks())
	pages = append(pages, s.searchPages()...)
	if s.tmpl.Lookup("status.html") != nil { // the translators' page is the site's choice
		status := &Page{Site: s, Lang: original, Path: "status/", template: "status.html", catalog: catalog, Coverage: s.Coverage(ds), Changes: s.Changes(ds)}
		pages = append(pages, status.resolveLinks())
	}
	return pages
}

// homeAlternates is the root's and every home's alternates: the homes, and
// the root as x-default.
func (s *Site) homeAlternates() []Link {
	return append(s.homeLinks(1), Link{Label: "x-default", Hreflang: "x-default", Path: ""})
}

// homeLinks links to page n of every language's home.
func (s *Site) homeLinks(n int) []Link {
	var homes []Link
	for _, l := range s.Config.Languages {
		homes = append(homes, s.languageLink(l, homePath(l.Code, n)))
	}
	return homes
}

// transcriptLinks links to the pages of d's transcripts, in the order of
// the languages, and gives its x-default: the original.
func (s *Site) transcriptLinks(d *Discussion) (links []Link, def Link) {
	cfg := s.Config
	for _, l := range cfg.Languages {
		if d.has(l.Code) {
			links = append(links, s.languageLink(l, l.Code+"/"+d.Slug+"/"))
		}
	}
	def = s.languageLink(cfg.Language(cfg.Original), cfg.Original+"/"+d.Slug+"/")
	def.Hreflang = "x-default"
	return links, def
}

// DiscussionPages lists the pages of the discussion d, one per language it
// is written in.
func (s *Site) DiscussionPages(d *Discussion) []*Page {
	cfg := s.Config
	links, def := s.transcriptLinks(d)
	originalLink := def
	originalLink.Hreflang = cfg.Language(cfg.Original).Hreflang
	var pages []*Page
	for _, l := range cfg.Languages {
		if !d.has(l.Code) {
			continue
		}
		p := &Page{
			Site: s, Lang: l, Path: l.Code + "/" + d.Slug + "/", template: "transcript.html",
			catalog:    s.Catalogs[l.Code],
			Transcript: d.Transcripts[l.Code],
			Alternates: append(append([]Link{}, links...), def),
			Switcher:   markCurrent(links, l.Code+"/"+d.Slug+"/"),
		}
		if l.Code != cfg.Original {
			p.Original = &originalLink
			p.Alignment = d.Alignments[l.Code]
		}
		pages = append(pages, p.resolveLinks())
		if s.writesText() {
			pages = append(pages, textPage(p))
		}
	}
	return pages
}

func markCurrent(links []Link, path string) []Link {
	out := append([]Link{}, links...)
	for i := range out {
		out[i].Current = out[i].Path == path
	}
	return out
}

// NotFound is true on the 404 page, whose links must work from any depth.
func (p *Page) NotFound() bool { return p.template == "404.html" }

// topFiles are the names rosetta writes at the top of the output besides
// the language folders and the assets: the pages without a language, and
// status/, the translators' page. No language code may be one of them.
var topFiles = []string{"index.html", "404.html", "robots.txt", "sitemap.xml", "status"}

// TopNames lists the names at the top of the output (language folders,
// status/, assets, index.html, 404.html), for the 404 page's script that
// finds the site's root in the address of a missing page.
func (p *Page) TopNames() []string {
	names := slices.Clone(topFiles)
	for _, l := range p.Site.Config.Languages {
		names = append(names, l.Code)
	}
	for _, name := range slices.Sorted(maps.Keys(p.Site.assets)) {
		top, _, _ := strings.Cut(p.Site.assetName(name), "/")
		names = append(names, top)
	}
	return slices.Compact(names)
}

// Catalog returns the UI strings of a language, for pages that speak
// several (the language chooser, the 404 page).
func (p *Page) Catalog(code string) *i18n.Catalog { return p.Site.Catalogs[code] }

func xmlEscape(s string) string {
	var b strings.Builder
	template.HTMLEscape(&b, []byte(s))
	return b.String()
}

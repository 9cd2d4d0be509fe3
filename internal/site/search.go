package site

// searchTemplate is the search page's template: with it, every language
// has a search page at <lang>/search/ that searches the index Pagefind
// builds from the output (npx pagefind --site public), and every page
// links to it.
const searchTemplate = "search.html"

// searchFolder is the search page's folder in each language's; no
// discussion may take its name.
const searchFolder = "search"

func (s *Site) hasSearch() bool { return s.tmpl.Lookup(searchTemplate) != nil }

// searchPages are the search pages of every language, when the site has a
// search.html: they link to one another, the original's as x-default.
func (s *Site) searchPages() []*Page {
	if !s.hasSearch() {
		return nil
	}
	cfg := s.Config
	var links []Link
	for _, l := range cfg.Languages {
		links = append(links, s.languageLink(l, l.Code+"/"+searchFolder+"/"))
	}
	def := s.languageLink(cfg.Language(cfg.Original), cfg.Original+"/"+searchFolder+"/")
	def.Hreflang = "x-default"
	var pages []*Page
	for _, l := range cfg.Languages {
		p := &Page{
			Site: s, Lang: l, Path: l.Code + "/" + searchFolder + "/", template: searchTemplate,
			catalog:    s.Catalogs[l.Code],
			Alternates: append(append([]Link{}, links...), def),
			Switcher:   markCurrent(links, l.Code+"/"+searchFolder+"/"),
		}
		pages = append(pages, p.resolveLinks())
	}
	return pages
}

// Search is the link from the page to its language's search page, or ""
// when the site has none (no search.html) and on the 404 page, which has
// no language of its own.
func (p *Page) Search() string {
	if !p.Site.hasSearch() || p.NotFound() {
		return ""
	}
	return p.Rel(p.Lang.Code + "/" + searchFolder + "/")
}

// IsSearch is true on a search page.
func (p *Page) IsSearch() bool { return p.template == searchTemplate }

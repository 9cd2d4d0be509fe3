package site

import "strconv"

// Paged homes: each language's home lists its discussions, newest first,
// Config.Pagination.PagerSize to a page (Hugo's form of addresses: page 1
// at <lang>/, page N at <lang>/page/N/).

// Pager places a page of a language's home among the others: the home
// lists its discussions newest first, Config.Pagination.PagerSize to a
// page, page 1 at <lang>/ and page N at <lang>/page/N/.
type Pager struct {
	Number int // this page's, from 1
	Total  int // how many pages the home has, at least 1
	// Prev and Next are the site paths of the pages of newer and of older
	// discussions, "" on the first and on the last page.
	Prev, Next string
}

// homeEntries lists what the home of language l shows of the discussions
// ds: what its feed lists, in the same order (newest first, the undated
// last by slug; the original of a discussion not yet translated, in its
// own language), so that a home's pages keep one order from build to
// build.
func (s *Site) homeEntries(l *Language, ds []*Discussion) []Entry {
	return s.feedPage(l, ds).Entries
}

// homePath is the folder of page n of language code's home: "vi/",
// "vi/page/2/". Page 1 has no other address: nothing links to
// "vi/page/1/", which is not written.
func homePath(code string, n int) string {
	if n == 1 {
		return code + "/"
	}
	return code + "/" + pagesFolder + "/" + strconv.Itoa(n) + "/"
}

// pagesFolder holds the pages of a home after the first, Hugo's name for
// it; no discussion may take it as its slug.
const pagesFolder = "page"

// homePages are the pages of language l's home, which lists entries, at
// most Config.Pagination.PagerSize a page; a home without entries is one
// page. Page n of every home lists the same discussions, so its
// alternates are page n of the other homes.
func (s *Site) homePages(l *Language, entries []Entry) []*Page {
	size := s.Config.Pagination.PagerSize
	total := max(1, (len(entries)+size-1)/size)
	pages := make([]*Page, 0, total)
	for n := 1; n <= total; n++ {
		home := &Page{Site: s, Lang: l, Path: homePath(l.Code, n), template: "home.html", catalog: s.Catalogs[l.Code]}
		home.Entries = entries[(n-1)*size : min(n*size, len(entries))]
		home.Pager = &Pager{Number: n, Total: total}
		if n > 1 {
			home.Pager.Prev = homePath(l.Code, n-1)
		}
		if n < total {
			home.Pager.Next = homePath(l.Code, n+1)
		}
		links := s.homeLinks(n)
		home.Alternates = s.pageAlternates(n)
		home.Switcher = markCurrent(links, home.Path)
		pages = append(pages, home.resolveLinks())
	}
	return pages
}

// pageAlternates are the alternates of page n of every home: page n of
// each home, and as x-default the root for page 1 (the language chooser)
// and the original language's page n for the others, as a transcript's
// x-default is its original.
func (s *Site) pageAlternates(n int) []Link {
	if n == 1 {
		return s.homeAlternates()
	}
	def := s.languageLink(s.Config.Language(s.Config.Original), homePath(s.Config.Original, n))
	def.Hreflang = "x-default"
	return append(s.homeLinks(n), def)
}

package site

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// The sitemaps protocol's limits on one file: 50,000 URLs and 50 MB
// (52,428,800 bytes) uncompressed. A site past either is split.
const (
	sitemapMaxURLs  = 50_000
	sitemapMaxBytes = 50 << 20
)

// sitemapPattern names the parts of a split sitemap, which sitemap.xml,
// then a sitemap index, lists: sitemap-1.xml, sitemap-2.xml, …
const sitemapPattern = "sitemap-*.xml"

const (
	sitemapHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n"
	sitemapFooter = "</urlset>\n"
)

// sitemapFile is one file of the sitemap.
type sitemapFile struct {
	Name string
	Data []byte
}

// sitemaps returns the files of the sitemap, which lists every page but
// the 404 and the status page with its alternates, from the site's
// languages and transcripts (no page needs to be made for it): sitemap.xml
// alone while it holds at most maxURLs URLs in at most maxBytes bytes,
// else sitemap-1.xml, sitemap-2.xml, … each within those limits, and
// sitemap.xml, an index of them. Without a base URL it returns none: a
// sitemap needs absolute URLs.
func (s *Site) sitemaps(ds []*Discussion, maxURLs, maxBytes int) []sitemapFile {
	base := s.Config.BaseURL
	if base == "" {
		return nil
	}
	urls := s.sitemapURLs(ds)
	var parts [][]byte
	var b bytes.Buffer
	n := 0
	for _, u := range urls {
		if n > 0 && (n == maxURLs || b.Len()+len(u)+len(sitemapFooter) > maxBytes) {
			b.WriteString(sitemapFooter)
			parts = append(parts, bytes.Clone(b.Bytes()))
			b.Reset()
			n = 0
		}
		if n == 0 {
			b.WriteString(sitemapHeader)
		}
		b.WriteString(u)
		n++
	}
	if n == 0 {
		b.WriteString(sitemapHeader)
	}
	b.WriteString(sitemapFooter)
	parts = append(parts, b.Bytes())
	if len(parts) == 1 {
		return []sitemapFile{{Name: "sitemap.xml", Data: parts[0]}}
	}
	var index strings.Builder
	index.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	files := make([]sitemapFile, 0, len(parts)+1)
	for i, data := range parts {
		name := strings.Replace(sitemapPattern, "*", strconv.Itoa(i+1), 1)
		files = append(files, sitemapFile{Name: name, Data: data})
		index.WriteString("  <sitemap>\n    <loc>" + xmlEscape(base+name) + "</loc>\n  </sitemap>\n")
	}
	index.WriteString("</sitemapindex>\n")
	return append(files, sitemapFile{Name: "sitemap.xml", Data: []byte(index.String())})
}

// sitemapURLs are the <url> elements of the sitemap, in the order of the
// site: the root, each page of the homes, then each discussion's pages.
func (s *Site) sitemapURLs(ds []*Discussion) []string {
	base := s.Config.BaseURL
	alternates := func(links []Link) string {
		var a strings.Builder
		for _, l := range links {
			a.WriteString(`    <xhtml:link rel="alternate" hreflang="` + xmlEscape(l.Hreflang) + `" href="` + xmlEscape(base+l.Path) + `"/>` + "\n")
		}
		return a.String()
	}
	var urls []string
	url := func(path string, t *transcript.Transcript, alternates string) {
		u := "  <url>\n    <loc>" + xmlEscape(base+path) + "</loc>\n"
		if t != nil && !t.Date.IsZero() {
			u += "    <lastmod>" + t.Date.Format("2006-01-02") + "</lastmod>\n"
		}
		urls = append(urls, u+alternates+"  </url>\n")
	}
	homes := alternates(s.homeAlternates())
	url("", nil, homes)
	for _, l := range s.Config.Languages {
		url(l.Code+"/", nil, homes)
	}
	// Every home lists every discussion, so every home has as many pages.
	size := s.Config.Pagination.PagerSize
	for n := 2; n <= (len(ds)+size-1)/size; n++ {
		all := alternates(s.pageAlternates(n))
		for _, l := range s.Config.Languages {
			url(homePath(l.Code, n), nil, all)
		}
	}
	for _, d := range ds {
		links, def := s.transcriptLinks(d)
		all := alternates(append(links, def))
		for _, v := range links {
			url(v.Path, d.Transcripts[v.Code], all)
		}
	}
	return urls
}

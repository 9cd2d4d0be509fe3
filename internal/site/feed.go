package site

import (
	"cmp"
	"io/fs"
	"path"
	"slices"
	"strings"
	texttemplate "text/template"
	"time"

	"golang.org/x/text/width"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// Feeds and downloads: the files that are not HTML. templates/*.xml and
// templates/*.txt are text/template templates, which escape nothing: an
// XML template escapes what it writes with the built-in html function.
// feed.xml, when it exists and a base URL is set (a feed's links are
// absolute), is each language's Atom feed, <lang>/feed.xml; transcript.txt,
// when it exists, is each transcript as plain text,
// <lang>/<slug>/<slug>.<lang>.txt.

const (
	feedTemplate = "feed.xml"
	textTemplate = "transcript.txt"
)

// textFuncs are the functions of the XML and text templates.
var textFuncs = texttemplate.FuncMap{
	"readingMinutes": ReadingMinutes,
	"rfc3339":        func(t time.Time) string { return t.Format(time.RFC3339) },
	"underline":      underline,
	"T":              parsing.T, "N": parsing.N, "Format": parsing.Format, // see catalogFuncs
}

// isTextTemplate reports whether the page template name is one of
// text/template's.
func isTextTemplate(name string) bool {
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".txt")
}

// htmlPages counts the HTML pages among pages: a build's summary counts
// pages, not its feeds and downloads.
func htmlPages(pages []*Page) int {
	n := 0
	for _, p := range pages {
		if !isTextTemplate(p.template) {
			n++
		}
	}
	return n
}

// loadTextTemplates parses templates/*.xml and templates/*.txt.
func (s *Site) loadTextTemplates(fsys fs.FS) diag.List {
	s.text = texttemplate.New("").Funcs(textFuncs)
	xml, _ := fs.Glob(fsys, "templates/*.xml")
	txt, _ := fs.Glob(fsys, "templates/*.txt")
	return parseTemplates(fsys, append(xml, txt...), func(name, src string) error {
		_, err := s.text.New(name).Parse(src)
		return err
	})
}

// writesFeeds reports whether the site has feeds: a feed template and a
// base URL.
func (s *Site) writesFeeds() bool {
	return s.Config.BaseURL != "" && s.text != nil && s.text.Lookup(feedTemplate) != nil
}

// writesText reports whether the site has its transcripts as plain text.
func (s *Site) writesText() bool { return s.text != nil && s.text.Lookup(textTemplate) != nil }

// Feed is the absolute URL of the Atom feed of the page's language, for the
// autodiscovery link of its head; "" when the site writes no feeds.
func (p *Page) Feed() string {
	if !p.Site.writesFeeds() {
		return ""
	}
	return p.Site.Config.BaseURL + p.Lang.Code + "/" + feedTemplate
}

// TextFile is the name of the transcript's plain-text download, in the
// page's folder: "crypto-ai.vi.txt"; "" when the site writes none.
func (p *Page) TextFile() string {
	if p.Transcript == nil || !p.Site.writesText() {
		return ""
	}
	return path.Base(p.Path) + "." + p.Lang.Code + ".txt"
}

// textPage is the plain-text download of the transcript page p.
func textPage(p *Page) *Page {
	t := *p
	t.template = textTemplate
	t.speakers = nil
	return &t
}

// feedPage is the Atom feed of language l: the transcripts of ds as l's
// home lists them (an original stands in for a missing translation, in its
// own language), newest first, the undated last by slug.
func (s *Site) feedPage(l *Language, ds []*Discussion) *Page {
	cfg := s.Config
	original := cfg.Language(cfg.Original)
	feed := &Page{Site: s, Lang: l, Path: l.Code + "/", template: feedTemplate, catalog: s.Catalogs[l.Code]}
	for _, d := range ds {
		if t := d.Transcripts[l.Code]; t != nil {
			feed.Entries = append(feed.Entries, Entry{Path: l.Code + "/" + d.Slug + "/", Transcript: t, Lang: l, Translated: true})
		} else {
			feed.Entries = append(feed.Entries, Entry{Path: cfg.Original + "/" + d.Slug + "/", Transcript: d.Original(s), Lang: original})
		}
	}
	slices.SortStableFunc(feed.Entries, func(a, b Entry) int {
		da, db := a.Transcript.Date, b.Transcript.Date
		switch {
		case da.IsZero() != db.IsZero():
			if da.IsZero() {
				return 1
			}
			return -1
		case !da.Equal(db):
			return db.Compare(da)
		}
		return cmp.Compare(path.Base(a.Path), path.Base(b.Path))
	})
	return feed
}

// Updated is the date of the newest entry of a feed, the feed's Atom
// updated; the zero time when no entry has a date.
func (p *Page) Updated() time.Time {
	var newest time.Time
	for _, e := range p.Entries {
		if e.Transcript.Date.After(newest) {
			newest = e.Transcript.Date
		}
	}
	return newest
}

// underline is a line of the character c as wide as s is in a monospaced
// font, where East Asian wide and full-width characters take two columns:
// a heading's underline in plain text.
func underline(c string, s string) string {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return strings.Repeat(c, n)
}

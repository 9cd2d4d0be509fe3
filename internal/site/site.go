// Package site builds a rosetta site: site.toml, content/, i18n/ and
// templates/ in, the pages of every language out.
//
// Layout of the output, for a language with code <lang> and a transcript
// folder content/<slug>/:
//
//	index.html              language chooser, the x-default
//	<lang>/index.html       the language's home: its transcripts
//	<lang>/<slug>/index.html a transcript in that language
//	404.html, sitemap.xml, robots.txt, and the files of templates/assets/
//	status/index.html       the translators' coverage, not linked
//
// No language's folder may take one of those names: a code "status", or
// the name of a file or folder at the top of templates/assets/, is an
// error at the language's line in site.toml; and no file of
// templates/assets may be index.html, 404.html, robots.txt, sitemap.xml or
// under status/, an error at the asset. The base URL (baseURL in
// site.toml, or -baseurl) is an absolute http or https URL with a host and
// no user, query or fragment.
//
// Every link between pages is relative, so the output works at a domain
// root and under a sub-path; 404.html, which hosts serve at any depth,
// finds the root with a script when no base URL is set, always as a path on
// its own origin, whatever the address.
//
// Each page is a templates/*.html file executed with a *Page. The parts
// that every page repeats many times, its turns, hreflang links and
// switcher entries, are written in Go by Page.Turns, Page.AlternateLinks
// and Page.SwitcherItems, escaped as html/template escapes. An error in a
// template, parsing it or executing it, is reported once, at the line of
// its file (templates/base.html for what base.html {{define}}s), with the
// first page it broke and how many others.
package site

import (
	"html/template"
	"io/fs"

	"github.com/rosetta-ssg/rosetta/internal/i18n"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Site is a loaded site, ready to render.
type Site struct {
	Config      *Config
	Catalogs    map[string]*i18n.Catalog // by language code
	Discussions []*Discussion            // by slug

	stream fs.FS // set when Build reads the transcripts (Options.Stream)

	tmpl    *template.Template
	assets  map[string][]byte             // templates/assets/<name> → <name> in the output
	parsers map[string]*transcript.Parser // by language code
}

// Discussion is one transcript folder: the same discussion in each language
// it has been written in.
type Discussion struct {
	Slug     string
	Versions map[string]*transcript.Transcript // by language code

	files map[string]string // the transcript files, by language code
}

func (d *Discussion) has(code string) bool { return d.Versions[code] != nil }

// Original returns the version in the site's original language.
func (d *Discussion) Original(s *Site) *transcript.Transcript {
	return d.Versions[s.Config.Original]
}

// KindDrift marks a translation that is not aligned with its original: a
// warning for build, an error for check.
const KindDrift = "drift"

// Options change how a site loads.
type Options struct {
	BaseURL string // overrides site.toml's baseURL when set
	// Local drops the base URL, for a preview: every URL is relative and
	// no sitemap is written.
	Local bool
	// Stream defers reading the transcripts to Build, which reads, renders
	// and lets go of one transcript folder at a time, so that memory does
	// not grow with the site. Load then reports no content problem; Build
	// does.
	Stream bool
}

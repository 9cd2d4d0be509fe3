// Package site builds a rosetta site: site.toml, content/, i18n/ and
// templates/ in, the pages of every language out.
//
// # Sources and output
//
// A discussion is a folder content/<slug>/; a transcript is one language's
// file in it, content/<slug>/index.<lang>.md (the format is the
// transcript package's). Layout of the output, for a language with code
// <lang> and a discussion <slug>:
//
//	index.html              language chooser, the x-default
//	<lang>/index.html       the language's home: its transcripts, newest first
//	<lang>/page/N/index.html page N of the home, when it has more than
//	                        [pagination] pagerSize of site.toml (20 by default)
//	<lang>/<slug>/index.html a transcript in that language
//	404.html, sitemap.xml, robots.txt, and the files of templates/assets/
//	status/index.html       the translators' coverage (when templates/status.html exists), not linked
//	<lang>/search/index.html the language's search page (when templates/search.html exists)
//	<lang>/feed.xml         the language's Atom feed (templates/feed.xml), only with a base URL
//	<lang>/<slug>/<slug>.<lang>.txt  a transcript as plain text (templates/transcript.txt)
//
// No language's folder may take one of those names: a code "status", or
// the name of a file or folder at the top of templates/assets/, is an
// error at the language's line in site.toml; and no file of
// templates/assets may be index.html, 404.html, sitemap.xml, sitemap-N.xml
// (the parts of a sitemap split at the protocol's 50,000 URLs or 50 MB a
// file, which sitemap.xml then indexes) or under status/, an error at the
// asset; no discussion may be named page. A robots.txt of templates/assets
// replaces rosetta's, which keeps status/ (under the base URL's path) out
// of search engines and names the sitemap. The style sheets and scripts of
// templates/assets (.css, .js, .mjs) are written under a name with the
// first 8 hex digits of their SHA-256 before the extension
// (style.3f2a9c1b.css), which .Rel and .Abs give for the asset's own
// name; the other assets keep theirs.
//
// The base URL (baseURL in site.toml, or -baseurl) is an absolute http or
// https URL with a host and no user, query or fragment; without one,
// Config.NoBaseURL is the warning build prints and check reports (serve,
// a local preview, has none on purpose). A language's hreflang is what
// search engines take: an ISO 639 language (its two-letter code when it
// has one), optionally a script and a two-letter ISO 3166-1 country,
// joined by hyphens, one language's only, and not x-default, which is the
// root page's; anything else is an error at the language's line.
// disclaimerURL, the address of the publisher's disclaimer that the
// disclaimer at the foot of every page links to, is an http or https URL
// with a host.
//
// Every link between pages is relative, so the output works at a domain
// root and under a sub-path; 404.html, which hosts serve at any depth,
// finds the root with a script when no base URL is set, always as a path on
// its own origin, whatever the address.
//
// # Building
//
// Load reads what every page needs (site.toml, i18n/, templates/); Build
// then reads one discussion at a time with Read, renders its pages, and
// keeps only what the homes and the status page list (titles, speakers,
// counts), so that memory does not grow with the text of the site. Build
// changes nothing it is given. build, check and serve all render through
// Read, DiscussionPages, IndexPages and Render; serve keeps what it needs
// to render again only the pages an edit changes.
//
// # Templates
//
// rosetta writes no markup of its own: every element of a page comes from
// templates/*.html (html/template), and goldmark writes the HTML of the
// Markdown inside turns and section introductions. Each page is one of
// transcript.html, home.html, root.html, 404.html or, optionally,
// status.html and search.html, executed with a *Page:
//
//	.Lang           *Language: .Code, .Label, .Title, .Lang (for <html lang>), .Hreflang, .Dir, .OGLocale (ll_CC)
//	.Path           the page's folder from the site root: "", "vi/", "vi/crypto-ai/"
//	.Site.Config    the site's configuration (.BaseURL, .Original, .Languages)
//	.Transcript     on a transcript page: .Title, .Description, .Date, .Source, .Translator, .Speakers
//	.FormatDate t   the date t in the long CLDR form of the page's language ("2 ноября 2024 г.")
//	.Split "id" s   a UI string cut around the text s in it: Parts .Before, .Part, .After
//	.SourceHost     the host name of the transcript's source ("example.org"), or ""
//	.Sections       on a transcript page: []Section, each with its []Turn
//	.Original       on a translation: the Link to the original
//	.Alternates     []Link: the page in every language it exists in, plus x-default
//	.Switcher       []Link: the same pages, for the language switcher (.Current on this one)
//	.Entries        on a home: []Entry, one per discussion on this page of it
//	.Pager          on a home: *Pager, .Number and .Total of its pages, .Prev and .Next the site paths of the newer and older pages ("" at the ends)
//	.Coverage       on the status page: []Coverage, one per language, with .States (its turns
//	                current, stale, missing, unreviewed) and .Discussions, its transcripts (each with
//	                .Translator and .Progress: the counts, .Recorded and .StaleTurns, each with the
//	                .Anchor of its change)
//	.Changes        on the status page: []Change, each original turn changed since translations of
//	                it were recorded: .Edits (word by word: .Kind "equal", "delete" or "insert", .Text)
//	                and the translations made from that wording (.Stale)
//	.T "id"         a UI string in the page's language
//	.N "id" count   a counted UI string, in the plural form count takes
//	.Format "id" v  a UI string with named placeholders filled from v: {{Format "turnLinkLabel" .Ref}} in "turn"
//	.Contents       on a transcript page: the sections with a title, for the table of contents
//	.Rel path       a link from this page to a site path (an asset's published name); .Abs the absolute URL when a base URL is set
//	.Speakers       on a transcript page: []*Speaker, in the order declared
//	.Participants   the speakers in groups, hosts then guests: []Group (.ID "hosts" or "guests", .Speakers)
//	.HeadTitle, .Description, .PanelFirst, .NotFound, .TopNames, .Catalog code
//	.OGType         the page's Open Graph type: "article" on a transcript, else "website"
//	.OGURL          the page's absolute URL for its card; "" without a base URL and on the 404 page
//	.OGLocaleAlternates  the Open Graph locales (ll_CC) of the page's other languages
//	.Image          the absolute URL of the card's picture (the transcript's image, else site.toml's), or ""
//	.Search         the link to the page's language's search page; "" without search.html and on the 404 page
//	.IsSearch       true on a search page
//	.StructuredData on a transcript page with a base URL, its schema.org data (a *Work), for a JSON-LD block; else nil
//	.TranslationKey the same for the page in each of its languages ("/crypto-ai/", "/" for the homes), else different
//
// A Section has .ID, .Title, .Heading and .Intro (HTML), .First, .Turns and
// .Page; a Turn has .ID (the same in every language), .Number (its place
// in the transcript, from 1), .Speaker, .Body (HTML), .Page and .Ref (its
// number and speaker's name, for the UI strings that name a turn:
// {{.Number}} and {{.Speaker}}); on a translation, .State ("current",
// "stale", "missing" or "unreviewed"), .Lang (the language of .Body: the
// original's on a missing turn) and .Notice (what the reader is told of a
// stale or missing turn, the UI string staleNotice or missingNotice; ""
// on any other); a Speaker has .ID, .Name, .Role, .Host, .Class (its
// accent, sp1 to sp6) and .Isolate (whether its name has a direction of
// its own and so goes in a <bdi>). Functions: T, N and Format, the
// page's .T, .N and .Format wherever "." is ({{T "viewOriginal"}} in a
// turn, as Hugo's T; a function costs a page less than a method looked up
// on it, action after action), readingMinutes transcript, percent done
// total, and partialCached "name" data variants…, which renders the
// template name with data once a build for each set of variants, as Hugo's
// partialCached, and gives every later call with those variants the same
// HTML, whatever its data and language: the variants must tell apart all
// that the output depends on. The default head renders the hreflang links,
// the same in every language of a page, with {{partialCached "alternates"
// . .TranslationKey}}.
//
// The default templates split a page into partials that a site can
// redefine one by one: in base.html "head", "cards" (Open Graph and
// Twitter), "structured-data" (JSON-LD), "alternates", "header",
// "switcher", "footer"; in transcript.html "contents", "section", "turn",
// "turn-notice", "view-original", "participants" and "speaker-name".
//
// Feeds and downloads come from templates/*.xml and templates/*.txt, run
// by text/template, which escapes nothing: feed.xml escapes each value
// with the built-in html function, which is right for XML too. Both are
// optional: without feed.xml no feed is written, without transcript.txt
// no download. feed.xml runs with a *Page whose .Entries are its home's,
// newest first by the front matter's date, the undated last by slug (an
// original stands in, in its own language, for a translation not yet
// made), and .Updated is the newest date; transcript.txt runs with a
// transcript's *Page, where a Turn's .Paragraphs and a Section's
// .IntroParagraphs are the Markdown as plain text, a paragraph each (a
// link's address after its text in angle brackets when it leads off the
// site). Their functions: rfc3339 t, underline char s (a line as wide as
// s in a monospaced font), readingMinutes. .Feed is the absolute URL of
// the page's language's feed ("" when none is written) and .TextFile the
// name of a transcript's download ("" when none), for the links to them.
//
// # Search
//
// With templates/search.html, each language has a search page,
// <lang>/search/ (no discussion may then be named "search"), linked from
// every page's header and left out of the sitemap, as search pages are no
// pages for search engines. It searches the index that Pagefind builds from
// the output (npx pagefind --site public, after each build), whose
// markup the default transcript.html gives: data-pagefind-body on the
// transcript alone, so that no other page is indexed; data-pagefind-ignore
// on what is not the discussion's words; data-pagefind-title on each turn
// (the speaker) and each titled section, which makes them Pagefind's
// sub-results, with their #tN or section anchors; data-pagefind-filter on
// the speaker's name.
//
// An error in a template, parsing it or executing it, is reported once,
// at the line of its file (templates/base.html for what base.html
// {{define}}s), with the first page it broke and how many others.
package site

import (
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"sync"
	texttemplate "text/template"

	"github.com/rosetta-ssg/rosetta/internal/i18n"
	"github.com/rosetta-ssg/rosetta/internal/provenance"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Site is a loaded site, ready to build: its configuration, UI strings and
// templates. It does not change once loaded.
type Site struct {
	Config   *Config
	Catalogs map[string]*i18n.Catalog // by language code

	fsys       fs.FS
	tmpl       *template.Template            // parsed, never executed: the source of clones
	clones     sync.Map                      // *i18n.Catalog → chan *renderer: copies of tmpl in its language, free to render with
	text       *texttemplate.Template        // templates/*.xml and *.txt: feeds and downloads
	texts      sync.Map                      // *i18n.Catalog → *texttemplate.Template: text with its T, N and Format
	assets     map[string][]byte             // templates/assets/<name> → <name> in the output
	assetNames map[string]string             // a fingerprinted asset's published name, by its name
	parsers    map[string]*transcript.Parser // by language code
}

// Discussion is one discussion as read: the same conversation in each
// language it has been written in.
type Discussion struct {
	Slug        string
	Transcripts map[string]*transcript.Transcript // by language code
	// Alignments pair each translation's turns with the original's, by
	// language code; a translation that has drifted from the original has
	// none.
	Alignments map[string]*provenance.Alignment
	// Progress is what the status page and check -coverage show of each
	// alignment, by language code: kept in the summary.
	Progress map[string]*Progress
}

func (d *Discussion) has(code string) bool { return d.Transcripts[code] != nil }

// Original returns the transcript in the site's original language.
func (d *Discussion) Original(s *Site) *transcript.Transcript {
	return d.Transcripts[s.Config.Original]
}

// Summary returns d as the homes and the status page list it: every
// transcript without its sections, and the progress of each translation.
func (d *Discussion) Summary() *Discussion {
	sum := &Discussion{Slug: d.Slug, Transcripts: make(map[string]*transcript.Transcript, len(d.Transcripts)), Progress: d.Progress}
	for code, v := range d.Transcripts {
		short := *v
		short.Sections = nil
		sum.Transcripts[code] = &short
	}
	return sum
}

// Codes lists the languages d is written in, sorted.
func (d *Discussion) Codes() []string { return slices.Sorted(maps.Keys(d.Transcripts)) }

// KindDrift marks a translation that is not aligned with its original: a
// warning for build, an error for check.
const KindDrift = "drift"

// KindStale marks a turn of a translation whose original has changed since
// it was translated, and KindMissing a turn of the original that a
// translation does not have yet: warnings, for build and check alike.
const (
	KindStale   = "stale"
	KindMissing = "missing"
)

// Options change how a site loads.
type Options struct {
	BaseURL string // overrides site.toml's baseURL when set
	// Local drops the base URL, for a preview: every URL is relative and
	// no sitemap is written.
	Local bool
}

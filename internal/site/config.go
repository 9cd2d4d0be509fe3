package site

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/gohugoio/locales"
	"golang.org/x/text/language"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/tomlfile"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Config is site.toml.
type Config struct {
	// BaseURL is where public/ is served, such as "https://example.org/talks/".
	// Canonical, alternate and sitemap URLs are absolute when it is set.
	BaseURL string `toml:"baseURL"`
	// Original is the code of the language transcripts are written in first.
	Original  string      `toml:"original"`
	Languages []*Language `toml:"languages"`
	// DisclaimerURL is the address of the publisher's disclaimer, which the
	// disclaimer at the foot of every page links to, or "".
	DisclaimerURL string `toml:"disclaimerURL"`

	baseURLLine int // of baseURL in site.toml, 0 when it has none
	// Image is the picture of the site's social cards and structured data:
	// an http or https URL, or a path from the site's root (a file of
	// templates/assets, such as "card.png"), used only with a base URL.
	Image string `toml:"image"`

	imageLine int // of image in site.toml, 0 when it has none

	// Pagination pages each language's home, as Hugo's [pagination] does.
	Pagination Pagination `toml:"pagination"`
}

// Pagination is site.toml's [pagination] table.
type Pagination struct {
	// PagerSize is the number of discussions on each page of a language's
	// home; DefaultPagerSize when site.toml does not set it.
	PagerSize int `toml:"pagerSize"`
}

// DefaultPagerSize is the number of discussions on a page of a home when
// site.toml sets none: about 7 KB of HTML, whatever the titles' scripts.
const DefaultPagerSize = 20

// Language is one [[languages]] entry of site.toml.
type Language struct {
	Code     string   `toml:"code"`     // file suffix, i18n file name and URL path: "pt-br"
	Label    string   `toml:"label"`    // native name shown in the switcher: "Português (Brasil)"
	Hreflang string   `toml:"hreflang"` // for rel=alternate and plural rules: "pt-BR"
	Lang     string   `toml:"lang"`     // <html lang>; defaults to Hreflang: "fr-002"
	Dir      string   `toml:"dir"`      // "ltr" (default) or "rtl"
	Title    string   `toml:"title"`    // the site's title in this language
	Quotes   []string `toml:"quotes"`   // typographer's marks: left and right double, then single
	OGLocale string   `toml:"ogLocale"` // Open Graph's ll_CC; derived from Hreflang by default: "vi_VN"

	tag    language.Tag
	locale locales.Translator // for dates; nil when rosetta has none for the language
	line   int                // of its [[languages]] table in site.toml
}

func (l *Language) quotes() transcript.Quotes {
	q := transcript.Quotes{}
	marks := append(l.Quotes, "", "", "", "")
	q.LeftDouble, q.RightDouble, q.LeftSingle, q.RightSingle = marks[0], marks[1], marks[2], marks[3]
	return q
}

const configFile = "site.toml"

func parseConfig(src []byte, baseURL string) (*Config, diag.List) {
	var problems diag.List
	var c Config
	if !tomlfile.Decode(&problems, configFile, 1, "", src, &c) {
		return nil, problems
	}
	lines := tomlfile.KeyLines(src, 1)
	c.baseURLLine = lines.Line("baseURL")
	if msg := baseURLProblem(c.BaseURL); c.BaseURL != "" && msg != "" {
		problems.Errorf(configFile, lines.Line("baseURL"), "baseURL %q %s", c.BaseURL, msg)
	}
	if u := c.DisclaimerURL; u != "" && !webURL(u) {
		problems.Errorf(configFile, lines.Line("disclaimerURL"), "disclaimerURL %q is not an http or https URL with a host, such as https://example.org/disclaimer", u)
	}
	c.imageLine = lines.Line("image")
	if msg := imageProblem(c.Image); msg != "" {
		problems.Errorf(configFile, c.imageLine, "image %q %s", c.Image, msg)
	}
	if line := lines.Line("pagination", "pagerSize"); line != 0 && c.Pagination.PagerSize < 1 {
		problems.Errorf(configFile, line, "pagerSize %d: a page of a home lists at least one discussion", c.Pagination.PagerSize)
	}
	if c.Pagination.PagerSize < 1 {
		c.Pagination.PagerSize = DefaultPagerSize
	}
	if baseURL != "" {
		if msg := baseURLProblem(baseURL); msg != "" {
			problems = append(problems, diag.Diagnostic{Path: "-baseurl", Msg: fmt.Sprintf("%q %s", baseURL, msg)})
		}
		c.BaseURL = baseURL
	}
	if c.BaseURL != "" && !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if len(c.Languages) == 0 {
		problems.Errorf(configFile, 0, "no [[languages]]")
	}
	seen := map[string]bool{}
	hreflangs := map[string]string{} // in lower case → the code of the language that has it
	for i, l := range c.Languages {
		where := fmt.Sprintf("language %q", l.Code)
		line := lines.Line("languages", strconv.Itoa(i))
		l.line = line
		if !validCode(l.Code) {
			problems.Errorf(configFile, line, "%s: code must be lower-case ASCII letters, digits and hyphens", where)
			continue
		}
		if slices.Contains(topFiles, l.Code) {
			problems.Errorf(configFile, line, "%s: rosetta writes its own %s at the top of the output, where the language's folder goes: choose another code", where, l.Code)
		}
		if seen[l.Code] {
			problems.Errorf(configFile, line, "%s: code listed twice", where)
		}
		seen[l.Code] = true
		if l.Label == "" {
			problems.Errorf(configFile, line, "%s: no label", where)
		}
		if l.Hreflang == "" {
			l.Hreflang = l.Code
		}
		if l.Lang == "" {
			l.Lang = l.Hreflang
		}
		if l.Dir == "" {
			l.Dir = "ltr"
		}
		if l.Dir != "ltr" && l.Dir != "rtl" {
			problems.Errorf(configFile, line, "%s: dir is %q, not ltr or rtl", where, l.Dir)
		}
		if l.Title == "" {
			problems.Errorf(configFile, line, "%s: no title", where)
		}
		for _, tag := range []string{l.Hreflang, l.Lang} {
			if _, err := language.Parse(tag); err != nil {
				problems.Errorf(configFile, line, "%s: %q is not a BCP 47 language tag", where, tag)
			}
		}
		l.tag, _ = language.Parse(l.Hreflang)
		if msg := hreflangProblem(l, hreflangs); msg != "" {
			problems.Errorf(configFile, line, "%s: %s", where, msg)
		}
		if msg := l.checkOGLocale(); msg != "" {
			problems.Errorf(configFile, line, "%s: %s", where, msg)
		}
		if lang, err := language.Parse(l.Lang); err == nil {
			if l.locale = localeFor(lang); l.locale == nil {
				problems.Warnf(configFile, line, "%s: rosetta has no CLDR date format for %q: dates show as 2024-11-02", where, l.Lang)
			}
		}
	}
	if c.Original == "" {
		problems.Errorf(configFile, 0, "no original language: set original = \"<code>\"")
	} else if !seen[c.Original] {
		problems.Errorf(configFile, lines.Line("original"), "original language %q is not in [[languages]]", c.Original)
	}
	return &c, problems
}

// baseURLProblem says what keeps s from being a base URL, or returns "".
// Canonical links and the sitemap put page paths after it, so it is the
// absolute http or https URL of a folder: a host, and no user, query or
// fragment.
func baseURLProblem(s string) string {
	const example = "https://example.org/talks/"
	u, err := url.Parse(s)
	var urlErr *url.Error
	switch {
	case errors.As(err, &urlErr):
		return fmt.Sprintf("is not a URL (%v), such as %s", urlErr.Err, example)
	case err != nil:
		return fmt.Sprintf("is not a URL (%v), such as %s", err, example)
	case u.Scheme != "http" && u.Scheme != "https":
		return "is not an http or https URL such as " + example
	case u.Hostname() == "":
		return "has no host, as example.org in " + example
	case u.User != nil:
		return "holds a user name: leave it out"
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#"):
		return "has a query or a fragment (? or #): page paths are put after it, as in " + example + "vi/"
	}
	return ""
}

// webURL reports whether s is an absolute http or https URL with a host
// and no user name: an address a reader's browser opens as it is.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Hostname() != "" && u.User == nil
}

// assetClashes reports each file of templates/assets that would land where
// rosetta writes a page of its own, at the asset, and each language whose
// folder in the output is also a file or folder of templates/assets, at
// the language's line; the case aside (the output may be on a disk that
// ignores it).
func (c *Config) assetClashes(assets map[string][]byte) diag.List {
	var problems diag.List
	tops := map[string]string{} // an asset's first segment, in lower case → as written
	for _, name := range slices.Sorted(maps.Keys(assets)) {
		top, _, _ := strings.Cut(name, "/")
		tops[strings.ToLower(top)] = top
		if name == "robots.txt" {
			continue // replaces rosetta's
		}
		if slices.Contains(topFiles, strings.ToLower(top)) {
			problems.Errorf("templates/assets/"+name, 0, "rosetta writes its own %s at the top of the output: rename or remove this file", strings.ToLower(top))
		} else if ok, _ := path.Match(sitemapPattern, strings.ToLower(top)); ok {
			problems.Errorf("templates/assets/"+name, 0, "rosetta writes the parts of a large sitemap as %s at the top of the output: rename or remove this file", sitemapPattern)
		}
	}
	for _, l := range c.Languages {
		if top, ok := tops[l.Code]; ok {
			problems.Errorf(configFile, l.line, "language %q: templates/assets/%s is copied to the top of the output, where the language's folder goes: rename one of them", l.Code, top)
		}
	}
	return problems
}

// validCode reports whether s is safe as a file suffix and a URL segment.
func validCode(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Language returns the language with the code, or nil.
func (c *Config) Language(code string) *Language {
	for _, l := range c.Languages {
		if l.Code == code {
			return l
		}
	}
	return nil
}

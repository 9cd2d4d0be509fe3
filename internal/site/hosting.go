package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"path"
	"strings"

	"golang.org/x/text/language"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// NoBaseURL returns the warning that build prints and check reports when
// the site has no base URL, at site.toml's baseURL line: what the site
// loses without one. It returns nil when a base URL is set. serve, a local
// preview, has none on purpose and does not call it.
func (c *Config) NoBaseURL() diag.List {
	if c.BaseURL != "" {
		return nil
	}
	var problems diag.List
	problems.Warnf(configFile, c.baseURLLine, "no baseURL: canonical and hreflang links are relative, no sitemap, feeds or structured data are written, and social cards have no address; set baseURL or -baseurl")
	return problems
}

// hreflangProblem says why search engines would not take the hreflang of
// l, or returns "". They read a language (ISO 639, in its two-letter form
// when it has one), optionally a script and a two-letter country code
// (ISO 3166-1), nothing more; x-default is the chooser's. seen maps the
// tags of the languages before l, in lower case, to their codes: two
// languages with one tag would be one language to a search engine. A tag
// that is not BCP 47 at all is reported by the caller.
func hreflangProblem(l *Language, seen map[string]string) string {
	written := l.Hreflang
	tag, err := language.Parse(written)
	if err != nil {
		return ""
	}
	if strings.EqualFold(written, "x-default") {
		return `hreflang "x-default" is reserved for the page that chooses a language (the site's root): give the language's own tag, such as "pt-BR"`
	}
	if strings.Contains(written, "_") {
		return fmt.Sprintf("hreflang %q: a tag's parts are joined by hyphens, as in %q", written, strings.ReplaceAll(written, "_", "-"))
	}
	base, _, region := tag.Raw()
	if len(tag.Variants()) > 0 || len(tag.Extensions()) > 0 {
		return fmt.Sprintf("hreflang %q: search engines read a language, a script and a region, nothing more: such as %q or %q", written, "pt-BR", "zh-Hant")
	}
	switch b := base.String(); {
	case b == "und" || b == "mul" || b == "zxx" || b >= "qaa" && b <= "qtz":
		return fmt.Sprintf("hreflang %q names no language search engines know, such as %q", written, "vi")
	}
	parts := strings.Split(written, "-")
	if len(parts[0]) == 3 && len(base.String()) == 2 {
		return fmt.Sprintf("hreflang %q: search engines know the language %s as %q (ISO 639-1)", written, parts[0], base.String())
	}
	if len(parts) > 1 {
		writtenRegion := parts[len(parts)-1]
		if len(writtenRegion) == 4 { // a script, no region
			writtenRegion = ""
		}
		switch {
		case region.String() == "ZZ":
		case !region.IsCountry() || len(writtenRegion) != 2:
			return fmt.Sprintf("hreflang %q: search engines take a region as a two-letter country code (ISO 3166-1), not %s: drop it, as in %q", written, writtenRegion, base.String())
		case !strings.EqualFold(writtenRegion, region.String()):
			return fmt.Sprintf("hreflang %q: the country code of %s is %s (ISO 3166-1)", written, strings.ToUpper(writtenRegion), region.String())
		}
	}
	key := strings.ToLower(tag.String())
	if other, ok := seen[key]; ok {
		return fmt.Sprintf("hreflang %q is also language %q's: search engines would take the two for one language", written, other)
	}
	seen[key] = l.Code
	return ""
}

// robots is the default robots.txt, unless templates/assets has one: it
// keeps the translators' status page out of search engines, and names the
// sitemap when there is one. Without a base URL the site's path is
// unknown, and the rules are written for a site at a domain's root.
func (s *Site) robots() []byte {
	root := "/"
	if s.Config.BaseURL != "" {
		if u, err := url.Parse(s.Config.BaseURL); err == nil {
			root = u.EscapedPath()
		}
	}
	r := "User-agent: *\n"
	if s.tmpl != nil && s.tmpl.Lookup("status.html") != nil {
		r += "Disallow: " + root + "status/\n"
	} else {
		r += "Disallow:\n"
	}
	if s.Config.BaseURL != "" {
		r += "\nSitemap: " + s.Config.BaseURL + "sitemap.xml\n"
	}
	return []byte(r)
}

// fingerprinted reports whether the asset name is served with a content
// hash in its name: the style sheets and scripts, which pages link and a
// CDN may cache for long. Icons, robots.txt and other files keep the names
// browsers and crawlers ask for.
func fingerprinted(name string) bool {
	switch path.Ext(name) {
	case ".css", ".js", ".mjs":
		return true
	}
	return false
}

// fingerprint returns the name an asset is written under: name with a
// short hash of data before its extension ("style.3f2a9c1b.css") when it
// is fingerprinted, else name.
func fingerprint(name string, data []byte) string {
	if !fingerprinted(name) {
		return name
	}
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}

// assetName returns the output name of the asset at the site path target,
// or target when it is no asset.
func (s *Site) assetName(target string) string {
	if name, ok := s.assetNames[target]; ok {
		return name
	}
	return target
}

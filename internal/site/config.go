package site

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/text/language"

	"github.com/rosetta-ssg/rosetta/internal/diag"
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
}

// Language is one [[languages]] entry of site.toml.
type Language struct {
	Code     string   `toml:"code"`     // file suffix, i18n file name and URL path: "pt-br"
	Label    string   `toml:"label"`    // native name shown in the switcher: "Português (Brasil)"
	Hreflang string   `toml:"hreflang"` // for rel=alternate and plural rules: "pt-BR"
	Lang     string   `toml:"lang"`     // <html lang>; defaults to Hreflang: "fr-002"
	Dir      string   `toml:"dir"`      // "ltr" (default) or "rtl"
	Title    string   `toml:"title"`    // the site's title in this language
	Quotes   []string `toml:"quotes"`   // typographer's marks: left and right double, then single

	tag language.Tag
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
	if !problems.DecodeTOML(configFile, 1, "", src, &c) {
		return nil, problems
	}
	if baseURL != "" {
		c.BaseURL = baseURL
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || !u.IsAbs() || u.Host == "" {
			problems.Errorf(configFile, 0, "baseURL %q is not an absolute URL such as https://example.org/", c.BaseURL)
		}
		if !strings.HasSuffix(c.BaseURL, "/") {
			c.BaseURL += "/"
		}
	}
	if len(c.Languages) == 0 {
		problems.Errorf(configFile, 0, "no [[languages]]")
	}
	seen := map[string]bool{}
	lines := headerLines(string(src), "[[languages]]")
	for i, l := range c.Languages {
		where := fmt.Sprintf("language %q", l.Code)
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		if !validCode(l.Code) {
			problems.Errorf(configFile, line, "%s: code must be lower-case ASCII letters, digits and hyphens", where)
			continue
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
	}
	if c.Original == "" {
		problems.Errorf(configFile, 0, "no original language: set original = \"<code>\"")
	} else if !seen[c.Original] {
		problems.Errorf(configFile, 0, "original language %q is not in [[languages]]", c.Original)
	}
	return &c, problems
}

// headerLines returns the line of each occurrence of a table header.
func headerLines(src, header string) []int {
	var lines []int
	for i, line := range strings.Split(src, "\n") {
		if strings.TrimSpace(line) == header {
			lines = append(lines, i+1)
		}
	}
	return lines
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

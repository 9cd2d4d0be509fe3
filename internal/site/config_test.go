package site

import "testing"

// TestBaseURL: site.toml's baseURL and the -baseurl flag take the absolute
// http or https URL of a folder, and anything else is an error at the
// baseURL line, or at the flag.
func TestBaseURL(t *testing.T) {
	const languages = `original = "vi"

[[languages]]
code = "vi"
label = "Tiếng Việt"
title = "Thảo luận"
`
	for _, tc := range []struct {
		toml, flag string
		want       string // the problems, "" for none
	}{
		{`baseURL = "https://example.org/talks"`, "", ""},
		{`baseURL = "HTTP://example.org:8080/"`, "", ""},
		{"", "https://example.org/", ""},
		{`baseURL = "javascript://x/"`, "", `site.toml:1: baseURL "javascript://x/" is not an http or https URL such as https://example.org/talks/`},
		{`baseURL = "example.org/talks/"`, "", `site.toml:1: baseURL "example.org/talks/" is not an http or https URL such as https://example.org/talks/`},
		{`baseURL = "https:///talks/"`, "", `site.toml:1: baseURL "https:///talks/" has no host, as example.org in https://example.org/talks/`},
		{`baseURL = "https://:443/"`, "", `site.toml:1: baseURL "https://:443/" has no host, as example.org in https://example.org/talks/`},
		{`baseURL = "https://me:secret@example.org/"`, "", `site.toml:1: baseURL "https://me:secret@example.org/" holds a user name: leave it out`},
		{`baseURL = "https://example.org/?v=1"`, "", `site.toml:1: baseURL "https://example.org/?v=1" has a query or a fragment (? or #): page paths are put after it, as in https://example.org/talks/vi/`},
		{`baseURL = "https://example.org/#top"`, "", `site.toml:1: baseURL "https://example.org/#top" has a query or a fragment (? or #): page paths are put after it, as in https://example.org/talks/vi/`},
		{`baseURL = "https://exa mple.org/"`, "", `site.toml:1: baseURL "https://exa mple.org/" is not a URL (invalid character " " in host name), such as https://example.org/talks/`},
		{"", "ftp://example.org/", `-baseurl: "ftp://example.org/" is not an http or https URL such as https://example.org/talks/`},
		{`baseURL = "https://example.org/"`, "/talks/", `-baseurl: "/talks/" is not an http or https URL such as https://example.org/talks/`},
	} {
		_, problems := parseConfig([]byte(tc.toml+"\n"+languages), tc.flag)
		if got := problems.Error(); got != tc.want {
			t.Errorf("%s, -baseurl %q:\n got %s\nwant %s", tc.toml, tc.flag, got, tc.want)
		}
	}
}

// TestHreflang: a language's hreflang is what search engines take, a
// language with an optional script and country, and anything else is an
// error at the language's line in site.toml.
func TestHreflang(t *testing.T) {
	for _, tc := range []struct {
		hreflang string
		want     string // the problems, "" for none
	}{
		{"ko", ""},
		{"pt-BR", ""},
		{"pt-br", ""},
		{"zh-Hant", ""},
		{"sr-Latn-RS", ""},
		{"fil", ""},
		{"x-default", `site.toml:8: language "xx": hreflang "x-default" is reserved for the page that chooses a language (the site's root): give the language's own tag, such as "pt-BR"`},
		{"es-419", `site.toml:8: language "xx": hreflang "es-419": search engines take a region as a two-letter country code (ISO 3166-1), not 419: drop it, as in "es"`},
		{"en-UK", `site.toml:8: language "xx": hreflang "en-UK": the country code of UK is GB (ISO 3166-1)`},
		{"vie", `site.toml:8: language "xx": hreflang "vie": search engines know the language vie as "vi" (ISO 639-1)`},
		{"de-CH-1996", `site.toml:8: language "xx": hreflang "de-CH-1996": search engines read a language, a script and a region, nothing more: such as "pt-BR" or "zh-Hant"`},
		{"en-US-x-foo", `site.toml:8: language "xx": hreflang "en-US-x-foo": search engines read a language, a script and a region, nothing more: such as "pt-BR" or "zh-Hant"`},
		{"und", `site.toml:8: language "xx": hreflang "und" names no language search engines know, such as "vi"`},
		{"VI", `site.toml:8: language "xx": hreflang "VI" is also language "vi"'s: search engines would take the two for one language`},
		{"en_US", `site.toml:8: language "xx": hreflang "en_US": a tag's parts are joined by hyphens, as in "en-US"`},
	} {
		src := `original = "vi"

[[languages]]
code = "vi"
label = "Tiếng Việt"
title = "Thảo luận"

[[languages]]
code = "xx"
label = "X"
title = "X"
hreflang = "` + tc.hreflang + `"
lang = "en"
`
		_, problems := parseConfig([]byte(src), "")
		if got := problems.Error(); got != tc.want {
			t.Errorf("hreflang %q:\n got %s\nwant %s", tc.hreflang, got, tc.want)
		}
	}
}

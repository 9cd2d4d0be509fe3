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

package site

import (
	"html/template"
	"strings"
	"testing"
)

// TestEscapingMatchesTemplates checks that markup rendered in Go escapes
// text, attribute values and addresses exactly as html/template does: a
// page must read the same whichever of the two wrote a part of it, and a
// speaker name or a translated string must never break out of its place.
func TestEscapingMatchesTemplates(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`{{.}}|<p title="{{.}}">|<a href="{{.}}">`))
	inputs := []string{
		"", "plain", `Tom & "Jerry" <b>'s</b> + co`, "nul\x00byte", "Tiếng Việt", "بالعربية",
		"../../vi/crypto-ai/", "https://example.org/a b/?q=1&r=2#t3", "HTTP://EXAMPLE.ORG/",
		"javascript:alert(1)", "JavaScript:x", "data:text/html,x", "mailto:a@b.c", "/path:with/colon",
		"%41%zz%", "a'b(c)d`e{f}|g^h\\i", "日本語/ページ/", "tab\there\nnewline", "bad\xffutf8",
		"\ufdd0\ufffe", "x-default", "rtl",
	}
	for _, in := range inputs {
		var want strings.Builder
		if err := tmpl.Execute(&want, in); err != nil {
			t.Fatal(err)
		}
		got := string(escapeHTML(nil, in)) + `|<p title="` + string(escapeHTML(nil, in)) + `">|<a href="` + string(appendURL(nil, in)) + `">`
		if got != want.String() {
			t.Errorf("escaping %q:\n got %s\nwant %s", in, got, want.String())
		}
	}
}

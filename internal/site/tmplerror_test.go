package site

import (
	"errors"
	"html/template"
	"io"
	"testing"
)

func TestSplitLocation(t *testing.T) {
	for _, tc := range []struct {
		in   string
		name string
		line int
		msg  string
		ok   bool
	}{
		{`base.html:4: function "nofunc" not defined`, "base.html", 4, `function "nofunc" not defined`, true},
		{`base.html:3:12: executing "head" at <1>: expected string; found 1`, "base.html", 3, `executing "head" at <1>: expected string; found 1`, true},
		{"base.html:3:5", "base.html", 3, "", true},
		{"my file.html:10: a: 2: b", "my file.html", 10, "a: 2: b", true},
		{"home.html:7: line one\nline two", "home.html", 7, "line one\nline two", true},
		{`transcript.html: "x" is an incomplete or empty template`, "", 0, "", false},
		{"no position at all", "", 0, "", false},
		{"", "", 0, "", false},
	} {
		name, line, msg, ok := splitLocation(tc.in)
		if name != tc.name || line != tc.line || msg != tc.msg || ok != tc.ok {
			t.Errorf("splitLocation(%q) = %q, %d, %q, %v; want %q, %d, %q, %v", tc.in, name, line, msg, ok, tc.name, tc.line, tc.msg, tc.ok)
		}
	}
}

// TestTemplateProblem: errors of html/template, met in a template that
// base.html {{define}}s, come out at base.html's line with the message
// alone.
func TestTemplateProblem(t *testing.T) {
	parseErr := func(src string) error {
		_, err := template.New("base.html").Parse(src)
		return err
	}
	execErr := func(base string) error {
		tmpl := template.Must(template.New("base.html").Parse(base))
		template.Must(tmpl.New("home.html").Parse("<p>\n{{template \"head\" .}}"))
		return tmpl.ExecuteTemplate(io.Discard, "home.html", struct{ Title string }{"x"})
	}
	for _, tc := range []struct {
		what string
		err  error
		want string
	}{
		{"a parse error in a define", parseErr("<!doctype html>\n{{define \"head\"}}\n<title>{{.Title | nofunc}}</title>\n{{end}}"),
			`templates/base.html:3: function "nofunc" not defined`},
		{"an execution error in a define", execErr("{{define \"head\"}}\n\n<title>{{.Missing}}</title>{{end}}"),
			`templates/base.html:3: executing "head" at <.Missing>: can't evaluate field Missing in type struct { Title string }`},
		{"an escaping error with a node", execErr("{{define \"head\"}}\n{{if .Title}}<a href=\"{{end}}{{end}}"),
			`templates/base.html:2: {{if}} branches end in different contexts: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp [] attrURL elementNone <nil>}, {stateText delimNone urlPartNone jsCtxRegexp [] attrNone elementNone <nil>}`},
		{"an escaping error without one", execErr("{{define \"head\"}}<a href=\"{{.Title}}{{end}}"),
			`templates/home.html: ends in a non-text context: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp [] attrURL elementNone <nil>}`},
		{"not a template's error", errors.New("disk full"), "templates/fallback.html: disk full"},
	} {
		if tc.err == nil {
			t.Fatalf("%s: no error to test", tc.what)
		}
		if got := templateProblem(tc.err, "templates/fallback.html").String(); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.what, got, tc.want)
		}
	}
}

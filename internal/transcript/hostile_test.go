package transcript

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// A hostileCase is Markdown on which goldmark takes time quadratic in its
// size, or worse, or one of cmark's pathological inputs.
type hostileCase struct {
	name string
	make func(n int) string // a body of about n bytes
	// The error the body is, at line errLine of the body, or "" when it
	// parses.
	err     string
	errLine int
}

// repeat repeats unit to about n bytes.
func repeat(unit string, n int) string {
	return strings.Repeat(unit, max(1, n/len(unit)))
}

// nested returns lines made by line(0), line(1), … up to about n bytes.
func nested(n int, line func(depth int) string) string {
	var b strings.Builder
	for depth := 0; b.Len() < n; depth++ {
		b.WriteString(line(depth))
	}
	return b.String()
}

const (
	errNesting = "lists and block quotes nested more than 32 deep"
	errLinks   = "links and images nested more than 32 deep (too many \"[\" open at once)"
)

var hostileCases = []hostileCase{
	// Links: goldmark scans each destination to the end of the line, and
	// each label's line from the paragraph's last line.
	{name: "link-openers", make: func(n int) string { return "Alex: " + repeat("[a](", n) }},
	{name: "link-destinations", make: func(n int) string { return "Alex: " + repeat("[a](b", n) }},
	{name: "pointy-destinations", make: func(n int) string { return "Alex: " + repeat("[a](<b", n) }},
	{name: "link-titles", make: func(n int) string { return "Alex: " + repeat("[a](b \"", n) }},
	{name: "link-openers-lines", make: func(n int) string { return "Alex: " + repeat("[a](\n", n) }},
	{name: "labels-lines", make: func(n int) string { return "Alex: " + repeat("[x]\n", n) }},
	{name: "brackets-parentheses", make: func(n int) string { return "Alex: " + repeat("[ (](", n) }},
	{name: "definitions", make: func(n int) string { return repeat("[a]: /u\n", n) + "\nAlex: [a]\n" }},
	{name: "definitions-titled", make: func(n int) string {
		return nested(n, func(i int) string { return fmt.Sprintf("[a%d]:\n/u%d\n'title'\n", i, i) })
	}},
	{name: "close-brackets", make: func(n int) string { return "Alex: " + repeat("a]", n) }},
	// Nested brackets: goldmark walks every node after a "[" at its "]".
	{name: "nested-brackets", err: errLinks, errLine: 1, make: func(n int) string {
		return "Alex: " + strings.Repeat("[", n/2) + "a" + strings.Repeat("]", n/2)
	}},
	{name: "open-brackets", err: errLinks, errLine: 1, make: func(n int) string { return "Alex: " + repeat("[a", n) }},
	{name: "open-images", err: errLinks, errLine: 1, make: func(n int) string { return "Alex: " + repeat("![", n) }},
	{name: "images-in-links", err: errLinks, errLine: 1, make: func(n int) string {
		return "Alex: " + strings.Repeat("[![", n/8) + "a" + strings.Repeat("](b)](c)", n/8)
	}},
	// Emphasis: goldmark searches back from each closer over every
	// earlier delimiter.
	{name: "emphasis-mismatched", make: func(n int) string { return "Alex: " + repeat("*a_ ", n) }},
	{name: "emphasis-rule-of-three", make: func(n int) string { return "Alex: a**b" + repeat("c* ", n) }},
	{name: "emphasis-interleaved", make: func(n int) string { return "Alex: " + repeat("*t ", n/2) + repeat("_t*_ ", n/2) }},
	{name: "emphasis-mixed", make: func(n int) string { return "Alex: " + repeat("*a_b*c_d**e_f*g**h*i_j**", n) }},
	{name: "emphasis-nested", make: func(n int) string {
		return "Alex: " + strings.Repeat("*a **a ", n/14) + "b" + strings.Repeat(" a** a*", n/14)
	}},
	{name: "emphasis-openers", make: func(n int) string { return "Alex: " + repeat("**a ", n) }},
	{name: "emphasis-closers", make: func(n int) string { return "Alex: " + repeat("a_ ", n) }},
	{name: "emphasis-in-links", err: errLinks, errLine: 1, make: func(n int) string { return "Alex: " + repeat("[ a_", n) }},
	// Runs: goldmark scans the rest of the run after each ~ or quote.
	{name: "tildes", make: func(n int) string { return "Alex: " + repeat("~", n) }},
	{name: "strikethrough", make: func(n int) string { return "Alex: " + repeat("~~a ", n) }},
	{name: "single-quotes", make: func(n int) string { return "Alex: " + repeat("'", n) }},
	{name: "double-quotes", make: func(n int) string { return "Alex: " + repeat(`"`, n) }},
	// Nesting: goldmark checks every open block on every line.
	{name: "nested-lists", err: errNesting, errLine: 33, make: func(n int) string {
		return nested(n, func(i int) string { return strings.Repeat("  ", i) + "- a\n" })
	}},
	{name: "nested-ordered-lists", err: errNesting, errLine: 33, make: func(n int) string {
		return nested(n, func(i int) string { return strings.Repeat("   ", i) + "1. a\n" })
	}},
	{name: "nested-quotes", err: errNesting, errLine: 1, make: func(n int) string { return repeat(">", n) + " a\n" }},
	{name: "nested-quote-lines", err: errNesting, errLine: 33, make: func(n int) string {
		return nested(n, func(i int) string { return strings.Repeat(">", i+1) + " a\n" })
	}},
	{name: "list-markers", err: errNesting, errLine: 1, make: func(n int) string { return repeat("- ", n) + "a\n" }},
	// cmark's other pathological inputs, linear in goldmark too.
	{name: "backticks", make: func(n int) string {
		return "Alex: " + nested(n, func(i int) string { return "e" + strings.Repeat("`", i+1) })
	}},
	{name: "autolinks", make: func(n int) string { return "Alex: " + repeat("<a", n) }},
	{name: "html-comments", make: func(n int) string { return "Alex: </" + repeat("<!--", n) }},
	{name: "dashes", make: func(n int) string { return "Alex: " + repeat("-", n) }},
	{name: "lazy-quote", make: func(n int) string { return "> Alex: a\n" + repeat("b\n", n) }},
}

// hostileFile is a transcript whose body is body, from line 8.
func hostileFile(body string) []byte {
	return []byte("+++\ntitle = \"Hostile\"\n\n[speakers.alex]\nname = \"Alex\"\nrole = \"Guest\"\n+++\n" + body)
}

const hostileBodyLine = 8

// TestHostile parses each hostile case at 200 KB: it parses, or it is one
// error at its line. goldmark alone takes from seconds to minutes on each
// superlinear case (see BenchmarkHostile): a regression shows as this
// test running past go test's -timeout. At 2 KB, the body renders as
// goldmark renders it, except where a limit is reached on purpose.
func TestHostile(t *testing.T) {
	const path = "content/x/index.vi.md"
	p := NewParser(Quotes{})
	ours, stock := newMarkdown(nil), stockMarkdown()
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			tr, diags := p.Parse(path, hostileFile(c.make(200_000)))
			var errs []string
			for _, d := range diags {
				if d.Severity == diag.Error {
					errs = append(errs, d.String())
				}
			}
			if c.err == "" {
				if len(errs) > 0 || tr == nil {
					t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
				}
			} else {
				want := fmt.Sprintf("%s:%d: %s", path, hostileBodyLine+c.errLine-1, c.err)
				if len(errs) != 1 || errs[0] != want || tr != nil {
					t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), want)
				}
				return
			}
			sameAsGoldmark(t, ours, stock, []byte(c.make(2_000)))
		})
	}
}

// TestLimits checks each limit at its edge: the Markdown that reaches it
// and the Markdown one step short of it.
func TestLimits(t *testing.T) {
	ours := newMarkdown(nil)
	render := func(src string) (string, []limitReached) {
		var b bytes.Buffer
		if err := ours.Convert([]byte(src), &b); err != nil {
			t.Fatal(err)
		}
		_, reached := parseMarkdown(ours, []byte(src))
		return b.String(), reached
	}
	for _, tc := range []struct {
		name, src string
		html      string // a line of the HTML
		reached   string // the limit reached, or ""
	}{
		{"32 nested lists", listLines(32), "<li>a</li>", ""},
		{"33 nested lists", listLines(33), "", errNesting},
		{"32 nested quotes", strings.Repeat(">", 32) + " a", "<p>a</p>", ""},
		{"33 nested quotes", strings.Repeat(">", 33) + " a", "", errNesting},
		{"quotes and lists", strings.Repeat("> - ", 16) + "a", "<li>a</li>", ""},
		{"quotes and lists too deep", strings.Repeat("> - ", 16) + "> a", "", errNesting},
		// Blocks that a line closes do not count for what it opens.
		{"32 nested lists, then a quote", listLines(32) + "> a", "<blockquote>", ""},
		{"32 nested quotes, then a list", strings.Repeat(">", 32) + " a\n- b", "<li>b</li>", ""},
		{"32 open brackets", strings.Repeat("[", 31) + "[a](b)", `<a href="b">a</a>`, ""},
		{"33 open brackets", strings.Repeat("[", 32) + "[a](b)", "", errLinks},
		{"32 parentheses", "[a](" + strings.Repeat("(", 32) + strings.Repeat(")", 32) + ")",
			`<p><a href="` + strings.Repeat("(", 32) + strings.Repeat(")", 32) + `">a</a></p>`, ""},
		{"33 parentheses", "[a](" + strings.Repeat("(", 33) + strings.Repeat(")", 33) + ")",
			"<p>[a](" + strings.Repeat("(", 33) + strings.Repeat(")", 33) + ")</p>", ""},
		{"pointy destination", "[a](<b>)", `<p><a href="b">a</a></p>`, ""},
		{"pointy destination with <", "[a](<b<c>)", "<p>[a](&lt;b", ""},
		{"pointy destination with \\<", `[a](<b\<c>)`, `<p><a href="b%3Cc">a</a></p>`, ""},
		{"16 quotes", strings.Repeat("'", 16), "<p>&rsquo;", ""}, // as goldmark renders them
		{"17 quotes", strings.Repeat("'", 17), "<p>" + strings.Repeat("'", 17) + "</p>", ""},
	} {
		html, reached := render(tc.src)
		switch {
		case tc.reached == "" && len(reached) > 0:
			t.Errorf("%s: limit reached: %v", tc.name, reached)
		case tc.reached != "" && (len(reached) != 1 || reached[0].msg != tc.reached):
			t.Errorf("%s: reached %v, want %q", tc.name, reached, tc.reached)
		case tc.html != "" && !strings.Contains(html, tc.html):
			t.Errorf("%s: HTML has no %q:\n%s", tc.name, tc.html, html)
		}
	}
}

// listLines is a list nested depth deep, one item a line.
func listLines(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}

// BenchmarkHostile parses each hostile case at two sizes, a quarter of
// the other: in linear time the larger takes four times as long.
func BenchmarkHostile(b *testing.B) {
	p := NewParser(Quotes{})
	for _, c := range hostileCases {
		for _, n := range []int{50_000, 200_000} {
			src := hostileFile(c.make(n))
			b.Run(fmt.Sprintf("%s/%dKB", c.name, n/1000), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					p.Parse("index.md", src)
				}
			})
		}
	}
}

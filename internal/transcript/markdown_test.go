package transcript

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// stockMarkdown is goldmark as rosetta configured it before newMarkdown:
// the parts that newMarkdown replaces must render as these do.
func stockMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(
		extension.NewTypographer(),
		extension.Table,
		extension.Strikethrough,
	))
}

// markdownTokens are the pieces random documents are made of: the
// characters of emphasis, links, definitions, code, quotes and blocks.
var markdownTokens = []string{
	"*", "**", "***", "_", "__", "~", "~~", "~~~", "[", "]", "![", "](", "](<", ")", "(", "<", ">",
	"`", "``", "\\", "\"", "'", "a", "b", "c", " ", "  ", "\t", "\n", "\n\n", ":", "]: ", "[a]",
	"[a]: /u", "[b]: <x y>", " \"t\"", " 't'", " (t)", "> ", "- ", "* ", "1. ", "   ", "http://x.y",
	"&amp;", "&#35;", "|", "|-|", "---", "#", "## ", "  \n", "<b>", "<!--", "-->", "...", "--",
	"x*y", "a_b", "'s", "\"a\"", "[x](/y)", "[x][a]", "[a][]", "![i](/j \"k\")", "<http://z>",
}

func randomMarkdown(r *rand.Rand) []byte {
	var b bytes.Buffer
	for range 1 + r.IntN(48) {
		b.WriteString(markdownTokens[r.IntN(len(markdownTokens))])
	}
	return b.Bytes()
}

// pointyWithLT is an inline link destination "<…>" holding a "<", which
// CommonMark does not allow and goldmark does.
var pointyWithLT = regexp.MustCompile(`\]\([ \t\n]*<[^>\n]*?[^\\]<`)

// pastSilentLimit reports whether src may reach a limit that newMarkdown
// applies without an error, where it renders differently on purpose.
func pastSilentLimit(src []byte) bool {
	return bytes.Count(src, []byte("(")) > maxLinkParens ||
		bytes.Contains(src, bytes.Repeat([]byte("'"), maxQuoteRun+1)) ||
		bytes.Contains(src, bytes.Repeat([]byte(`"`), maxQuoteRun+1)) ||
		pointyWithLT.Match(src)
}

// sameAsGoldmark fails t unless src renders the same with newMarkdown as
// with goldmark's own parsers, for input within the limits.
func sameAsGoldmark(t *testing.T, ours, stock goldmark.Markdown, src []byte) {
	t.Helper()
	if pastSilentLimit(src) {
		return
	}
	if _, reached := parseMarkdown(ours, src); len(reached) > 0 {
		return
	}
	var got, want bytes.Buffer
	if err := ours.Convert(src, &got); err != nil {
		t.Fatal(err)
	}
	if err := stock.Convert(src, &want); err != nil {
		t.Fatal(err)
	}
	if diff := sitetest.Diff(want.String(), got.String()); diff != "" {
		t.Errorf("Markdown %q: rosetta renders (got) and goldmark renders (want):\n%s", src, diff)
	}
}

// TestMarkdownSameAsGoldmark checks that rosetta's linear replacements of
// goldmark's parsers render random documents as goldmark does.
func TestMarkdownSameAsGoldmark(t *testing.T) {
	ours, stock := newMarkdown(nil), stockMarkdown()
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		sameAsGoldmark(t, ours, stock, randomMarkdown(r))
		if t.Failed() {
			return
		}
	}
	for _, src := range seedMarkdown() {
		sameAsGoldmark(t, ours, stock, src)
	}
}

// seedMarkdown returns the bodies of the txtar cases and small hostile
// inputs.
func seedMarkdown() [][]byte {
	var all [][]byte
	for _, c := range hostileCases {
		all = append(all, []byte(c.make(200)))
	}
	for _, s := range []string{
		"*a **b** c*", "***a** b*", "**a *b***", "a**b c* c* c*", "*a_ *b_ *c_", "_a *b_ c*",
		"[a](b) [c](<d>) [e](f \"g\") ![h](i)", "[a]\n\n[a]: /u \"t\"", "[a][b]\n\n[b]: /v",
		"[a]: /u\n[b]: /v\n[c]: /w\ntext", "[a]: /u\n\"t\nu\" [b]: /v\n\"t\nu\" [c]: /w\n\"t\nu\" [d]: /x\nend\n\n[a] [b] [c] [d]", "~~a~~ ~b~ ~~~c~~~",
		"> > a\n> b", "- a\n  - b\n    - c", "'a' \"b\" it's ''' \"\"\"", "[*a*](b) *[c](d)*",
		"**[a**](b)", "[a *b](c) d*", "![*a*](b *c*)", "*a [b](c) d*", "[a [b](c)](d)",
	} {
		all = append(all, []byte(s))
	}
	return all
}

// FuzzMarkdownSameAsGoldmark is TestMarkdownSameAsGoldmark's check on
// any input.
func FuzzMarkdownSameAsGoldmark(f *testing.F) {
	for _, src := range seedMarkdown() {
		f.Add(src)
	}
	ours, stock := newMarkdown(nil), stockMarkdown()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4000 || strings.Count(string(src), "\n") > 200 {
			return // goldmark itself may take seconds
		}
		sameAsGoldmark(t, ours, stock, src)
	})
}

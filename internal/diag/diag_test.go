package diag

import (
	"fmt"
	"strings"
	"testing"
)

func TestTOMLLines(t *testing.T) {
	src := `baseURL = "https://example.org/" # line 2: the TOML starts at line 2
original = "vi"

[[ languages ]]   # spaces and a comment
code = "vi"

[[languages]]
code = "en"
quotes = ["“", "”"]

[speakers.max]
name = "Max"

[speakers]
lan = { name = "Lan",
  role = "Khách" }
"quoted.id" = { name = "Q" }

[a]
b.c = 1
list = [{ x = 1 }, 2, { x = 3 }]
`
	lines := TOMLLines([]byte(src), 2)
	for _, tc := range []struct {
		path []string
		want int
	}{
		{[]string{"baseURL"}, 2},
		{[]string{"original"}, 3},
		{[]string{"languages", "0"}, 5},
		{[]string{"languages", "0", "code"}, 6},
		{[]string{"languages", "1"}, 8},
		{[]string{"languages", "1", "code"}, 9},
		{[]string{"languages", "1", "quotes"}, 10},
		{[]string{"languages", "2"}, 0},
		{[]string{"speakers", "max"}, 12},
		{[]string{"speakers", "max", "name"}, 13},
		{[]string{"speakers"}, 15}, // its own header, not where [speakers.max] implied it
		{[]string{"speakers", "lan"}, 16},
		{[]string{"speakers", "lan", "role"}, 17},
		{[]string{"speakers", "quoted.id", "name"}, 18},
		{[]string{"speakers", "quoted", "id", "name"}, 0},
		{[]string{"a", "b", "c"}, 21},
		{[]string{"a", "list", "0"}, 22},
		{[]string{"a", "list", "2", "x"}, 22},
		{[]string{"a", "list", "1"}, 0}, // not a table
		{[]string{"nothing"}, 0},
	} {
		if got := lines.Line(tc.path...); got != tc.want {
			t.Errorf("Line(%q) = %d, want %d", strings.Join(tc.path, "."), got, tc.want)
		}
	}
}

// TestTOMLLinesStopsAtAnError: the keys before a syntax error have their
// lines, and nothing panics.
func TestTOMLLinesStopsAtAnError(t *testing.T) {
	lines := TOMLLines([]byte("a = 1\nb = \nc = 3\n"), 1)
	if lines.Line("a") != 1 || lines.Line("c") != 0 {
		t.Errorf("a at %d, c at %d: want 1 and 0", lines.Line("a"), lines.Line("c"))
	}
}

func TestFold(t *testing.T) {
	var l List
	l.Errorf("content/a/index.vi.md", 3, "not folded, no page")
	for _, page := range []string{"vi/a/index.html", "en/a/index.html", "vi/index.html"} {
		l = append(l, Diagnostic{Path: "templates/base.html", Line: 7, Msg: "bad", Page: page})
	}
	l = append(l, Diagnostic{Path: "templates/base.html", Line: 8, Msg: "bad", Page: "vi/index.html"})
	l = append(l, Diagnostic{Path: "templates/home.html", Line: 2, Msg: "worse", Page: "vi/index.html"},
		Diagnostic{Path: "templates/home.html", Line: 2, Msg: "worse", Page: "en/index.html"})
	l.Errorf("content/a/index.vi.md", 3, "not folded, no page")
	want := `content/a/index.vi.md:3: not folded, no page
templates/base.html:7: bad (rendering vi/a/index.html and 2 other pages)
templates/base.html:8: bad (rendering vi/index.html)
templates/home.html:2: worse (rendering vi/index.html and 1 other page)
content/a/index.vi.md:3: not folded, no page`
	folded := l.Fold()
	if got := folded.Error(); got != want {
		t.Errorf("folded:\n%s\nwant:\n%s", got, want)
	}
	if again := folded.Fold().Error(); again != want {
		t.Errorf("folded twice:\n%s\nwant:\n%s", again, want)
	}
}

// TestDecodeTOMLTooLarge: TOML past the limit is an error at its first
// line, not minutes of decoding.
func TestDecodeTOMLTooLarge(t *testing.T) {
	var src strings.Builder
	for i := 0; src.Len() <= MaxTOMLSize; i++ {
		fmt.Fprintf(&src, "[speakers.s%d]\nname = \"S%d\"\n", i, i)
	}
	var l List
	var v map[string]any
	if l.DecodeTOML("content/a/index.vi.md", 2, "front matter: ", []byte(src.String()), &v) {
		t.Fatal("decoded")
	}
	const want = "content/a/index.vi.md:1: front matter: larger than 64 KiB, the most TOML rosetta reads"
	if len(l) != 1 || l[0].String() != want {
		t.Errorf("%v, want %s", l, want)
	}
}

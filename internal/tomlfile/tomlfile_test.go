package tomlfile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

func TestKeyLines(t *testing.T) {
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
	lines := KeyLines([]byte(src), 2)
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

// TestKeyLinesStopsAtAnError: the keys before a syntax error have their
// lines, and nothing panics.
func TestKeyLinesStopsAtAnError(t *testing.T) {
	lines := KeyLines([]byte("a = 1\nb = \nc = 3\n"), 1)
	if lines.Line("a") != 1 || lines.Line("c") != 0 {
		t.Errorf("a at %d, c at %d: want 1 and 0", lines.Line("a"), lines.Line("c"))
	}
}

// TestDecodeTooLarge: TOML past the limit is an error at its first
// line, not minutes of decoding.
func TestDecodeTooLarge(t *testing.T) {
	var src strings.Builder
	for i := 0; src.Len() <= MaxSize; i++ {
		fmt.Fprintf(&src, "[speakers.s%d]\nname = \"S%d\"\n", i, i)
	}
	var l diag.List
	var v map[string]any
	if Decode(&l, "content/a/index.vi.md", 2, "front matter: ", []byte(src.String()), &v) {
		t.Fatal("decoded")
	}
	const want = "content/a/index.vi.md:1: front matter: larger than 64 KiB, the most TOML rosetta reads"
	if len(l) != 1 || l[0].String() != want {
		t.Errorf("%v, want %s", l, want)
	}
}

// TestDecode: each problem is at its line of the file, counted from the
// line the TOML starts at. go-toml's own words may change with its version:
// they are left out of want, whose lines are the start of each diagnostic
// and, after "…", its end.
func TestDecode(t *testing.T) {
	type speaker struct{ Name string }
	type doc struct {
		Title    string
		Speakers map[string]speaker
	}
	for _, tc := range []struct {
		src  string
		ok   bool
		want []string
	}{
		{"title = \"A\"\n", true, nil},
		{"title = \"A\"\ncolour = \"red\"\n[speakers.max]\nname = \"Max\"\nage = 3\n", true, []string{
			`index.md:3: warning: front matter: unknown key "colour"`,
			`index.md:6: warning: front matter: unknown key "speakers.max.age"`,
		}},
		{"title = \"A\"\n\ntitle = \"B\"\n", false, []string{"index.md:4: front matter: …"}},
		{"title = A title\n", false, []string{`index.md:2: front matter: …at start of value: is it text without its quotes ("…")?`}},
		{"title = 3\n", false, []string{"index.md:2: front matter: …"}},
	} {
		var problems diag.List
		var v doc
		ok := Decode(&problems, "index.md", 2, "front matter: ", []byte(tc.src), &v)
		match := ok == tc.ok && len(problems) == len(tc.want)
		for i := 0; match && i < len(problems); i++ {
			start, end, _ := strings.Cut(tc.want[i], "…")
			got := problems[i].String()
			match = strings.HasPrefix(got, start) && strings.HasSuffix(got, end) && len(got) >= len(start)+len(end)
		}
		if !match {
			t.Errorf("Decode(%q) = %v with\n%s\nwant %v with\n%s", tc.src, ok, problems, tc.ok, strings.Join(tc.want, "\n"))
		}
	}
}

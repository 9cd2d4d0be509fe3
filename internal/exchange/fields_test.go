package exchange

import (
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// TestFields: the strings and headings import replaces are found where
// they are written, in the forms TOML and Markdown allow.
func TestFields(t *testing.T) {
	src := []byte("+++\ntitle = 'A \"literal\" title'\ndescription = \"Say \\\"hi\\\"\\tthen\"   # a comment\n\n[speakers.alex]\nname = \"Alex\"\nrole = \"\"\"\nmulti\"\"\"\n+++\n\n## Opening ##\n\nAlex: Hi.\n\nSecond *part*\n---\n\nAlex: Bye.\n")
	tr, problems := transcript.NewParser(transcript.Quotes{}).Parse("index.vi.md", src)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	for _, c := range []struct {
		path       []string
		text, span string
		ok         bool
	}{
		{[]string{"title"}, `A "literal" title`, `'A "literal" title'`, true},
		{[]string{"description"}, "Say \"hi\"\tthen", `"Say \"hi\"\tthen"`, true},
		{[]string{"speakers", "alex", "role"}, "", "", false}, // a multi-line string: edited in the Markdown
		{[]string{"speakers", "alex", "name"}, "Alex", `"Alex"`, true},
	} {
		s, ok := frontString(src, c.path...)
		if ok != c.ok || ok && (s.text != c.text || string(src[s.start:s.end]) != c.span) {
			t.Errorf("%v: %q at %q, %v; want %q at %q", c.path, s.text, src[s.start:s.end], ok, c.text, c.span)
		}
	}
	for i, want := range []string{"Opening", "Second *part*"} {
		h, ok := heading(src, tr.Sections[i])
		if !ok || h.text != want || string(src[h.start:h.end]) != want {
			t.Errorf("heading of %s: %q, %v; want %q", tr.Sections[i].ID, h.text, ok, want)
		}
	}
	if got, want := tomlString("a \"b\" \\ c\td\x01"), `"a \"b\" \\ c\td\u0001"`; got != want {
		t.Errorf("tomlString: %s, want %s", got, want)
	}
}

func TestParseContext(t *testing.T) {
	for ctxt, want := range map[string]Unit{
		"crypto-ai t5 2":        {Slug: "crypto-ai", ID: "t5", Block: 2},
		"crypto-ai s2 1":        {Slug: "crypto-ai", ID: "s2", Block: 1},
		"crypto-ai s2 heading":  {Slug: "crypto-ai", ID: "s2", Part: "heading"},
		"crypto-ai title":       {Slug: "crypto-ai", Part: "title"},
		"crypto-ai description": {Slug: "crypto-ai", Part: "description"},
		"crypto-ai max role":    {Slug: "crypto-ai", ID: "max", Part: "role"},
	} {
		if u, ok := ParseContext(ctxt); !ok || u != want {
			t.Errorf("%q: %+v, %v; want %+v", ctxt, u, ok, want)
		}
	}
	for _, ctxt := range []string{"", "crypto-ai", "crypto-ai t5", "crypto-ai t0 1", "crypto-ai t5 0", "crypto-ai x5 1", "crypto-ai t5 heading", "a b c d"} {
		if u, ok := ParseContext(ctxt); ok {
			t.Errorf("%q read as %+v", ctxt, u)
		}
	}
}

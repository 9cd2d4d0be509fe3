package po

import (
	"strings"
	"testing"
)

// TestReadWrite: what Write writes reads back the same, wrapped as msgcat
// wraps it (the cases were written by GNU gettext's msgcat 0.21).
func TestReadWrite(t *testing.T) {
	const file = `msgid ""
msgstr ""
"Language: ja\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. Alex
#: content/x/index.vi.md:23
#, fuzzy
#| msgctxt "x t1 1"
#| msgid ""
#| "word word word word word word word word word word word word word word word"
msgctxt "x t1 1"
msgid ""
"中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中"
"a 中中"
msgstr ""
"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxab-cd "
"\"q\" e.g. 1,000\n"
"- a list\n"

msgctxt "x s1 1"
msgid "short \"q\" tab\there"
msgstr ""
`
	f, d := Parse("x.po", []byte(file))
	if d != nil {
		t.Fatal(d)
	}
	if len(f.Entries) != 3 {
		t.Fatalf("%d entries, want 3", len(f.Entries))
	}
	e := f.Entries[1]
	if !e.Fuzzy() || e.Context != "x t1 1" || !strings.HasSuffix(e.PreviousID, "word word") || e.Line != 6 || e.StrLine != 16 {
		t.Errorf("entry read as %+v", e)
	}
	if lang, _ := f.Header("Language"); lang != "ja" {
		t.Errorf("Language %q", lang)
	}
	if got := string(f.Bytes()); got != file {
		t.Errorf("written back:\n%s\nwant:\n%s", got, file)
	}
}

// TestParseErrors: an error is at its line.
func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"msgid \"a\"\nmsgstr \"b\n", `x.po:2: a string must be in double quotes: "b`},
		{"msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", "x.po:3: msgid after msgid: the entry before has no msgstr"},
		{"msgid \"a\"\nmsgstr \"\\q\"\n", `x.po:2: unknown escape \q`},
		{"msgid \"a\"\nmsgstr \"\"\nfoo\n", `x.po:3: syntax error: "foo" is not a PO keyword`},
		{"msgid \"a\"\nmsgstr \"\"\n\"more\"\n\n\"orphan\"\n", "x.po:5: a string with no keyword before it"},
	} {
		_, d := Parse("x.po", []byte(c.src))
		if d == nil || d.String() != c.want {
			t.Errorf("%q: %v, want %s", c.src, d, c.want)
		}
	}
}

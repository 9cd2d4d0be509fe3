package i18n

import (
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

func parse(t *testing.T, code, src string) *Catalog {
	t.Helper()
	c, problems := Parse(code, "i18n/"+code+".toml", language.MustParse(code), []byte(src))
	if problems.HasErrors() {
		t.Fatalf("%s: %v", code, problems)
	}
	return c
}

const original = `
hello = "Xin chào"
turn = "Lượt {{.Number}} của {{.Speaker}}"

[guests]
one = "{{.Count}} khách"
other = "{{.Count}} khách"
`

// TestCheck: what a translation lacks or has beyond the original, each at
// its line, and nothing for a complete one.
func TestCheck(t *testing.T) {
	vi := parse(t, "vi", original)
	cases := []struct {
		code, src string
		want      []string
	}{
		{"en", "hello = \"Hello\"\nturn = \"{{.Speaker}}'s turn {{.Number}}\"\n[guests]\none = \"{{.Count}} guest\"\nother = \"{{.Count}} guests\"\n", nil},
		{"en", "[guests]\none = \"a\"\nother = \"b\"\n", []string{
			`i18n/en.toml: language en: missing message "hello" (i18n/vi.toml:2)`,
			`i18n/en.toml: language en: missing message "turn" (i18n/vi.toml:3)`,
		}},
		{"en", "hello = \"Hello\"\nturn = \"Turn {{.Nunber}}\"\n[guests]\none = \"a\"\nother = \"b\"\n", []string{
			`i18n/en.toml:2: language en: message "turn" has the placeholders {{.Nunber}}, i18n/vi.toml has {{.Number}}, {{.Speaker}}`,
		}},
		{"ru", "turn = \"Реплика {{.Number}} ({{.Speaker}})\"\nhello = \"Привет\"\n[guests]\none = \"{{.Count}} гость\"\nother = \"{{.Count}} гостя\"\n", []string{
			`i18n/ru.toml:3: language ru: message "guests" has no plural form "many"`,
			`i18n/ru.toml:3: language ru: message "guests" has no plural form "few"`,
		}},
		{"ar", "turn = \"المداخلة {{.Number}} ({{.Speaker}})\"\nhello = \"مرحبا\"\nguests = \"ضيوف\"\n", []string{`i18n/ar.toml:3: language ar: message "guests" is counted in i18n/vi.toml: write it as a table of plural forms`}},
		{"ja", "turn = \"{{.Speaker}}の発言{{.Number}}\"\nhello = \"こんにちは\"\nextra = \"余分\"\n[guests]\nother = \"{{.Count}}人\"\n", []string{`i18n/ja.toml:3: warning: language ja: message "extra" is not in i18n/vi.toml`}},
	}
	for _, c := range cases {
		got := parse(t, c.code, c.src).Check(vi)
		var lines []string
		for _, d := range got {
			lines = append(lines, d.String())
		}
		if got, want := strings.Join(lines, "\n"), strings.Join(c.want, "\n"); got != want {
			t.Errorf("%s: got:\n%s\nwant:\n%s", c.code, got, want)
		}
	}
}

// TestN: counted messages pick the language's form, and a message of the
// wrong kind is an error, never another language's text.
func TestN(t *testing.T) {
	ar := parse(t, "ar", `
[guests]
zero = "لا ضيوف"
one = "ضيف واحد"
two = "ضيفان"
few = "{{.Count}} ضيوف"
many = "{{.Count}} ضيفًا"
other = "{{.Count}} ضيف"
`)
	for n, want := range map[int]string{0: "لا ضيوف", 1: "ضيف واحد", 2: "ضيفان", 3: "3 ضيوف", 11: "11 ضيفًا", 100: "100 ضيف"} {
		if got, err := ar.N("guests", n); err != nil || got != want {
			t.Errorf("ar %d: %q, %v; want %q", n, got, err, want)
		}
	}
	if _, err := ar.T("guests"); err == nil {
		t.Error("T on a counted message: no error")
	}
	if _, err := ar.N("missing", 1); err == nil {
		t.Error("N on a missing message: no error")
	}
}

// TestFormat: a message's named placeholders are filled in from a struct,
// in the translation's order, and a placeholder the struct lacks is an
// error, never "<no value>" in a page.
func TestFormat(t *testing.T) {
	type turn struct {
		Number  int
		Speaker string
	}
	ja := parse(t, "ja", "turn = \"{{.Speaker}}の発言{{.Number}}\"\ntypo = \"{{.Nunber}}\"\n")
	if got, err := ja.Format("turn", turn{3, "アレックス"}); err != nil || got != "アレックスの発言3" {
		t.Errorf("Format: %q, %v; want %q", got, err, "アレックスの発言3")
	}
	if got, err := ja.Format("typo", turn{3, "アレックス"}); err == nil {
		t.Errorf("a placeholder the data lacks: %q, no error", got)
	}
}

// TestFormatAsGoI18n: Format fills a message's placeholders itself when
// they are plain {{.Name}} fields, and the text is what go-i18n's template
// gives, whatever the kind of data; anything else is go-i18n's to fill.
func TestFormatAsGoI18n(t *testing.T) {
	type ref struct {
		Number  int
		Speaker string
	}
	type withMethod struct{ ref }
	type named struct {
		Notice string
		ref
	}
	c := parse(t, "fr", `
both = "Lien vers l’intervention {{.Number}} ({{.Speaker}})"
twice = "{{.Number}}, {{.Number}} & <{{.Speaker}}>"
edges = "{{.Speaker}}"
none = "Aucune"
method = "{{.Label}}"
pipeline = "{{.Number | printf \"%03d\"}}"
braces = "{ {{.Speaker}} }}"
notice = "{{.Notice}} {{.Speaker}}"
`)
	cases := []struct {
		id   string
		data any
	}{
		{"both", ref{7, "Hà"}},
		{"both", &ref{7, "Hà"}},
		{"twice", ref{-2, "A&B"}},
		{"edges", ref{0, ""}},
		{"none", ref{1, "x"}},
		{"method", labelled{"étiquette"}},
		{"pipeline", ref{5, "x"}},
		{"braces", ref{5, "x"}},
		{"notice", named{"Non traduit", ref{1, "Ana"}}},
		{"both", withMethod{ref{3, "Ana"}}},
	}
	for _, tc := range cases {
		want, err := c.localizer.Localize(&goi18n.LocalizeConfig{MessageID: tc.id, TemplateData: tc.data})
		if err != nil {
			t.Fatalf("%s: go-i18n: %v", tc.id, err)
		}
		got, err := c.Format(tc.id, tc.data)
		if err != nil || got != want {
			t.Errorf("Format(%q, %#v) = %q, %v; go-i18n gives %q", tc.id, tc.data, got, err, want)
		}
	}
}

// labelled gives its placeholder through a method, as a *site.Page gives
// SourceHost.
type labelled struct{ label string }

func (l labelled) Label() string { return l.label }

// TestLines: a message is at the line of its key or table header, however
// the key is written, and text that looks like a key is not one.
func TestLines(t *testing.T) {
	c := parse(t, "en", `# a comment = "no"
"quoted" = "Q"
intro = """
spaced = "not a key"
"""
[ spaced ]   # a comment
one = "a"
other = "b"
`)
	for id, want := range map[string]int{"quoted": 2, "intro": 3, "spaced": 6} {
		line := 0
		if m := c.Messages[id]; m != nil {
			line = m.Line
		}
		if line != want {
			t.Errorf("message %q at line %d, want %d", id, line, want)
		}
	}
}

package transcript

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// update rewrites the want sections of the txtar files under testdata/ from
// what the code does now. Read every rewritten golden before keeping it.
var update = flag.Bool("update", false, "rewrite the want sections of testdata/*/*.txtar")

// A case of testdata/parse/ is a txtar archive holding:
//
//	index.md  the transcript file, parsed with the path "index.md"
//	want      dump of the result (see dump)
//
// If the archive's comment holds a line "escapes", the \xHH, \uHHHH, \r and
// \\ sequences of index.md are decoded first, so that invisible or invalid
// bytes stay visible in the archive.

func TestParse(t *testing.T) {
	sitetest.Cases(t, "testdata/parse/*.txtar", func(t *testing.T, file string, a *txtar.Archive) {
		got := parseDump(t, "index.md", caseFile(t, a, "index.md"))
		checkGolden(t, file, a, "want", got)
	})
}

// TestParseBOMCRLF checks that every case reads the same with a byte-order
// mark and CRLF line ends as without them.
func TestParseBOMCRLF(t *testing.T) {
	sitetest.Cases(t, "testdata/parse/*.txtar", func(t *testing.T, file string, a *txtar.Archive) {
		src := caseFile(t, a, "index.md")
		lf := bytes.TrimPrefix(src, []byte("\ufeff"))
		lf = bytes.ReplaceAll(lf, []byte("\r\n"), []byte("\n"))
		crlf := append([]byte("\ufeff"), bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))...)
		want := parseDump(t, "index.md", lf)
		got := parseDump(t, "index.md", crlf)
		if diff := sitetest.Diff(want, got); diff != "" {
			t.Errorf("with a BOM and CRLF (got) and without (want):\n%s", diff)
		}
	})
}

// TestIDsIgnoreHeadingText checks that transcripts of the same shape in four
// languages get the same section and turn ids at the same lines.
func TestIDsIgnoreHeadingText(t *testing.T) {
	skeleton := func(name string) string {
		a, err := txtar.ParseFile(filepath.Join("testdata/parse", name+".txtar"))
		if err != nil {
			t.Fatal(err)
		}
		tr, diags := NewParser(Quotes{}).Parse("index.md", caseFile(t, a, "index.md"))
		if diags.HasErrors() {
			t.Fatalf("%s: %v", name, diags)
		}
		var b strings.Builder
		for _, s := range tr.Sections {
			fmt.Fprintf(&b, "%s:%d", s.ID, s.Line)
			for _, turn := range s.Turns {
				fmt.Fprintf(&b, " %s:%d:%s", turn.ID, turn.Line, turn.Speaker.ID)
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	want := skeleton("ids-vi")
	if diff := sitetest.Diff("s1:13\ns2:17 t1:19:alex t2:21:max\ns3:23 t3:25:alex t4:27:max t5:29:alex\n", want); diff != "" {
		t.Errorf("ids-vi:\n%s", diff)
	}
	for _, name := range []string{"ids-ja", "ids-ar", "ids-ru"} {
		if diff := sitetest.Diff(want, skeleton(name)); diff != "" {
			t.Errorf("%s (got) and ids-vi (want):\n%s", name, diff)
		}
	}
}

// parseDump parses src and dumps the result, checking the invariants that
// hold for every input.
func parseDump(t *testing.T, path string, src []byte) string {
	t.Helper()
	tr, diags := NewParser(Quotes{}).Parse(path, src)
	switch {
	case diags.HasErrors() && tr != nil:
		t.Errorf("Parse returned a transcript along with errors:\n%v", diags)
	case !diags.HasErrors() && tr == nil:
		t.Errorf("Parse returned neither a transcript nor an error")
	}
	for _, d := range diags {
		if d.Path != path {
			t.Errorf("diagnostic %q has path %q, want %q", d, d.Path, path)
		}
	}
	if tr != nil {
		if n := len(tr.Turns()); tr.TurnCount() != n {
			t.Errorf("TurnCount() = %d, want len(Turns()) = %d", tr.TurnCount(), n)
		}
		for _, turn := range tr.Turns() {
			// The label is gone: the body does not start with the
			// speaker's name or id and a colon.
			body := strings.TrimPrefix(string(turn.Body), "<p>")
			body = strings.TrimPrefix(body, "<strong>")
			for _, name := range []string{turn.Speaker.Name, turn.Speaker.ID} {
				if rest, ok := strings.CutPrefix(body, name); ok {
					rest = strings.TrimPrefix(strings.TrimLeft(rest, " \u00a0\u202f"), "</strong>")
					if strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "：") {
						t.Errorf("turn %s: the label is left in the body:\n%s", turn.ID, turn.Body)
					}
				}
			}
			for _, bad := range []string{"<script", "javascript:"} {
				if strings.Contains(strings.ToLower(string(turn.Body)), bad) {
					t.Errorf("turn %s: body holds %q:\n%s", turn.ID, bad, turn.Body)
				}
			}
		}
		for _, s := range tr.Sections {
			for _, bad := range []string{"<script", "javascript:"} {
				if strings.Contains(strings.ToLower(string(s.Intro+s.Heading)), bad) {
					t.Errorf("section %s: HTML holds %q:\n%s%s", s.ID, bad, s.Heading, s.Intro)
				}
			}
		}
	}
	return dump(tr, diags)
}

// dump writes a transcript as compact text:
//
//	title "…"
//	source "…"       when the front matter gives one
//	translator "…"   when the front matter gives one
//	speaker <id> "<name>" line <n> [host]
//	section <id> line <n> "<title>"
//	  intro blocks <n>
//	    <HTML>
//	  turn <id> line <n> <speaker id> blocks <n>
//	    <HTML>
//
// followed by the diagnostics, one "path:LINE: message" a line. When there
// are errors the transcript is nil and only the diagnostics are written.
func dump(tr *Transcript, diags diag.List) string {
	var b strings.Builder
	if tr != nil {
		fmt.Fprintf(&b, "title %q\n", tr.Title)
		if tr.Source != "" {
			fmt.Fprintf(&b, "source %q\n", tr.Source)
		}
		if tr.Translator != "" {
			fmt.Fprintf(&b, "translator %q\n", tr.Translator)
		}
		for _, sp := range tr.Speakers {
			fmt.Fprintf(&b, "speaker %s %q line %d", sp.ID, sp.Name, sp.Line)
			if sp.Host {
				b.WriteString(" host")
			}
			b.WriteByte('\n')
		}
		for _, s := range tr.Sections {
			fmt.Fprintf(&b, "section %s line %d %q\n", s.ID, s.Line, s.Title)
			if s.Blocks > 0 || s.Intro != "" {
				fmt.Fprintf(&b, "  intro blocks %d\n", s.Blocks)
				writeHTML(&b, string(s.Intro))
			}
			for _, turn := range s.Turns {
				fmt.Fprintf(&b, "  turn %s line %d %s blocks %d\n", turn.ID, turn.Line, turn.Speaker.ID, turn.Blocks)
				writeHTML(&b, string(turn.Body))
			}
		}
	}
	for _, d := range diags {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func writeHTML(b *strings.Builder, html string) {
	for _, line := range strings.Split(strings.TrimRight(html, "\n"), "\n") {
		if line == "" {
			continue
		}
		b.WriteString("    ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
}

func caseFile(t testing.TB, a *txtar.Archive, name string) []byte {
	t.Helper()
	return sitetest.File(t, a, name)
}

func checkGolden(t *testing.T, file string, a *txtar.Archive, name, got string) {
	t.Helper()
	sitetest.Golden(t, file, a, name, got, *update)
}

// TestCountReading checks the reading length behind the reading time in
// each script: letters of alphabets and of abjads, Han, kana and Hangul
// apart; spaces, punctuation and combining marks not at all.
func TestCountReading(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Reading
	}{
		{"", Reading{}},
		{"Hello, world! It's 2025.", Reading{Letters: 17}},
		{"Xin chào các bạn.", Reading{Letters: 13}},         // precomposed letters
		{"Xin cha\u0300o.", Reading{Letters: 7}},            // a combining grave accent is not a letter
		{"Привет — это «тест» Web3.", Reading{Letters: 17}}, // Cyrillic and Latin alike
		{"مرحبا بكم، هذا اختبار؟", Reading{Abjad: 17}},      // Arabic punctuation is not a letter
		{"مَرْحَبًا", Reading{Abjad: 5}},                    // nor are its vowel marks
		{"これは日本語です。", Reading{Han: 3, Kana: 5}},             // the full stop is punctuation
		{"ディスカッション・AI", Reading{Kana: 8, Letters: 2}},       // the long vowel mark is kana, the middle dot not
		{"加密货币与人工智能", Reading{Han: 9}},
		{"한국어 텍스트", Reading{Hangul: 6}},
		{"a\u00a0b", Reading{Letters: 2}},
		{"𠀀𠀀 x", Reading{Han: 2, Letters: 1}}, // Han extension B, 4-byte UTF-8
	} {
		got, bad := countReading([]byte(tc.text))
		if got != tc.want || bad != -1 {
			t.Errorf("countReading(%q) = %+v, bad byte at %d; want %+v, -1", tc.text, got, bad, tc.want)
		}
	}
	for _, tc := range []struct {
		text string
		bad  int
	}{
		{"ok \xff", 3},
		{"ok \xc3", 3},             // cut short
		{"ok \xc0\xaf", 3},         // overlong /
		{"ok \xe0\x80\xaf", 3},     // overlong /
		{"ok \xed\xa0\x80", 3},     // a surrogate
		{"ok \xf4\x90\x80\x80", 3}, // past U+10FFFF
		{"Việt \xe1\xbb", 7},       // cut short
	} {
		if _, bad := countReading([]byte(tc.text)); bad != tc.bad {
			t.Errorf("countReading(%q): bad byte at %d, want %d", tc.text, bad, tc.bad)
		}
	}
}

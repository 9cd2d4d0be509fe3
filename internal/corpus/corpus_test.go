package corpus

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rosetta-ssg/rosetta/internal/site"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

const testN = 3

// TestCorpusBuilds: a generated site loads and builds with no error and no
// warning (every translation is aligned), has a page for every transcript
// in every language, and every transcript has the stated sizes.
func TestCorpusBuilds(t *testing.T) {
	for _, script := range Scripts {
		t.Run(string(script), func(t *testing.T) { testCorpusBuilds(t, script) })
	}
}

func testCorpusBuilds(t *testing.T, script Script) {
	dir := t.TempDir()
	if err := WriteScript(dir, testN, 1, script); err != nil {
		t.Fatal(err)
	}
	s, problems := site.Load(t.Context(), os.DirFS(dir), site.Options{})
	if len(problems) > 0 {
		t.Fatalf("load:\n%v", problems)
	}
	out := site.NewMemOutput(nil)
	if _, problems := s.Build(t.Context(), out); len(problems) > 0 {
		t.Fatalf("build:\n%v", problems)
	}

	langs := s.Config.Languages
	if len(langs) != 13 {
		t.Errorf("%d languages in site.toml, want 13", len(langs))
	}
	slugs, problems := s.Slugs()
	if len(problems) > 0 || len(slugs) != testN {
		t.Fatalf("%d discussions, want %d\n%v", len(slugs), testN, problems)
	}
	pages := 0
	for i := 1; i <= testN; i++ {
		for _, l := range langs {
			name := l.Code + "/" + Slug(i) + "/index.html"
			if _, ok := out.Files[name]; ok {
				pages++
			} else {
				t.Errorf("no page %s", name)
			}
		}
	}
	if want := len(langs) * testN; pages != want {
		t.Errorf("%d transcript pages, want %d", pages, want)
	}

	for _, slug := range slugs {
		d, problems := s.Read(slug)
		if len(problems) > 0 {
			t.Fatalf("read:\n%v", problems)
		}
		checkShape(t, d.Original(s))
		if len(d.Transcripts) != len(langs) {
			t.Errorf("%s: %d languages, want %d", d.Slug, len(d.Transcripts), len(langs))
		}
		for code, v := range d.Transcripts {
			if diff := transcript.Compare(d.Original(s), v); diff != nil {
				t.Errorf("%v", diff)
			}
			src, err := os.ReadFile(filepath.Join(dir, v.Path))
			if err != nil {
				t.Fatal(err)
			}
			checkParagraphs(t, script, code, v, string(src))
		}
	}
}

// checkShape checks the sizes of a transcript: speakers, host, sections,
// turns and paragraphs per turn.
func checkShape(t *testing.T, tr *transcript.Transcript) {
	t.Helper()
	if n := len(tr.Speakers); n < MinSpeakers || n > MaxSpeakers {
		t.Errorf("%s: %d speakers, want %d to %d", tr.Path, n, MinSpeakers, MaxSpeakers)
	}
	hosts := 0
	for _, sp := range tr.Speakers {
		if sp.Host {
			hosts++
		}
	}
	if hosts != 1 {
		t.Errorf("%s: %d hosts, want 1", tr.Path, hosts)
	}
	if n := len(tr.Sections); n < MinSections || n > MaxSections {
		t.Errorf("%s: %d sections, want %d to %d", tr.Path, n, MinSections, MaxSections)
	}
	turns := tr.Turns()
	if n := len(turns); n < MinTurns || n > MaxTurns {
		t.Errorf("%s: %d turns, want %d to %d", tr.Path, n, MinTurns, MaxTurns)
	}
	for _, tu := range turns {
		if tu.Blocks < MinParagraphs || tu.Blocks > MaxParagraphs {
			t.Errorf("%s:%d: turn %s has %d paragraphs, want %d to %d", tr.Path, tu.Line, tu.ID, tu.Blocks, MinParagraphs, MaxParagraphs)
		}
	}
}

// checkParagraphs checks, in the source of one language version, the length
// of every paragraph (without its speaker label) and that its letters are
// in the language's script, or all in Latin script for the Latin corpus.
func checkParagraphs(t *testing.T, script Script, code string, tr *transcript.Transcript, src string) {
	t.Helper()
	_, body, ok := strings.Cut(strings.TrimPrefix(src, "+++\n"), "\n+++\n")
	if !ok {
		t.Fatalf("%s: no front matter", tr.Path)
	}
	labels := []string{": ", "\u00a0: ", "："}
	counts := map[string]int{} // letters by script
	paragraphs := 0
	for _, para := range strings.Split(body, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "## ") {
			continue
		}
		paragraphs++
	label:
		for _, sp := range tr.Speakers {
			for _, sep := range labels {
				if rest, ok := strings.CutPrefix(para, sp.Name+sep); ok {
					para = rest
					break label
				}
			}
		}
		if n := utf8.RuneCountInString(para); n < MinParagraphRunes || n > MaxParagraphRunes {
			t.Errorf("%s: a paragraph of %d runes, want %d to %d: %.40q…", tr.Path, n, MinParagraphRunes, MaxParagraphRunes, para)
		}
		for _, r := range para {
			if unicode.IsLetter(r) {
				counts[scriptOf(r)]++
			}
		}
	}
	blocks := 0
	for _, tu := range tr.Turns() {
		blocks += tu.Blocks
	}
	if paragraphs != blocks {
		t.Errorf("%s: %d paragraphs in the source, %d in the turns", tr.Path, paragraphs, blocks)
	}
	want := map[string][]string{
		"ru": {"Cyrillic"}, "uk": {"Cyrillic"}, "ar": {"Arabic"},
		"zh-cn": {"Han"}, "zh-tw": {"Han"}, "ja": {"Han", "Hiragana", "Katakana"},
	}[code]
	if want == nil || script == Latin {
		want = []string{"Latin"}
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	for script, n := range counts {
		if !contains(want, script) {
			t.Errorf("%s: %d of %d letters are %s, want only %v", tr.Path, n, total, script, want)
		}
	}
	for _, script := range want {
		if counts[script] == 0 {
			t.Errorf("%s: no %s letter", tr.Path, script)
		}
	}
	if script == Latin {
		return
	}
	switch code {
	case "vi":
		if !strings.ContainsAny(body, "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư") {
			t.Errorf("%s: no Vietnamese diacritics", tr.Path)
		}
	case "zh-cn", "zh-tw":
		// 们/們, 这/這, 说/說, 个/個: frequent, and different in the two scripts.
		simplified, traditional := strings.ContainsAny(body, "们这说个为时"), strings.ContainsAny(body, "們這說個為時")
		if simplified == (code == "zh-tw") || traditional == (code == "zh-cn") {
			t.Errorf("%s: simplified characters %v, traditional %v", tr.Path, simplified, traditional)
		}
	}
}

func scriptOf(r rune) string {
	for name, table := range map[string]*unicode.RangeTable{
		"Latin": unicode.Latin, "Cyrillic": unicode.Cyrillic, "Arabic": unicode.Arabic, "Han": unicode.Han,
		"Hiragana": unicode.Hiragana, "Katakana": unicode.Katakana,
	} {
		if unicode.Is(table, r) {
			return name
		}
	}
	if r == 'ー' {
		return "Katakana"
	}
	return "other"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestDeterministic: the same seed gives byte-identical files, another seed
// other transcripts.
func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for dir, seed := range map[string]int64{a: 7, b: 7, c: 8} {
		if err := Write(dir, testN, seed); err != nil {
			t.Fatal(err)
		}
	}
	filesA, filesB, filesC := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(filesA) != len(filesB) {
		t.Fatalf("%d files, then %d", len(filesA), len(filesB))
	}
	for name, data := range filesA {
		if !bytes.Equal(data, filesB[name]) {
			t.Errorf("%s differs between two writes with the same seed", name)
		}
	}
	for i := 1; i <= testN; i++ {
		for _, code := range []string{"vi", "ja", "ar"} {
			name := "content/" + Slug(i) + "/index." + code + ".md"
			if bytes.Equal(filesA[name], filesC[name]) {
				t.Errorf("%s is the same with seeds 7 and 8", name)
			}
		}
	}
}

// TestLatin: the Latin corpus has the files of the native one, with the
// same shape, and every language whose own script is not Latin writes like
// one whose script is (its lender in site.toml's order), with its own words.
func TestLatin(t *testing.T) {
	native, latin := t.TempDir(), t.TempDir()
	if err := WriteScript(native, testN, 3, Native); err != nil {
		t.Fatal(err)
	}
	if err := WriteScript(latin, testN, 3, Latin); err != nil {
		t.Fatal(err)
	}
	nativeFiles, latinFiles := readTree(t, native), readTree(t, latin)
	if len(nativeFiles) != len(latinFiles) {
		t.Fatalf("%d files in the native corpus, %d in the Latin one", len(nativeFiles), len(latinFiles))
	}
	lenders := map[string]string{"zh-cn": "en", "zh-tw": "vi", "ru": "es", "ja": "fr", "ar": "pt-pt", "uk": "id"}
	for i := 1; i <= testN; i++ {
		name := func(code string) string { return "content/" + Slug(i) + "/index." + code + ".md" }
		if _, ok := latinFiles[name("en")]; !ok {
			t.Fatalf("no %s in the Latin corpus", name("en"))
		}
		if !bytes.Equal(nativeFiles[name("en")], latinFiles[name("en")]) {
			t.Errorf("%s differs between the native and Latin corpora: a language in Latin script should not change", name("en"))
		}
		for borrower, lender := range lenders {
			text, lent := string(latinFiles[name(borrower)]), string(latinFiles[name(lender)])
			if text == lent {
				t.Errorf("%s is its lender's %s", name(borrower), name(lender))
			}
			// The label of the lender: "Name\u00a0: " for French.
			if label := "\u00a0: "; strings.Contains(lent, label) != strings.Contains(text, label) {
				t.Errorf("%s and its lender %s: French labels in one only", name(borrower), name(lender))
			}
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[name], err = os.ReadFile(filepath.Join(dir, name))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestParseScript: the names of the flags, and an error for others.
func TestParseScript(t *testing.T) {
	for _, script := range Scripts {
		if got, err := ParseScript(string(script)); got != script || err != nil {
			t.Errorf("ParseScript(%q) = %q, %v", script, got, err)
		}
	}
	if _, err := ParseScript("cyrillic"); err == nil {
		t.Error(`ParseScript("cyrillic"): no error`)
	}
}

// TestNotEmpty: Write refuses a folder that holds anything.
func TestNotEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, 1, 1); err == nil {
		t.Error("Write into a folder that is not empty: no error")
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// translations are the languages of the tests' site other than the
// original, vi.
var translations = []string{"zh-cn", "en", "zh-tw", "es", "ru", "fr", "pt-pt", "id", "ja", "ar", "uk", "pt-br"}

// editFile replaces old, which must be in the file, with new.
func editFile(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not say %q", name, old)
	}
	if err := os.WriteFile(name, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

var staleLine = regexp.MustCompile(`(?m)^(.*)/index\.([a-z-]+)\.md:(\d+): warning: turn (t\d+) \(\w+\) is stale: (.*)$`)

// TestStaleTurn changes one sentence of one turn of the original after the
// twelve translations were recorded: check reports that turn, and only
// that one, as stale in each translation, with the old and new wording;
// once each translation is recorded again, check is quiet.
func TestStaleTurn(t *testing.T) {
	dir := sitetest.Copy(t)
	content := filepath.Join(dir, "content", "crypto-ai")
	for _, lang := range translations {
		if code, out, errs := rosetta(t, "translated", "-src", dir, "-lang", lang); code != 0 || !strings.Contains(out, "recorded ") {
			t.Fatalf("translated -lang %s: exit %d\n%s%s", lang, code, out, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(content, "index.fr.translated.json")); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := rosetta(t, "check", "-src", dir); code != 0 || strings.Contains(errs, "stale") {
		t.Fatalf("check right after recording: exit %d\n%s", code, errs)
	}

	// One sentence of turn 8, Alex's question on the challenges.
	vi := filepath.Join(content, "index.vi.md")
	old, new := "thách thức lớn nhất", "thách thức khó nhất"
	editFile(t, vi, old, new)
	code, _, errs := rosetta(t, "check", "-src", dir)
	if code != 0 {
		t.Fatalf("check with a stale turn: exit %d, want 0 (stale turns are warnings)\n%s", code, errs)
	}
	var langs []string
	for _, m := range staleLine.FindAllStringSubmatch(errs, -1) {
		langs = append(langs, m[2])
		if m[4] != "t8" {
			t.Errorf("%s: turn %s reported stale, want t8 only", m[2], m[4])
		}
		if !strings.Contains(m[5], "[-lớn-]{+khó+}") {
			t.Errorf("%s: the change is not shown word by word: %s", m[2], m[5])
		}
	}
	slices.Sort(langs)
	want := slices.Sorted(slices.Values(translations))
	if !slices.Equal(langs, want) {
		t.Errorf("stale in %v, want once in each of %v\n%s", langs, want, errs)
	}

	// Each translator updates the turn (here, nothing to change) and records.
	for _, lang := range translations {
		if code, out, errs := rosetta(t, "translated", "-src", dir, filepath.Join(content, "index."+lang+".md")); code != 0 {
			t.Fatalf("translated %s: exit %d\n%s%s", lang, code, out, errs)
		}
	}
	if code, _, errs := rosetta(t, "check", "-src", dir); code != 0 || strings.Contains(errs, "stale") {
		t.Errorf("check after recording again: exit %d\n%s", code, errs)
	}
}

// TestTranslatedUsage: the command says what is wrong with what it is
// given, and writes nothing.
func TestTranslatedUsage(t *testing.T) {
	dir := sitetest.Copy(t)
	for _, args := range [][]string{
		{"translated", "-src", dir},
		{"translated", "-src", dir, "-lang", "vi"},
		{"translated", "-src", dir, "-lang", "xx"},
		{"translated", "-src", dir, filepath.Join(dir, "content", "crypto-ai", "index.vi.md")},
		{"translated", "-src", dir, filepath.Join(dir, "site.toml")},
	} {
		if code, _, errs := rosetta(t, args...); code != 2 || !strings.Contains(errs, "rosetta translated: ") {
			t.Errorf("%q: exit %d, want 2 with the reason\n%s", args, code, errs)
		}
	}
	records, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.translated.json"))
	if len(records) > 0 {
		t.Errorf("records written: %v", records)
	}
}

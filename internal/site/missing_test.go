package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestUntranslated: a transcript without an English version has no English
// page; the English home lists the original, in its own language, marked as
// not yet translated, and the switcher of the original offers no English.
func TestUntranslated(t *testing.T) {
	fsys := txtarSite(t, "untranslated")
	s, files := build(t, fsys, Options{})
	if files["en/second/index.html"] != nil {
		t.Error("en/second/ was built with no English version")
	}
	if files["vi/second/index.html"] == nil {
		t.Fatal("vi/second/ was not built")
	}
	home := parsePage(t, "en/index.html", files["en/index.html"])
	var entry string
	for _, li := range home.all("li") {
		if strings.Contains(text(li), "Buổi hai") {
			entry = text(li)
		}
	}
	note, _ := s.Catalogs["en"].T("notYetTranslated")
	if !strings.Contains(entry, note) {
		t.Errorf("en home: the untranslated transcript is not listed with %q: %q", note, entry)
	}
	found := false
	for _, a := range home.all("a") {
		href, _ := attr(a, "href")
		lang, _ := attr(a, "lang")
		if href == "../vi/second/" && lang == "vi" {
			found = true
		}
	}
	if !found {
		t.Error(`en home: no link lang="vi" to ../vi/second/`)
	}
	original := parsePage(t, "vi/second/index.html", files["vi/second/index.html"])
	for _, a := range original.all("a") {
		if href, _ := attr(a, "href"); strings.Contains(href, "en/second") {
			t.Errorf("vi/second: links to the missing English version: %q", href)
		}
	}
}

// TestMissingUIString: a message missing in one language fails the build
// with the language and the message id, instead of showing Vietnamese.
func TestMissingUIString(t *testing.T) {
	fsys := txtarSite(t, "untranslated")
	en := string(fsys["i18n/en.toml"].Data)
	var kept []string
	for _, line := range strings.Split(en, "\n") {
		if !strings.HasPrefix(line, "viewOriginal") {
			kept = append(kept, line)
		}
	}
	fsys["i18n/en.toml"] = &fstest.MapFile{Data: []byte(strings.Join(kept, "\n"))}
	_, problems := Load(t.Context(), fsys, Options{})
	if !problems.HasErrors() {
		t.Fatal("a missing UI string did not fail the build")
	}
	want := `i18n/en.toml: language en: missing message "viewOriginal" (i18n/vi.toml:`
	if !strings.HasPrefix(problems.Error(), want) {
		t.Errorf("got\n%v\nwant a line starting %s", problems, want)
	}
}

// TestMissingPluralForm: a Russian counted message without its "few" form
// is an error that names the form.
func TestMissingPluralForm(t *testing.T) {
	fsys := txtarSite(t, "untranslated")
	fsys["site.toml"].Data = append(fsys["site.toml"].Data, []byte("\n[[languages]]\ncode = \"ru\"\nlabel = \"Русский\"\nhreflang = \"ru\"\ntitle = \"Дискуссии\"\n")...)
	ru := strings.Replace(string(fsys["i18n/ru.toml"].Data), "few = \"{{.Count}} участника\"", "", 1)
	if ru == string(fsys["i18n/ru.toml"].Data) {
		t.Fatal("test setup: i18n/ru.toml has no few form for participants to remove")
	}
	fsys["i18n/ru.toml"] = &fstest.MapFile{Data: []byte(ru)}
	_, problems := Load(t.Context(), fsys, Options{})
	if !strings.Contains(problems.Error(), `language ru: message "speakerCount" has no plural form "few"`) {
		t.Errorf("got\n%v\nwant the missing few form of speakerCount named", problems)
	}
}

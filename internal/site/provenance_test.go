package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// withFrontMatter returns a copy of the tests' site in which the
// transcripts of crypto-ai in the languages of keys have those lines added
// to their front matter, and site.toml has the lines of config added.
func withFrontMatter(t *testing.T, keys map[string]string, config string) fstest.MapFS {
	t.Helper()
	fsys := sitetest.FS(t)
	for code, lines := range keys {
		name := "content/crypto-ai/index." + code + ".md"
		f := fsys[name]
		if f == nil {
			t.Fatalf("the tests' site has no %s", name)
		}
		src := strings.Replace(string(f.Data), "+++\n", "+++\n"+lines+"\n", 1)
		fsys[name] = &fstest.MapFile{Data: []byte(src), Mode: f.Mode}
	}
	if config != "" {
		f := fsys["site.toml"]
		fsys["site.toml"] = &fstest.MapFile{Data: []byte(config + "\n" + string(f.Data)), Mode: f.Mode}
	}
	return fsys
}

// TestPublishedDate checks that the date of the front matter reads in each
// language's CLDR long form, and stays machine-readable.
func TestPublishedDate(t *testing.T) {
	want := map[string]string{
		"vi":    "2 tháng 11, 2024",
		"ja":    "2024年11月2日",
		"ar":    "2 نوفمبر 2024",
		"ru":    "2 ноября 2024 г.",
		"zh-tw": "2024年11月2日",
		"pt-pt": "2 de novembro de 2024",
		"fr":    "2 novembre 2024", // fr-002: French of Africa
		"en":    "November 2, 2024",
	}
	keys := map[string]string{}
	for code := range want {
		keys[code] = "date = 2024-11-02T23:30:00+07:00" // the 2nd where it was written, the 1st in UTC
	}
	_, files := build(t, withFrontMatter(t, keys, ""), Options{})
	for code, date := range want {
		page := parsePage(t, code, files[code+"/crypto-ai/index.html"])
		times := page.all("time")
		if len(times) != 1 {
			t.Errorf("%s: %d <time> elements, want 1", code, len(times))
			continue
		}
		if got := text(times[0]); got != date {
			t.Errorf("%s: the date reads %q, want %q", code, got, date)
		}
		if got, _ := attr(times[0], "datetime"); got != "2024-11-02" {
			t.Errorf("%s: <time datetime=%q>, want 2024-11-02", code, got)
		}
	}
	es := parsePage(t, "es", files["es/crypto-ai/index.html"])
	if n := len(es.all("time")); n != 0 {
		t.Errorf("es: %d <time> elements without a date in the front matter, want none", n)
	}
}

// TestProvenance checks the line that says where a transcript comes from:
// a translation says it is translated from Vietnamese, and by whom only when
// its front matter names a translator; a link to the source only when the
// front matter gives one; and nothing at all on an original without a
// source.
func TestProvenance(t *testing.T) {
	const source = "https://example.org/news/crypto-ai"
	_, plain := build(t, sitetest.FS(t), Options{})
	if n := len(parsePage(t, "vi", plain["vi/crypto-ai/index.html"]).byClass("provenance")); n != 0 {
		t.Errorf("vi without source: %d provenance lines, want none", n)
	}

	_, files := build(t, withFrontMatter(t, map[string]string{
		"vi": fmt.Sprintf("source = %q", source),
		"ja": fmt.Sprintf("source = %q\ntranslator = \"山田 花子\"", source),
		"ar": `translator = "Lumen Translations"`,
	}, ""), Options{})
	for _, tc := range []struct {
		code        string
		translated  string // the text of the translation's line, "" for none
		source      bool
		notContains string
	}{
		{"vi", "", true, ""},
		{"ja", "ベトナム語から翻訳（翻訳者：山田 花子）", true, ""},
		{"ar", "ترجمة عن الفيتنامية: Lumen Translations", false, ""},
		{"ru", "Перевод с вьетнамского", false, ":"}, // no translator named: nothing about one
		{"en", "Translated from Vietnamese", false, " by "},
	} {
		page := parsePage(t, tc.code, files[tc.code+"/crypto-ai/index.html"])
		lines := page.byClass("provenance")
		if len(lines) != 1 {
			t.Errorf("%s: %d provenance lines, want 1", tc.code, len(lines))
			continue
		}
		translated := byClass(lines[0], "translated")
		switch {
		case tc.translated == "" && len(translated) > 0:
			t.Errorf("%s: the original says %q", tc.code, text(translated[0]))
		case tc.translated != "" && (len(translated) != 1 || text(translated[0]) != tc.translated):
			t.Errorf("%s: provenance %q, want it to say %q", tc.code, text(lines[0]), tc.translated)
		case tc.notContains != "" && len(translated) == 1 && strings.Contains(text(translated[0]), tc.notContains):
			t.Errorf("%s: %q names a translator the front matter does not", tc.code, text(translated[0]))
		}
		links := byClass(lines[0], "source")
		if tc.source != (len(links) == 1) {
			t.Errorf("%s: %d links to the source, want source %v", tc.code, len(links), tc.source)
			continue
		}
		if tc.source {
			if href, _ := attr(links[0], "href"); href != source {
				t.Errorf("%s: source link to %q, want %q", tc.code, href, source)
			}
			if !strings.Contains(text(links[0]), "example.org") {
				t.Errorf("%s: source link %q does not name example.org", tc.code, text(links[0]))
			}
		}
	}
}

// TestDisclaimerLink checks that with disclaimerURL in site.toml the
// disclaimer's own word for the disclaimer links to it in every language,
// the text reading as without the link.
func TestDisclaimerLink(t *testing.T) {
	const url = "https://example.org/legal/disclaimer"
	s, files := build(t, withFrontMatter(t, nil, fmt.Sprintf("disclaimerURL = %q", url)), Options{})
	for _, l := range s.Config.Languages {
		page := parsePage(t, l.Code, files[l.Code+"/crypto-ai/index.html"])
		checkDisclaimer(t, page, s, l)
		footer := page.byClass("disclaimer")
		if len(footer) != 1 {
			continue
		}
		links := footer[0].FirstChild
		var found []string
		for n := links; n != nil; n = n.NextSibling {
			if n.Data == "a" {
				href, _ := attr(n, "href")
				found = append(found, href+" "+text(n))
			}
		}
		word, _ := s.Catalogs[l.Code].T("disclaimerLink")
		if want := url + " " + word; len(found) != 1 || found[0] != want {
			t.Errorf("%s: disclaimer links %q, want [%q]", l.Code, found, want)
		}
	}
	if _, problems := Load(t.Context(), withFrontMatter(t, nil, `disclaimerURL = "/legal"`), Options{}); !strings.Contains(problems.Error(), `site.toml:1: disclaimerURL "/legal" is not an http or https URL`) {
		t.Errorf("a relative disclaimerURL: problems %v, want an error at site.toml:1", problems)
	}
}

// TestReadingTimeAgrees checks that the thirteen transcripts of the tests'
// own discussion, one text in thirteen languages and five scripts, show
// reading times within 25 % of one another.
func TestReadingTimeAgrees(t *testing.T) {
	s, _ := build(t, sitetest.FS(t), Options{})
	for _, d := range readAll(t, s) {
		least, most := "", ""
		minutes := map[string]int{}
		for code, tr := range d.Transcripts {
			minutes[code] = ReadingMinutes(tr)
			if least == "" || minutes[code] < minutes[least] {
				least = code
			}
			if most == "" || minutes[code] > minutes[most] {
				most = code
			}
		}
		if len(minutes) != 13 {
			t.Errorf("%s: %d transcripts, want 13", d.Slug, len(minutes))
		}
		if float64(minutes[most]) > 1.25*float64(minutes[least]) {
			t.Errorf("%s: %d minutes in %s, %d in %s: more than 25 %% apart (all: %v)", d.Slug, minutes[most], most, minutes[least], least, minutes)
		}
	}
}

package site

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestChangeTheTurn is the README's worked example of "Changing the
// templates": a site that redefines the "turn" partial of
// templates/transcript.html, and nothing else, gets its own markup for
// every turn in every language, with the turns' ids, speakers and text.
func TestChangeTheTurn(t *testing.T) {
	fsys := sitetest.FS(t)
	src := string(fsys["templates/transcript.html"].Data)
	turn := regexp.MustCompile(`(?s)\{\{define "turn"\}\}.*?\{\{- end\}\}\n`)
	if !turn.MatchString(src) {
		t.Fatal(`test setup: templates/transcript.html has no {{define "turn"}} … {{- end}}`)
	}
	mine := `{{define "turn"}}
<blockquote class="said" id="{{.ID}}" cite="#{{.ID}}">
{{.Body}}<footer>— {{.Speaker.Name}}{{with .Speaker.Role}}, {{.}}{{end}}</footer>
</blockquote>
{{- end}}
`
	fsys["templates/transcript.html"] = &fstest.MapFile{Data: []byte(turn.ReplaceAllLiteralString(src, mine))}

	s, files := build(t, fsys, Options{})
	for _, d := range readAll(t, s) {
		for code, v := range d.Transcripts {
			page := string(files[code+"/"+d.Slug+"/index.html"])
			if strings.Contains(page, `<article class="turn`) {
				t.Errorf("%s: still has the default turn markup", code)
			}
			for _, turn := range v.Turns() {
				want := `<blockquote class="said" id="` + turn.ID + `" cite="#` + turn.ID + `">`
				if !strings.Contains(page, want) {
					t.Errorf("%s/%s: no %s", code, d.Slug, want)
				}
			}
			if n := strings.Count(page, "<footer>— "); n != v.TurnCount() {
				t.Errorf("%s/%s: %d turns say who spoke, want %d", code, d.Slug, n, v.TurnCount())
			}
		}
	}
}

// TestUIStringFunctions: T, N and Format are the page's own language's in
// a partial whose "." is a turn, as .Page.T is, on every language's page.
func TestUIStringFunctions(t *testing.T) {
	fsys := sitetest.FS(t)
	src := string(fsys["templates/transcript.html"].Data)
	turn := regexp.MustCompile(`(?s)\{\{define "turn"\}\}.*?\{\{- end\}\}\n`)
	mine := `{{define "turn"}}
<p class="ui" id="{{.ID}}">{{T "linkToTurn"}}|{{N "hosts" 2}}|{{Format "turnLinkLabel" .Ref}}|{{.Page.T "linkToTurn"}}</p>
{{- end}}
`
	fsys["templates/transcript.html"] = &fstest.MapFile{Data: []byte(turn.ReplaceAllLiteralString(src, mine))}

	s, files := build(t, fsys, Options{})
	for _, d := range readAll(t, s) {
		for code, v := range d.Transcripts {
			page := string(files[code+"/"+d.Slug+"/index.html"])
			c := s.Catalogs[code]
			first := v.Turns()[0]
			link, _ := c.T("linkToTurn")
			hosts, _ := c.N("hosts", 2)
			label, _ := c.Format("turnLinkLabel", TurnRef{Number: 1, Speaker: first.Speaker.Name})
			want := `<p class="ui" id="` + first.ID + `">` + html.EscapeString(link+"|"+hosts+"|"+label+"|"+link) + `</p>`
			if !strings.Contains(page, want) {
				t.Errorf("%s: no %s", code, want)
			}
		}
	}
}

// TestPartialCached: what partialCached renders is rendered once a build
// for each name and variants, and is the same on every page that asks for
// it with them, whatever its language; .TranslationKey is one variant for
// the languages of a page. An error in a cached partial is reported at its
// own line.
func TestPartialCached(t *testing.T) {
	fsys := sitetest.FS(t)
	base := string(fsys["templates/base.html"].Data)
	footer := `{{define "footer"}}`
	if !strings.Contains(base, footer) {
		t.Fatal(`test setup: templates/base.html has no {{define "footer"}}`)
	}
	probe := `{{define "probe"}}<i data-probe="{{.Lang.Code}} {{.TranslationKey}}"></i>{{end}}` + "\n"
	fsys["templates/base.html"] = &fstest.MapFile{Data: []byte(probe +
		strings.Replace(base, footer, footer+`{{partialCached "probe" . .TranslationKey}}`, 1))}

	s, files := build(t, fsys, Options{})
	probes := regexp.MustCompile(`<i data-probe="([^ "]+) ([^"]*)"></i>`)
	byKey := map[string]string{} // the key → the language that rendered it
	for _, d := range readAll(t, s) {
		for code := range d.Transcripts {
			for _, page := range []string{code + "/" + d.Slug + "/index.html", code + "/index.html"} {
				m := probes.FindAllStringSubmatch(string(files[page]), -1)
				if len(m) != 1 {
					t.Fatalf("%s: %d probes, want 1", page, len(m))
				}
				lang, key := m[0][1], m[0][2]
				if want := strings.TrimPrefix(page, code); key+"index.html" != want {
					t.Errorf("%s: translation key %q, want %q", page, key, strings.TrimSuffix(want, "index.html"))
				}
				if first, ok := byKey[key]; ok && first != lang {
					t.Errorf("%s: the probe of %q rendered in %s, and in %s on another page", page, key, first, lang)
				}
				byKey[key] = lang
			}
		}
	}
	if len(byKey) < 2 {
		t.Errorf("probes of %d keys, want a transcript's and the homes'", len(byKey))
	}

	fsys["templates/base.html"] = &fstest.MapFile{Data: []byte("{{define \"probe\"}}\n{{.Nothing}}{{end}}\n" +
		strings.Replace(base, footer, footer+`{{partialCached "probe" .}}`, 1))}
	s, problems := Load(t.Context(), fsys, Options{})
	if problems.HasErrors() {
		t.Fatalf("load:\n%v", problems)
	}
	_, problems = s.Build(t.Context(), NewMemOutput(nil))
	var errs diag.List
	for _, p := range problems {
		if p.Severity == diag.Error {
			errs = append(errs, p)
		}
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), `templates/base.html:2: executing "probe" at <.Nothing>: can't evaluate field Nothing`) {
		t.Errorf("an error in a cached partial:\n%v\nwant one, at templates/base.html:2", errs)
	}
}

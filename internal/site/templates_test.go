package site

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

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

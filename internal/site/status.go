package site

import (
	"bytes"
	"html/template"
)

// Coverage is how much of the site one language has.
type Coverage struct {
	Lang                          *Language
	Transcripts, TotalTranscripts int
	Turns, TotalTurns             int // turns of its versions, of the originals' turns
	Strings, TotalStrings         int // UI strings in full, of the original's
	Missing                       []string
}

// Coverage reports, for each language, the transcripts, turns and UI strings
// it has of the original's.
func (s *Site) Coverage() []Coverage {
	original := s.Catalogs[s.Config.Original]
	var all []Coverage
	for _, l := range s.Config.Languages {
		c := Coverage{Lang: l, TotalTranscripts: len(s.Discussions)}
		for _, d := range s.Discussions {
			orig := d.Original(s).TurnCount()
			c.TotalTurns += orig
			v := d.Versions[l.Code]
			if v == nil {
				c.Missing = append(c.Missing, d.Slug)
				continue
			}
			c.Transcripts++
			c.Turns += min(v.TurnCount(), orig)
		}
		if cat := s.Catalogs[l.Code]; cat != nil && original != nil {
			c.Strings, c.TotalStrings = cat.Complete(original)
		}
		all = append(all, c)
	}
	return all
}

// Percent is done of total, in whole percent; 100 when total is 0.
func Percent(done, total int) int {
	if total == 0 {
		return 100
	}
	return done * 100 / total
}

// statusTemplate is the translators' status page, /status/: not linked
// from the reader pages, not in the sitemap, not indexed.
var statusTemplate = template.Must(template.New("status").Funcs(template.FuncMap{"percent": Percent}).Parse(`<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Translation status</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-inline-size: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #888; padding: 0.25rem 0.5rem; text-align: start; }
</style>
</head>
<body>
<main id="main">
<h1>Translation status</h1>
<table class="status">
<thead><tr><th scope="col">Language</th><th scope="col">Transcripts</th><th scope="col">Turns</th><th scope="col">UI strings</th><th scope="col">Not yet translated</th></tr></thead>
<tbody>
{{- range .}}
<tr><th scope="row"><a href="../{{.Lang.Code}}/" lang="{{.Lang.Lang}}" dir="{{.Lang.Dir}}">{{.Lang.Label}}</a></th>
<td>{{.Transcripts}}/{{.TotalTranscripts}}</td>
<td>{{.Turns}}/{{.TotalTurns}} ({{percent .Turns .TotalTurns}}%)</td>
<td>{{.Strings}}/{{.TotalStrings}} ({{percent .Strings .TotalStrings}}%)</td>
<td>{{range $i, $slug := .Missing}}{{if $i}}, {{end}}{{$slug}}{{else}}none{{end}}</td></tr>
{{- end}}
</tbody>
</table>
</main>
</body>
</html>
`))

func (s *Site) statusPage() ([]byte, error) {
	var buf bytes.Buffer
	err := statusTemplate.Execute(&buf, s.Coverage())
	return buf.Bytes(), err
}

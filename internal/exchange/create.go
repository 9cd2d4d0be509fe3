package exchange

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/po"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Create writes a new translation of original from the PO file f (named
// path), exported before the translation existed. It needs the title,
// every section heading and every block of the sections' introductions
// translated: a translation has the original's sections. Turns come in
// when every block of them is translated; the page shows the others in
// the original language until they are. Speakers keep the original's names,
// which label the turns: rename them in the front matter and the labels
// together. Fuzzy units and units whose source has changed are left out,
// with a warning, as by Import.
func Create(path string, f *po.File, original *transcript.Transcript, originalSrc []byte) ([]byte, diag.List) {
	var problems diag.List
	origSrc := normalize(originalSrc)
	str := map[string]string{}
	for _, e := range f.Entries {
		u, ok := ParseContext(e.Context)
		if !ok || e.Str == "" {
			continue
		}
		if e.Fuzzy() {
			problems.Warnf(path, e.Line, "not imported: %s is fuzzy", e.Context)
			continue
		}
		if source, ok := sourceOf(u, original, origSrc); !ok || words(source) != words(e.ID) {
			problems.Warnf(path, e.Line, "not imported: the original's %s has changed since the export (export again)", strings.TrimPrefix(e.Context, u.Slug+" "))
			continue
		}
		str[strings.TrimPrefix(e.Context, u.Slug+" ")] = e.Str
	}
	need := func(key, what string) string {
		v := str[key]
		if v == "" {
			problems.Errorf(path, 1, "no translation of %s (%s): a new translation needs its title, and every section heading and introduction", what, key)
		}
		return v
	}
	var b strings.Builder
	b.WriteString("+++\n")
	b.WriteString("title = " + tomlString(need("title", "the title")) + "\n")
	if v := str["description"]; v != "" {
		b.WriteString("description = " + tomlString(v) + "\n")
	}
	for _, sp := range original.Speakers {
		fmt.Fprintf(&b, "\n[speakers.%s]\nname = %s\n", sp.ID, tomlString(sp.Name))
		if v := str[sp.ID+" role"]; v != "" {
			b.WriteString("role = " + tomlString(v) + "\n")
		}
		if sp.Host {
			b.WriteString("host = true\n")
		}
	}
	b.WriteString("+++\n")
	for _, sec := range original.Sections {
		if sec.Title != "" {
			b.WriteString("\n## " + need(sec.ID+" heading", "the heading of "+sec.ID) + "\n")
		}
		for j := range sec.IntroSource {
			key := fmt.Sprintf("%s %d", sec.ID, j+1)
			b.WriteString("\n" + need(key, "the introduction of "+sec.ID) + "\n")
		}
		for _, t := range sec.Turns {
			blocks := make([]string, len(t.Source))
			for j := range t.Source {
				blocks[j] = str[fmt.Sprintf("%s %d", t.ID, j+1)]
			}
			if len(blocks) == 0 || slices.Contains(blocks, "") {
				continue // not every block is translated: the page shows the original's
			}
			b.WriteString("\n" + t.Speaker.Name + ": " + strings.Join(blocks, "\n\n") + "\n")
		}
	}
	if problems.HasErrors() {
		return nil, problems
	}
	return []byte(b.String()), problems
}

// sourceOf is the original's text of the unit u.
func sourceOf(u Unit, original *transcript.Transcript, src []byte) (string, bool) {
	switch u.Part {
	case "title", "description":
		s, ok := frontString(src, u.Part)
		return s.text, ok
	case "role":
		s, ok := frontString(src, "speakers", u.ID, "role")
		return s.text, ok
	}
	for _, sec := range original.Sections {
		if sec.ID == u.ID {
			if u.Part == "heading" {
				h, ok := heading(src, sec)
				return h.text, ok
			}
			if u.Block <= len(sec.IntroSource) {
				return sec.IntroSource[u.Block-1].Markdown, true
			}
			return "", false
		}
		for _, t := range sec.Turns {
			if t.ID == u.ID && u.Part == "" && u.Block <= len(t.Source) {
				return t.Source[u.Block-1].Markdown, true
			}
		}
	}
	return "", false
}

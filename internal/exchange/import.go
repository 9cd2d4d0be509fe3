package exchange

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/po"
	"github.com/rosetta-ssg/rosetta/internal/provenance"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Unit is where a PO entry belongs.
type Unit struct {
	Slug string
	// ID is the turn (t5), the section (s2) or the speaker of the unit,
	// or "" for the title and description.
	ID string
	// Part is "title", "description", "role" or "heading", or "" for a
	// block, whose number in its turn or introduction is Block, from 1.
	Part  string
	Block int
}

// ParseContext reads a unit's msgctxt (see the package doc).
func ParseContext(ctxt string) (Unit, bool) {
	f := strings.Fields(ctxt)
	switch {
	case len(f) == 2 && (f[1] == "title" || f[1] == "description"):
		return Unit{Slug: f[0], Part: f[1]}, true
	case len(f) != 3:
		return Unit{}, false
	case f[2] == "role":
		return Unit{Slug: f[0], ID: f[1], Part: "role"}, true
	}
	if len(f[1]) < 2 || f[1][0] != 't' && f[1][0] != 's' {
		return Unit{}, false
	}
	if n, err := strconv.Atoi(f[1][1:]); err != nil || n < 1 {
		return Unit{}, false
	}
	if f[2] == "heading" && f[1][0] == 's' {
		return Unit{Slug: f[0], ID: f[1], Part: "heading"}, true
	}
	b, err := strconv.Atoi(f[2])
	if err != nil || b < 1 {
		return Unit{}, false
	}
	return Unit{Slug: f[0], ID: f[1], Block: b}, true
}

// Result is what Import did with a PO file.
type Result struct {
	Src      []byte    // the translation's new file, or nil when nothing changed
	Changed  int       // blocks, headings and strings replaced
	Inserted int       // turns inserted
	Problems diag.List // units not imported, as warnings at their line of the PO file
}

// edit replaces src[start:end] of the normalized file with text.
type edit struct {
	start, end int
	text       string
}

// Import writes the units of f (named path) into the translation that a
// aligns with its original; src and originalSrc are the translation's and
// the original's files as they are on disk. Units of other discussions are
// errors; see the package doc for which units are written.
func Import(path string, f *po.File, a *provenance.Alignment, src, originalSrc []byte) Result {
	var r Result
	tr := a.Translation
	warn := func(e *po.Entry, format string, args ...any) {
		r.Problems.Warnf(path, e.Line, format, args...)
	}
	type turnUnits struct {
		turn  provenance.Turn
		index int // of the turn in its section
		sec   int
		strs  []string
		entry *po.Entry
	}
	missing := map[string]*turnUnits{}
	var missingOrder []string
	var edits []edit
	norm, originalNorm := normalize(src), normalize(originalSrc)
	slug := ""
	seen := map[string]int{} // the line of each unit
	for _, e := range f.Entries {
		if e.ID == "" && !e.HasContext {
			continue // the header
		}
		u, ok := ParseContext(e.Context)
		if !ok {
			r.Problems.Errorf(path, e.Line, "msgctxt %q is not a unit of rosetta export (<slug> t<N> <block>, …)", e.Context)
			continue
		}
		if first, ok := seen[e.Context]; ok {
			r.Problems.Errorf(path, e.Line, "msgctxt %q again: the unit is at line %d already", e.Context, first)
			continue
		}
		seen[e.Context] = e.Line
		if slug == "" {
			slug = u.Slug
		}
		if u.Slug != slug || !strings.HasPrefix(tr.Path, "content/"+u.Slug+"/") {
			r.Problems.Errorf(path, e.Line, "msgctxt %q: a unit of another discussion than %s", e.Context, tr.Path)
			continue
		}
		if e.Plurals != nil {
			r.Problems.Errorf(path, e.Line, "a plural entry: rosetta's units have none")
			continue
		}
		if e.Str == "" || e.Fuzzy() {
			continue
		}
		if u.Part != "" {
			if ed, ok := r.part(path, e, u, a, norm, originalNorm); ok {
				edits = append(edits, ed)
			}
			continue
		}
		originalBlocks, translated, found, si, ti := locate(a, u.ID)
		switch {
		case si < 0 || u.Block > len(originalBlocks):
			warn(e, "not imported: the original has no %s block %d (export again)", u.ID, u.Block)
			continue
		case words(originalBlocks[u.Block-1].Markdown) != words(e.ID):
			warn(e, "not imported: the original's %s block %d has changed since the export (export again)", u.ID, u.Block)
			continue
		case found != nil && found.Translation == nil:
			m := missing[u.ID]
			if m == nil {
				m = &turnUnits{turn: *found, sec: si, index: ti, strs: make([]string, len(originalBlocks)), entry: e}
				missing[u.ID] = m
				missingOrder = append(missingOrder, u.ID)
			}
			m.strs[u.Block-1] = e.Str
			continue
		case u.Block > len(translated):
			warn(e, "not imported: the translation's %s has %d blocks, not %d: add it in the Markdown", u.ID, len(translated), u.Block)
			continue
		}
		b := translated[u.Block-1]
		if b.Markdown != e.Str {
			edits = append(edits, edit{b.Start, b.End, e.Str})
			r.Changed++
		}
	}
	for _, id := range missingOrder {
		m := missing[id]
		if slices.Contains(m.strs, "") {
			warn(m.entry, "not imported: turn %s is not in the translation, and not every block of it is translated", id)
			continue
		}
		at, ok := insertionPoint(a, m.sec, m.index, norm)
		if !ok {
			warn(m.entry, "not imported: turn %s is not in the translation, and has no place to go: add it in the Markdown", id)
			continue
		}
		text := "\n\n" + label(tr, m.turn.Original.Speaker, norm) + strings.Join(m.strs, "\n\n")
		edits = append(edits, edit{at, at, text})
		r.Inserted++
	}
	if len(edits) == 0 {
		return r
	}
	r.Src = apply(src, edits)
	return r
}

// locate finds the turn or section id of a: its blocks in the original
// and in the translation, the turn (nil for a section), and the indexes
// of its section and of the turn in it (-1 when there is none).
func locate(a *provenance.Alignment, id string) (original, translated []transcript.Block, turn *provenance.Turn, sec, index int) {
	for i, turns := range a.Sections {
		if id == a.Original.Sections[i].ID {
			return a.Original.Sections[i].IntroSource, a.Translation.Sections[i].IntroSource, nil, i, -1
		}
		for j := range turns {
			if t := &turns[j]; t.Original.ID == id {
				if t.Translation != nil {
					translated = t.Translation.Source
				}
				return t.Original.Source, translated, t, i, j
			}
		}
	}
	return nil, nil, nil, -1, -1
}

// part is the edit that writes e, a unit of the front matter or a
// heading, into the translation src (normalized), or false when there is
// none to make; it warns of what it cannot write.
func (r *Result) part(path string, e *po.Entry, u Unit, a *provenance.Alignment, src, originalSrc []byte) (edit, bool) {
	var o, t span
	var ok, tok bool
	what := u.Part
	switch u.Part {
	case "title", "description":
		o, ok = frontString(originalSrc, u.Part)
		t, tok = frontString(src, u.Part)
	case "role":
		what = u.ID + "'s role"
		o, ok = frontString(originalSrc, "speakers", u.ID, "role")
		t, tok = frontString(src, "speakers", u.ID, "role")
	case "heading":
		what = "the heading of " + u.ID
		for i, sec := range a.Original.Sections {
			if sec.ID == u.ID {
				o, ok = heading(originalSrc, sec)
				t, tok = heading(src, a.Translation.Sections[i])
			}
		}
	}
	switch {
	case !ok || words(o.text) != words(e.ID):
		r.Problems.Warnf(path, e.Line, "not imported: the original's %s has changed since the export (export again)", what)
		return edit{}, false
	case !tok:
		r.Problems.Warnf(path, e.Line, "not imported: the translation has no %s on a line of its own to replace: write it in the Markdown", what)
		return edit{}, false
	case strings.Contains(e.Str, "\n"):
		r.Problems.Warnf(path, e.Line, "not imported: %s is one line, and the translation has several", what)
		return edit{}, false
	case e.Str == t.text:
		return edit{}, false
	}
	r.Changed++
	if u.Part == "heading" {
		return edit{t.start, t.end, e.Str}, true
	}
	return edit{t.start, t.end, tomlString(e.Str)}, true
}

// insertionPoint is where turn index of section sec goes in the
// translation: after the translation's turn before it, or else after the
// section's introduction or heading.
func insertionPoint(a *provenance.Alignment, sec, index int, src []byte) (int, bool) {
	for j := index - 1; j >= 0; j-- {
		if t := a.Sections[sec][j].Translation; t != nil && len(t.Source) > 0 {
			return t.Source[len(t.Source)-1].End, true
		}
	}
	s := a.Translation.Sections[sec]
	if len(s.IntroSource) > 0 {
		return s.IntroSource[len(s.IntroSource)-1].End, true
	}
	if s.Title == "" {
		return 0, false
	}
	// The end of the heading's line.
	line := 1
	for i, c := range src {
		if c == '\n' {
			if line == s.Line {
				return i, true
			}
			line++
		}
	}
	return 0, false
}

// label is how the translation labels speaker: as in its first turn whose
// label shares a line with its text ("Alex : "), else "Name: ".
func label(tr *transcript.Transcript, speaker *transcript.Speaker, src []byte) string {
	for _, t := range tr.Turns() {
		if t.Speaker.ID != speaker.ID || len(t.Source) == 0 {
			continue
		}
		start := t.Source[0].Start
		lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
		if l := string(src[lineStart:start]); strings.TrimSpace(l) != "" {
			return l
		}
	}
	for _, s := range tr.Speakers {
		if s.ID == speaker.ID {
			return s.Name + ": "
		}
	}
	return speaker.Name + ": "
}

// apply makes edits, at offsets of the normalized file, to src as on disk:
// a byte order mark and CRLF line ends stay, and so does every byte the
// edits do not touch.
func apply(src []byte, edits []edit) []byte {
	bom := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		bom = 3
	}
	body := src[bom:]
	// raw[i] is where byte i of the normalized file is in body.
	var raw []int
	crlf := bytes.Contains(body, []byte("\r\n"))
	if bytes.IndexByte(body, '\r') >= 0 {
		for i := 0; i < len(body); i++ {
			raw = append(raw, i)
			if body[i] == '\r' && i+1 < len(body) && body[i+1] == '\n' {
				i++
			}
		}
		raw = append(raw, len(body))
	}
	at := func(offset int) int {
		if raw == nil {
			return offset
		}
		return raw[offset]
	}
	slices.SortStableFunc(edits, func(x, y edit) int { return x.start - y.start })
	var out bytes.Buffer
	out.Write(src[:bom])
	last := 0
	for _, e := range edits {
		out.Write(body[last:at(e.start)])
		text := e.text
		if crlf {
			text = strings.ReplaceAll(text, "\n", "\r\n")
		}
		out.WriteString(text)
		last = at(e.end)
	}
	out.Write(body[last:])
	return out.Bytes()
}

// Check reports whether src, the translation as import wrote it, still
// reads as a translation of original: what import writes must never break
// a transcript.
func Check(path string, src []byte, original *transcript.Transcript, rec *provenance.Record) error {
	tr, problems := transcript.NewParser(transcript.Quotes{}).Parse(path, src)
	if problems.HasErrors() {
		return fmt.Errorf("the result would not read: %v", problems)
	}
	if _, d := provenance.Align(original, tr, rec); d != nil {
		return fmt.Errorf("the result would drift from the original: %v", d)
	}
	return nil
}

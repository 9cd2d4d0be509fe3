// Package exchange carries translations between a site's transcripts and
// the gettext PO files that translation tools edit (Poedit, Weblate,
// Lokalize).
//
// [Export] writes one PO file per discussion and translation language,
// po/<slug>/<lang>.po, the way those tools expect a document: one file per
// language in a folder per document (Weblate's component discovery maps
// po/(?P<component>[^/]*)/(?P<language>[^/.]*)\.po), each unit a block of
// the original as its msgid and the same block of the translation as its
// msgstr:
//
//   - a block of a turn has the context "<slug> t<N> <block>" (the turn's
//     id, as in the page's #tN links, and the block's number in the turn,
//     from 1), the speaker as an extracted comment (#.), and a reference to
//     its line in the original;
//   - a block of a section's introduction has the context
//     "<slug> s<N> <block>", and the section's heading "<slug> s<N> heading";
//   - the front matter's title and description have the contexts
//     "<slug> title" and "<slug> description", and each speaker's role
//     "<slug> <speaker id> role" (names are not units: the labels of the
//     turns are written with them);
//   - a turn the translation lacks has an empty msgstr, and so has every
//     unit of a translation that does not exist yet;
//   - a block of a stale turn that changed since it was translated is
//     fuzzy, with the original's wording of then as the previous msgid
//     (#| msgid): the tools show the change.
//
// [Import] writes the msgstrs of a PO file back into the translation,
// replacing exactly the blocks whose text changed and keeping every other
// byte (a byte order mark, CRLF line ends). It skips fuzzy units (a draft,
// in every tool's meaning), units whose msgid is no longer the original's
// block (the original has changed since the export: export again), and
// empty msgstrs. A turn the translation lacks is inserted at its place,
// with the label its speaker has elsewhere in the file, when every block of
// it is translated. [Create] writes a translation that does not exist yet.
package exchange

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/po"
	"github.com/rosetta-ssg/rosetta/internal/provenance"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Language is what a PO header says of a translation's language.
type Language struct {
	Code     string // the site's code, pt-br
	Hreflang string // pt-BR
	Label    string // the language's own name, Português (Brasil)
}

// Untranslated aligns original with a translation that does not exist
// yet: every turn is missing.
func Untranslated(original *transcript.Transcript) *provenance.Alignment {
	a := &provenance.Alignment{Original: original, Sections: make([][]provenance.Turn, len(original.Sections))}
	for i, sec := range original.Sections {
		for _, t := range sec.Turns {
			a.Sections[i] = append(a.Sections[i], provenance.Turn{Original: t, State: provenance.Missing})
		}
	}
	return a
}

// Path is the PO file of the discussion slug in the language code.
func Path(slug, code string) string { return "po/" + slug + "/" + code + ".po" }

// Export returns the PO file of a, a translation aligned with its
// original, whose files are originalSrc and translationSrc, in the
// language lang, last revised at revised (when it was recorded, or else
// when its file changed).
func Export(slug string, a *provenance.Alignment, originalSrc, translationSrc []byte, lang Language, revised time.Time) *po.File {
	original, tr := a.Original, a.Translation
	if tr == nil {
		tr = &transcript.Transcript{Sections: make([]*transcript.Section, len(original.Sections))}
		for i := range tr.Sections {
			tr.Sections[i] = &transcript.Section{}
		}
	}
	origSrc, trSrc := normalize(originalSrc), normalize(translationSrc)
	f := &po.File{Entries: []*po.Entry{header(slug, a, lang, revised)}}
	line := lineOf(origSrc)
	at := func(n int) string { return fmt.Sprintf("%s:%d", original.Path, n) }
	add := func(ctxt, comment, ref, id, str string) *po.Entry {
		e := &po.Entry{Extracted: []string{comment}, References: []string{ref}, HasContext: true, Context: ctxt, ID: id, Str: str}
		f.Entries = append(f.Entries, e)
		return e
	}
	for _, key := range []string{"title", "description"} {
		if o, ok := frontString(origSrc, key); ok && o.text != "" {
			t, _ := frontString(trSrc, key)
			add(slug+" "+key, "The discussion's "+key, at(o.line), o.text, t.text)
		}
	}
	for _, sp := range original.Speakers {
		o, ok := frontString(origSrc, "speakers", sp.ID, "role")
		if !ok || o.text == "" {
			continue
		}
		t, _ := frontString(trSrc, "speakers", sp.ID, "role")
		add(slug+" "+sp.ID+" role", "The role of "+sp.Name, at(o.line), o.text, t.text)
	}
	for i, sec := range original.Sections {
		if o, ok := heading(origSrc, sec); ok {
			t, _ := heading(trSrc, tr.Sections[i])
			add(fmt.Sprintf("%s %s heading", slug, sec.ID), fmt.Sprintf("Heading of section %d", i+1), at(o.line), o.text, t.text)
		}
		intro := tr.Sections[i].IntroSource
		for j, b := range sec.IntroSource {
			str := ""
			if j < len(intro) {
				str = intro[j].Markdown
			}
			add(fmt.Sprintf("%s %s %d", slug, sec.ID, j+1), fmt.Sprintf("Introduction of section %d", i+1), at(line(b.Start)), b.Markdown, str)
		}
		for _, t := range a.Sections[i] {
			for j, b := range t.Original.Source {
				str := ""
				if t.Translation != nil && j < len(t.Translation.Source) {
					str = t.Translation.Source[j].Markdown
				}
				e := add(fmt.Sprintf("%s %s %d", slug, t.Original.ID, j+1), speaker(t.Original.Speaker), at(line(b.Start)), b.Markdown, str)
				if t.State == provenance.Stale && str != "" && (j >= len(t.Was) || words(t.Was[j]) != words(b.Markdown)) {
					e.Flags = []string{"fuzzy"}
					if j < len(t.Was) {
						e.HasPreviousContext, e.PreviousContext = true, e.Context
						e.HasPrevious, e.PreviousID = true, t.Was[j]
					}
				}
			}
		}
	}
	return f
}

func speaker(s *transcript.Speaker) string {
	if s.Role == "" {
		return s.Name
	}
	return s.Name + " (" + s.Role + ")"
}

// header is the PO header of the translation: what gettext's msgfmt
// --check and the tools expect, and nothing that changes from one export
// to the next of the same translation.
func header(slug string, a *provenance.Alignment, lang Language, revised time.Time) *po.Entry {
	if a.Record != nil {
		revised = a.Record.Recorded
	}
	translator := ""
	if a.Translation != nil {
		translator = a.Translation.Translator
	}
	fields := []po.Field{
		{Name: "Project-Id-Version", Value: slug},
		{Name: "PO-Revision-Date", Value: revised.UTC().Format("2006-01-02 15:04-0700")},
		{Name: "Last-Translator", Value: translator},
		{Name: "Language-Team", Value: lang.Label},
		{Name: "Language", Value: strings.ReplaceAll(lang.Hreflang, "-", "_")},
		{Name: "MIME-Version", Value: "1.0"},
		{Name: "Content-Type", Value: "text/plain; charset=UTF-8"},
		{Name: "Content-Transfer-Encoding", Value: "8bit"},
	}
	if pf := po.PluralForms(lang.Hreflang); pf != "" {
		fields = append(fields, po.Field{Name: "Plural-Forms", Value: pf})
	}
	fields = append(fields, po.Field{Name: "X-Generator", Value: "rosetta"})
	return po.HeaderEntry(fields...)
}

// words is s with its white space squeezed: blocks that differ only in
// where their lines break have the same words.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// normalize is src as the transcript parser reads it: no byte order mark,
// "\n" line ends.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src
}

// lineOf returns the line number of a byte offset of src.
func lineOf(src []byte) func(offset int) int {
	var starts []int
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(offset int) int {
		n := 1
		for _, s := range starts {
			if s > offset {
				break
			}
			n++
		}
		return n
	}
}

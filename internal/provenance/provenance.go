// Package provenance knows what each turn of a translation was translated
// from, and lines a translation up with its original turn by turn.
//
// A translation's record, index.<lang>.translated.json beside
// index.<lang>.md, is written by `rosetta translated` when a translator has
// finished: for each turn of the translation, a fingerprint of the turn as
// translated, a fingerprint of the original's turn it was translated from,
// and that original turn's blocks as they were, so that what changed since
// can be shown without version control. A fingerprint is of the blocks'
// words: reflowing a paragraph's lines changes none.
//
// Align pairs each turn of a translation with a turn of the original, in
// order and by the same speaker, using the fingerprints where the record
// has them; a turn of the original with no partner is missing from the
// translation. Each pair is then:
//
//   - current: the record has the translation's turn as it is, made from
//     the original's turn as it is;
//   - stale: the record has the translation's turn as it is, made from an
//     earlier wording of the original's turn;
//   - unreviewed: the record does not have the translation's turn as it is
//     (there is no record, or the turn was edited after it).
//
// A translation that cannot be paired this way (another number of
// sections, a turn the original does not have, a turn by another speaker)
// has drifted from its original: that is a problem for the translator, not
// something a reader is shown.
package provenance

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Suffix ends a record's file name: index.fr.md's record is
// index.fr.translated.json.
const Suffix = ".translated.json"

// RecordPath is the record of the transcript file path (index.<lang>.md).
func RecordPath(path string) string {
	return strings.TrimSuffix(path, ".md") + Suffix
}

// Record is what a translation was translated from.
type Record struct {
	Path     string    `json:"-"`
	Original string    `json:"original"` // the original's file name
	Recorded time.Time `json:"recorded"`
	Turns    []Entry   `json:"turns"`
}

// Entry is one turn of a translation, as recorded.
type Entry struct {
	Turn string `json:"turn"` // the original's turn id when recorded, for people reading the file
	Text string `json:"text"` // the fingerprint of the translation's turn
	From string `json:"from"` // the fingerprint of the original's turn
	// Was is the original's turn when recorded, a block each.
	Was []string `json:"original"`
}

// Fingerprint identifies the words of blocks: the same for the same words
// in the same blocks, however the lines are broken.
func Fingerprint(blocks []transcript.Block) string {
	h := sha256.New()
	var buf []byte
	for _, b := range blocks {
		// The words, one space between two: strings.Fields, without
		// its allocations.
		buf = buf[:0]
		space := false
		for _, r := range b.Markdown {
			if unicode.IsSpace(r) {
				space = len(buf) > 0
				continue
			}
			if space {
				buf = append(buf, ' ')
				space = false
			}
			buf = utf8.AppendRune(buf, r)
		}
		h.Write(buf)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// MaxRecordSize bounds a record file: a few times the largest transcript.
const MaxRecordSize = 64 << 20

// Read reads the record at path in fsys. A missing record is nil, not an
// error.
func Read(fsys fs.FS, path string) (*Record, diag.List) {
	var problems diag.List
	info, err := fs.Stat(fsys, path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	switch {
	case err != nil:
		problems.Errorf(path, 0, "%v", err)
		return nil, problems
	case !info.Mode().IsRegular():
		problems.Errorf(path, 0, "not a regular file: a translation's record is a file rosetta writes")
		return nil, problems
	case info.Size() > MaxRecordSize:
		problems.Errorf(path, 0, "larger than %d MiB", MaxRecordSize>>20)
		return nil, problems
	}
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		problems.Errorf(path, 0, "%v", err)
		return nil, problems
	}
	r, d := Parse(path, src)
	if d != nil {
		return nil, append(problems, *d)
	}
	return r, nil
}

// Parse reads a record from src, the contents of the file path.
func Parse(path string, src []byte) (*Record, *diag.Diagnostic) {
	r := &Record{Path: path}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(r); err != nil {
		line := 1
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			line += bytes.Count(src[:min(int(syn.Offset), len(src))], []byte("\n"))
		case errors.As(err, &typ):
			line += bytes.Count(src[:min(int(typ.Offset), len(src))], []byte("\n"))
		}
		return nil, &diag.Diagnostic{Path: path, Line: line, Severity: diag.Error,
			Msg: fmt.Sprintf("not a translation record (%v): run `rosetta translated` on the translation to write it again", err)}
	}
	return r, nil
}

// Marshal returns the record as its file holds it.
func (r *Record) Marshal() []byte {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		panic(err) // strings and a time: cannot fail
	}
	return append(data, '\n')
}

// New records tr, aligned with original by a, as translated now from the
// original as it is.
func New(a *Alignment, now time.Time) *Record {
	r := &Record{
		Path:     RecordPath(a.Translation.Path),
		Original: baseName(a.Original.Path),
		Recorded: now.UTC().Truncate(time.Second),
	}
	for _, sec := range a.Sections {
		for _, t := range sec {
			if t.Translation == nil {
				continue
			}
			was := make([]string, len(t.Original.Source))
			for i, b := range t.Original.Source {
				was[i] = b.Markdown
			}
			r.Turns = append(r.Turns, Entry{
				Turn: t.Original.ID,
				Text: Fingerprint(t.Translation.Source),
				From: Fingerprint(t.Original.Source),
				Was:  was,
			})
		}
	}
	return r
}

func baseName(path string) string {
	return path[strings.LastIndexByte(path, '/')+1:]
}

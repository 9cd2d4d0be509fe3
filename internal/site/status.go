package site

import (
	"cmp"
	"slices"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/provenance"
	"github.com/rosetta-ssg/rosetta/internal/worddiff"
)

// Coverage is how much of the site one language has.
type Coverage struct {
	Lang                          *Language
	Transcripts, TotalTranscripts int
	Turns, TotalTurns             int // turns of its transcripts, of the originals' turns
	Strings, TotalStrings         int // UI strings in full, of the original's
	Missing                       []string
	Original                      bool // the site's original language, whose turns have no state
	// States counts the turns of the language's translations by how they
	// stand against the original; a translation that has drifted from its
	// original counts in none.
	States provenance.Counts
	// Discussions are the language's transcripts, in the order of the
	// discussions.
	Discussions []TranscriptCoverage
}

// TranscriptCoverage is how one transcript of a language stands.
type TranscriptCoverage struct {
	Slug       string
	Title      string // in the transcript's language
	Path       string // its page: "fr/crypto-ai/"
	Translator string // the front matter's translator, or ""
	Turns      int    // the original's turns
	// Progress is nil on the original, and on a translation that has
	// drifted from it (Drifted).
	Progress *Progress
	Drifted  bool
}

// Progress is how one translation stands against its original, turn by
// turn: what the status page and check -coverage show of its alignment,
// small enough for a discussion's summary to keep.
type Progress struct {
	provenance.Counts
	Recorded   time.Time   // when the translation was recorded; zero without a record
	StaleTurns []StaleTurn // in order
}

// StaleTurn is a turn of a translation whose original has changed since it
// was translated.
type StaleTurn struct {
	ID           string // the same in every language: "t7"
	Number       int    // its place in the transcript, from 1
	Speaker      string // the speaker's name in the original
	Line         int    // the turn's line in the translation
	OriginalLine int    // the original turn's line
	// Anchor is the id of the change on the status page: the same for
	// every translation made from the same wording of the turn.
	Anchor string
	Edits  []Edit // from the wording translated to the original's as it is
}

// Edit is a run of words of a change: Kind "equal" (in both wordings, "…"
// for the words left out), "delete" (in the wording translated only) or
// "insert" (in the original as it is only).
type Edit struct {
	Kind, Text string
}

// diffContext is how many unchanged words the status page shows on each
// side of a change.
const diffContext = 12

// progress sums up a, the alignment of a translation of the discussion
// slug.
func progress(slug string, a *provenance.Alignment, change func(provenance.Turn) []worddiff.Op) *Progress {
	p := &Progress{Counts: a.Counts()}
	if a.Record != nil {
		p.Recorded = a.Record.Recorded
	}
	for i, t := range a.Turns() {
		if t.State != provenance.Stale {
			continue
		}
		ops := worddiff.Trim(change(t), diffContext)
		edits := make([]Edit, len(ops))
		for j, op := range ops {
			edits[j] = Edit{Kind: op.Kind.String(), Text: op.Text}
		}
		p.StaleTurns = append(p.StaleTurns, StaleTurn{
			ID: t.Original.ID, Number: i + 1, Speaker: t.Original.Speaker.Name,
			Line: t.Translation.Line, OriginalLine: t.Original.Line,
			// The record's fingerprint of the wording translated tells
			// one earlier wording from another.
			Anchor: slug + "-" + t.Original.ID + "-" + t.Recorded.From[:min(6, len(t.Recorded.From))],
			Edits:  edits,
		})
	}
	return p
}

// Coverage reports, for each language, the transcripts, turns and UI strings
// it has of the original's, in the discussions ds, and how each of its
// translations stands against the original.
func (s *Site) Coverage(ds []*Discussion) []Coverage {
	original := s.Catalogs[s.Config.Original]
	var all []Coverage
	for _, l := range s.Config.Languages {
		c := Coverage{Lang: l, TotalTranscripts: len(ds), Original: l.Code == s.Config.Original}
		for _, d := range ds {
			orig := d.Original(s).TurnCount()
			c.TotalTurns += orig
			v := d.Transcripts[l.Code]
			if v == nil {
				c.Missing = append(c.Missing, d.Slug)
				continue
			}
			c.Transcripts++
			c.Turns += min(v.TurnCount(), orig)
			t := TranscriptCoverage{Slug: d.Slug, Title: v.Title, Path: l.Code + "/" + d.Slug + "/", Translator: v.Translator, Turns: orig}
			if !c.Original {
				t.Progress = d.Progress[l.Code]
				t.Drifted = t.Progress == nil
			}
			if t.Progress != nil {
				c.States.Current += t.Progress.Current
				c.States.Stale += t.Progress.Stale
				c.States.Missing += t.Progress.Missing
				c.States.Unreviewed += t.Progress.Unreviewed
			}
			c.Discussions = append(c.Discussions, t)
		}
		if cat := s.Catalogs[l.Code]; cat != nil && original != nil {
			c.Strings, c.TotalStrings = cat.Complete(original)
		}
		all = append(all, c)
	}
	return all
}

// Change is a turn of an original that has changed since translations of
// it were recorded: one for each earlier wording they were made from.
type Change struct {
	Anchor  string // its id on the status page
	Slug    string
	Title   string    // the original's
	Lang    *Language // the original's
	Turn    string    // the turn's id: "t7"
	Number  int
	Speaker string
	Path    string // the original's file
	Line    int    // the turn's line in it
	Page    string // the original's page: "vi/crypto-ai/"
	Edits   []Edit
	Stale   []StaleIn // the translations made from that wording, in the order of the languages
}

// StaleIn is a translation whose turn is stale.
type StaleIn struct {
	Lang *Language
	Path string // the translation's file
	Line int    // the turn's line in it
	Page string // the translation's page: "fr/crypto-ai/"
}

// Changes lists the changes of the originals of ds since their
// translations were recorded, by discussion and turn.
func (s *Site) Changes(ds []*Discussion) []Change {
	var all []Change
	for _, d := range ds {
		original := d.Original(s)
		at := map[string]int{} // anchor → index in changes
		var changes []Change
		for _, l := range s.Config.Languages {
			p := d.Progress[l.Code]
			if p == nil {
				continue
			}
			for _, st := range p.StaleTurns {
				i, ok := at[st.Anchor]
				if !ok {
					i = len(changes)
					at[st.Anchor] = i
					changes = append(changes, Change{
						Anchor: st.Anchor, Slug: d.Slug, Title: original.Title, Lang: s.Config.Language(s.Config.Original),
						Turn: st.ID, Number: st.Number, Speaker: st.Speaker,
						Path: original.Path, Line: st.OriginalLine, Page: s.Config.Original + "/" + d.Slug + "/", Edits: st.Edits,
					})
				}
				changes[i].Stale = append(changes[i].Stale, StaleIn{Lang: l, Path: d.Transcripts[l.Code].Path, Line: st.Line, Page: l.Code + "/" + d.Slug + "/"})
			}
		}
		slices.SortStableFunc(changes, func(a, b Change) int { return cmp.Compare(a.Number, b.Number) })
		all = append(all, changes...)
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

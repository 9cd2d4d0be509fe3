package provenance

import (
	"fmt"
	"slices"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// State is how a turn of a translation stands against its original.
type State int

const (
	Unreviewed State = iota // no record of the turn as it is
	Current                 // translated from the original as it is
	Stale                   // translated from an earlier wording of the original
	Missing                 // not in the translation
)

func (s State) String() string {
	return [...]string{"unreviewed", "current", "stale", "missing"}[s]
}

// Turn is one turn of the original and its translation.
type Turn struct {
	Original    *transcript.Turn
	Translation *transcript.Turn // nil when Missing
	State       State
	// Was is the original turn's blocks when the translation was
	// recorded: set when Stale.
	Was []string
	// Recorded is the entry of the record for the translation's turn, if
	// any.
	Recorded *Entry
}

// Alignment pairs the turns of a translation with its original's.
type Alignment struct {
	Original, Translation *transcript.Transcript
	Record                *Record // nil when there is none
	// Sections hold the turns of each section of the original, each with
	// its translation's turn.
	Sections [][]Turn
}

// Counts are how many turns of a translation are in each state.
type Counts struct {
	Current, Stale, Missing, Unreviewed int
}

// Counts counts a's turns by state.
func (a *Alignment) Counts() Counts {
	var c Counts
	for _, sec := range a.Sections {
		for _, t := range sec {
			switch t.State {
			case Current:
				c.Current++
			case Stale:
				c.Stale++
			case Missing:
				c.Missing++
			default:
				c.Unreviewed++
			}
		}
	}
	return c
}

// Turns lists a's turns in order.
func (a *Alignment) Turns() []Turn {
	var turns []Turn
	for _, sec := range a.Sections {
		turns = append(turns, sec...)
	}
	return turns
}

// maxCells bounds the work of pairing one section's turns when some are
// missing: the number of turns in the translation times the original's.
const maxCells = 1 << 22

// Align pairs the turns of tr with those of original, using rec (which may
// be nil). When they cannot be paired, the diagnostic says where tr has
// drifted from original.
func Align(original, tr *transcript.Transcript, rec *Record) (*Alignment, *diag.Diagnostic) {
	drifted := func() *diag.Diagnostic {
		if d := transcript.Compare(original, tr); d != nil {
			return d
		}
		return &diag.Diagnostic{Path: tr.Path, Line: 1, Severity: diag.Error, Msg: fmt.Sprintf("its turns cannot be paired with the original's (%s)", original.Path)}
	}
	if len(original.Sections) != len(tr.Sections) {
		return nil, drifted()
	}
	byText := map[string]*Entry{}
	if rec != nil {
		for i := range rec.Turns {
			byText[rec.Turns[i].Text] = &rec.Turns[i]
		}
	}
	a := &Alignment{Original: original, Translation: tr, Record: rec, Sections: make([][]Turn, len(original.Sections))}
	for i, os := range original.Sections {
		ts := tr.Sections[i]
		if os.Blocks != ts.Blocks {
			return nil, drifted()
		}
		entries := make([]*Entry, len(ts.Turns))
		if len(byText) > 0 {
			for j, t := range ts.Turns {
				entries[j] = byText[Fingerprint(t.Source)]
			}
		}
		pairs := pair(os.Turns, ts.Turns, entries)
		if pairs == nil {
			return nil, drifted()
		}
		turns := make([]Turn, len(os.Turns))
		for j, ot := range os.Turns {
			turns[j] = Turn{Original: ot, State: Missing}
			k := pairs[j]
			if k < 0 {
				continue
			}
			t := &turns[j]
			t.Translation, t.Recorded = ts.Turns[k], entries[k]
			switch {
			case t.Recorded == nil:
				t.State = Unreviewed
			case t.Recorded.From == Fingerprint(ot.Source):
				t.State = Current
			default:
				t.State, t.Was = Stale, t.Recorded.Was
			}
			// A turn whose blocks differ from the original's in number is
			// drift, unless the translator recorded it so or the original
			// has changed since.
			if t.State == Unreviewed && t.Translation.Blocks != ot.Blocks {
				return nil, drifted()
			}
		}
		a.Sections[i] = turns
	}
	return a, nil
}

// pair returns, for each turn of the original, the index of its partner
// in tr, or -1 when it has none: every turn of tr has a partner by the same
// speaker, in order. Among the ways to pair them, it takes the one that
// pairs the most turns the record says were translated from each other,
// then the most with the same number of blocks, then the one that pairs
// earlier turns. It returns nil when there is no way.
func pair(original, tr []*transcript.Turn, entries []*Entry) []int {
	n, m := len(original), len(tr)
	pairs := make([]int, n)
	if m > n {
		return nil
	}
	if m == n { // the usual case: every turn, in order
		for j := range original {
			if original[j].Speaker.ID != tr[j].Speaker.ID {
				return nil
			}
			pairs[j] = j
		}
		return pairs
	}
	if (m+1)*(n+1) > maxCells {
		return nil
	}
	recorded := slices.ContainsFunc(entries, func(e *Entry) bool { return e != nil })
	fp := make([]string, n)
	for j, t := range original {
		if recorded {
			fp[j] = Fingerprint(t.Source)
		}
	}
	score := func(j, k int) int {
		if original[j].Speaker.ID != tr[k].Speaker.ID {
			return -1
		}
		s := 1
		if e := entries[k]; e != nil && e.From == fp[j] {
			s += 4
		}
		if original[j].Blocks == tr[k].Blocks {
			s += 2
		}
		return s
	}
	// best[j][k]: the best score pairing original[j:] with tr[k:], or -1.
	const none = -1
	best := make([][]int, n+1)
	for j := range best {
		best[j] = make([]int, m+1)
	}
	for j := n; j >= 0; j-- {
		for k := m; k >= 0; k-- {
			switch {
			case k == m:
				best[j][k] = 0
			case j == n || n-j < m-k:
				best[j][k] = none
			default:
				b := best[j+1][k] // original[j] is missing
				if s := score(j, k); s > 0 && best[j+1][k+1] != none && best[j+1][k+1]+s >= b {
					b = best[j+1][k+1] + s
				}
				best[j][k] = b
			}
		}
	}
	if best[0][0] == none {
		return nil
	}
	for j, k := 0, 0; j < n; j++ {
		pairs[j] = -1
		if k < m {
			if s := score(j, k); s > 0 && best[j+1][k+1] != none && best[j+1][k+1]+s == best[j][k] {
				pairs[j] = k
				k++
			}
		}
	}
	return pairs
}

package transcript

import (
	"fmt"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// Compare reports the first place where translation tr does not have the
// shape of original: a section, a turn's speaker, or the number of blocks of
// a turn or an introduction. The diagnostic points into tr and names the
// line of the original. It returns nil when the two align.
func Compare(original, tr *Transcript) *diag.Diagnostic {
	at := func(line int, format string, args ...any) *diag.Diagnostic {
		return &diag.Diagnostic{Path: tr.Path, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	lastLine := func() int {
		if n := len(tr.Sections); n > 0 {
			s := tr.Sections[n-1]
			if m := len(s.Turns); m > 0 {
				return s.Turns[m-1].Line
			}
			return s.Line
		}
		return 1
	}
	for i, os := range original.Sections {
		if i >= len(tr.Sections) {
			return at(lastLine(), "section %s %q of the original (%s:%d) is missing", os.ID, os.Title, original.Path, os.Line)
		}
		ts := tr.Sections[i]
		if os.Blocks != ts.Blocks {
			return at(ts.Line, "section %s has %s before its first turn, the original (%s:%d) has %d", ts.ID, paragraphs(ts.Blocks), original.Path, os.Line, os.Blocks)
		}
		for j, ot := range os.Turns {
			if j >= len(ts.Turns) {
				line := ts.Line
				if len(ts.Turns) > 0 {
					line = ts.Turns[len(ts.Turns)-1].Line
				}
				return at(line, "turn %s (%s) of the original (%s:%d) is missing from section %s", ot.ID, ot.Speaker.ID, original.Path, ot.Line, ts.ID)
			}
			tt := ts.Turns[j]
			if tt.Speaker.ID != ot.Speaker.ID {
				return at(tt.Line, "turn %s is by %q here, by %q in the original (%s:%d)", tt.ID, tt.Speaker.ID, ot.Speaker.ID, original.Path, ot.Line)
			}
			if tt.Blocks != ot.Blocks {
				return at(tt.Line, "turn %s has %s here, %d in the original (%s:%d)", tt.ID, paragraphs(tt.Blocks), ot.Blocks, original.Path, ot.Line)
			}
		}
		if extra := len(ts.Turns) - len(os.Turns); extra > 0 {
			tt := ts.Turns[len(os.Turns)]
			return at(tt.Line, "turn %s (%s) is not in section %s of the original (%s:%d)", tt.ID, tt.Speaker.ID, os.ID, original.Path, os.Line)
		}
	}
	if len(tr.Sections) > len(original.Sections) {
		ts := tr.Sections[len(original.Sections)]
		return at(ts.Line, "section %s %q is not in the original (%s)", ts.ID, ts.Title, original.Path)
	}
	return nil
}

func paragraphs(n int) string {
	if n == 1 {
		return "1 paragraph"
	}
	return fmt.Sprintf("%d paragraphs", n)
}

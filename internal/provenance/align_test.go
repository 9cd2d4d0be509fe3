package provenance

import (
	"strings"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

const head = `+++
title = "T"

[speakers.alex]
name = "Alex"

[speakers.max]
name = "Max"
+++
`

func parse(t *testing.T, path, body string) *transcript.Transcript {
	t.Helper()
	tr, problems := transcript.NewParser(transcript.Quotes{}).Parse(path, []byte(head+body))
	if problems.HasErrors() {
		t.Fatalf("%s: %v", path, problems)
	}
	return tr
}

func states(a *Alignment) string {
	var s []string
	for _, t := range a.Turns() {
		id := "-"
		if t.Translation != nil {
			id = t.Translation.ID
		}
		s = append(s, t.Original.ID+"="+id+":"+t.State.String())
	}
	return strings.Join(s, " ")
}

// TestAlign follows a translation through the life of its original: it is
// recorded, a sentence of the original changes, a turn is added to it, and
// the translation catches up.
func TestAlign(t *testing.T) {
	vi1 := parse(t, "index.vi.md", "## A\n\nAlex: Một hai ba.\n\nMax: Bốn năm.\n\nSáu bảy.\n\nAlex: Tám.\n")
	fr := parse(t, "index.fr.md", "## A\n\nAlex: Un deux trois.\n\nMax: Quatre cinq.\n\nSix sept.\n\nAlex: Huit.\n")

	a, d := Align(vi1, fr, nil)
	if d != nil {
		t.Fatal(d)
	}
	if got, want := states(a), "t1=t1:unreviewed t2=t2:unreviewed t3=t3:unreviewed"; got != want {
		t.Errorf("with no record: %s, want %s", got, want)
	}
	rec := New(a, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	again, d := Parse(rec.Path, rec.Marshal())
	if d != nil || again.Path != "index.fr.translated.json" || len(again.Turns) != 3 {
		t.Fatalf("the record does not read back: %v, %+v", d, again)
	}

	a, _ = Align(vi1, fr, again)
	if got, want := states(a), "t1=t1:current t2=t2:current t3=t3:current"; got != want {
		t.Errorf("recorded: %s, want %s", got, want)
	}

	// Lines broken elsewhere are the same words.
	reflowed := parse(t, "index.vi.md", "## A\n\nAlex: Một hai\nba.\n\nMax: Bốn năm.\n\nSáu bảy.\n\nAlex: Tám.\n")
	a, _ = Align(reflowed, fr, again)
	if got, want := states(a), "t1=t1:current t2=t2:current t3=t3:current"; got != want {
		t.Errorf("reflowed: %s, want %s", got, want)
	}

	vi2 := parse(t, "index.vi.md", "## A\n\nAlex: Một hai ba.\n\nMax: Bốn năm.\n\nSáu bảy tám.\n\nAlex: Tám.\n")
	a, _ = Align(vi2, fr, again)
	if got, want := states(a), "t1=t1:current t2=t2:stale t3=t3:current"; got != want {
		t.Errorf("one sentence changed: %s, want %s", got, want)
	}
	if was := a.Turns()[1].Was; len(was) != 2 || was[1] != "Sáu bảy." {
		t.Errorf("the stale turn was %q, want its old wording", was)
	}

	// A turn added between two of the same speaker's.
	vi3 := parse(t, "index.vi.md", "## A\n\nAlex: Một hai ba.\n\nMax: Mới.\n\nMax: Bốn năm.\n\nSáu bảy.\n\nAlex: Tám.\n")
	a, d = Align(vi3, fr, again)
	if d != nil {
		t.Fatal(d)
	}
	if got, want := states(a), "t1=t1:current t2=-:missing t3=t2:current t4=t3:current"; got != want {
		t.Errorf("a turn added: %s, want %s", got, want)
	}
	if c := a.Counts(); c != (Counts{Current: 3, Missing: 1}) {
		t.Errorf("counts %+v", c)
	}

	// Without a record, the numbers of paragraphs tell them apart.
	a, _ = Align(vi3, fr, nil)
	if got, want := states(a), "t1=t1:unreviewed t2=-:missing t3=t2:unreviewed t4=t3:unreviewed"; got != want {
		t.Errorf("a turn added, no record: %s, want %s", got, want)
	}

	// Without either, the turn added later is the one missing.
	vi4 := parse(t, "index.vi.md", "## A\n\nAlex: Một hai ba.\n\nMax: Bốn năm.\n\nSáu bảy.\n\nMax: Mới.\n\nMười.\n\nAlex: Tám.\n")
	a, _ = Align(vi4, fr, nil)
	if got, want := states(a), "t1=t1:unreviewed t2=t2:unreviewed t3=-:missing t4=t3:unreviewed"; got != want {
		t.Errorf("a turn added, no record: %s, want %s", got, want)
	}

	// A turn the original does not have is drift.
	extra := parse(t, "index.fr.md", "## A\n\nAlex: Un deux trois.\n\nMax: Quatre cinq.\n\nSix sept.\n\nAlex: Huit.\n\nMax: Neuf.\n")
	if _, d := Align(vi1, extra, again); d == nil || !strings.Contains(d.Msg, "not in section") {
		t.Errorf("an extra turn: %v, want drift", d)
	}
	// So is a turn by another speaker.
	swapped := parse(t, "index.fr.md", "## A\n\nMax: Un deux trois.\n\nMax: Quatre cinq.\n\nSix sept.\n\nAlex: Huit.\n")
	if _, d := Align(vi1, swapped, nil); d == nil {
		t.Error("a turn by another speaker: no drift")
	}
}

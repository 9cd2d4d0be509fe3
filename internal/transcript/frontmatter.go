package transcript

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/tomlfile"
)

// splitFrontMatter returns the TOML between the +++ lines, the offset where
// the body starts and the body's first line number.
func splitFrontMatter(path string, src []byte) (fm []byte, bodyStart, bodyLine int, err *diag.Diagnostic) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "+++" {
		if len(bytes.TrimSpace(src)) == 0 {
			return nil, 0, 0, &diag.Diagnostic{Path: path, Line: 1, Msg: "empty file: a transcript starts with +++ front matter"}
		}
		return nil, 0, 0, &diag.Diagnostic{Path: path, Line: 1, Msg: "no front matter: a transcript starts with a +++ line"}
	}
	offset := len(first) + 1
	line := 2
	for len(rest) > 0 {
		l, next, found := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(l, " \t")) == "+++" {
			end := offset + len(l)
			if found {
				end++
			}
			return src[len(first)+1 : offset], end, line + 1, nil
		}
		offset += len(l) + 1
		line++
		rest = next
		if !found {
			break
		}
	}
	return nil, 0, 0, &diag.Diagnostic{Path: path, Line: 1, Msg: "front matter opened here is not closed by a +++ line"}
}

type frontMatter struct {
	Title       string
	Description string
	Date        time.Time
	Source      string
	Translator  string
	Image       string
	Speakers    map[string]speakerMeta
}

type speakerMeta struct {
	Name string
	Role string
	Host bool
}

func (p *Parser) frontMatter(t *Transcript, fm []byte, problems *diag.List) {
	var meta frontMatter
	if !tomlfile.Decode(problems, t.Path, 2, "front matter: ", fm, &meta) { // after the +++ line
		return
	}
	t.Title = strings.TrimSpace(meta.Title)
	t.Description = strings.TrimSpace(meta.Description)
	t.Date = meta.Date
	t.Translator = strings.TrimSpace(meta.Translator)
	lines := tomlfile.KeyLines(fm, 2)
	if t.Source = strings.TrimSpace(meta.Source); t.Source != "" && !webURL(t.Source) {
		problems.Errorf(t.Path, max(lines.Line("source"), 1), "front matter: source %q is not an http or https URL with a host, such as https://example.org/talk", t.Source)
	}
	if t.Image = strings.TrimSpace(meta.Image); t.Image != "" && !webURL(t.Image) && (strings.Contains(t.Image, ":") || strings.HasPrefix(t.Image, "/")) {
		problems.Errorf(t.Path, max(lines.Line("image"), 1), "front matter: image %q is neither an http or https URL nor a path from the site's root, such as cards/talk.png", t.Image)
	}
	for key, text := range map[string]string{"title": t.Title, "description": t.Description, "translator": t.Translator} {
		controlProblem(problems, t.Path, max(lines.Line(key), 1), key, text)
	}
	if t.Title == "" {
		problems.Errorf(t.Path, 1, "front matter has no title")
	}
	if len(meta.Speakers) == 0 {
		problems.Errorf(t.Path, 1, "front matter declares no speakers: add a [speakers.<id>] table for each")
	}
	// Declaration order, as written: by line, then by id. The decoder
	// takes [Speakers.max] for [speakers.max], but lines are found by the
	// key as written: such speakers have no line, and come last.
	speakerLine := func(id string) int {
		if line := lines.Line("speakers", id); line > 0 {
			return line
		}
		return math.MaxInt
	}
	ids := slices.Collect(maps.Keys(meta.Speakers))
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(speakerLine(a), speakerLine(b)), strings.Compare(a, b))
	})
	for _, id := range ids {
		m := meta.Speakers[id]
		line := lines.Line("speakers", id)
		if line == 0 {
			line = 1 // the +++ line
		}
		s := &Speaker{ID: id, Name: strings.TrimSpace(m.Name), Role: strings.TrimSpace(m.Role), Host: m.Host, Line: line}
		switch {
		case !validID(id):
			problems.Errorf(t.Path, line, "speaker id %q: use ASCII letters, digits, - and _", id)
		case s.Name == "":
			problems.Errorf(t.Path, line, "speaker %q has no name", id)
		}
		if s.Role == "" {
			problems.Warnf(t.Path, line, "speaker %q has no role", id)
		}
		controlProblem(problems, t.Path, line, "name", s.Name)
		controlProblem(problems, t.Path, line, "role", s.Role)
		t.Speakers = append(t.Speakers, s)
	}
	checkSameLabel(t, lines, problems)
}

// controlProblem reports a control character in the text of the front
// matter key: it would make a feed that no reader parses (XML has no place
// for it) and a page the HTML checkers refuse. Tabs and line breaks are
// white space.
func controlProblem(problems *diag.List, path string, line int, key, text string) {
	for _, r := range text {
		if r != '\t' && r != '\n' && r != '\r' && unicode.IsControl(r) {
			problems.Errorf(path, line, "front matter: %s has a control character, %U: remove it", key, r)
			return
		}
	}
}

// checkSameLabel reports two speakers that one label would name: the name
// or id of one is the name or id of the other, ignoring case as labels do.
// The error is at the later speaker: at its name's line when its name is
// the cause, else at its table's.
func checkSameLabel(t *Transcript, lines tomlfile.Lines, problems *diag.List) {
	first := map[string]int{} // a folded name or id → the first speaker with it
	for i, b := range t.Speakers {
		earlier := i // the first earlier speaker whose label b's could be
		for _, label := range []string{b.Name, b.ID} {
			if j, ok := first[foldKey(label)]; ok && label != "" {
				earlier = min(earlier, j)
			}
		}
		if earlier < i {
			msg, byName := sameLabel(t.Speakers[earlier], b)
			line := b.Line
			if l := lines.Line("speakers", b.ID, "name"); byName && l > 0 {
				line = l
			}
			problems.Errorf(t.Path, line, "%s", msg)
		}
		for _, label := range []string{b.Name, b.ID} {
			if _, ok := first[foldKey(label)]; !ok && label != "" {
				first[foldKey(label)] = i
			}
		}
	}
}

// foldKey returns a key of s that two strings share when strings.EqualFold
// says they are equal: each rune is the least of its case-folding orbit.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}

// sameLabel says how a label could name both a and b, b declared after a,
// or returns "". byName tells whether b's name, rather than its id, is the
// cause.
func sameLabel(a, b *Speaker) (msg string, byName bool) {
	same := func(x, y string) bool { return x != "" && strings.EqualFold(x, y) }
	switch {
	case a.Name == b.Name && b.Name != "":
		return fmt.Sprintf("speakers %q and %q have the same name %q", a.ID, b.ID, b.Name), true
	case same(a.Name, b.Name):
		return fmt.Sprintf("speakers %q and %q have the same name but for case, %q and %q: labels ignore case", a.ID, b.ID, a.Name, b.Name), true
	case same(a.ID, b.ID):
		return fmt.Sprintf("speakers %q and %q have the same id but for case: labels ignore case", a.ID, b.ID), false
	case same(a.ID, b.Name):
		return fmt.Sprintf("speakers %q and %q: the name of %q, %q, is the id of %q, so the label %q could name either", a.ID, b.ID, b.ID, b.Name, a.ID, b.Name+":"), true
	case same(a.Name, b.ID):
		return fmt.Sprintf("speakers %q and %q: the id of %q is the name of %q, %q, so the label %q could name either", a.ID, b.ID, b.ID, a.ID, a.Name, a.Name+":"), false
	}
	return "", false
}

// webURL reports whether s is an absolute http or https URL with a host,
// an address a reader's browser can open.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Hostname() != "" && u.User == nil
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

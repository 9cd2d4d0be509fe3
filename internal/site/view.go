package site

import (
	"html/template"
	"strconv"
	"unicode"
)

// The types of this file are a transcript as its page's templates see it,
// with what they show computed once per page rather than once per turn.

// Section is a section of a transcript page.
type Section struct {
	ID      string
	Title   string        // plain text; empty for an untitled first section
	Heading template.HTML // the title as inline HTML
	Intro   template.HTML // the blocks before the first turn
	// IntroParagraphs are the introduction as plain text, as
	// Turn.Paragraphs.
	IntroParagraphs []string
	First           bool // the transcript's first section
	Turns           []Turn
	Page            *Page
}

// Turn is one speaker's turn on a transcript page.
type Turn struct {
	ID      string // the same turn in every language: "t7"
	Number  int    // its place in the transcript, from 1: the turn a reader cites
	Speaker *Speaker
	Body    template.HTML // goldmark's HTML
	// Paragraphs are the turn's words as plain text, a paragraph each (a
	// list item is one, after its marker): the Markdown's emphasis
	// dropped, a link's text kept, followed by its address in angle
	// brackets when it leads off the site.
	Paragraphs []string
	// State is how a translation's turn stands against the original's:
	// "current", "stale" (the original has changed since it was
	// translated), "unreviewed" (no record of its translation), or
	// "missing" (not translated yet: Body is the original's). Empty on the
	// original.
	State string
	// Notice is what a reader of a translation is told of the turn, in
	// the page's language: the UI string staleNotice on a stale turn,
	// missingNotice on a missing one, and "" on any other turn. It is also
	// the placeholder {{.Notice}} of a UI string given the turn, as
	// textNote is in the plain-text download.
	Notice string
	Lang   *Language // the language of Body: the original's when missing
	// Ref names the turn for a UI string: {{Format "turnLinkLabel" .Ref}}.
	Ref  TurnRef
	Page *Page
}

// TurnRef is what a UI string that names a turn may say, as the
// placeholders {{.Number}} and {{.Speaker}} (the speaker's name): the
// accessible names that tell one turn's links from another's.
type TurnRef struct {
	Number  int
	Speaker string
}

// Speaker is a speaker of a transcript page: ID, Name, Role and Host, as
// the front matter gives them, and how the page shows them. (The fields are
// copied rather than embedded: templates find a struct's own fields at
// once, an embedded struct's after a search, on every turn.)
type Speaker struct {
	ID, Name, Role string
	Host           bool
	Class          string // one of six accents, sp1 to sp6, in the order speakers are declared
	// Isolate is true when the name has a direction of its own (any
	// letter), so that it goes in a <bdi>, apart from text that may run
	// the other way; digits and punctuation follow their surroundings.
	Isolate bool
}

// Group is the speakers of one kind on the participants panel, under the
// counted UI string ID: "hosts" or "guests".
type Group struct {
	ID       string
	Speakers []*Speaker
}

// Speakers are the speakers of the page's transcript, in the order they
// are declared.
func (p *Page) Speakers() []*Speaker {
	if p.speakers == nil && p.Transcript != nil {
		for i, s := range p.Transcript.Speakers {
			p.speakers = append(p.speakers, &Speaker{ID: s.ID, Name: s.Name, Role: s.Role, Host: s.Host, Class: "sp" + strconv.Itoa(i%6+1), Isolate: isolate(s.Name)})
		}
	}
	return p.speakers
}

// Participants groups the speakers of the page's transcript, hosts then
// guests, each in the order they are declared; an empty group is left out.
func (p *Page) Participants() []Group {
	var groups []Group
	for _, g := range []Group{{ID: "hosts"}, {ID: "guests"}} {
		for _, s := range p.Speakers() {
			if s.Host == (g.ID == "hosts") {
				g.Speakers = append(g.Speakers, s)
			}
		}
		if len(g.Speakers) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// Sections are the sections of the page's transcript, each with its turns.
// On a translation, a turn it does not have yet is the original's, in the
// original language (Turn.State "missing").
func (p *Page) Sections() ([]Section, error) {
	if p.Transcript == nil {
		return nil, nil
	}
	speakers := make(map[string]*Speaker, len(p.Transcript.Speakers))
	for _, s := range p.Speakers() {
		speakers[s.ID] = s
	}
	secs := make([]Section, len(p.Transcript.Sections))
	number := 0
	for i, sec := range p.Transcript.Sections {
		var turns []Turn
		if p.Alignment != nil {
			aligned := p.Alignment.Sections[i]
			turns = make([]Turn, len(aligned))
			for j, a := range aligned {
				number++
				t := Turn{ID: a.Original.ID, Number: number, State: a.State.String(), Lang: p.Lang, Page: p}
				src := a.Translation
				if src == nil {
					src, t.Lang = a.Original, p.Site.Config.Language(p.Site.Config.Original)
				}
				t.Speaker, t.Body, t.Paragraphs = speakers[src.Speaker.ID], src.Body, src.Text
				t.Ref = TurnRef{Number: number, Speaker: t.Speaker.Name}
				if id := noticeIDs[t.State]; id != "" {
					var err error
					if t.Notice, err = p.T(id); err != nil {
						return nil, err
					}
				}
				turns[j] = t
			}
		} else {
			turns = make([]Turn, len(sec.Turns))
			for j, t := range sec.Turns {
				number++
				sp := speakers[t.Speaker.ID]
				turns[j] = Turn{ID: t.ID, Number: number, Speaker: sp, Body: t.Body, Paragraphs: t.Text, Lang: p.Lang, Ref: TurnRef{Number: number, Speaker: sp.Name}, Page: p}
			}
		}
		secs[i] = Section{ID: sec.ID, Title: sec.Title, Heading: sec.Heading, Intro: sec.Intro, IntroParagraphs: sec.IntroText, First: i == 0, Turns: turns, Page: p}
	}
	return secs, nil
}

// noticeIDs are the UI strings of Turn.Notice, by Turn.State.
var noticeIDs = map[string]string{"stale": "staleNotice", "missing": "missingNotice"}

// Contents lists the sections of the page's transcript that have a title,
// for its table of contents: each with its ID, Title and Heading, without
// turns.
func (p *Page) Contents() []Section {
	if p.Transcript == nil {
		return nil
	}
	var secs []Section
	for _, sec := range p.Transcript.Sections {
		if sec.Title != "" {
			secs = append(secs, Section{ID: sec.ID, Title: sec.Title, Heading: sec.Heading, Page: p})
		}
	}
	return secs
}

// isolate reports whether the name s has a strong direction of its own:
// any letter.
func isolate(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

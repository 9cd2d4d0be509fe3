package site

import (
	"html/template"

	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Section is a section of a transcript page, as its template sees it.
type Section struct {
	ID      string
	Title   string        // plain text; empty for an untitled first section
	Heading template.HTML // the title as inline HTML
	Intro   template.HTML // the blocks before the first turn
	First   bool          // the transcript's first section
	Turns   []Turn
	Page    *Page
}

// Turn is one speaker's turn on a transcript page.
type Turn struct {
	ID      string // the same turn in every language: "t7"
	Speaker *transcript.Speaker
	Class   string        // the speaker's accent: SpeakerClass
	Body    template.HTML // goldmark's HTML
	Page    *Page
}

// Sections are the sections of the page's transcript, each with its turns.
func (p *Page) Sections() []Section {
	if p.Transcript == nil {
		return nil
	}
	classes := make(map[*transcript.Speaker]string, len(p.Transcript.Speakers))
	for _, s := range p.Transcript.Speakers {
		classes[s] = p.SpeakerClass(s)
	}
	secs := make([]Section, len(p.Transcript.Sections))
	for i, sec := range p.Transcript.Sections {
		turns := make([]Turn, len(sec.Turns))
		for j, t := range sec.Turns {
			turns[j] = Turn{ID: t.ID, Speaker: t.Speaker, Class: classes[t.Speaker], Body: t.Body, Page: p}
		}
		secs[i] = Section{ID: sec.ID, Title: sec.Title, Heading: sec.Heading, Intro: sec.Intro, First: i == 0, Turns: turns, Page: p}
	}
	return secs
}

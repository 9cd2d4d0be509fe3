package site

import (
	"fmt"
	"net/url"
	"strings"
)

// Parts is a UI string cut around a part of it, so that a template can
// mark the part up (a link, a name) and leave the words around it as the
// translator wrote them.
type Parts struct {
	Before, Part, After string
}

// Split returns the UI string id cut around the first occurrence of part:
// {{with .Split "disclaimer" (T "disclaimerLink")}}. It is an error for
// the string not to hold part.
func (p *Page) Split(id, part string) (Parts, error) {
	text, err := p.T(id)
	if err != nil {
		return Parts{}, err
	}
	before, after, found := strings.Cut(text, part)
	if !found || part == "" {
		return Parts{}, fmt.Errorf("%s: message %q does not hold %q, the words to mark up in it", p.catalog.Path, id, part)
	}
	return Parts{Before: before, Part: part, After: after}, nil
}

// SourceHost is the host name of the transcript's source, the address it
// was first published at, without "www.": "example.org"; "" without one.
func (p *Page) SourceHost() string {
	if p.Transcript == nil || p.Transcript.Source == "" {
		return ""
	}
	u, err := url.Parse(p.Transcript.Source)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

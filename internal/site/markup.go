package site

import (
	"html/template"
	"strings"

	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Turns renders the turns of one section of the page's transcript. Their
// markup is rosetta's, as the Markdown inside them is goldmark's; templates
// place it with {{$.Turns .}} inside a section. Each turn is
//
//	<article class="turn spN" id="tN" data-speaker="ID">
//	<h3 class="speaker"><a href="#tN" title="…">Name</a></h3>
//	<div class="says">
//	…</div>
//	<p class="original"><a href="…#tN" hreflang="vi">…</a></p>  (translations only)
//	</article>
//
// where spN is SpeakerClass and the name is isolated as bdi does. A site's
// transcripts have hundreds of thousands of turns: executing template
// actions for each of them was a third of a full build's time.
func (p *Page) Turns(sec *transcript.Section) (template.HTML, error) {
	if p.turnParts == nil {
		if err := p.prepareTurns(); err != nil {
			return "", err
		}
	}
	tp := p.turnParts
	n := 0
	for _, t := range sec.Turns {
		n += len(t.Body) + 300
	}
	var b strings.Builder // its String does not copy a page's worth of turns
	b.Grow(n)
	for _, t := range sec.Turns {
		sp := tp.speakers[t.Speaker]
		b.WriteString("\n<article class=\"turn ")
		b.WriteString(sp.class)
		b.WriteString("\" id=\"")
		b.WriteString(t.ID) // ids are ASCII letters, digits, - and _: nothing to escape
		b.WriteString("\" data-speaker=\"")
		b.WriteString(t.Speaker.ID)
		b.WriteString("\">\n<h3 class=\"speaker\"><a href=\"#")
		b.WriteString(t.ID)
		b.WriteString("\" title=\"")
		b.WriteString(tp.linkToTurn)
		b.WriteString("\">")
		b.WriteString(string(sp.name))
		b.WriteString("</a></h3>\n<div class=\"says\">\n")
		b.WriteString(string(t.Body))
		b.WriteString("</div>")
		if tp.original != "" {
			b.WriteString("\n<p class=\"original\"><a href=\"")
			b.WriteString(tp.original)
			b.WriteByte('#')
			b.WriteString(t.ID)
			b.WriteString(tp.originalRest)
		}
		b.WriteString("\n</article>")
	}
	return template.HTML(b.String()), nil
}

// turnParts is what every turn of a page shares, escaped once.
type turnParts struct {
	linkToTurn   string // escaped for an attribute
	original     string // the original's address, escaped for href
	originalRest string // from the end of the href to </a></p>
	speakers     map[*transcript.Speaker]speakerParts
}

type speakerParts struct {
	class string
	name  template.HTML
}

func (p *Page) prepareTurns() error {
	link, err := p.T("linkToTurn")
	if err != nil {
		return err
	}
	tp := &turnParts{
		linkToTurn: string(escapeHTML(nil, link)),
		speakers:   make(map[*transcript.Speaker]speakerParts, len(p.Transcript.Speakers)),
	}
	if o := p.Original; o != nil {
		view, err := p.T("viewOriginal")
		if err != nil {
			return err
		}
		tp.original = string(appendURL(nil, o.Href))
		rest := append([]byte(`" hreflang="`), escapeHTML(nil, o.Hreflang)...)
		rest = append(rest, `">`...)
		rest = escapeHTML(rest, view)
		tp.originalRest = string(append(rest, "</a></p>"...))
	}
	for _, s := range p.Transcript.Speakers {
		tp.speakers[s] = speakerParts{class: p.SpeakerClass(s), name: bdi(s.Name)}
	}
	p.turnParts = tp
	return nil
}

// AlternateLinks renders the page's hreflang alternates for the <head>,
// one per line:
//
//	<link rel="alternate" hreflang="vi" href="…">
//
// A template may range over .Alternates instead, at the cost of a dozen
// template actions per page.
func (p *Page) AlternateLinks() template.HTML {
	var b []byte
	for _, l := range p.Alternates {
		b = append(b, "\n<link rel=\"alternate\" hreflang=\""...)
		b = escapeHTML(b, l.Hreflang)
		b = append(b, "\" href=\""...)
		b = appendURL(b, l.URL)
		b = append(b, "\">"...)
	}
	return template.HTML(b)
}

// SwitcherItems renders the entries of the language switcher, one per line:
//
//	<li><a href="…" lang="vi" hreflang="vi" dir="ltr" data-keep-turn aria-current="page">Tiếng Việt</a></li>
//
// with aria-current on the page's own language. A template may range over
// .Switcher instead.
func (p *Page) SwitcherItems() template.HTML {
	var b []byte
	for _, l := range p.Switcher {
		b = append(b, "\n<li><a href=\""...)
		b = appendURL(b, l.Href)
		b = append(b, "\" lang=\""...)
		b = escapeHTML(b, l.Lang)
		b = append(b, "\" hreflang=\""...)
		b = escapeHTML(b, l.Hreflang)
		b = append(b, "\" dir=\""...)
		b = escapeHTML(b, l.Dir)
		b = append(b, "\" data-keep-turn"...)
		if l.Current {
			b = append(b, " aria-current=\"page\""...)
		}
		b = append(b, '>')
		b = escapeHTML(b, l.Label)
		b = append(b, "</a></li>"...)
	}
	return template.HTML(b)
}

// appendURL appends the address s for an href="…", as html/template writes
// it: unsafe schemes replaced, the rest normalized and escaped.
func appendURL(b []byte, s string) []byte {
	if !safeURL(s) {
		return append(b, "#ZgotmplZ"...)
	}
	return escapeHTML(b, string(normalizeURL(nil, s)))
}

// safeURL reports whether s is relative or has a scheme that html/template
// lets through: http, https or mailto.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// escapeHTML appends s to b escaped as html/template escapes text and
// quoted attribute values, so that the page reads the same whether a
// string went through a template or through Turns.
func escapeHTML(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, r...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// normalizeURL appends the address s with every byte that may not appear in
// a URL percent-encoded, as html/template normalizes an href.
func normalizeURL(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

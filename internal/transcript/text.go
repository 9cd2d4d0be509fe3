package transcript

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// plainParagraphs returns the blocks of doc as plain text, a paragraph each, as
// the text download shows them: emphasis dropped, a link's text kept and
// followed by its address in angle brackets when it leads off the site,
// list items marked ("- ", or their number), a line break kept, a table's
// cells joined by " | ", raw HTML left out (the page omits it too). It
// reads goldmark's tree, as the HTML renderer does, so that the text and
// the page say the same.
func plainParagraphs(doc ast.Node, src []byte) []string {
	w := textWriter{src: src}
	w.blocks(doc)
	w.flush()
	return w.paras
}

type textWriter struct {
	src    []byte
	paras  []string
	cur    bytes.Buffer  // the paragraph being written; kept from one to the next
	marker string        // a list item's marker, written before its first word
	esc    bytes.Buffer  // unescape's scratch
	escOut *bufio.Writer // writes into esc
}

// flush ends the paragraph being written.
func (w *textWriter) flush() {
	p := squeeze(string(w.cur.Bytes()), false)
	p = strings.ReplaceAll(strings.ReplaceAll(p, " \n", "\n"), "\n ", "\n")
	if p = strings.TrimSpace(p); p != "" {
		w.paras = append(w.paras, p)
	}
	w.cur.Reset()
}

func (w *textWriter) write(s string) {
	w.writeMarker()
	w.cur.WriteString(s)
}

// writeMarker writes the list item's marker that waits for the item's
// first word, if any.
func (w *textWriter) writeMarker() {
	if w.marker != "" {
		w.cur.WriteString(w.marker)
		w.marker = ""
	}
}

// writeText writes Markdown text, unescaped unless it is raw, with its runs
// of white space squeezed. Most text needs neither, and is copied as it is.
func (w *textWriter) writeText(value []byte, raw bool) {
	if !plain(value, raw) {
		w.write(squeeze(w.unescape(value, raw), true))
		return
	}
	w.writeMarker()
	w.cur.Write(value)
}

// plain reports whether Markdown text reads as it is written: nothing to
// unescape (no backslash or character reference, unless it is raw) and no
// white space to squeeze. Each search runs over the text in wide steps.
func plain(value []byte, raw bool) bool {
	return (raw || bytes.IndexByte(value, '\\') < 0 && bytes.IndexByte(value, '&') < 0) &&
		bytes.IndexByte(value, '\n') < 0 && bytes.IndexByte(value, '\t') < 0 && bytes.IndexByte(value, '\r') < 0 &&
		!bytes.Contains(value, []byte("  "))
}

// blocks writes the block children of n.
func (w *textWriter) blocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c)
	}
}

func (w *textWriter) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		w.flushUnlessItem()
		w.inlines(n)
		w.flush()
	case *ast.List:
		w.flush()
		number := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			w.flush()
			if n.IsOrdered() {
				w.marker = strconv.Itoa(number) + string(n.Marker) + " "
				number++
			} else {
				w.marker = "- "
			}
			w.blocks(item)
			w.flush()
			w.marker = ""
		}
	case *ast.Blockquote:
		w.flush()
		w.blocks(n)
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		w.flush()
		lines := n.Lines()
		for i := range lines.Len() {
			s := lines.At(i)
			w.write(string(s.Value(w.src)))
		}
		w.flush()
	case *east.Table:
		w.flush()
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				if cell != row.FirstChild() {
					w.write(" | ")
				}
				w.inlines(cell)
			}
			w.flush()
		}
	default: // a thematic break, raw HTML: nothing to read
		w.flush()
	}
}

// flushUnlessItem ends the paragraph being written, unless a list item's
// marker waits for this block's first word.
func (w *textWriter) flushUnlessItem() {
	if w.marker == "" {
		w.flush()
	}
}

// inlines writes the inline children of n.
func (w *textWriter) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c)
	}
}

func (w *textWriter) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		w.writeText(n.Segment.Value(w.src), n.IsRaw())
		switch {
		case n.HardLineBreak():
			w.write("\n")
		case n.SoftLineBreak():
			w.write(" ")
		}
	case *ast.String:
		switch {
		case n.IsCode(): // HTML, such as the typographer's &ldquo;
			w.write(typographic(n.Value))
		default:
			w.writeText(n.Value, n.IsRaw())
		}
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				w.write(squeeze(strings.ReplaceAll(string(t.Segment.Value(w.src)), "\n", " "), true))
			}
		}
	case *ast.Link:
		w.inlines(n)
		w.address(n.Destination)
	case *ast.AutoLink:
		w.write(string(n.Label(w.src)))
		if n.AutoLinkType == ast.AutoLinkURL {
			w.address(n.URL(w.src))
		}
	case *ast.RawHTML: // omitted from the page
	default: // emphasis, strikethrough, an image's description
		w.inlines(n)
	}
}

// typographic returns the character of an HTML character reference, such
// as the typographer's &ldquo;: the typographer's own without a lookup.
func typographic(ref []byte) string {
	switch string(ref) {
	case "&ldquo;":
		return "“"
	case "&rdquo;":
		return "”"
	case "&lsquo;":
		return "‘"
	case "&rsquo;":
		return "’"
	case "&hellip;":
		return "…"
	case "&ndash;":
		return "–"
	case "&mdash;":
		return "—"
	case "&laquo;":
		return "«"
	case "&raquo;":
		return "»"
	}
	return stdhtml.UnescapeString(string(ref))
}

// address writes " <URL>" after a link's text when the link leads off the
// site and the paragraph does not give the address already.
func (w *textWriter) address(dest []byte) {
	if !bytes.HasPrefix(dest, []byte("http://")) && !bytes.HasPrefix(dest, []byte("https://")) {
		return
	}
	url := string(util.URLEscape(dest, true))
	if !bytes.Contains(w.cur.Bytes(), []byte(url)) {
		w.write(" <" + url + ">")
	}
}

// unescape resolves the backslash escapes and character references of
// Markdown text that is not raw, as goldmark's HTML writer does, and
// returns the text.
func (w *textWriter) unescape(value []byte, raw bool) string {
	if raw || bytes.IndexByte(value, '\\') < 0 && bytes.IndexByte(value, '&') < 0 {
		return string(value)
	}
	w.esc.Reset()
	if w.escOut == nil {
		w.escOut = bufio.NewWriter(&w.esc) // goldmark's writer wants a BufWriter
	}
	html.DefaultWriter.Write(w.escOut, value)
	_ = w.escOut.Flush()
	return stdhtml.UnescapeString(w.esc.String())
}

// squeeze replaces each run of white space in s with one space: of HTML's
// white space (space, tab, CR, LF) when html is true, as a browser shows
// it, else of spaces alone, where two pieces of text meet.
func squeeze(s string, html bool) string {
	// Most text has nothing to squeeze, and these searches are fast.
	if !strings.Contains(s, "  ") && (!html || strings.IndexByte(s, '\t') < 0 && strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0) {
		return s
	}
	space := func(c byte) bool { return c == ' ' || html && (c == '\t' || c == '\r' || c == '\n') }
	i := 0
	for i < len(s) && !space(s[i]) {
		i++
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	run := false
	for ; i < len(s); i++ {
		c := s[i]
		if !space(c) {
			b.WriteByte(c)
			run = false
			continue
		}
		if !run {
			b.WriteByte(' ')
		}
		run = true
	}
	return b.String()
}

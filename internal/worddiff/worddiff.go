// Package worddiff compares two texts word by word, in any script: words
// are separated by spaces in most scripts, and in Chinese and Japanese,
// which write no spaces, each character is a word.
package worddiff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what an Op does.
type Kind int

const (
	Equal  Kind = iota // in both texts
	Delete             // in the old text only
	Insert             // in the new text only
)

func (k Kind) String() string { return [...]string{"equal", "delete", "insert"}[k] }

// Op is a run of text that is in both texts, or in one of them.
type Op struct {
	Kind Kind
	Text string
}

// maxCells bounds the work of one comparison: words of the old text times
// words of the new. Past it, the texts are compared as wholes.
const maxCells = 1 << 22

// Diff returns the ops that turn old into new, with as few words deleted
// and inserted as it can; runs of the same kind are merged.
func Diff(old, new string) []Op {
	a, b := split(old), split(new)
	// The same start and end are common to both.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []Op
	add := func(k Kind, words ...string) {
		if len(words) == 0 {
			return
		}
		s := strings.Join(words, "")
		if n := len(ops); n > 0 && ops[n-1].Kind == k {
			ops[n-1].Text += s
			return
		}
		ops = append(ops, Op{k, s})
	}
	add(Equal, a[:pre]...)
	midA, midB := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if (len(midA)+1)*(len(midB)+1) > maxCells {
		add(Delete, midA...)
		add(Insert, midB...)
	} else {
		for _, op := range lcs(midA, midB) {
			add(op.Kind, op.Text)
		}
	}
	add(Equal, a[len(a)-suf:]...)
	return regroup(ops)
}

// regroup makes each change one deletion and one insertion: the spaces
// that two changes have in common do not split them.
func regroup(ops []Op) []Op {
	var out []Op
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, Op{Delete, del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, Op{Insert, ins.String()})
		}
		del.Reset()
		ins.Reset()
	}
	for i, op := range ops {
		switch {
		case op.Kind == Delete:
			del.WriteString(op.Text)
		case op.Kind == Insert:
			ins.WriteString(op.Text)
		case strings.TrimSpace(op.Text) == "" && i > 0 && i < len(ops)-1:
			del.WriteString(op.Text)
			ins.WriteString(op.Text)
		default:
			flush()
			out = append(out, op)
		}
	}
	flush()
	return out
}

// lcs returns the words of a and b as ops, keeping their longest common
// subsequence; deletions come before insertions.
func lcs(a, b []string) []Op {
	n, m := len(a), len(b)
	// l[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	l := make([][]int32, n+1)
	for i := range l {
		l[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var ops []Op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, Op{Equal, a[i]})
			i++
			j++
		case i < n && (j == m || l[i+1][j] >= l[i][j+1]):
			ops = append(ops, Op{Delete, a[i]})
			i++
		default:
			ops = append(ops, Op{Insert, b[j]})
			j++
		}
	}
	return ops
}

// split cuts s into words and the spaces between them, keeping every
// byte: a Han, kana or Hangul character is a word of its own.
func split(s string) []string {
	var words []string
	start := 0
	kind := 0 // of the run being read: 1 space, 2 word
	for i, r := range s {
		k := 2
		if unicode.IsSpace(r) {
			k = 1
		}
		single := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || unicode.IsPunct(r) && r >= 0x3000
		if i > start && (k != kind || single || kind == 3) {
			words = append(words, s[start:i])
			start = i
		}
		kind = k
		if single {
			kind = 3
		}
	}
	if start < len(s) {
		words = append(words, s[start:])
	}
	return words
}

// Inline writes ops on one line as git's word diff does, [-old-] and
// {+new+}, keeping context words of unchanged text around each change
// and eliding the rest with "…". Line breaks become spaces.
func Inline(ops []Op, context int) string {
	var b strings.Builder
	for i, op := range ops {
		text := strings.Join(strings.Fields(op.Text), " ")
		switch op.Kind {
		case Delete:
			b.WriteString(spaced("[-"+text+"-]", startsSpace(op.Text) && i > 0, endsSpace(op.Text) && i < len(ops)-1))
			continue
		case Insert:
			b.WriteString(spaced("{+"+text+"+}", startsSpace(op.Text) && i > 0, endsSpace(op.Text) && i < len(ops)-1))
			continue
		}
		words := split(op.Text)
		var kept []string
		for _, w := range words {
			if strings.TrimSpace(w) != "" {
				kept = append(kept, w)
			}
		}
		first, last := i == 0, i == len(ops)-1
		if len(kept) == 0 { // spaces alone, between two changes
			b.WriteString(sp(!first && !last))
			continue
		}
		lead, trail := startsSpace(op.Text), endsSpace(op.Text)
		switch {
		case len(kept) <= 2*context || first && last:
			b.WriteString(spaced(text, lead && !first, trail && !last))
		case first:
			b.WriteString("… " + joinWords(kept[len(kept)-context:]) + sp(trail))
		case last:
			b.WriteString(sp(lead) + joinWords(kept[:context]) + " …")
		default:
			b.WriteString(sp(lead) + joinWords(kept[:context]) + " … " + joinWords(kept[len(kept)-context:]) + sp(trail))
		}
	}
	return b.String()
}

func startsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func endsSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func sp(b bool) string {
	if b {
		return " "
	}
	return ""
}

func spaced(s string, lead, trail bool) string { return sp(lead) + s + sp(trail) }

// joinWords joins words with spaces, except between characters of
// scripts that write none.
func joinWords(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(words[i-1])
			next, _ := utf8.DecodeRuneInString(w)
			if !unspaced(prev) || !unspaced(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || unicode.IsPunct(r) && r >= 0x3000
}

// Trim shortens the unchanged runs of ops to context words (at least one)
// on each side of a change, as Inline does, and puts "…" for the words it
// leaves out; what it keeps is as it was, line breaks included, so that a
// page can show the change in its paragraphs.
func Trim(ops []Op, context int) []Op {
	context = max(context, 1)
	out := make([]Op, 0, len(ops))
	for i, op := range ops {
		first, last := i == 0, i == len(ops)-1
		if op.Kind != Equal || first && last {
			out = append(out, op)
			continue
		}
		tokens := split(op.Text)
		var words []int // the tokens that are words, not spaces
		for j, w := range tokens {
			if strings.TrimSpace(w) != "" {
				words = append(words, j)
			}
		}
		if len(words) <= 2*context {
			out = append(out, op)
			continue
		}
		var text string
		if !first {
			text = strings.Join(tokens[:words[context-1]+1], "") + " "
		}
		text += "…"
		if !last {
			text += " " + strings.Join(tokens[words[len(words)-context]:], "")
		}
		out = append(out, Op{Equal, text})
	}
	return out
}

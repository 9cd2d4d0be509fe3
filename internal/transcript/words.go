package transcript

import (
	"sync"
	"unicode/utf8"
)

// wordCount measures reading length: words of spaced scripts, and Han,
// kana or Hangul characters, two of which read as one word.
type wordCount struct{ spaced, cjk int }

func (c wordCount) reading() int { return c.spaced + c.cjk/2 }

func (c wordCount) minus(d wordCount) wordCount {
	return wordCount{c.spaced - d.spaced, c.cjk - d.cjk}
}

// countWords counts the words of src: a run of letters or digits in a
// spaced script is a word, and a Han, kana or Hangul character is half of
// one. It also checks the UTF-8 it decodes: bad is the offset of the first
// byte that is not valid UTF-8, or -1. It runs over every byte of every
// transcript, so it decodes UTF-8 itself and classifies the runes of the
// Basic Multilingual Plane with one table lookup.
func countWords(src []byte) (n wordCount, bad int) {
	runeClass := runeClasses()
	words, cjk, inWord := 0, 0, 0
	for i := 0; i < len(src); {
		c := src[i]
		var class byte
		switch {
		case c < utf8.RuneSelf:
			class = runeClass[c]
			i++
		case c >= 0xc2 && c < 0xe0 && i+1 < len(src) && src[i+1]&0xc0 == 0x80:
			class = runeClass[rune(c&0x1f)<<6|rune(src[i+1]&0x3f)]
			i += 2
		case c >= 0xe0 && c < 0xf0 && i+2 < len(src) && src[i+1]&0xc0 == 0x80 && src[i+2]&0xc0 == 0x80:
			r := rune(c&0x0f)<<12 | rune(src[i+1]&0x3f)<<6 | rune(src[i+2]&0x3f)
			if r < 0x800 || r >= 0xd800 && r <= 0xdfff { // overlong, or a surrogate
				return wordCount{}, i
			}
			class = runeClass[r]
			i += 3
		default:
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				return wordCount{}, i
			}
			class = classify(r)
			i += n
		}
		// Without branches: a word starts where a word rune follows another.
		word := int(class & classWord)
		words += word &^ inWord
		cjk += int(class >> 1)
		inWord = word
	}
	return wordCount{words, cjk}, -1
}

// The classes of runes for countWords, as bits.
const (
	classSeparator = 0
	classWord      = 1
	classCJK       = 2
)

// runeClasses holds the class of every rune of the Basic Multilingual
// Plane, made on first use rather than at every start of the program.
var runeClasses = sync.OnceValue(func() *[0x10000]byte {
	var t [0x10000]byte
	for r := range t {
		t[r] = classify(rune(r))
	}
	return &t
})

func classify(r rune) byte {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return classWord
		}
		return classSeparator
	case isCJK(r):
		return classCJK
	case isSeparator(r):
		return classSeparator
	}
	return classWord
}

// isCJK reports whether r is a Han, kana or Hangul character.
func isCJK(r rune) bool {
	return r >= 0x3040 && r <= 0x30ff || // hiragana, katakana
		r >= 0x3400 && r <= 0x9fff || // Han
		r >= 0xac00 && r <= 0xd7af || // Hangul
		r >= 0xf900 && r <= 0xfaff || // Han compatibility
		r >= 0x20000 && r <= 0x3ffff // Han extensions
}

// isSeparator reports whether a non-ASCII r ends a word: spaces and
// punctuation of Latin-1, general and CJK punctuation, full-width forms,
// Arabic punctuation.
func isSeparator(r rune) bool {
	return r >= 0x80 && r <= 0xbf || r == 0xd7 || r == 0xf7 ||
		r >= 0x2000 && r <= 0x206f ||
		r >= 0x3000 && r <= 0x303f ||
		r >= 0xff00 && r <= 0xff0f || r >= 0xff1a && r <= 0xff20 || r >= 0xff3b && r <= 0xff40 || r >= 0xff5b && r <= 0xff65 ||
		r == 0x060c || r == 0x061b || r == 0x061f || r == 0x06d4
}

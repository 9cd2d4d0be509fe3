package transcript

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// Reading is the reading length of a text, counted per script, since a
// reader takes each script at its own pace (see "Reading time" in the
// package documentation).
type Reading struct {
	Letters int // letters and digits of alphabets: Latin, Cyrillic, Greek, …
	Abjad   int // letters of Arabic, Hebrew and Syriac, written without most vowels
	Han     int // Chinese characters, in Chinese and in Japanese
	Kana    int // hiragana and katakana
	Hangul  int // Hangul syllables
}

// The reading speeds behind [Reading.Minutes], in characters a minute.
const (
	lettersPerMinute = 950
	abjadPerMinute   = 800
	hanPerMinute     = 300
	kanaPerMinute    = 650
	hangulPerMinute  = 450
)

// Minutes is the reading time of r, rounded, at least one minute.
func (r Reading) Minutes() int {
	minutes := float64(r.Letters)/lettersPerMinute + float64(r.Abjad)/abjadPerMinute +
		float64(r.Han)/hanPerMinute + float64(r.Kana)/kanaPerMinute + float64(r.Hangul)/hangulPerMinute
	return max(1, int(minutes+0.5))
}

func (r Reading) minus(s Reading) Reading {
	return Reading{r.Letters - s.Letters, r.Abjad - s.Abjad, r.Han - s.Han, r.Kana - s.Kana, r.Hangul - s.Hangul}
}

// The classes of runes for countReading: the index of the count a rune
// adds to, or classOther for spaces, punctuation and combining marks.
const (
	classLetter = iota
	classAbjad
	classHan
	classKana
	classHangul
	classOther
)

// countReading counts the characters of src by script. It also checks the
// UTF-8 it decodes: bad is the offset of the first byte that is not valid
// UTF-8, or -1. It runs over every byte of every transcript, so it decodes
// UTF-8 itself and classifies the runes of the Basic Multilingual Plane
// with one table lookup.
func countReading(src []byte) (r Reading, bad int) {
	runeClass := runeClasses()
	var counts [classOther + 1]int
	letters := 0 // ASCII letters and digits, most of the text of many sites: counted apart, in a register
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c < utf8.RuneSelf:
			if runeClass[c] == classLetter {
				letters++
			}
			i++
		case c >= 0xc2 && c < 0xe0 && i+1 < len(src) && src[i+1]&0xc0 == 0x80:
			counts[runeClass[rune(c&0x1f)<<6|rune(src[i+1]&0x3f)]]++
			i += 2
		case c >= 0xe0 && c < 0xf0 && i+2 < len(src) && src[i+1]&0xc0 == 0x80 && src[i+2]&0xc0 == 0x80:
			r := rune(c&0x0f)<<12 | rune(src[i+1]&0x3f)<<6 | rune(src[i+2]&0x3f)
			if r < 0x800 || r >= 0xd800 && r <= 0xdfff { // overlong, or a surrogate
				return Reading{}, i
			}
			counts[runeClass[r]]++
			i += 3
		default:
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				return Reading{}, i
			}
			counts[classify(r)]++
			i += n
		}
	}
	return Reading{counts[classLetter] + letters, counts[classAbjad], counts[classHan], counts[classKana], counts[classHangul]}, -1
}

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
			return classLetter
		}
		return classOther
	case r >= 0x3040 && r <= 0x30ff && r != 0x30fb: // hiragana, katakana and its long vowel mark, not its middle dot
		return classKana
	case r >= 0xac00 && r <= 0xd7af:
		return classHangul
	case unicode.Is(unicode.Han, r):
		return classHan
	case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac) && unicode.IsLetter(r):
		return classAbjad
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return classLetter
	}
	return classOther
}

// Package corpus writes synthetic rosetta sites for benchmarks: n
// transcripts in every language of the repository's site.toml, shaped like
// real discussions and aligned with their original, so that the site loads
// and builds with no error and no warning.
//
// # What is written
//
// [Write] fills a folder with a complete site: site.toml, i18n/ and
// templates/ copied from the repository, and content/talk-0001/ …
// content/talk-NNNN/, each holding index.<lang>.md for every language of
// site.toml. A transcript has [MinSpeakers] to [MaxSpeakers] speakers (the
// first is the host), [MinSections] to [MaxSections] sections (sometimes the
// first is an opening heading with no turn, as in content/crypto-ai/),
// [MinTurns] to [MaxTurns] turns in all, and each turn [MinParagraphs] to
// [MaxParagraphs] paragraphs of [MinParagraphRunes] to [MaxParagraphRunes]
// characters (runes, not counting the speaker label). The shape, the speaker
// ids, the date and every paragraph's length are the same in all languages
// of a transcript; only the words differ.
//
// The text is pseudo-random words in each language's script and
// punctuation: Latin for English, Spanish (with ¿…?), French (a U+00A0
// before the label's colon, a U+202F before ?), Portuguese, Indonesian and
// Vietnamese (with its diacritics); Cyrillic for Russian and Ukrainian (with
// dashes); Arabic (، and ؟); simplified Han for zh-cn and traditional Han
// for zh-tw (，。？); kanji and kana for Japanese (、。). Labels are
// "Name: " in most languages, "Name\u00a0: " in French and "名前：" in
// Chinese and Japanese. Speaker names come from a fixed list of twenty
// people, in the Latin, Cyrillic, Arabic, Han and katakana forms of each.
//
// The words are read at generation time from the repository's real
// translations, content/crypto-ai/index.<lang>.md: the 200 most frequent
// words of each language in its own script (for Chinese, Han characters;
// for Japanese, the 100 most frequent kanji runs and katakana words, which
// alternate with the 100 most frequent hiragana runs), leaving out the
// Latin names and terms that the translations in other scripts keep as they
// are (Crypto, Bittensor, …). Now and then a word is quoted: in straight
// quotes, which the site's typographer turns into each language's marks,
// or in “” (zh-cn) and 「」 (zh-tw, ja).
//
// # Scripts
//
// The text above is the [Native] corpus, the default: about half of its
// bytes are Chinese and Japanese. The [Latin] corpus measures the same
// site when its text is mostly in Latin script, as in a site whose
// translations are all in languages written with it: every language whose
// vocabulary is not in Latin script (zh-cn, zh-tw, ru, ja, ar, uk) writes
// like one that is, with that language's words, punctuation, label and the
// Latin names of the speakers. The languages in Latin script of site.toml,
// in its order, lend themselves in turn to the others, also in its order:
// with the repository's site.toml, en to zh-cn, vi to zh-tw, es to ru, fr
// to ja, pt-pt to ar and id to uk. A borrowing language keeps its code and
// its own random stream, so its text differs from its lender's; the shape
// of every transcript, the files and their names are those of the native
// corpus with the same n and seed. Only the transcripts change: the page
// chrome (i18n/, the language switcher, the titles of site.toml) stays in
// each language's script, and the typographer still gives each language its
// quotation marks ("mostly" Latin). Transliteration was not chosen: Han
// characters have no transliteration without a dictionary.
//
// # Determinism
//
// The same n and seed give byte-identical files, whatever the number of
// cores: every transcript, and every language of it, draws from its own
// random stream (a SplitMix64 generator, defined here, so that the output
// does not depend on the Go version), seeded from seed, the transcript's
// number and the language code. The output does depend on the repository's
// site.toml (its languages) and content/crypto-ai/ (the vocabulary).
//
// # Where the repository is
//
// The repository root is found from the location of this package's source
// file, recorded by the compiler (runtime.Caller), as internal/sitetest
// does. Write therefore works in tests, benchmarks and "go run ./cmd/corpus"
// inside the repository, but not from a binary built with -trimpath or moved
// to a machine without the sources: it then returns an error naming the
// folder it looked for.
package corpus

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// The sizes of a generated transcript, all bounds included.
const (
	MinSpeakers, MaxSpeakers             = 2, 5
	MinSections, MaxSections             = 2, 5
	MinTurns, MaxTurns                   = 4, 30
	MinParagraphs, MaxParagraphs         = 1, 3
	MinParagraphRunes, MaxParagraphRunes = 300, 800
)

// Slug returns the folder name of transcript i (1-based): "talk-0001".
func Slug(i int) string { return fmt.Sprintf("talk-%04d", i) }

// vocabularySize is how many words of each language the text is drawn from.
const vocabularySize = 200

// maxWordRunes is the longest word kept in a vocabulary. It bounds how far
// below its target a paragraph can end (see paragraph).
const maxWordRunes = 12

// minTarget is the smallest target length of a paragraph: a paragraph stops
// when its next word would pass the target, so it ends less than
// maxWordRunes+8 runes short of it (a separator of up to 3 runes, " — ", an
// opening mark, two quotes and an end mark of up to 2, "\u202f?"), never
// below MinParagraphRunes.
const minTarget = MinParagraphRunes + maxWordRunes + 8

// Script is the kind of text of a corpus: [Native] or [Latin].
type Script string

const (
	// Native writes every language in its own script.
	Native Script = "native"
	// Latin writes every language in Latin script, lending the words of the
	// languages written in it to the others (see "Scripts" above).
	Latin Script = "latin"
)

// Scripts lists the kinds of corpus, the default first.
var Scripts = []Script{Native, Latin}

// ParseScript returns the Script named s.
func ParseScript(s string) (Script, error) {
	for _, script := range Scripts {
		if string(script) == s {
			return script, nil
		}
	}
	return "", fmt.Errorf("corpus: unknown script %q: want native or latin", s)
}

// Root returns the repository's root folder: the folder two levels above
// this source file, which must hold site.toml.
func Root() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", errors.New("corpus: cannot locate the package source (runtime.Caller)")
	}
	root := filepath.Join(filepath.Dir(file), "..", "..")
	if _, err := os.Stat(filepath.Join(root, "site.toml")); err != nil {
		return "", fmt.Errorf("corpus: the repository is not at %s (a -trimpath build, or the sources are gone): %v", root, err)
	}
	return root, nil
}

// Write writes a complete [Native] site with n transcripts into dir, which
// must be empty or not exist. The same n and seed give byte-identical files.
func Write(dir string, n int, seed int64) error {
	return WriteScript(dir, n, seed, Native)
}

// WriteScript is [Write] with the text in script.
func WriteScript(dir string, n int, seed int64, script Script) error {
	root, err := Root()
	if err != nil {
		return err
	}
	return write(root, dir, n, seed, script)
}

func write(root, dir string, n int, seed int64, script Script) error {
	if _, err := ParseScript(string(script)); err != nil {
		return err
	}
	if n < 0 {
		return fmt.Errorf("corpus: n = %d: the number of transcripts cannot be negative", n)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("corpus: %s is not empty: choose a new folder or remove it", dir)
	}
	langs, err := loadLanguages(root, script)
	if err != nil {
		return err
	}
	if err := copySiteFiles(root, dir); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return err
	}

	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for i := range next {
				buf, errs[i-1] = writeTalk(dir, i, seed, langs, buf)
			}
		}()
	}
	for i := 1; i <= n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// writeTalk writes transcript i in every language. buf is reused.
func writeTalk(dir string, i int, seed int64, langs []*language, buf []byte) ([]byte, error) {
	slug := Slug(i)
	folder := filepath.Join(dir, "content", slug)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return buf, err
	}
	t := newTalk(newRNG(uint64(seed), uint64(i), 0))
	for _, l := range langs {
		buf = l.render(buf[:0], t, newRNG(uint64(seed), uint64(i), l.hash))
		if err := os.WriteFile(filepath.Join(folder, "index."+l.code+".md"), buf, 0o644); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// Refresh replaces the site.toml, i18n and templates of the corpus in dir
// with the repository's, so that a corpus kept between runs is built with
// the templates of the code being measured.
func Refresh(dir string) error {
	root, err := Root()
	if err != nil {
		return err
	}
	for _, name := range siteFiles {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return copySiteFiles(root, dir)
}

// siteFiles are the parts of the corpus copied from the repository.
var siteFiles = []string{"site.toml", "i18n", "templates"}

func copySiteFiles(root, dir string) error {
	for _, name := range siteFiles {
		if err := CopyTree(filepath.Join(root, name), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// CopyTree copies the file or folder src to dst; it makes the folders on
// the way.
func CopyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular():
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// rng is SplitMix64: small, fast, and fixed here so that the corpus never
// changes with the Go version.
type rng struct{ state uint64 }

func newRNG(seed, talk, stream uint64) *rng {
	r := &rng{state: seed}
	r.state = r.next() ^ talk
	r.state = r.next() ^ stream
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// oneIn is true once in n draws on average.
func (r *rng) oneIn(n int) bool { return r.intn(n) == 0 }

// talk is the shape of a transcript, shared by all its languages.
type talk struct {
	year, month, day int
	speakers         []int // indices into people; the first is the host
	opening          bool  // the first section is a heading with no turn
	sections         [][]turn
}

type turn struct {
	speaker    int   // index into talk.speakers
	paragraphs []int // target length of each paragraph, in runes
}

func newTalk(r *rng) *talk {
	t := &talk{year: r.between(2019, 2025), month: r.between(1, 12), day: r.between(1, 28)}
	order := make([]int, len(people))
	for i := range order {
		order[i] = i
	}
	k := r.between(MinSpeakers, MaxSpeakers)
	for i := range k {
		j := i + r.intn(len(order)-i)
		order[i], order[j] = order[j], order[i]
	}
	t.speakers = order[:k]

	nsec := r.between(MinSections, MaxSections)
	t.opening = r.oneIn(3)
	withTurns := nsec
	if t.opening {
		withTurns--
	}
	nturns := r.between(max(MinTurns, withTurns), MaxTurns)
	counts := make([]int, withTurns)
	for i := range counts {
		counts[i] = 1
	}
	for range nturns - withTurns {
		counts[r.intn(withTurns)]++
	}
	t.sections = make([][]turn, nsec)
	sec := 0
	if t.opening {
		sec = 1
	}
	prev := -1 // the speaker of the previous turn
	// guest returns a guest other than the previous speaker.
	guest := func() int {
		if prev >= 1 && k > 2 {
			g := 1 + r.intn(k-2)
			if g >= prev {
				g++
			}
			return g
		}
		return 1 + r.intn(k-1)
	}
	for _, count := range counts {
		for j := range count {
			var who int
			switch {
			case prev == -1:
				who = 0
			case j == 0: // the host opens a section, unless they just spoke
				if prev == 0 {
					who = guest()
				}
			case prev == 0:
				who = guest()
			case k > 2 && r.intn(5) < 2: // a guest follows another
				who = guest()
			}
			tu := turn{speaker: who, paragraphs: make([]int, r.between(MinParagraphs, MaxParagraphs))}
			for p := range tu.paragraphs {
				tu.paragraphs[p] = r.between(minTarget, MaxParagraphRunes)
			}
			t.sections[sec] = append(t.sections[sec], tu)
			prev = who
		}
		sec++
	}
	return t
}

// person is a speaker, in the forms of each script.
type person struct {
	id                        string
	latin, hans, hant, ja, ar string
	ru, uk                    string
}

var people = []person{
	{"alex", "Alex", "亚历克斯", "亞歷克斯", "アレックス", "أليكس", "Алекс", "Алекс"},
	{"max", "Max", "马克斯", "馬克斯", "マックス", "ماكس", "Макс", "Макс"},
	{"lydia", "Lydia", "莉迪亚", "莉迪亞", "リディア", "ليديا", "Лидия", "Лідія"},
	{"anna", "Anna", "安娜", "安娜", "アンナ", "آنا", "Анна", "Анна"},
	{"david", "David", "大卫", "大衛", "デイビッド", "ديفيد", "Давид", "Давид"},
	{"maria", "Maria", "玛丽亚", "瑪麗亞", "マリア", "ماريا", "Мария", "Марія"},
	{"leo", "Leo", "利奥", "利奧", "レオ", "ليو", "Лео", "Лео"},
	{"sara", "Sara", "萨拉", "薩拉", "サラ", "سارة", "Сара", "Сара"},
	{"omar", "Omar", "奥马尔", "奧馬爾", "オマール", "عمر", "Омар", "Омар"},
	{"nina", "Nina", "妮娜", "妮娜", "ニーナ", "نينا", "Нина", "Ніна"},
	{"minh", "Minh", "明", "明", "ミン", "مينه", "Минь", "Мінь"},
	{"lan", "Lan", "兰", "蘭", "ラン", "لان", "Лан", "Лан"},
	{"phuong", "Phương", "芳", "芳", "フオン", "فونغ", "Фыонг", "Фионг"},
	{"duc", "Đức", "德", "德", "ドゥック", "دوك", "Дык", "Дик"},
	{"tom", "Tom", "汤姆", "湯姆", "トム", "توم", "Том", "Том"},
	{"elena", "Elena", "埃琳娜", "埃琳娜", "エレナ", "إيلينا", "Елена", "Олена"},
	{"pedro", "Pedro", "佩德罗", "佩德羅", "ペドロ", "بيدرو", "Педро", "Педро"},
	{"yuki", "Yuki", "由纪", "由紀", "ユキ", "يوكي", "Юки", "Юкі"},
	{"karim", "Karim", "卡里姆", "卡里姆", "カリム", "كريم", "Карим", "Карім"},
	{"ines", "Inês", "伊内丝", "伊內絲", "イネス", "إينيس", "Инеш", "Інеш"},
}

// kinds of text.
const (
	spaced   = iota // words separated by spaces
	han             // Han characters, no spaces
	japanese        // kanji and kana runs, no spaces
)

// word is a vocabulary entry with its rune count.
type word struct {
	text, capital string
	runes         int
}

// language is how one language writes: its vocabulary, label and marks.
type language struct {
	code  string
	hash  uint64
	kind  int
	words []word // the vocabulary; for Japanese, the kanji runs
	kana  []word // Japanese: the kana runs

	name       func(person) string
	label      string   // between the speaker's name and the text
	commas     []string // clause separators, written after a word
	stop       string   // end of a sentence
	question   string   // end of a question ("" for none)
	qOpen      string   // opening mark of a question (Spanish ¿)
	quoteOpen  string   // marks around a quoted word
	quoteClose string
}

// loadLanguages reads the languages of site.toml and their vocabularies;
// for the Latin script, it lends the languages in Latin script to the
// others.
func loadLanguages(root string, script Script) ([]*language, error) {
	var cfg struct {
		Original  string
		Languages []struct{ Code string }
	}
	src, err := os.ReadFile(filepath.Join(root, "site.toml"))
	if err == nil {
		err = toml.Unmarshal(src, &cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("corpus: site.toml: %v", err)
	}
	texts := map[string]string{}
	for _, l := range cfg.Languages {
		name := filepath.Join(root, "content", "crypto-ai", "index."+l.Code+".md")
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("corpus: the vocabulary of %s: %v", l.Code, err)
		}
		texts[l.Code] = body(string(src))
	}
	// Latin words of the translations in other scripts are names and
	// terms (Crypto, Render, Web), not words of any language.
	foreign := map[string]bool{}
	for _, text := range texts {
		if dominantScript(text) != unicode.Latin {
			for _, w := range tokens(text, unicode.Latin) {
				foreign[w] = true
			}
		}
	}
	var langs []*language
	for _, l := range cfg.Languages {
		lang := newLanguage(l.Code, texts[l.Code], foreign)
		if len(lang.words) < vocabularySize/4 || lang.kind == japanese && len(lang.kana) < vocabularySize/8 {
			return nil, fmt.Errorf("corpus: content/crypto-ai/index.%s.md has too few words for a vocabulary", l.Code)
		}
		langs = append(langs, lang)
	}
	if script == Latin {
		return lendLatin(langs, texts)
	}
	return langs, nil
}

// lendLatin makes every language whose text is not in Latin script write
// like a language that is: the k-th of the first kind, in the order of
// site.toml, borrows the k-th of the second (cycling), keeping its code and
// the random stream that comes from it.
func lendLatin(langs []*language, texts map[string]string) ([]*language, error) {
	var lenders, borrowers []int
	for i, l := range langs {
		if l.kind == spaced && dominantScript(texts[l.code]) == unicode.Latin {
			lenders = append(lenders, i)
		} else {
			borrowers = append(borrowers, i)
		}
	}
	if len(lenders) == 0 {
		return nil, errors.New("corpus: the latin script needs a language written in Latin script in site.toml")
	}
	out := slices.Clone(langs)
	for k, i := range borrowers {
		lent := *langs[lenders[k%len(lenders)]]
		lent.code, lent.hash = langs[i].code, langs[i].hash
		out[i] = &lent
	}
	return out, nil
}

// body returns a transcript file without its front matter.
func body(src string) string {
	if rest, ok := strings.CutPrefix(src, "+++\n"); ok {
		if _, after, ok := strings.Cut(rest, "\n+++\n"); ok {
			return after
		}
	}
	return src
}

func newLanguage(code, text string, foreign map[string]bool) *language {
	h := fnv.New64a()
	h.Write([]byte(code))
	l := &language{
		code: code, hash: h.Sum64() | 1, kind: spaced,
		name:   func(p person) string { return p.latin },
		label:  ": ",
		commas: []string{","},
		stop:   ".", question: "?",
		quoteOpen: `"`, quoteClose: `"`, // the site's typographer gives each language its marks
	}
	base, _, _ := strings.Cut(code, "-")
	switch base {
	case "zh":
		l.kind, l.label = han, "："
		l.commas, l.stop, l.question = []string{"，", "，", "、"}, "。", "？"
		l.name = func(p person) string { return p.hans }
		l.quoteOpen, l.quoteClose = "“", "”"
		if code == "zh-tw" || code == "zh-hk" || code == "zh-mo" || code == "zh-hant" {
			l.name = func(p person) string { return p.hant }
			l.quoteOpen, l.quoteClose = "「", "」"
		}
	case "ja":
		l.kind, l.label = japanese, "："
		l.commas, l.stop, l.question = []string{"、"}, "。", ""
		l.name = func(p person) string { return p.ja }
		l.quoteOpen, l.quoteClose = "「", "」"
	case "fr":
		l.label, l.question = "\u00a0: ", "\u202f?"
	case "es":
		l.qOpen = "¿"
	case "ru":
		l.name = func(p person) string { return p.ru }
		l.commas = []string{",", ",", " —"}
	case "uk":
		l.name = func(p person) string { return p.uk }
		l.commas = []string{",", ",", " —"}
	case "ar":
		l.name = func(p person) string { return p.ar }
		l.commas, l.question = []string{"،"}, "؟"
	}
	switch l.kind {
	case han:
		l.words = vocabulary(runs(text, unicode.Han, 1, true), vocabularySize, false)
	case japanese:
		content := append(runs(text, unicode.Han, 4, false), runs(text, katakana, maxWordRunes, false)...)
		l.words = vocabulary(content, vocabularySize/2, false)
		l.kana = vocabulary(runs(text, unicode.Hiragana, 5, false), vocabularySize/2, false)
	default:
		script := dominantScript(text)
		var ws []string
		for _, w := range tokens(text, script) {
			if script != unicode.Latin || !foreign[w] {
				ws = append(ws, w)
			}
		}
		l.words = vocabulary(ws, vocabularySize, true)
	}
	return l
}

var scripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Cyrillic, unicode.Arabic, unicode.Greek, unicode.Hebrew,
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul,
	unicode.Devanagari, unicode.Thai,
}

// dominantScript returns the script of most letters of text.
func dominantScript(text string) *unicode.RangeTable {
	counts := make([]int, len(scripts))
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		for i, s := range scripts {
			if unicode.Is(s, r) {
				counts[i]++
				break
			}
		}
	}
	best := 0
	for i, c := range counts {
		if c > counts[best] {
			best = i
		}
	}
	return scripts[best]
}

// tokens returns the words of text written in script, lower-cased: runs of
// letters and marks, with ’ or - inside them.
func tokens(text string, script *unicode.RangeTable) []string {
	var out []string
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) {
			i++
			continue
		}
		j, ok := i, true
		for j < len(rs) {
			r := rs[j]
			switch {
			case unicode.IsLetter(r):
				ok = ok && unicode.Is(script, r)
			case unicode.IsMark(r):
			case (r == '’' || r == '-') && j+1 < len(rs) && unicode.IsLetter(rs[j+1]):
			default:
				goto end
			}
			j++
		}
	end:
		if ok {
			out = append(out, strings.ToLower(string(rs[i:j])))
		}
		i = j
	}
	return out
}

// katakana is the katakana letters and the prolonged sound mark ー, without
// the middle dot ・.
var katakana = &unicode.RangeTable{R16: []unicode.Range16{{Lo: 0x30a1, Hi: 0x30fa, Stride: 1}, {Lo: 0x30fc, Hi: 0x30ff, Stride: 1}}}

// runs returns the maximal runs of characters of table in text that are at
// most n long; split cuts the longer ones into pieces of n instead of
// leaving them out.
func runs(text string, table *unicode.RangeTable, n int, split bool) []string {
	var out []string
	var cur []rune
	flush := func() {
		for split && len(cur) > n {
			out = append(out, string(cur[:n]))
			cur = cur[n:]
		}
		if len(cur) > 0 && len(cur) <= n {
			out = append(out, string(cur))
		}
		cur = cur[:0]
	}
	for _, r := range text {
		if unicode.Is(table, r) {
			cur = append(cur, r)
		} else {
			flush()
		}
	}
	flush()
	return out
}

// vocabulary returns the size most frequent of words (the first seen first
// among equals), no longer than maxWordRunes.
func vocabulary(words []string, size int, cased bool) []word {
	count := map[string]int{}
	var order []string
	for _, w := range words {
		if utf8.RuneCountInString(w) > maxWordRunes {
			continue
		}
		if count[w] == 0 {
			order = append(order, w)
		}
		count[w]++
	}
	sort.SliceStable(order, func(i, j int) bool { return count[order[i]] > count[order[j]] })
	if len(order) > size {
		order = order[:size]
	}
	out := make([]word, len(order))
	for i, w := range order {
		out[i] = word{text: w, capital: w, runes: utf8.RuneCountInString(w)}
		if cased {
			r, n := utf8.DecodeRuneInString(w)
			out[i].capital = string(unicode.ToUpper(r)) + w[n:]
		}
	}
	return out
}

// render writes the transcript t in language l.
func (l *language) render(b []byte, t *talk, r *rng) []byte {
	b = append(b, "+++\ntitle = \""...)
	b = l.phrase(b, r, r.between(4, 9))
	b = append(b, "\"\ndescription = \""...)
	b = l.sentence(b, r, r.between(14, 28))
	b = append(b, "\"\ndate = "...)
	b = fmt.Appendf(b, "%04d-%02d-%02d\n", t.year, t.month, t.day)
	for i, s := range t.speakers {
		p := people[s]
		b = append(b, "\n[speakers."...)
		b = append(b, p.id...)
		b = append(b, "]\nname = "...)
		b = strconv.AppendQuote(b, l.name(p))
		b = append(b, "\nrole = \""...)
		b = l.phrase(b, r, r.between(2, 5))
		b = append(b, "\"\n"...)
		if i == 0 {
			b = append(b, "host = true\n"...)
		}
	}
	b = append(b, "+++\n"...)
	for _, sec := range t.sections {
		b = append(b, "\n## "...)
		b = l.phrase(b, r, r.between(2, 6))
		b = append(b, '\n')
		for _, tu := range sec {
			for i, target := range tu.paragraphs {
				b = append(b, '\n')
				if i == 0 {
					b = append(b, l.name(people[t.speakers[tu.speaker]])...)
					b = append(b, l.label...)
				}
				b = l.paragraph(b, r, target)
				b = append(b, '\n')
			}
		}
	}
	return b
}

// pick returns a random word; for Japanese, a kanji run or, when kanaNext, a
// kana run.
func (l *language) pick(r *rng, kanaNext bool) word {
	if kanaNext {
		return l.kana[r.intn(len(l.kana))]
	}
	return l.words[r.intn(len(l.words))]
}

// phrase writes n words with no end mark: a title, heading or role.
func (l *language) phrase(b []byte, r *rng, n int) []byte {
	if l.kind != spaced {
		n *= 2
	}
	for i := range n {
		w := l.pick(r, l.kind == japanese && i%2 == 1)
		switch {
		case l.kind != spaced:
			b = append(b, w.text...)
		case i == 0:
			b = append(b, w.capital...)
		default:
			b = append(b, ' ')
			b = append(b, w.text...)
		}
	}
	return b
}

// sentence writes one sentence of about n words, for a description.
func (l *language) sentence(b []byte, r *rng, n int) []byte {
	return l.text(b, r, 1<<30, n, false)
}

// paragraph writes sentences until the next word would pass target runes:
// the paragraph has at most target runes and more than target−maxWordRunes−8.
func (l *language) paragraph(b []byte, r *rng, target int) []byte {
	return l.text(b, r, target, 0, true)
}

// text writes sentences of words up to limit runes, or one sentence of
// words words when words > 0. quotes allows quoted words (not in the front
// matter, whose strings are in straight quotes).
func (l *language) text(b []byte, r *rng, limit, words int, quotes bool) []byte {
	n := 0 // runes written
	first := true
	for {
		length := words
		if length == 0 {
			length = r.between(6, 22)
			if l.kind != spaced {
				length = r.between(8, 30)
			}
		}
		end, open := l.stop, ""
		if l.question != "" && r.oneIn(7) {
			end, open = l.question, l.qOpen
		}
		endRunes := utf8.RuneCountInString(end)
		clause := r.between(3, 9)
		for i := range length {
			w := l.pick(r, l.kind == japanese && i%2 == 1)
			sep := ""
			if l.kind == spaced && !first {
				sep = " "
			}
			if i > 0 && clause == 0 && (l.kind != japanese || i%2 == 0) {
				sep = l.commas[r.intn(len(l.commas))] + sep
				clause = r.between(3, 9)
			}
			if i == 0 {
				sep += open
			}
			quoted := quotes && r.oneIn(60)
			need := utf8.RuneCountInString(sep) + w.runes + endRunes
			if quoted {
				need += utf8.RuneCountInString(l.quoteOpen) + utf8.RuneCountInString(l.quoteClose)
			}
			if n+need > limit {
				if i > 0 {
					b = append(b, end...)
				}
				return b
			}
			b = append(b, sep...)
			if quoted {
				b = append(b, l.quoteOpen...)
			}
			if i == 0 && l.kind == spaced {
				b = append(b, w.capital...)
			} else {
				b = append(b, w.text...)
			}
			if quoted {
				b = append(b, l.quoteClose...)
			}
			n += need - endRunes
			first = false
			clause--
		}
		b = append(b, end...)
		n += endRunes
		if words > 0 {
			return b
		}
	}
}

// Count reports the files and bytes under dir, and those of its Markdown
// transcripts (content/**/*.md) alone.
func Count(dir string) (files, size, mdFiles, mdSize int64, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		if rel, _ := filepath.Rel(dir, path); strings.HasPrefix(rel, "content"+string(filepath.Separator)) && strings.HasSuffix(rel, ".md") {
			mdFiles++
			mdSize += info.Size()
		}
		return nil
	})
	return
}

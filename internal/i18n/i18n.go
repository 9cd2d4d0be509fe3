// Package i18n loads the UI strings of a site, one go-i18n TOML file a
// language (i18n/<code>.toml), and checks them against the original
// language's file.
//
// A message is either a string:
//
//	viewOriginal = "View original"
//
// or, when it is counted, a table with one entry per CLDR plural form the
// language needs, where {{.Count}} is the number:
//
//	[speakerCount]
//	one = "{{.Count}} participant"
//	other = "{{.Count}} participants"
//
// A message that names a turn or a speaker has named placeholders, filled
// in by the page (Format):
//
//	turnLinkLabel = "Link to turn {{.Number}} ({{.Speaker}})"
//
// Every message of the original language must exist in every language, of
// the same kind, a plain one with the same placeholders (in any order), and
// a counted one with every plural form of that language;
// a language never falls back to another language's text.
package i18n

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/tomlfile"
)

// pluralKeys are the CLDR plural forms, as go-i18n names them.
var pluralKeys = []string{"zero", "one", "two", "few", "many", "other"}

// sampleCounts reach every plural form of every CLDR language: 1.5 is the
// only "other" of Russian, a million the "many" of French and Spanish.
var sampleCounts = []any{0, 1, 2, 3, 5, 7, 11, 21, 22, 25, 100, 101, 102, 1000000, "1.5"}

// Message is one UI string as written in a file.
type Message struct {
	ID      string
	Line    int
	Counted bool
	Text    string   // for a message that is not counted
	Missing []string // for a counted one: the plural forms the language needs and it lacks

	pieces []piece // Text cut at its placeholders, for Format; nil if it has other template syntax
}

// Catalog is the UI strings of one language.
type Catalog struct {
	Code     string // the site's language code, e.g. "pt-br"
	Path     string // e.g. "i18n/pt-br.toml"
	Tag      language.Tag
	Messages map[string]*Message

	localizer *goi18n.Localizer
	counted   sync.Map // countKey → string: pages ask the same counts again and again
}

type countKey struct {
	id string
	n  int
}

// Parse reads the i18n file of one language. tag chooses the plural rules.
func Parse(code, path string, tag language.Tag, src []byte) (*Catalog, diag.List) {
	var problems diag.List
	var raw map[string]any
	if !tomlfile.Decode(&problems, path, 1, "", src, &raw) {
		return nil, problems
	}
	c := &Catalog{Code: code, Path: path, Tag: tag, Messages: map[string]*Message{}}
	lines := tomlfile.KeyLines(src, 1)
	// One bundle per language, so that a missing message is an error and
	// never another language's text.
	bundle := goi18n.NewBundle(tag)
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		m := &Message{ID: id, Line: lines.Line(id)}
		gm := &goi18n.Message{ID: id}
		switch v := raw[id].(type) {
		case string:
			m.Text, gm.Other = v, v
			m.pieces = split(v)
		case map[string]any:
			m.Counted = true
			for form, text := range v {
				s, ok := text.(string)
				if !ok || !setForm(gm, form, s) {
					problems.Errorf(path, m.Line, "message %q: %q is not a plural form (%s)", id, form, strings.Join(pluralKeys, ", "))
				}
			}
		default:
			problems.Errorf(path, m.Line, "message %q: a message is a string, or a table of plural forms", id)
			continue
		}
		c.Messages[id] = m
		if err := bundle.AddMessages(tag, gm); err != nil {
			problems.Errorf(path, m.Line, "message %q: %v", id, err)
		}
	}
	c.localizer = goi18n.NewLocalizer(bundle, tag.String())
	for id, m := range c.Messages {
		if m.Counted {
			m.Missing = c.missingForms(id)
		}
	}
	return c, problems
}

func setForm(m *goi18n.Message, form, text string) bool {
	switch form {
	case "zero":
		m.Zero = text
	case "one":
		m.One = text
	case "two":
		m.Two = text
	case "few":
		m.Few = text
	case "many":
		m.Many = text
	case "other":
		m.Other = text
	case "description", "hash":
		// go-i18n's own metadata keys.
	default:
		return false
	}
	return true
}

// Check reports what c lacks or has beyond the original: a missing message,
// a message of the other kind, a plural form the language needs and does not
// have, and (as a warning) a message the original does not have. Checking
// the original against itself finds its own missing plural forms.
func (c *Catalog) Check(original *Catalog) diag.List {
	var problems diag.List
	ids := make([]string, 0, len(original.Messages))
	for id := range original.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		want := original.Messages[id]
		m, ok := c.Messages[id]
		switch {
		case !ok:
			problems.Errorf(c.Path, 0, "language %s: missing message %q (%s:%d)", c.Code, id, original.Path, want.Line)
		case m.Counted != want.Counted && want.Counted:
			problems.Errorf(c.Path, m.Line, "language %s: message %q is counted in %s: write it as a table of plural forms", c.Code, id, original.Path)
		case m.Counted != want.Counted:
			problems.Errorf(c.Path, m.Line, "language %s: message %q is a plain string in %s, not a table", c.Code, id, original.Path)
		case m.Counted:
			for _, form := range m.Missing {
				problems.Errorf(c.Path, m.Line, "language %s: message %q has no plural form %q", c.Code, id, form)
			}
		case !slices.Equal(placeholders(m.Text), placeholders(want.Text)):
			problems.Errorf(c.Path, m.Line, "language %s: message %q has the placeholders %s, %s has %s", c.Code, id,
				listPlaceholders(m.Text), original.Path, listPlaceholders(want.Text))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(c.Messages)) {
		if _, ok := original.Messages[id]; !ok {
			problems.Warnf(c.Path, c.Messages[id].Line, "language %s: message %q is not in %s", c.Code, id, original.Path)
		}
	}
	return problems
}

// placeholderPattern matches a named placeholder of a message, {{.Number}}.
var placeholderPattern = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// placeholders returns the names of the placeholders of text, sorted and
// without repeats: a translation may reorder them, never drop or rename one.
func placeholders(text string) []string {
	var names []string
	for _, m := range placeholderPattern.FindAllStringSubmatch(text, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}

func listPlaceholders(text string) string {
	names := placeholders(text)
	if len(names) == 0 {
		return "none"
	}
	return "{{." + strings.Join(names, "}}, {{.") + "}}"
}

// missingForms returns the plural forms of c's language that the counted
// message id lacks, by asking go-i18n for the message at counts that reach
// every form.
func (c *Catalog) missingForms(id string) []string {
	var missing []string
	seen := map[string]bool{}
	for _, n := range sampleCounts {
		_, err := c.localizer.Localize(&goi18n.LocalizeConfig{
			MessageID:    id,
			PluralCount:  n,
			TemplateData: map[string]any{"Count": n},
		})
		if err == nil {
			continue
		}
		form := c.formFor(n)
		if !seen[form] {
			seen[form] = true
			missing = append(missing, form)
		}
	}
	return missing
}

// formFor names the plural form of n by finding which single-form message
// go-i18n can render for it.
func (c *Catalog) formFor(n any) string {
	for _, form := range pluralKeys {
		probe := &goi18n.Message{ID: "rosetta.probe"}
		setForm(probe, form, "x")
		b := goi18n.NewBundle(c.Tag)
		if b.AddMessages(c.Tag, probe) != nil {
			continue
		}
		_, err := goi18n.NewLocalizer(b, c.Tag.String()).Localize(&goi18n.LocalizeConfig{MessageID: probe.ID, PluralCount: n})
		if err == nil {
			return form
		}
	}
	return fmt.Sprint("for ", n)
}

// T returns the text of a message that is not counted.
func (c *Catalog) T(id string) (string, error) {
	m, ok := c.Messages[id]
	switch {
	case !ok:
		return "", fmt.Errorf("%s: language %s has no message %q", c.Path, c.Code, id)
	case m.Counted:
		return "", fmt.Errorf("%s: message %q is counted: give it a number", c.Path, id)
	}
	return m.Text, nil
}

// Format returns a message that is not counted with its named placeholders
// ({{.Number}}) filled in from data, a struct whose fields they name. The
// result is plain text: the template that shows it escapes it.
func (c *Catalog) Format(id string, data any) (string, error) {
	if _, err := c.T(id); err != nil {
		return "", err
	}
	if s, ok := c.Messages[id].fill(data); ok {
		return s, nil
	}
	s, err := c.localizer.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return "", fmt.Errorf("%s: language %s: message %q: %v", c.Path, c.Code, id, err)
	}
	return s, nil
}

// placeholder is one {{.Name}} of a message.
var placeholder = regexp.MustCompile(`\{\{\.([A-Za-z][A-Za-z0-9_]*)\}\}`)

// piece is a run of a message's text followed by a placeholder's name
// ("" for the last run).
type piece struct{ text, field string }

// split cuts a message that is not counted into pieces when its only
// template syntax is {{.Name}} placeholders; otherwise it returns nil.
func split(text string) []piece {
	var pieces []piece
	last := 0
	for _, loc := range placeholder.FindAllStringSubmatchIndex(text, -1) {
		pieces = append(pieces, piece{text[last:loc[0]], text[loc[2]:loc[3]]})
		last = loc[1]
	}
	pieces = append(pieces, piece{text: text[last:]})
	for _, p := range pieces {
		if strings.Contains(p.text, "{{") || strings.Contains(p.text, "}}") {
			return nil
		}
	}
	return pieces
}

// fill fills the message's placeholders from the fields of data, a struct
// or a pointer to one, when they are all {{.Name}} and name string or
// integer fields: what go-i18n's template would write, without running a
// template for every turn of every page. ok is false for anything else (a
// method, another kind of value, other template syntax), which go-i18n
// then fills.
func (m *Message) fill(data any) (s string, ok bool) {
	if m.pieces == nil {
		return "", false
	}
	v := reflect.ValueOf(data)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return "", false
	}
	var b strings.Builder
	for _, p := range m.pieces {
		b.WriteString(p.text)
		if p.field == "" {
			break
		}
		f := v.FieldByName(p.field)
		switch {
		case !f.IsValid() || !f.CanInterface():
			return "", false
		case f.Kind() == reflect.String:
			b.WriteString(f.String())
		case f.CanInt():
			b.WriteString(strconv.FormatInt(f.Int(), 10))
		default:
			return "", false
		}
	}
	return b.String(), true
}

// N returns a counted message for the number n.
func (c *Catalog) N(id string, n int) (string, error) {
	m, ok := c.Messages[id]
	switch {
	case !ok:
		return "", fmt.Errorf("%s: language %s has no message %q", c.Path, c.Code, id)
	case !m.Counted:
		return "", fmt.Errorf("%s: message %q is not counted", c.Path, id)
	}
	if s, ok := c.counted.Load(countKey{id, n}); ok {
		return s.(string), nil
	}
	s, err := c.localizer.Localize(&goi18n.LocalizeConfig{
		MessageID:    id,
		PluralCount:  n,
		TemplateData: map[string]any{"Count": n},
	})
	if err != nil {
		return "", fmt.Errorf("%s: language %s: %v", c.Path, c.Code, err)
	}
	c.counted.Store(countKey{id, n}, s)
	return s, nil
}

// Complete counts the messages of original that c has in full: present, of
// the same kind, and with every plural form c's language needs.
func (c *Catalog) Complete(original *Catalog) (done, total int) {
	for id, want := range original.Messages {
		total++
		m, ok := c.Messages[id]
		if ok && m.Counted == want.Counted && len(m.Missing) == 0 {
			done++
		}
	}
	return done, total
}

// Package po reads and writes gettext PO files, the format translation
// tools (Poedit, Weblate, Lokalize, Crowdin) exchange.
//
// A file is a list of entries, each a source string (msgid), optionally in
// a context (msgctxt), and its translation (msgstr), with comments:
//
//	#  a translator's comment
//	#. a comment for translators, from the source (the speaker)
//	#: a reference, where the source string is (content/x/index.vi.md:23)
//	#, flags (fuzzy: the translation is a draft or the source has changed)
//	#| msgctxt and msgid as they were when the translation was made
//	msgctxt "crypto-ai t5 2"
//	msgid "Xin chào."
//	msgstr "Bonjour."
//
// The first entry, with an empty msgid, is the header: "Name: value\n"
// fields in its msgstr.
//
// [Write] writes a file as gettext's msgcat does: strings wrapped at 79
// columns, a wide (East Asian) character counting two, after spaces and
// where Unicode line breaking allows a break between words of scripts
// written without spaces; a string with a newline before its end or too
// long for one line starts with "" and breaks after each "\n". Reading and
// writing a file written by Write gives it back byte for byte.
//
// [Parse] reads any PO file a tool writes: strings wrapped anywhere, the
// escapes of C strings, obsolete entries (#~, dropped), and previous
// strings. A file with a syntax error is an error at its line. Plural
// entries (msgid_plural) are read, and their forms kept in Plurals.
package po

import "strings"

// File is a PO file.
type File struct {
	Entries []*Entry
}

// Entry is one message of a PO file.
type Entry struct {
	Comments   []string // translator comments, "# " lines
	Extracted  []string // "#." lines
	References []string // "#:" lines, a reference each
	Flags      []string // from "#," lines: "fuzzy", "no-wrap", …

	HasPrevious        bool // "#| msgid" was given
	PreviousContext    string
	HasPreviousContext bool
	PreviousID         string
	HasContext         bool
	Context            string
	ID                 string
	Str                string
	IDPlural           string   // msgid_plural, for a plural entry
	Plurals            []string // msgstr[0], msgstr[1], … of a plural entry
	Line               int      // the line the entry starts on, when read
	StrLine            int      // the line of msgstr, when read

	idLine int // the line of msgid, when read
}

// Fuzzy reports whether e is marked fuzzy: a translation not to use yet.
func (e *Entry) Fuzzy() bool { return e.HasFlag("fuzzy") }

// HasFlag reports whether e has the flag.
func (e *Entry) HasFlag(flag string) bool {
	for _, f := range e.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// Header returns the value of the header field name ("Language"), and
// whether f's header has it.
func (f *File) Header(name string) (string, bool) {
	if len(f.Entries) == 0 || f.Entries[0].ID != "" || f.Entries[0].HasContext {
		return "", false
	}
	for _, line := range strings.Split(f.Entries[0].Str, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

// Field is a field of a PO header.
type Field struct{ Name, Value string }

// HeaderEntry is the header entry with fields, in order.
func HeaderEntry(fields ...Field) *Entry {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(f.Name + ": " + f.Value + "\n")
	}
	return &Entry{Str: b.String()}
}

// PluralForms is the Plural-Forms header gettext's msginit and the
// translation tools write for the language tag (pt-BR), or "" for a
// language this table does not know. rosetta's units have no plural, but
// Poedit and Weblate expect the header, and add it when it is missing.
func PluralForms(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(tag, "_", "-")), "-")
	switch {
	case tag == "pt-BR" || tag == "pt_BR":
		return "nplurals=2; plural=(n > 1);"
	}
	switch base {
	case "vi", "zh", "ja", "ko", "id", "ms", "th", "lo", "my":
		return "nplurals=1; plural=0;"
	case "en", "es", "de", "it", "nl", "pt", "sv", "da", "nb", "nn", "no", "fi", "el", "hu", "bg", "ca", "et", "eu", "gl", "he", "tr", "fa", "hi", "bn", "sw":
		return "nplurals=2; plural=(n != 1);"
	case "fr":
		return "nplurals=2; plural=(n > 1);"
	case "ru", "uk", "be", "sr", "hr", "bs":
		return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
	case "pl":
		return "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
	case "cs", "sk":
		return "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"
	case "ar":
		return "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
	}
	return ""
}

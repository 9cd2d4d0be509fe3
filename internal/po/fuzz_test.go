package po

import (
	"reflect"
	"testing"
)

// FuzzParse: Parse never panics, and what it reads, written and read
// again, is the same file.
func FuzzParse(f *testing.F) {
	f.Add([]byte("msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n#. Alex\n#: a.md:3\n#, fuzzy\n#| msgid \"old\"\nmsgctxt \"x t1 1\"\nmsgid \"a\\tb \\\"c\\\"\\n\"\nmsgstr \"\"\n\"d\\n\"\n"))
	f.Add([]byte("#~ msgid \"gone\"\n#~ msgstr \"parti\"\n\nmsgid \"x\"\nmsgid_plural \"xs\"\nmsgstr[0] \"y\"\nmsgstr[1] \"ys\"\n"))
	f.Add([]byte("msgid \"中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中a 中中、「b」\"\nmsgstr \"\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, d := Parse("f.po", src)
		if d != nil {
			return
		}
		again, d := Parse("f.po", file.Bytes())
		if d != nil {
			t.Fatalf("written back, it does not read: %v\n%s", d, file.Bytes())
		}
		strip := func(f *File) []Entry {
			var es []Entry
			for _, e := range f.Entries {
				c := *e
				c.Line, c.StrLine, c.idLine = 0, 0, 0
				es = append(es, c)
			}
			return es
		}
		if a, b := strip(file), strip(again); !reflect.DeepEqual(a, b) {
			t.Fatalf("written back and read again:\n%+v\nwant\n%+v", b, a)
		}
	})
}

package po

import (
	"bytes"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestWrapLikeMsgcat writes thousands of strings made of the words of the
// tests' thirteen transcripts, with the marks translators type around and
// between them (quotes of several languages, links, emphasis, dashes,
// numbers, escapes), and requires GNU gettext's msgcat to write them back
// unchanged: a tool that re-saves an exported file moves no line.
func TestWrapLikeMsgcat(t *testing.T) {
	msgcat := sitetest.LookTool(t, "apt-get install gettext", "msgcat")
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(sitetest.Root(), "internal", "sitetest", "testdata", "content", "*", "*.md"))
	if err != nil || len(files) != 13 {
		t.Fatalf("transcripts: %v %v", files, err)
	}
	r := rand.New(rand.NewSource(1))
	around := [][2]string{{`"`, `"`}, {"(", ")"}, {"«\u00a0", "\u00a0»"}, {"“", "”"}, {"「", "」"}, {"**", "**"}, {"[", "](https://example.org/a/b)"}, {"`", "`"}}
	after := []string{"\n", "—", " –", ",", ";", ":", " :", "?", "!", "…", "%", " 1,000", " 3.5", "\\", "\t"}
	f := &File{Entries: []*Entry{HeaderEntry(Field{Name: "Content-Type", Value: "text/plain; charset=UTF-8"})}}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		body := string(data[bytes.LastIndex(data, []byte("+++"))+3:])
		words, sep := strings.Fields(body), " "
		if len(words) < 1000 { // written without spaces: pieces of a few characters
			words, sep = nil, ""
			for runes := []rune(strings.Join(strings.Fields(body), "")); len(runes) > 0; {
				n := min(len(runes), 1+len(words)%7)
				words = append(words, string(runes[:n]))
				runes = runes[n:]
			}
		}
		for i := range 400 {
			start := r.Intn(len(words) - 60)
			ws := append([]string(nil), words[start:start+10+r.Intn(50)]...)
			for j := range ws {
				switch r.Intn(12) {
				case 0:
					a := around[r.Intn(len(around))]
					ws[j] = a[0] + ws[j] + a[1]
				case 1:
					ws[j] += after[r.Intn(len(after))]
				}
			}
			f.Entries = append(f.Entries, &Entry{HasContext: true, Context: filepath.Base(name) + " " + string(rune('0'+i/100)) + string(rune('a'+i%100)), ID: strings.Join(ws, sep)})
		}
	}
	written := filepath.Join(dir, "written.po")
	if err := os.WriteFile(written, f.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(msgcat, written).Output()
	if err != nil {
		t.Fatalf("msgcat: %v", err)
	}
	want := strings.Split(string(out), "\n\n")
	got := strings.Split(string(f.Bytes()), "\n\n")
	if len(want) != len(got) {
		t.Fatalf("msgcat wrote %d entries, want %d", len(want), len(got))
	}
	bad := 0
	for i := range got {
		if got[i] != want[i] {
			if bad++; bad <= 5 {
				t.Errorf("not wrapped as msgcat wraps it:\n%s", sitetest.Diff(want[i], got[i]))
			}
		}
	}
	if bad > 5 {
		t.Errorf("and %d more", bad-5)
	}
}

package sitetest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Golden archives: a txtar file holds a test's input files and its expected
// output sections. If the archive's comment has a line "escapes", the \xHH,
// \uHHHH, \r and \\ sequences of its input files are decoded first, so
// that invisible or invalid bytes stay visible in the archive.

// File returns the named file of a, decoding escapes if the comment asks
// for it.
func File(t testing.TB, a *txtar.Archive, name string) []byte {
	t.Helper()
	for _, f := range a.Files {
		if f.Name == name {
			if HasEscapes(a) {
				return Unescape(t, f.Data)
			}
			return f.Data
		}
	}
	t.Fatalf("no file %s in the archive", name)
	return nil
}

// HasEscapes reports whether the archive's comment asks for escapes.
func HasEscapes(a *txtar.Archive) bool {
	for _, line := range strings.Split(string(a.Comment), "\n") {
		if strings.TrimSpace(line) == "escapes" {
			return true
		}
	}
	return false
}

// Unescape decodes the \xHH, \uHHHH, \r and \\ sequences of data.
func Unescape(t testing.TB, data []byte) []byte {
	t.Helper()
	var out []byte
	for i := 0; i < len(data); i++ {
		if data[i] != '\\' || i+1 == len(data) {
			out = append(out, data[i])
			continue
		}
		switch data[i+1] {
		case '\\':
			out = append(out, '\\')
			i++
		case 'r':
			out = append(out, '\r')
			i++
		case 'x', 'u':
			n := 2
			if data[i+1] == 'u' {
				n = 4
			}
			if i+2+n > len(data) {
				t.Fatalf("short escape at byte %d", i)
			}
			v, err := strconv.ParseUint(string(data[i+2:i+2+n]), 16, 32)
			if err != nil {
				t.Fatalf("bad escape at byte %d: %v", i, err)
			}
			if n == 2 {
				out = append(out, byte(v))
			} else {
				out = append(out, string(rune(v))...)
			}
			i += 1 + n
		default:
			out = append(out, data[i])
		}
	}
	return out
}

// Golden compares got with the file name of archive a, read from file,
// or rewrites it under -update.
func Golden(t testing.TB, file string, a *txtar.Archive, name, got string, update bool) {
	t.Helper()
	for i, f := range a.Files {
		if f.Name != name {
			continue
		}
		if update {
			if string(f.Data) != got {
				a.Files[i].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(a), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			return
		}
		if diff := Diff(string(f.Data), got); diff != "" {
			t.Errorf("%s: section %s differs:\n%s", file, name, diff)
		}
		return
	}
	if update {
		a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(got)})
		if err := os.WriteFile(file, txtar.Format(a), 0o666); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("%s: no %s section (run with -update to add one)", file, name)
}

// Cases runs f as a subtest, named after the file, for each txtar archive
// that pattern matches, and fails when it matches none.
func Cases(t *testing.T, pattern string, f func(t *testing.T, file string, a *txtar.Archive)) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no test cases match %s", pattern)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f(t, file, a)
		})
	}
}

package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// changed lists the files of after that differ from before.
func changed(before, after map[string][]byte) []string {
	var names []string
	for name, data := range after {
		if !bytes.Equal(before[name], data) {
			names = append(names, name)
		}
	}
	return names
}

func export(t *testing.T, dir string) []string {
	t.Helper()
	if code, out, errs := rosetta(t, "export", "-src", dir); code != 0 || !strings.Contains(out, "wrote 12 PO files") {
		t.Fatalf("export: exit %d\n%s%s", code, out, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "po", "*", "*.po"))
	if len(files) != 12 {
		t.Fatalf("PO files: %v, want one per translation", files)
	}
	return files
}

// TestExportImport: every exported PO file passes gettext's msgfmt --check
// and is wrapped as msgcat writes it, and importing them all into the
// unchanged site changes no byte of it.
func TestExportImport(t *testing.T) {
	msgfmt := sitetest.LookTool(t, "apt-get install gettext", "msgfmt")
	msgcat := sitetest.LookTool(t, "apt-get install gettext", "msgcat")
	dir := sitetest.Copy(t)
	content := filepath.Join(dir, "content")
	before := snapshot(t, content)
	files := export(t, dir)
	for _, f := range files {
		if out, err := exec.Command(msgfmt, "--check", "-o", os.DevNull, f).CombinedOutput(); err != nil || len(out) > 0 {
			t.Errorf("msgfmt --check %s: %v\n%s", f, err, out)
		}
		want, err := exec.Command(msgcat, f).Output()
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(f); !bytes.Equal(got, want) {
			t.Errorf("%s is not wrapped as msgcat wraps it:\n%s", f, sitetest.Diff(string(want), string(got)))
		}
	}
	args := append([]string{"import", "-src", dir}, files...)
	if code, out, errs := rosetta(t, args...); code != 0 || errs != "" {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if c := changed(before, snapshot(t, content)); len(c) > 0 {
		t.Errorf("export then import changed %v", c)
	}
}

// TestImportEdited edits one msgstr of a PO file as a translator's tool
// would, re-wrapping every string of the file as Poedit does at its own
// width: import changes exactly that block of the translation, and no
// other byte of the site. A byte order mark and CRLF line ends stay.
func TestImportEdited(t *testing.T) {
	msgcat := sitetest.LookTool(t, "apt-get install gettext", "msgcat")
	dir := sitetest.Copy(t)
	content := filepath.Join(dir, "content")
	fr := filepath.Join(content, "crypto-ai", "index.fr.md")
	// The French translation as saved by an editor on Windows.
	data, err := os.ReadFile(fr)
	if err != nil {
		t.Fatal(err)
	}
	crlf := append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
	if err := os.WriteFile(fr, crlf, 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, content)
	export(t, dir)
	poFile := filepath.Join(dir, "po", "crypto-ai", "fr.po")
	old, new := "Aujourd’hui, nous allons parler", "Aujourd’hui, nous allons \\\"enfin\\\" parler"
	editFile(t, poFile, old, new)
	if out, err := exec.Command(msgcat, "-w", "60", "-o", poFile, poFile).CombinedOutput(); err != nil {
		t.Fatalf("msgcat: %v\n%s", err, out)
	}
	if code, out, errs := rosetta(t, "import", "-src", dir, poFile); code != 0 || !strings.Contains(out, "1 blocks changed") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	after := snapshot(t, content)
	if c := changed(before, after); len(c) != 1 || c[0] != fr {
		t.Fatalf("import changed %v, want %s only", c, fr)
	}
	want := bytes.Replace(crlf, []byte("Aujourd’hui, nous allons parler"), []byte(`Aujourd’hui, nous allons "enfin" parler`), 1)
	if !bytes.Equal(after[fr], want) {
		t.Errorf("index.fr.md after import:\n%s", sitetest.Diff(string(want), string(after[fr])))
	}
}

// TestImportErrors: a PO file with a syntax error is reported at its line,
// and nothing is written.
func TestImportErrors(t *testing.T) {
	dir := sitetest.Copy(t)
	content := filepath.Join(dir, "content")
	before := snapshot(t, content)
	export(t, dir)
	poFile := filepath.Join(dir, "po", "crypto-ai", "ja.po")
	data, err := os.ReadFile(poFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "msgstr \"\"") && i > 20 {
			lines[i-1] += "\n" + `"an unterminated string`
			break
		}
	}
	broken := strings.Join(lines, "\n")
	if err := os.WriteFile(poFile, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(broken[:strings.Index(broken, `"an unterminated`)], "\n")
	code, _, errs := rosetta(t, "import", "-src", dir, poFile)
	if want := fmt.Sprintf("%s:%d: ", poFile, line); code != 1 || !strings.HasPrefix(errs, want) {
		t.Errorf("import of a broken file: exit %d, want 1 and an error at %s\n%s", code, want, errs)
	}
	if c := changed(before, snapshot(t, content)); len(c) > 0 {
		t.Errorf("a broken PO file changed %v", c)
	}
}

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

	"github.com/rosetta-ssg/rosetta/internal/exchange"
	"github.com/rosetta-ssg/rosetta/internal/po"
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
	if code, out, errs := rosetta(t, "import", "-src", dir, poFile); code != 0 || !strings.Contains(out, "1 unit changed") {
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

// poEntry returns the lines of the entry of file whose msgctxt is ctxt,
// from its first comment to its blank line.
func poEntry(t *testing.T, file, ctxt string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range strings.Split(string(data), "\n\n") {
		if strings.Contains(e, "\nmsgctxt \""+ctxt+"\"\n") {
			return e
		}
	}
	t.Fatalf("%s has no unit %q", file, ctxt)
	return ""
}

// TestExportStaleAndMissing: after the original changes one sentence of
// turn 8 and gains a turn, the PO file marks that block of turn 8 fuzzy
// with the wording it was translated from, and has the new turn with an
// empty translation. Importing the file with the new turn translated, and
// the fuzzy unit edited but still fuzzy, adds the turn (labelled as the
// speaker's other turns) and leaves turn 8 as it was.
func TestExportStaleAndMissing(t *testing.T) {
	msgfmt := sitetest.LookTool(t, "apt-get install gettext", "msgfmt")
	dir := sitetest.Copy(t)
	content := filepath.Join(dir, "content", "crypto-ai")
	if code, out, errs := rosetta(t, "translated", "-src", dir, "-lang", "fr"); code != 0 {
		t.Fatalf("translated: exit %d\n%s%s", code, out, errs)
	}
	vi := filepath.Join(content, "index.vi.md")
	editFile(t, vi, "thách thức lớn nhất", "thách thức khó nhất")
	editFile(t, vi, "\n## Phân loại dự án", "\nLydia: Một lượt mới.\n\n## Phân loại dự án")
	if code, out, errs := rosetta(t, "export", "-src", dir, "-lang", "fr"); code != 0 {
		t.Fatalf("export: exit %d\n%s%s", code, out, errs)
	}
	poFile := filepath.Join(dir, "po", "crypto-ai", "fr.po")
	if out, err := exec.Command(msgfmt, "--check", "-o", os.DevNull, poFile).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("msgfmt --check: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(poFile)
	if n := strings.Count(string(data), "#, fuzzy"); n != 1 {
		t.Errorf("%d fuzzy units, want 1 (the changed block of turn 8)", n)
	}
	stale := poEntry(t, poFile, "crypto-ai t9 1") // turn 8 of the original is t9 once a turn is added before it
	for _, want := range []string{"#, fuzzy\n", "#| msgctxt \"crypto-ai t9 1\"\n", "thách thức lớn nhất", "thách thức khó nhất"} {
		if !strings.Contains(stale, want) {
			t.Errorf("the stale unit does not say %q:\n%s", want, stale)
		}
	}
	added := poEntry(t, poFile, "crypto-ai t5 1")
	if !strings.Contains(added, "#. Lydia") || !strings.HasSuffix(added, "msgid \"Một lượt mới.\"\nmsgstr \"\"") {
		t.Errorf("the new turn's unit:\n%s", added)
	}

	fr := filepath.Join(content, "index.fr.md")
	before, _ := os.ReadFile(fr)
	editFile(t, poFile, added, strings.TrimSuffix(added, `msgstr ""`)+`msgstr "Un nouveau tour."`)
	editFile(t, poFile, "Selon vous, quel est le plus grand défi", "Selon vous, quel est le défi le plus difficile")
	if code, out, errs := rosetta(t, "import", "-src", dir, poFile); code != 0 || !strings.Contains(out, "1 turn added") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	after, _ := os.ReadFile(fr)
	// Lydia's label as her other turns have it (French spacing).
	i := strings.Index(string(before), "\n\nLydia")
	label := string(before[i+2 : i+strings.Index(string(before[i:]), ":")+2])
	want := strings.Replace(string(before), "\n\n## Classification des projets", "\n\n"+label+"Un nouveau tour.\n\n## Classification des projets", 1)
	if string(after) != want {
		t.Errorf("index.fr.md after import:\n%s", sitetest.Diff(want, string(after)))
	}
	_, _, errs := rosetta(t, "check", "-src", dir)
	if strings.Contains(errs, "index.fr.md") && strings.Contains(errs, "missing") {
		t.Errorf("check still finds a missing turn in French:\n%s", errs)
	}
}

// TestImportFrontMatterAndHeadings: a new title and a new section heading
// in the Japanese PO file change exactly those two lines.
func TestImportFrontMatterAndHeadings(t *testing.T) {
	dir := sitetest.Copy(t)
	export(t, dir)
	poFile := filepath.Join(dir, "po", "crypto-ai", "ja.po")
	ja := filepath.Join(dir, "content", "crypto-ai", "index.ja.md")
	before, _ := os.ReadFile(ja)
	editFile(t, poFile, `msgstr "Crypto AI分野を読み解く：専門家が語る業界の機会と課題"`, `msgstr "Crypto AI分野を読み解く：専門家が語る\"機会と課題\""`)
	editFile(t, poFile, `msgstr "Crypto AIの機会と課題"`, `msgstr "Crypto AIのチャンスと課題"`)
	if code, out, errs := rosetta(t, "import", "-src", dir, poFile); code != 0 || !strings.Contains(out, "2 units changed") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	after, _ := os.ReadFile(ja)
	want := strings.Replace(string(before), `title = "Crypto AI分野を読み解く：専門家が語る業界の機会と課題"`, `title = "Crypto AI分野を読み解く：専門家が語る\"機会と課題\""`, 1)
	want = strings.Replace(want, "## Crypto AIの機会と課題\n", "## Crypto AIのチャンスと課題\n", 1)
	if string(after) != want {
		t.Errorf("index.ja.md after import:\n%s", sitetest.Diff(want, string(after)))
	}
}

// TestImportAfterTheOriginalChanged: a unit translated from a wording the
// original no longer has is not imported, with a warning at its line that
// says to export again.
func TestImportAfterTheOriginalChanged(t *testing.T) {
	dir := sitetest.Copy(t)
	export(t, dir)
	editFile(t, filepath.Join(dir, "content", "crypto-ai", "index.vi.md"), "thách thức lớn nhất", "thách thức khó nhất")
	poFile := filepath.Join(dir, "po", "crypto-ai", "fr.po")
	editFile(t, poFile, "Selon vous, quel est le plus grand défi", "Selon vous, quel est le défi le plus difficile")
	content := filepath.Join(dir, "content")
	before := snapshot(t, content)
	code, _, errs := rosetta(t, "import", "-src", dir, poFile)
	if code != 0 || !strings.Contains(errs, poFile+":") || !strings.Contains(errs, ": warning: not imported: the original's t8 block 1 has changed since the export (export again)") {
		t.Errorf("import: exit %d, want 0 and a warning\n%s", code, errs)
	}
	if c := changed(before, snapshot(t, content)); len(c) > 0 {
		t.Errorf("import changed %v", c)
	}
}

// TestExportKeepsUnimportedWork: exporting again over a PO file whose
// translations have not been imported yet stops at the first one, and
// leaves the file as it was.
func TestExportKeepsUnimportedWork(t *testing.T) {
	dir := sitetest.Copy(t)
	export(t, dir)
	poFile := filepath.Join(dir, "po", "crypto-ai", "fr.po")
	editFile(t, poFile, "Selon vous, quel est le plus grand défi", "Selon vous, quel est le défi le plus difficile")
	edited, _ := os.ReadFile(poFile)
	code, out, errs := rosetta(t, "export", "-src", dir)
	if code != 1 || !strings.HasPrefix(errs, poFile+":") || !strings.Contains(errs, "its translation of crypto-ai t8 1 is not the transcript's") || !strings.Contains(out, "wrote 11 PO files") {
		t.Errorf("export over unimported work: exit %d, want 1 and the unit\n%s%s", code, out, errs)
	}
	if after, _ := os.ReadFile(poFile); !bytes.Equal(after, edited) {
		t.Error("the translator's PO file was overwritten")
	}
	if code, out, errs := rosetta(t, "import", "-src", dir, poFile); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	export(t, dir) // imported: nothing is lost
}

// TestNewTranslation: a discussion not yet in French gets a French PO
// file with every translation empty; once the title, the headings and one
// turn are translated, import writes the new transcript, which builds with
// the other turns shown in Vietnamese.
func TestNewTranslation(t *testing.T) {
	msgfmt := sitetest.LookTool(t, "apt-get install gettext", "msgfmt")
	dir := sitetest.Copy(t)
	fr := filepath.Join(dir, "content", "crypto-ai", "index.fr.md")
	if err := os.Remove(fr); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "content", "crypto-ai", "index.fr.translated.json"))
	export(t, dir)
	poFile := filepath.Join(dir, "po", "crypto-ai", "fr.po")
	if out, err := exec.Command(msgfmt, "--check", "-o", os.DevNull, poFile).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("msgfmt --check: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(poFile)
	f, d := po.Parse(poFile, data)
	if d != nil {
		t.Fatal(d)
	}
	for _, e := range f.Entries[1:] {
		if e.Str != "" {
			t.Fatalf("%s is translated in a file for a translation that does not exist", e.Context)
		}
		u, _ := exchange.ParseContext(e.Context)
		switch {
		case u.Part == "title":
			e.Str = "Le secteur Crypto AI"
		case u.Part == "heading":
			e.Str = "Section " + u.ID
		case u.ID == "t1" && u.Block == 1:
			e.Str = "Bonjour à tous."
		}
	}
	if err := os.WriteFile(poFile, f.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := rosetta(t, "import", "-src", dir, poFile); code != 0 || !strings.Contains(out, "a new translation") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	created, err := os.ReadFile(fr)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"+++\ntitle = \"Le secteur Crypto AI\"\n", "\n[speakers.alex]\nname = \"Alex\"\n", "\nhost = true\n", "\n## Section s2\n\nAlex: Bonjour à tous.\n"} {
		if !strings.Contains(string(created), want) {
			t.Errorf("the new translation lacks %q:\n%s", want, created)
		}
	}
	code, _, errs := rosetta(t, "check", "-src", dir)
	if code != 0 || !strings.Contains(errs, "index.fr.md") {
		t.Errorf("check: exit %d, want 0 with the French turns still missing\n%s", code, errs)
	}
}

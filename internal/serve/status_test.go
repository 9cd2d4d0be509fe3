package serve

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/provenance"
	"github.com/rosetta-ssg/rosetta/internal/site"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestStatusPageAfterEdits: the preview's translators' page shows the
// change of an original turn as soon as it is saved, word by word, and
// keeps showing it while another discussion is edited, when the changed
// one is not read again and only its summary is left.
func TestStatusPageAfterEdits(t *testing.T) {
	dir := sitetest.Copy(t)
	recordTranslation(t, dir, "crypto-ai", "fr")
	s, ts := startServer(t, dir, io.Discard)
	p := &preview{t: t, dir: dir, server: s, http: ts, events: make(chan int, 100)}
	p.listen(t.Context())
	if _, body := p.get("/status/"); !strings.Contains(body, "No original has changed") {
		t.Fatalf("/status/ before any edit shows a change:\n%s", body)
	}

	original := p.read(viFile)
	const old, new = "Sự cấp bách của những vấn đề này là gì?", "Những vấn đề này cấp bách đến mức nào?"
	if !strings.Contains(original, old) {
		t.Fatalf("%s does not say %q", viFile, old)
	}
	p.write(viFile, strings.Replace(original, old, new, 1))
	change := "<del>Sự cấp bách của những</del>"
	_, body := p.waitReload("/status/", contains(change))
	if !strings.Contains(body, "<ins>cấp bách đến mức nào?</ins>") || !strings.Contains(body, `href="../fr/crypto-ai/#t1"`) {
		t.Errorf("/status/ shows the deleted words but not the inserted ones, or no link to the French turn:\n%s", body)
	}

	p.write("content/new-talk/index.vi.md", strings.Replace(original, "Phân tích lĩnh vực Crypto AI", "Bản mới", 1))
	p.waitReload("/status/", contains("new-talk"))
	if _, body := p.get("/status/"); !strings.Contains(body, change) {
		t.Errorf("/status/ lost the change of crypto-ai when new-talk was added:\n%s", body)
	}
}

// recordTranslation records the translation code of the discussion slug in
// dir as rosetta translated does.
func recordTranslation(t *testing.T, dir, slug, code string) {
	t.Helper()
	s, problems := site.Load(t.Context(), os.DirFS(dir), site.Options{Local: true})
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	d, problems := s.Read(slug)
	if problems.HasErrors() || d.Alignments[code] == nil {
		t.Fatalf("%s in %s cannot be recorded: %v", code, slug, problems)
	}
	rec := provenance.New(d.Alignments[code], time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rec.Path)), rec.Marshal(), 0o644); err != nil {
		t.Fatal(err)
	}
}

package serve

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestPagedHomesAfterEdits: with one discussion a page, the preview keeps
// every page of every home right through edits: a new dated discussion
// goes first and pushes the other to page 2, a date that makes the other
// newer swaps them in its language, and deleting one takes page 2 away in
// every language.
func TestPagedHomesAfterEdits(t *testing.T) {
	dir := sitetest.Copy(t)
	config, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), append(config, "\n[pagination]\npagerSize = 1\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	s, ts := startServer(t, dir, io.Discard)
	p := &preview{t: t, dir: dir, server: s, http: ts, events: make(chan int, 100)}
	p.listen(t.Context())
	notFound := func(status int, _ string) bool { return status == 404 }
	if status, _ := p.get("/vi/page/2/"); status != 404 {
		t.Fatalf("/vi/page/2/ with one discussion: %d, want 404", status)
	}

	original := p.read(viFile)
	dated := func(date string) string { return strings.Replace(original, "+++\n", "+++\ndate = "+date+"\n", 1) }
	p.write("content/new-talk/index.vi.md", strings.Replace(dated("2024-05-01"), "Phân tích lĩnh vực Crypto AI", "Bản mới", 1))
	p.waitReload("/vi/page/2/", contains("crypto-ai/"))
	for _, path := range []string{"/vi/", "/ja/"} {
		if _, home := p.get(path); !strings.Contains(home, "new-talk/") || strings.Contains(home, "crypto-ai/") {
			t.Errorf("%s does not list only the newest discussion, new-talk", path)
		}
	}
	if _, page2 := p.get("/ja/page/2/"); !strings.Contains(page2, "crypto-ai/") {
		t.Error("/ja/page/2/ does not list crypto-ai, the older discussion")
	}

	p.write(viFile, dated("2025-01-01"))
	p.waitReload("/vi/page/2/", contains("new-talk/"))
	// A home orders its transcripts by their own dates: the Japanese
	// crypto-ai has none, so it stays after the dated original of new-talk.
	if _, home := p.get("/ja/"); !strings.Contains(home, "new-talk/") {
		t.Error("/ja/ does not list new-talk first, the Japanese crypto-ai being undated")
	}

	if err := os.RemoveAll(filepath.Join(dir, "content/new-talk")); err != nil {
		t.Fatal(err)
	}
	p.waitReload("/vi/page/2/", notFound)
	if status, _ := p.get("/ja/page/2/"); status != 404 {
		t.Errorf("/ja/page/2/ after its discussion's removal: %d, want 404", status)
	}
}

package serve

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/corpus"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// BenchmarkEditToServed measures what a translator waits for: from writing
// a transcript file to the new page being served, through the watcher, the
// rebuild and the HTTP server. It fails if an edit caused a full rebuild.
//
//	go test ./internal/serve -run XXX -bench EditToServed -benchtime 20x
//
// The corpus case writes 1,000 transcripts in 13 languages first (about a
// minute on 2 cores).
func BenchmarkEditToServed(b *testing.B) {
	b.Run("site=repo", func(b *testing.B) {
		dir := sitetest.Copy(b)
		benchEdit(b, dir, "content/crypto-ai/index.ar.md", "/ar/crypto-ai/")
	})
	b.Run("site=corpus1000", func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "site")
		if err := corpus.Write(dir, 1000, 1); err != nil {
			b.Fatal(err)
		}
		slug := corpus.Slug(500)
		benchEdit(b, dir, "content/"+slug+"/index.ja.md", "/ja/"+slug+"/")
	})
}

func benchEdit(b *testing.B, dir, file, page string) {
	var log bytes.Buffer
	s, ts := startServer(b, dir, &log)

	path := filepath.Join(dir, file)
	original, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	// The marker goes into the first turn's text.
	at := strings.Index(string(original), "\n\n") // after the front matter's first blank line
	body := string(original)
	sep := "："
	i := strings.Index(body[at:], sep)
	if j := strings.Index(body[at:], ": "); i < 0 || j >= 0 && j < i {
		i, sep = j, ": "
	}
	if i < 0 {
		b.Fatal("no turn label in " + file)
	}
	insertAt := at + i + len(sep)
	fullBefore := s.full
	var total time.Duration
	b.ResetTimer()
	for n := 0; b.Loop(); n++ {
		marker := "EDIT" + strings.Repeat("x", n%7) + time.Now().Format("150405.000000")
		edited := body[:insertAt] + marker + " " + body[insertAt:]
		start := time.Now()
		if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			resp, err := http.Get(ts.URL + page)
			if err != nil {
				b.Fatal(err)
			}
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(data), marker) {
				break
			}
			if time.Since(start) > 30*time.Second {
				b.Fatalf("the edit never showed on %s; the server said:\n%s", page, log.String())
			}
			time.Sleep(time.Millisecond)
		}
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/edit")
	if s.full != fullBefore {
		b.Errorf("%d full rebuilds for one-file content edits", s.full-fullBefore)
	}
}

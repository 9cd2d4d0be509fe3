package site_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/corpus"
	"github.com/rosetta-ssg/rosetta/internal/site"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// discard is an Output that keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

func BenchmarkParseTranscript(b *testing.B) {
	src := sitetest.FS(b)["content/crypto-ai/index.vi.md"].Data
	p := transcript.NewParser(transcript.Quotes{})
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, problems := p.Parse("index.vi.md", src); problems.HasErrors() {
			b.Fatal(problems)
		}
	}
}

// BenchmarkRenderDiscussion reads one discussion and renders its pages in
// its 13 languages, and the 13 homes: the work of a one-file edit in serve.
func BenchmarkRenderDiscussion(b *testing.B) {
	s, problems := site.Load(b.Context(), sitetest.FS(b), site.Options{})
	if problems.HasErrors() {
		b.Fatal(problems)
	}
	for b.Loop() {
		d, problems := s.Read("crypto-ai")
		if problems.HasErrors() {
			b.Fatal(problems)
		}
		pages := append(s.DiscussionPages(d), s.IndexPages([]*site.Discussion{d.Summary()})...)
		if _, problems := s.Render(b.Context(), discard{}, pages); problems.HasErrors() {
			b.Fatal(problems)
		}
	}
}

var (
	corpus100     string
	corpus100Once sync.Once
)

// BenchmarkBuild100 loads and builds a corpus of 100 transcripts in 13
// languages (1,300 transcript pages) into memory that is thrown away.
func BenchmarkBuild100(b *testing.B) {
	corpus100Once.Do(func() {
		dir, err := os.MkdirTemp("", "rosetta-corpus100-")
		if err != nil {
			b.Fatal(err)
		}
		corpus100 = filepath.Join(dir, "site")
		if err := corpus.Write(corpus100, 100, 1); err != nil {
			b.Fatal(err)
		}
	})
	fsys := os.DirFS(corpus100)
	for b.Loop() {
		s, problems := site.Load(b.Context(), fsys, site.Options{})
		if problems.HasErrors() {
			b.Fatal(problems)
		}
		built, problems := s.Build(b.Context(), discard{})
		if problems.HasErrors() {
			b.Fatal(problems)
		}
		b.ReportMetric(float64(built.Pages), "pages/op")
	}
}

// BenchmarkRenderPages renders the pages of one discussion in its 13
// languages from transcripts already read: the templates' share of a
// build.
func BenchmarkRenderPages(b *testing.B) {
	s, problems := site.Load(b.Context(), sitetest.FS(b), site.Options{})
	if problems.HasErrors() {
		b.Fatal(problems)
	}
	d, problems := s.Read("crypto-ai")
	if problems.HasErrors() {
		b.Fatal(problems)
	}
	for b.Loop() {
		if _, problems := s.Render(b.Context(), discard{}, s.DiscussionPages(d)); problems.HasErrors() {
			b.Fatal(problems)
		}
	}
}

package site

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// parallel calls f(0) … f(n-1) on as many goroutines as there are jobs, at
// most 2 × the number of cores at a time. Once ctx is done it starts no
// more, and returns when the ones started have.
func parallel(ctx context.Context, n int, f func(i int)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers())
	for i := 0; i < n; i++ {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			f(i)
		}()
	}
	wg.Wait()
}

// Output receives the built files. WriteFile may be called from several
// goroutines at once, and must not keep data after it returns: the buffer
// is reused.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Build renders every page of the site into out and reports how many pages
// it wrote. When ctx is done it stops within the pages being rendered, and
// what it wrote is incomplete: the caller checks ctx.
func (s *Site) Build(ctx context.Context, out Output) (int, diag.List) {
	var problems diag.List
	n := 0
	if s.stream != nil {
		n, problems = s.buildStream(ctx, out)
		if problems.HasErrors() || ctx.Err() != nil {
			return n, problems
		}
	}
	pages := s.pages(s.stream == nil) // streamed transcript pages are written
	m, p := s.render(ctx, out, pages)
	n += m
	problems = append(problems, p...)
	for _, name := range slices.Sorted(maps.Keys(s.assets)) {
		if err := out.WriteFile(name, s.assets[name]); err != nil {
			problems.Errorf("templates/assets/"+name, 0, "%v", err)
		}
	}
	problems = append(problems, s.writeStatus(out)...)
	if err := out.WriteFile("robots.txt", s.robots()); err != nil {
		problems.Errorf("robots.txt", 0, "%v", err)
	}
	return n, append(problems, s.writeSitemap(out)...)
}

// buildStream reads each transcript folder, renders its pages, and keeps
// only what the homes and the status page need (titles, speakers, the
// shape of the turns), a few folders at a time.
func (s *Site) buildStream(ctx context.Context, out Output) (int, diag.List) {
	results := make([]diag.List, len(s.Discussions))
	counts := make([]int, len(s.Discussions))
	parallel(ctx, len(s.Discussions), func(i int) {
		d := s.Discussions[i]
		for _, code := range slices.Sorted(maps.Keys(d.files)) {
			v, p := s.parse(s.stream, d, code)
			results[i] = append(results[i], p...)
			if v != nil {
				d.Versions[code] = v
			}
		}
		if results[i].HasErrors() || ctx.Err() != nil {
			return
		}
		results[i] = append(results[i], drift(d.Original(s), d)...)
		counts[i], results[i] = s.renderAppend(out, s.discussionPages(d), results[i])
		for _, v := range d.Versions {
			v.Release()
		}
	})
	var problems diag.List
	n := 0
	for i := range results {
		problems = append(problems, results[i]...)
		n += counts[i]
	}
	problems.Sort()
	return n, problems.Fold()
}

// renderAppend renders pages one after the other, adding its problems to
// problems.
func (s *Site) renderAppend(out Output, pages []*Page, problems diag.List) (int, diag.List) {
	for _, p := range pages {
		if err := s.renderPage(out, p); err != nil {
			problems = append(problems, renderProblem(p, err))
		}
	}
	return len(pages), problems
}

// Selection names pages to render: the homes of some languages, and some
// languages of some transcripts.
type Selection struct {
	AllHomes bool
	Homes    map[string]bool // language codes
	// Transcripts maps a slug to the language codes to render; nil codes
	// mean every language it exists in.
	Transcripts map[string]map[string]bool
}

// BuildOnly renders the selected pages and the status page.
func (s *Site) BuildOnly(out Output, sel Selection) (int, diag.List) {
	var pages []*Page
	for _, l := range s.Config.Languages {
		if sel.AllHomes || sel.Homes[l.Code] {
			pages = append(pages, s.homePage(l))
		}
	}
	for _, d := range s.Discussions {
		codes, ok := sel.Transcripts[d.Slug]
		if !ok {
			continue
		}
		for _, p := range s.discussionPages(d) {
			if codes == nil || codes[p.Lang.Code] {
				pages = append(pages, p)
			}
		}
	}
	n, problems := s.render(context.Background(), out, pages)
	return n, append(problems, s.writeStatus(out)...)
}

func (s *Site) writeStatus(out Output) diag.List {
	var problems diag.List
	status, err := s.statusPage()
	if err == nil {
		err = out.WriteFile("status/index.html", status)
	}
	if err != nil {
		problems.Errorf("status/index.html", 0, "%v", err)
	}
	return problems
}

// buffers hold rendered pages until they are written: an Output copies
// what it keeps, so a buffer serves page after page without growing again.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (s *Site) render(ctx context.Context, out Output, pages []*Page) (int, diag.List) {
	var problems diag.List
	results := make([]error, len(pages))
	parallel(ctx, len(pages), func(i int) { results[i] = s.renderPage(out, pages[i]) })
	for i, err := range results {
		if err != nil {
			problems = append(problems, renderProblem(pages[i], err))
		}
	}
	return len(pages), problems.Fold()
}

// renderPage executes p's template and writes the page.
func (s *Site) renderPage(out Output, p *Page) error {
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := s.tmpl.ExecuteTemplate(buf, p.template, p); err != nil {
		return fmt.Errorf("rendering %s: %w", p.file(), err)
	}
	return out.WriteFile(p.file(), buf.Bytes())
}

func (s *Site) writeSitemap(out Output) diag.List {
	var problems diag.List
	if data := s.sitemap(); data != nil {
		if err := out.WriteFile("sitemap.xml", data); err != nil {
			problems.Errorf("sitemap.xml", 0, "%v", err)
		}
	}
	return problems
}

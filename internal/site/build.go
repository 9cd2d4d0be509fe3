package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"sync"
	texttemplate "text/template"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/i18n"
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

// Result is what a build made.
type Result struct {
	Pages int // pages rendered
	// Discussions are the discussions read, by slug, as the homes list
	// them: each transcript without its sections.
	Discussions []*Discussion
}

// Build renders every page of the site into out. It reads, renders and
// lets go of a few discussions at a time, keeping only their summaries.
// When ctx is done it stops within the pages being rendered, and what it
// wrote is incomplete: the caller checks ctx.
func (s *Site) Build(ctx context.Context, out Output) (Result, diag.List) {
	slugs, problems := s.Slugs()
	if problems.HasErrors() {
		return Result{}, problems
	}
	results := make([]diag.List, len(slugs))
	counts := make([]int, len(slugs))
	read := make([]*Discussion, len(slugs))
	parallel(ctx, len(slugs), func(i int) {
		d, p := s.Read(slugs[i])
		results[i] = p
		if d == nil || p.HasErrors() || ctx.Err() != nil {
			return
		}
		pages := s.DiscussionPages(d)
		for _, page := range pages {
			if err := s.renderPage(out, page); err != nil {
				results[i] = append(results[i], renderProblem(page, err))
			}
		}
		counts[i], read[i] = htmlPages(pages), d.Summary()
	})
	var r Result
	for i := range slugs {
		problems = append(problems, results[i]...)
		r.Pages += counts[i]
		if read[i] != nil {
			r.Discussions = append(r.Discussions, read[i])
		}
	}
	if ctx.Err() != nil {
		return r, problems
	}
	n, p := s.render(ctx, out, s.IndexPages(r.Discussions))
	r.Pages += n
	problems = append(problems, p...)
	for _, name := range slices.Sorted(maps.Keys(s.assets)) {
		if err := out.WriteFile(s.assetName(name), s.assets[name]); err != nil {
			problems.Errorf("templates/assets/"+name, 0, "%v", err)
		}
	}
	if s.assets["robots.txt"] == nil {
		if err := out.WriteFile("robots.txt", s.robots()); err != nil {
			problems.Errorf("robots.txt", 0, "%v", err)
		}
	}
	for _, f := range s.sitemaps(r.Discussions, sitemapMaxURLs, sitemapMaxBytes) {
		if err := out.WriteFile(f.Name, f.Data); err != nil {
			problems.Errorf(f.Name, 0, "%v", err)
		}
	}
	problems.Sort()
	return r, problems.Fold()
}

// buffers hold rendered pages until they are written: an Output copies
// what it keeps, so a buffer serves page after page without growing again.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render renders pages into out, several at a time, and reports how many
// HTML pages it rendered (feeds and downloads are not counted). A
// template's error is reported once, with the first page it broke and the
// number of others.
func (s *Site) Render(ctx context.Context, out Output, pages []*Page) (int, diag.List) {
	n, problems := s.render(ctx, out, pages)
	problems.Sort()
	return n, problems.Fold()
}

func (s *Site) render(ctx context.Context, out Output, pages []*Page) (int, diag.List) {
	var problems diag.List
	results := make([]error, len(pages))
	parallel(ctx, len(pages), func(i int) { results[i] = s.renderPage(out, pages[i]) })
	for i, err := range results {
		if err != nil {
			problems = append(problems, renderProblem(pages[i], err))
		}
	}
	return htmlPages(pages), problems
}

// renderPage executes p's template and writes the page.
func (s *Site) renderPage(out Output, p *Page) error {
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := s.execute(buf, p); err != nil {
		return fmt.Errorf("rendering %s: %w", p.File(), err)
	}
	return out.WriteFile(p.File(), buf.Bytes())
}

// execute executes p's template into buf: an HTML page with a clone of
// the HTML templates, a feed or a download with the text templates, in
// either case with T, N and Format in p's language.
func (s *Site) execute(buf *bytes.Buffer, p *Page) error {
	if isTextTemplate(p.template) {
		tmpl, err := s.textFor(p.catalog)
		if err != nil {
			return err
		}
		return tmpl.ExecuteTemplate(buf, p.template, p)
	}
	tmpl, err := s.clone(p.catalog)
	if err != nil {
		return err
	}
	defer s.release(p.catalog, tmpl)
	return tmpl.ExecuteTemplate(buf, p.template, p)
}

// clone returns a copy of the HTML templates whose T, N and Format are
// c's, for this goroutine alone until it is released. Each goroutine that
// renders has its own: a template set locks its functions for every call
// of one, and goroutines sharing one took turns on that lock, action after
// action. A few are kept for each language.
func (s *Site) clone(c *i18n.Catalog) (*template.Template, error) {
	select {
	case t := <-s.pool(c):
		return t, nil
	default:
	}
	t, err := s.tmpl.Clone()
	if err != nil {
		return nil, err
	}
	return t.Funcs(template.FuncMap(catalogFuncs(c))), nil
}

// release gives back a clone that clone returned.
func (s *Site) release(c *i18n.Catalog, t *template.Template) {
	select {
	case s.pool(c) <- t:
	default: // enough are kept
	}
}

func (s *Site) pool(c *i18n.Catalog) chan *template.Template {
	if p, ok := s.clones.Load(c); ok {
		return p.(chan *template.Template)
	}
	p, _ := s.clones.LoadOrStore(c, make(chan *template.Template, workers()))
	return p.(chan *template.Template)
}

// textFor returns the text templates with c's T, N and Format: one copy a
// language, which goroutines share.
func (s *Site) textFor(c *i18n.Catalog) (*texttemplate.Template, error) {
	if t, ok := s.texts.Load(c); ok {
		return t.(*texttemplate.Template), nil
	}
	clone, err := s.text.Clone()
	if err != nil {
		return nil, err
	}
	t, _ := s.texts.LoadOrStore(c, clone.Funcs(texttemplate.FuncMap(catalogFuncs(c))))
	return t.(*texttemplate.Template), nil
}

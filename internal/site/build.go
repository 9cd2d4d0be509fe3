package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
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
	cached := new(sync.Map)
	parallel(ctx, len(slugs), func(i int) {
		d, p := s.Read(slugs[i])
		results[i] = p
		if d == nil || p.HasErrors() || ctx.Err() != nil {
			return
		}
		pages := s.DiscussionPages(d)
		for _, page := range pages {
			if err := s.renderPage(out, page, cached); err != nil {
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
	n, p := s.render(ctx, out, s.IndexPages(r.Discussions), cached)
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
	n, problems := s.render(ctx, out, pages, new(sync.Map))
	problems.Sort()
	return n, problems.Fold()
}

// render renders pages into out; cached holds what partialCached has
// rendered so far in the build.
func (s *Site) render(ctx context.Context, out Output, pages []*Page, cached *sync.Map) (int, diag.List) {
	var problems diag.List
	results := make([]error, len(pages))
	parallel(ctx, len(pages), func(i int) { results[i] = s.renderPage(out, pages[i], cached) })
	for i, err := range results {
		if err != nil {
			problems = append(problems, renderProblem(pages[i], err))
		}
	}
	return htmlPages(pages), problems
}

// renderPage executes p's template and writes the page.
func (s *Site) renderPage(out Output, p *Page, cached *sync.Map) error {
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := s.execute(buf, p, cached); err != nil {
		return fmt.Errorf("rendering %s: %w", p.File(), err)
	}
	return out.WriteFile(p.File(), buf.Bytes())
}

// execute executes p's template into buf: an HTML page with a copy of
// the HTML templates, a feed or a download with the text templates, in
// either case with T, N and Format in p's language.
func (s *Site) execute(buf *bytes.Buffer, p *Page, cached *sync.Map) error {
	if isTextTemplate(p.template) {
		tmpl, err := s.textFor(p.catalog)
		if err != nil {
			return err
		}
		return tmpl.ExecuteTemplate(buf, p.template, p)
	}
	r, err := s.renderer(p.catalog)
	if err != nil {
		return err
	}
	defer s.release(p.catalog, r)
	r.cached = cached
	return r.tmpl.ExecuteTemplate(buf, p.template, p)
}

// renderer is a copy of the HTML templates, which one goroutine renders
// with at a time: a template set locks its functions for every call of
// one, and goroutines sharing one took turns on that lock, action after
// action. Its T, N and Format are in one language, and its partialCached
// keeps what it renders in the build under way's cache.
type renderer struct {
	tmpl   *template.Template
	cached *sync.Map // partialCached's results: cacheKey → template.HTML
}

// renderer returns a renderer in c's language, for this goroutine alone
// until it is released. A few are kept for each language.
func (s *Site) renderer(c *i18n.Catalog) (*renderer, error) {
	select {
	case r := <-s.pool(c):
		return r, nil
	default:
	}
	t, err := s.tmpl.Clone()
	if err != nil {
		return nil, err
	}
	r := &renderer{tmpl: t}
	fm := catalogFuncs(c)
	fm["partialCached"] = r.partialCached
	t.Funcs(template.FuncMap(fm))
	return r, nil
}

// release gives back a renderer that renderer returned.
func (s *Site) release(c *i18n.Catalog, r *renderer) {
	r.cached = nil
	select {
	case s.pool(c) <- r:
	default: // enough are kept
	}
}

// partialCached is the template function: the template name executed
// with data, as HTML, rendered once in a build for each set of variants
// (as Hugo's partialCached). Every page that calls it with the same name
// and variants gets what the first one rendered, whatever its data and
// its language: the variants must tell apart whatever the output depends
// on.
func (r *renderer) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	key := cacheKey(name, variants)
	if h, ok := r.cached.Load(key); ok {
		return h.(template.HTML), nil
	}
	var b strings.Builder
	if err := r.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	h, _ := r.cached.LoadOrStore(key, template.HTML(b.String()))
	return h.(template.HTML), nil
}

// cacheKey is partialCached's key for name and variants: their values
// printed, each after a NUL (which no template name, path or slug holds).
func cacheKey(name string, variants []any) string {
	var b strings.Builder
	b.WriteString(name)
	for _, v := range variants {
		b.WriteByte(0)
		fmt.Fprint(&b, v)
	}
	return b.String()
}

func (s *Site) pool(c *i18n.Catalog) chan *renderer {
	if p, ok := s.clones.Load(c); ok {
		return p.(chan *renderer)
	}
	p, _ := s.clones.LoadOrStore(c, make(chan *renderer, workers()))
	return p.(chan *renderer)
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

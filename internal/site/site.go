// Package site builds a rosetta site: site.toml, content/, i18n/ and
// templates/ in, the pages of every language out.
//
// Layout of the output, for a language with code <lang> and a transcript
// folder content/<slug>/:
//
//	index.html              language chooser, the x-default
//	<lang>/index.html       the language's home: its transcripts
//	<lang>/<slug>/index.html a transcript in that language
//	404.html, sitemap.xml, robots.txt, and the files of templates/assets/
//
// Every link between pages is relative, so the output works at a domain
// root and under a sub-path.
package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/i18n"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// Site is a loaded site, ready to render.
type Site struct {
	Config      *Config
	Catalogs    map[string]*i18n.Catalog // by language code
	Discussions []*Discussion            // by slug

	tmpl   *template.Template
	assets map[string][]byte // templates/assets/<name> → <name> in the output
}

// Discussion is one transcript folder: the same discussion in each language
// it has been written in.
type Discussion struct {
	Slug     string
	Versions map[string]*transcript.Transcript // by language code
}

// Original returns the version in the site's original language.
func (d *Discussion) Original(s *Site) *transcript.Transcript {
	return d.Versions[s.Config.Original]
}

// Options change how a site loads.
type Options struct {
	BaseURL string // overrides site.toml's baseURL when set
}

// Load reads a site from fsys, whose root is the site root. It returns the
// site and every problem found; the site is nil when there is an error.
func Load(fsys fs.FS, opts Options) (*Site, diag.List) {
	var problems diag.List
	src, err := fs.ReadFile(fsys, configFile)
	if err != nil {
		problems.Errorf(configFile, 0, "cannot read the site configuration: %v", err)
		return nil, problems
	}
	cfg, p := parseConfig(src, opts.BaseURL)
	problems = append(problems, p...)
	if problems.HasErrors() {
		return nil, problems
	}
	s := &Site{Config: cfg}
	problems = append(problems, s.loadCatalogs(fsys)...)
	problems = append(problems, s.loadTemplates(fsys)...)
	problems = append(problems, s.loadContent(fsys)...)
	problems.Sort()
	if problems.HasErrors() {
		return nil, problems
	}
	return s, problems
}

func (s *Site) loadCatalogs(fsys fs.FS) diag.List {
	var problems diag.List
	s.Catalogs = map[string]*i18n.Catalog{}
	for _, l := range s.Config.Languages {
		name := "i18n/" + l.Code + ".toml"
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems.Errorf(name, 0, "language %s (site.toml) has no UI strings file: %v", l.Code, err)
			continue
		}
		c, p := i18n.Parse(l.Code, name, l.tag, src)
		problems = append(problems, p...)
		if c != nil {
			s.Catalogs[l.Code] = c
		}
	}
	original := s.Catalogs[s.Config.Original]
	if original == nil {
		return problems
	}
	for _, l := range s.Config.Languages {
		if c := s.Catalogs[l.Code]; c != nil {
			problems = append(problems, c.Check(original)...)
		}
	}
	return problems
}

func (s *Site) loadTemplates(fsys fs.FS) diag.List {
	var problems diag.List
	s.tmpl = template.New("").Funcs(funcs)
	names, _ := fs.Glob(fsys, "templates/*.html")
	if len(names) == 0 {
		problems.Errorf("templates", 0, "no templates (templates/*.html)")
		return problems
	}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err == nil {
			_, err = s.tmpl.New(path.Base(name)).Parse(string(src))
		}
		if err != nil {
			problems.Errorf(name, 0, "%v", err)
		}
	}
	for _, page := range []string{"transcript.html", "home.html", "root.html", "404.html"} {
		if s.tmpl.Lookup(page) == nil {
			problems.Errorf("templates/"+page, 0, "missing template")
		}
	}
	s.assets = map[string][]byte{}
	err := fs.WalkDir(fsys, "templates/assets", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		s.assets[strings.TrimPrefix(name, "templates/assets/")] = data
		return nil
	})
	if err != nil && !isNotExist(err) {
		problems.Errorf("templates/assets", 0, "%v", err)
	}
	return problems
}

func (s *Site) loadContent(fsys fs.FS) diag.List {
	var problems diag.List
	entries, err := fs.ReadDir(fsys, "content")
	if err != nil {
		problems.Errorf("content", 0, "cannot read the content folder: %v", err)
		return problems
	}
	type job struct {
		d    *Discussion
		code string
		name string
	}
	var jobs []job
	for _, e := range entries {
		if !e.IsDir() {
			if !strings.HasPrefix(e.Name(), ".") {
				problems.Warnf("content/"+e.Name(), 0, "not in a transcript folder: ignored")
			}
			continue
		}
		slug := e.Name()
		if !validCode(slug) {
			problems.Errorf("content/"+slug, 0, "folder name %q: a transcript slug is lower-case ASCII letters, digits and hyphens", slug)
			continue
		}
		d := &Discussion{Slug: slug, Versions: map[string]*transcript.Transcript{}}
		files, err := fs.ReadDir(fsys, "content/"+slug)
		if err != nil {
			problems.Errorf("content/"+slug, 0, "%v", err)
			continue
		}
		for _, f := range files {
			name := "content/" + slug + "/" + f.Name()
			code, ok := strings.CutPrefix(f.Name(), "index.")
			code, isMD := strings.CutSuffix(code, ".md")
			switch {
			case strings.HasPrefix(f.Name(), "."):
				continue
			case !ok || !isMD:
				problems.Warnf(name, 0, "not a transcript file (index.<lang>.md): ignored")
				continue
			case s.Config.Language(code) == nil:
				problems.Errorf(name, 0, "language %q is not in site.toml", code)
				continue
			case !f.Type().IsRegular():
				problems.Errorf(name, 0, "not a regular file")
				continue
			}
			jobs = append(jobs, job{d, code, name})
		}
		s.Discussions = append(s.Discussions, d)
	}

	results := make([]diag.List, len(jobs))
	versions := make([]*transcript.Transcript, len(jobs))
	parsers := map[string]*transcript.Parser{}
	for _, l := range s.Config.Languages {
		parsers[l.Code] = transcript.NewParser(l.quotes())
	}
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		src, err := fs.ReadFile(fsys, j.name)
		if err != nil {
			results[i].Errorf(j.name, 0, "%v", err)
			return
		}
		versions[i], results[i] = parsers[j.code].Parse(j.name, src)
	})
	for i, j := range jobs {
		problems = append(problems, results[i]...)
		if versions[i] != nil {
			j.d.Versions[j.code] = versions[i]
		}
	}
	if problems.HasErrors() {
		return problems
	}
	for _, d := range s.Discussions {
		original := d.Original(s)
		if original == nil {
			problems.Errorf("content/"+d.Slug, 0, "no index.%s.md: the original language (site.toml) is missing", s.Config.Original)
			continue
		}
		for _, code := range sortedCodes(d.Versions) {
			if v := d.Versions[code]; v != original {
				if diff := transcript.Compare(original, v); diff != nil {
					diff.Severity = diag.Warning
					diff.Msg = "not aligned with the original: " + diff.Msg
					problems = append(problems, *diff)
				}
			}
		}
	}
	return problems
}

func sortedCodes[V any](m map[string]V) []string {
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// parallel calls f(0) … f(n-1) on as many goroutines as there are jobs, at
// most 2 × the number of cores at a time.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers())
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			f(i)
		}()
	}
	wg.Wait()
}

// Output receives the built files.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Build renders every page of the site into out and reports how many pages
// it wrote.
func (s *Site) Build(out Output) (int, diag.List) {
	var problems diag.List
	pages := s.pages()
	results := make([]error, len(pages))
	parallel(len(pages), func(i int) {
		var buf bytes.Buffer
		p := pages[i]
		if err := s.tmpl.ExecuteTemplate(&buf, p.template, p); err != nil {
			results[i] = fmt.Errorf("rendering %s: %w", p.file(), err)
			return
		}
		results[i] = out.WriteFile(p.file(), buf.Bytes())
	})
	for i, err := range results {
		if err != nil {
			problems.Errorf("templates/"+pages[i].template, 0, "%v", err)
		}
	}
	for _, name := range sortedCodes(s.assets) {
		if err := out.WriteFile(name, s.assets[name]); err != nil {
			problems.Errorf("templates/assets/"+name, 0, "%v", err)
		}
	}
	for name, data := range map[string][]byte{"sitemap.xml": s.sitemap(pages), "robots.txt": s.robots()} {
		if data == nil {
			continue
		}
		if err := out.WriteFile(name, data); err != nil {
			problems.Errorf(name, 0, "%v", err)
		}
	}
	return len(pages), problems
}

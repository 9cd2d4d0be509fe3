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
	"maps"
	"path"
	"slices"
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

	stream fs.FS // set when Build reads the transcripts (Options.Stream)

	tmpl    *template.Template
	assets  map[string][]byte             // templates/assets/<name> → <name> in the output
	parsers map[string]*transcript.Parser // by language code
}

// Discussion is one transcript folder: the same discussion in each language
// it has been written in.
type Discussion struct {
	Slug     string
	Versions map[string]*transcript.Transcript // by language code

	files map[string]string // the transcript files, by language code
}

func (d *Discussion) has(code string) bool { return d.Versions[code] != nil }

// Original returns the version in the site's original language.
func (d *Discussion) Original(s *Site) *transcript.Transcript {
	return d.Versions[s.Config.Original]
}

// KindDrift marks a translation that is not aligned with its original: a
// warning for build, an error for check.
const KindDrift = "drift"

// Options change how a site loads.
type Options struct {
	BaseURL string // overrides site.toml's baseURL when set
	// Local drops the base URL, for a preview: every URL is relative and
	// no sitemap is written.
	Local bool
	// Stream defers reading the transcripts to Build, which reads, renders
	// and lets go of one transcript folder at a time, so that memory does
	// not grow with the site. Load then reports no content problem; Build
	// does.
	Stream bool
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
	if opts.Local {
		cfg.BaseURL = ""
	}
	s := &Site{Config: cfg, parsers: map[string]*transcript.Parser{}}
	for _, l := range cfg.Languages {
		s.parsers[l.Code] = transcript.NewParser(l.quotes())
	}
	problems = append(problems, s.loadCatalogs(fsys)...)
	problems = append(problems, s.loadTemplates(fsys)...)
	if opts.Stream {
		s.stream = fsys
	}
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
	var slugs []string
	for _, e := range entries {
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.Type()&fs.ModeSymlink != 0:
			problems.Warnf("content/"+e.Name(), 0, "a symbolic link: ignored (a transcript is a folder inside content/)")
		case !e.IsDir():
			problems.Warnf("content/"+e.Name(), 0, "not in a transcript folder: ignored")
		default:
			slugs = append(slugs, e.Name())
		}
	}
	load := s.loadDiscussions
	if s.stream != nil {
		load = s.listDiscussions
	}
	ds, p := load(fsys, slugs)
	s.Discussions = ds
	return append(problems, p...)
}

// listDiscussions finds the transcript files of the folders
// content/<slug>/, without reading them. A folder with no transcript file
// yields none.
func (s *Site) listDiscussions(fsys fs.FS, slugs []string) ([]*Discussion, diag.List) {
	var problems diag.List
	var discussions []*Discussion
	for _, slug := range slugs {
		if !validCode(slug) {
			problems.Errorf("content/"+slug, 0, "folder name %q: a transcript slug is lower-case ASCII letters, digits and hyphens", slug)
			continue
		}
		files, err := fs.ReadDir(fsys, "content/"+slug)
		if isNotExist(err) {
			continue
		}
		if err != nil {
			problems.Errorf("content/"+slug, 0, "%v", err)
			continue
		}
		d := &Discussion{Slug: slug, Versions: map[string]*transcript.Transcript{}, files: map[string]string{}}
		for _, f := range files {
			name := "content/" + slug + "/" + f.Name()
			code, ok := strings.CutPrefix(f.Name(), "index.")
			code, isMD := strings.CutSuffix(code, ".md")
			switch {
			case strings.HasPrefix(f.Name(), ".") || IsEditorFile(f.Name()):
				continue
			case !ok || !isMD:
				problems.Warnf(name, 0, "not a transcript file (index.<lang>.md): ignored")
				continue
			case s.Config.Language(code) == nil:
				problems.Errorf(name, 0, "language %q is not in site.toml", code)
				continue
			case !f.Type().IsRegular():
				problems.Errorf(name, 0, "not a regular file (a symbolic link?): a transcript is a file inside content/")
				continue
			}
			d.files[code] = name
		}
		if len(d.files) == 0 {
			continue // an empty folder, or one being created
		}
		if d.files[s.Config.Original] == "" {
			problems.Errorf("content/"+slug, 0, "no index.%s.md: the original language (site.toml) is missing", s.Config.Original)
			continue
		}
		discussions = append(discussions, d)
	}
	return discussions, problems
}

// loadDiscussions reads the transcript folders content/<slug>/, parsing all
// their files in parallel.
func (s *Site) loadDiscussions(fsys fs.FS, slugs []string) ([]*Discussion, diag.List) {
	discussions, problems := s.listDiscussions(fsys, slugs)
	type job struct {
		d    *Discussion
		code string
	}
	var jobs []job
	for _, d := range discussions {
		for _, code := range slices.Sorted(maps.Keys(d.files)) {
			jobs = append(jobs, job{d, code})
		}
	}
	results := make([]diag.List, len(jobs))
	versions := make([]*transcript.Transcript, len(jobs))
	parallel(len(jobs), func(i int) {
		versions[i], results[i] = s.parse(fsys, jobs[i].d, jobs[i].code)
	})
	for i, j := range jobs {
		problems = append(problems, results[i]...)
		if versions[i] != nil {
			j.d.Versions[j.code] = versions[i]
		}
	}
	if problems.HasErrors() {
		return nil, problems
	}
	for _, d := range discussions {
		problems = append(problems, drift(d.Original(s), d)...)
	}
	return discussions, problems
}

// parse reads one version of a transcript.
func (s *Site) parse(fsys fs.FS, d *Discussion, code string) (*transcript.Transcript, diag.List) {
	name := d.files[code]
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		var problems diag.List
		problems.Errorf(name, 0, "%v", err)
		return nil, problems
	}
	return s.parsers[code].Parse(name, src)
}

// drift warns of each version of d that is not aligned with original.
func drift(original *transcript.Transcript, d *Discussion) diag.List {
	var problems diag.List
	for _, code := range slices.Sorted(maps.Keys(d.Versions)) {
		if v := d.Versions[code]; v != original {
			if diff := transcript.Compare(original, v); diff != nil {
				diff.Severity, diff.Kind = diag.Warning, KindDrift
				diff.Msg = "not aligned with the original: " + diff.Msg
				problems = append(problems, *diff)
			}
		}
	}
	return problems
}

// Reload returns a copy of s in which the transcript folders slugs are read
// again from fsys (added, changed or gone); the rest is shared with s.
func (s *Site) Reload(fsys fs.FS, slugs []string) (*Site, diag.List) {
	fresh, problems := s.loadDiscussions(fsys, slugs)
	problems.Sort()
	if problems.HasErrors() {
		return nil, problems
	}
	replaced := map[string]bool{}
	for _, slug := range slugs {
		replaced[slug] = true
	}
	next := *s
	next.Discussions = fresh
	for _, d := range s.Discussions {
		if !replaced[d.Slug] {
			next.Discussions = append(next.Discussions, d)
		}
	}
	sort.Slice(next.Discussions, func(i, j int) bool { return next.Discussions[i].Slug < next.Discussions[j].Slug })
	return &next, problems
}

// ReloadVersions returns a copy of s in which the versions codes of the
// transcript folder slug are read again from fsys; the rest is shared with
// s. same reports whether the folder still has the same languages, in which
// case only those versions' pages and homes change.
func (s *Site) ReloadVersions(fsys fs.FS, slug string, codes []string) (next *Site, same bool, problems diag.List) {
	index := -1
	for i, d := range s.Discussions {
		if d.Slug == slug {
			index = i
		}
	}
	if index < 0 {
		next, problems = s.Reload(fsys, []string{slug})
		return next, false, problems
	}
	old := s.Discussions[index]
	d := &Discussion{Slug: slug, Versions: make(map[string]*transcript.Transcript, len(old.Versions)), files: map[string]string{}}
	for code, v := range old.Versions {
		d.Versions[code] = v
		d.files[code] = old.files[code]
	}
	same = true
	for _, code := range codes {
		name := "content/" + slug + "/index." + code + ".md"
		src, err := fs.ReadFile(fsys, name)
		switch {
		case isNotExist(err):
			same = same && d.Versions[code] == nil
			delete(d.Versions, code)
			delete(d.files, code)
			continue
		case err != nil:
			problems.Errorf(name, 0, "%v", err)
			continue
		case s.parsers[code] == nil:
			problems.Errorf(name, 0, "language %q is not in site.toml", code)
			continue
		}
		v, p := s.parsers[code].Parse(name, src)
		problems = append(problems, p...)
		same = same && d.Versions[code] != nil
		d.Versions[code], d.files[code] = v, name
	}
	if problems.HasErrors() {
		return nil, false, problems
	}
	original := d.Original(s)
	if original == nil {
		problems.Errorf("content/"+slug, 0, "no index.%s.md: the original language (site.toml) is missing", s.Config.Original)
		return nil, false, problems
	}
	problems = append(problems, drift(original, d)...)
	n := *s
	n.Discussions = append([]*Discussion{}, s.Discussions...)
	n.Discussions[index] = d
	return &n, same, problems
}

// IsEditorFile reports whether the file name is an editor's temporary or
// backup file, never a source: vim's swap files and 4913 probe, backups
// ending in ~, Emacs lock files, JetBrains' safe-write files.
func IsEditorFile(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || name == "4913" ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___")
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

// Output receives the built files. WriteFile may be called from several
// goroutines at once, and must not keep data after it returns: the buffer
// is reused.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Build renders every page of the site into out and reports how many pages
// it wrote.
func (s *Site) Build(out Output) (int, diag.List) {
	var problems diag.List
	n := 0
	if s.stream != nil {
		n, problems = s.buildStream(out)
		if problems.HasErrors() {
			return n, problems
		}
	}
	all := s.pages()
	pages := all
	if s.stream != nil { // the transcript pages are written
		pages = slices.DeleteFunc(slices.Clone(all), func(p *Page) bool { return p.Kind() == "transcript" })
	}
	m, p := s.render(out, pages)
	n += m
	problems = append(problems, p...)
	for _, name := range slices.Sorted(maps.Keys(s.assets)) {
		if err := out.WriteFile(name, s.assets[name]); err != nil {
			problems.Errorf("templates/assets/"+name, 0, "%v", err)
		}
	}
	if status, err := s.statusPage(); err != nil {
		problems.Errorf("status/index.html", 0, "%v", err)
	} else if err := out.WriteFile("status/index.html", status); err != nil {
		problems.Errorf("status/index.html", 0, "%v", err)
	}
	if robots := s.robots(); robots != nil {
		if err := out.WriteFile("robots.txt", robots); err != nil {
			problems.Errorf("robots.txt", 0, "%v", err)
		}
	}
	return n, append(problems, s.writeSitemap(out, all)...)
}

// buildStream reads each transcript folder, renders its pages, and keeps
// only what the homes and the status page need (titles, speakers, the
// shape of the turns), a few folders at a time.
func (s *Site) buildStream(out Output) (int, diag.List) {
	results := make([]diag.List, len(s.Discussions))
	counts := make([]int, len(s.Discussions))
	parallel(len(s.Discussions), func(i int) {
		d := s.Discussions[i]
		for _, code := range slices.Sorted(maps.Keys(d.files)) {
			v, p := s.parse(s.stream, d, code)
			results[i] = append(results[i], p...)
			if v != nil {
				d.Versions[code] = v
			}
		}
		if results[i].HasErrors() {
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
	return n, problems
}

func (s *Site) renderAppend(out Output, pages []*Page, problems diag.List) (int, diag.List) {
	var buf bytes.Buffer
	for _, p := range pages {
		buf.Reset()
		if err := s.tmpl.ExecuteTemplate(&buf, p.template, p); err != nil {
			problems.Errorf("templates/"+p.template, 0, "rendering %s: %v", p.file(), err)
			continue
		}
		if err := out.WriteFile(p.file(), buf.Bytes()); err != nil {
			problems.Errorf(p.file(), 0, "%v", err)
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
	n, problems := s.render(out, pages)
	if status, err := s.statusPage(); err != nil {
		problems.Errorf("status/index.html", 0, "%v", err)
	} else if err := out.WriteFile("status/index.html", status); err != nil {
		problems.Errorf("status/index.html", 0, "%v", err)
	}
	return n, problems
}

// buffers hold rendered pages until they are written: an Output copies
// what it keeps, so a buffer serves page after page without growing again.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (s *Site) render(out Output, pages []*Page) (int, diag.List) {
	var problems diag.List
	results := make([]error, len(pages))
	parallel(len(pages), func(i int) {
		buf := buffers.Get().(*bytes.Buffer)
		defer buffers.Put(buf)
		buf.Reset()
		p := pages[i]
		if err := s.tmpl.ExecuteTemplate(buf, p.template, p); err != nil {
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
	return len(pages), problems
}

func (s *Site) writeSitemap(out Output, pages []*Page) diag.List {
	var problems diag.List
	if data := s.sitemap(pages); data != nil {
		if err := out.WriteFile("sitemap.xml", data); err != nil {
			problems.Errorf("sitemap.xml", 0, "%v", err)
		}
	}
	return problems
}

package site

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/i18n"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// ReadConfig reads site.toml at the root of fsys; baseURL, unless empty,
// replaces its base URL. The configuration is for use only when the
// problems hold no error.
func ReadConfig(fsys fs.FS, baseURL string) (*Config, diag.List) {
	src, err := readSource(fsys, configFile, MaxSourceSize)
	if err != nil {
		var problems diag.List
		problems.Errorf(configFile, 0, "cannot read the site configuration: %v", err)
		return nil, problems
	}
	return parseConfig(src, baseURL)
}

// Load reads a site from fsys, whose root is the site root. It returns the
// site and every problem found; the site is nil when there is an error, or
// when ctx ended before it was read.
func Load(ctx context.Context, fsys fs.FS, opts Options) (*Site, diag.List) {
	cfg, problems := ReadConfig(fsys, opts.BaseURL)
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
	problems = append(problems, s.loadContent(ctx, fsys)...)
	problems.Sort()
	if problems.HasErrors() || ctx.Err() != nil {
		return nil, problems
	}
	return s, problems
}

func (s *Site) loadCatalogs(fsys fs.FS) diag.List {
	var problems diag.List
	s.Catalogs = map[string]*i18n.Catalog{}
	for _, l := range s.Config.Languages {
		name := "i18n/" + l.Code + ".toml"
		src, err := readSource(fsys, name, MaxSourceSize)
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
		src, err := readSource(fsys, name, MaxSourceSize)
		if err != nil {
			problems.Errorf(name, 0, "%v", err)
			continue
		}
		if _, err := s.tmpl.New(path.Base(name)).Parse(string(src)); err != nil {
			problems = append(problems, templateProblem(err, name))
		}
	}
	for _, page := range []string{"transcript.html", "home.html", "root.html", "404.html"} {
		if s.tmpl.Lookup(page) == nil {
			problems.Errorf("templates/"+page, 0, "missing template")
		}
	}
	problems = append(problems, s.loadAssets(fsys)...)
	return append(problems, s.Config.assetClashes(s.assets)...)
}

func (s *Site) loadContent(ctx context.Context, fsys fs.FS) diag.List {
	var problems diag.List
	entries, err := fs.ReadDir(fsys, "content")
	if err != nil {
		problems.Errorf("content", 0, "cannot read the content folder: %v", sourceError(fsys, "content", err))
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
	var ds []*Discussion
	var p diag.List
	if s.stream != nil {
		ds, p = s.listDiscussions(fsys, slugs)
	} else {
		ds, p = s.loadDiscussions(ctx, fsys, slugs)
	}
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
			case IsEditorFile(f.Name()): // dot-files too
				continue
			case !ok || !isMD:
				problems.Warnf(name, 0, "not a transcript file (index.<lang>.md): ignored")
				continue
			}
			if msg := s.versionProblem(code, f.Type()); msg != "" {
				problems.Errorf(name, 0, "%s", msg)
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

// versionProblem says what makes a file of type typ, named for language
// code, no transcript file; "" if nothing.
func (s *Site) versionProblem(code string, typ fs.FileMode) string {
	switch {
	case s.Config.Language(code) == nil:
		return fmt.Sprintf("language %q is not in site.toml", code)
	case !typ.IsRegular():
		return notRegular(typ) + ": a transcript is a file inside content/"
	}
	return ""
}

// loadDiscussions reads the transcript folders content/<slug>/, parsing all
// their files in parallel.
func (s *Site) loadDiscussions(ctx context.Context, fsys fs.FS, slugs []string) ([]*Discussion, diag.List) {
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
	parallel(ctx, len(jobs), func(i int) {
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
	src, err := readSource(fsys, name, MaxSourceSize)
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
	fresh, problems := s.loadDiscussions(context.Background(), fsys, slugs)
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
// transcript folder slug are read again from fsys (nil codes: the whole
// folder); the rest is shared with s. same reports whether the folder
// still has the same languages, in which case only those versions' pages
// and homes change.
func (s *Site) ReloadVersions(fsys fs.FS, slug string, codes []string) (next *Site, same bool, problems diag.List) {
	index := -1
	for i, d := range s.Discussions {
		if d.Slug == slug {
			index = i
		}
	}
	if index < 0 || codes == nil {
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
		info, err := fs.Lstat(fsys, name)
		switch {
		case isNotExist(err):
			same = same && d.Versions[code] == nil
			delete(d.Versions, code)
			delete(d.files, code)
			continue
		case err != nil:
			problems.Errorf(name, 0, "%v", err)
			continue
		}
		if msg := s.versionProblem(code, info.Mode().Type()); msg != "" {
			problems.Errorf(name, 0, "%s", msg)
			continue
		}
		same = same && d.Versions[code] != nil
		d.files[code] = name
		v, p := s.parse(fsys, d, code)
		problems = append(problems, p...)
		d.Versions[code] = v
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

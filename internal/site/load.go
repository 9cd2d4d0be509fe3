package site

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/i18n"
	"github.com/rosetta-ssg/rosetta/internal/provenance"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
	"github.com/rosetta-ssg/rosetta/internal/worddiff"
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

// Load reads what every page of the site in fsys needs: site.toml, the UI
// strings and the templates. The discussions are read by Build. It returns
// the site and every problem found; the site is nil when there is an
// error.
func Load(ctx context.Context, fsys fs.FS, opts Options) (*Site, diag.List) {
	cfg, problems := ReadConfig(fsys, opts.BaseURL)
	if problems.HasErrors() {
		return nil, problems
	}
	if opts.Local {
		cfg.BaseURL = ""
	}
	s := &Site{Config: cfg, fsys: fsys, parsers: map[string]*transcript.Parser{}}
	for _, l := range cfg.Languages {
		s.parsers[l.Code] = transcript.NewParser(l.quotes())
	}
	problems = append(problems, s.loadCatalogs(fsys)...)
	problems = append(problems, s.loadTemplates(fsys)...)
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
	problems = append(problems, parseTemplates(fsys, names, func(name, src string) error {
		_, err := s.tmpl.New(name).Parse(src)
		return err
	})...)
	for _, page := range []string{"transcript.html", "home.html", "root.html", "404.html"} {
		if s.tmpl.Lookup(page) == nil {
			problems.Errorf("templates/"+page, 0, "missing template")
		}
	}
	problems = append(problems, s.loadTextTemplates(fsys)...)
	problems = append(problems, s.loadAssets(fsys)...)
	problems = append(problems, s.Config.missingImage(s.assets)...)
	return append(problems, s.Config.assetClashes(s.assets)...)
}

// parseTemplates reads each template file of names and gives parse its
// base name and text; a file that cannot be read or parsed is a problem at
// its line.
func parseTemplates(fsys fs.FS, names []string, parse func(name, src string) error) diag.List {
	var problems diag.List
	for _, name := range names {
		src, err := readSource(fsys, name, MaxSourceSize)
		if err != nil {
			problems.Errorf(name, 0, "%v", err)
			continue
		}
		if err := parse(path.Base(name), string(src)); err != nil {
			problems = append(problems, templateProblem(err, name))
		}
	}
	return problems
}

// Slugs lists the discussions of the site: the folders of content/, in
// order. Anything else there is a warning.
func (s *Site) Slugs() ([]string, diag.List) {
	var problems diag.List
	entries, err := fs.ReadDir(s.fsys, "content")
	if err != nil {
		problems.Errorf("content", 0, "cannot read the content folder: %v", sourceError(s.fsys, "content", err))
		return nil, problems
	}
	var slugs []string
	for _, e := range entries {
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.Type()&fs.ModeSymlink != 0:
			problems.Warnf("content/"+e.Name(), 0, "a symbolic link: ignored (a discussion is a folder inside content/)")
		case !e.IsDir():
			problems.Warnf("content/"+e.Name(), 0, "not in a discussion's folder: ignored")
		default:
			slugs = append(slugs, e.Name())
		}
	}
	return slugs, problems
}

// Read reads the discussion content/<slug>/: each of its transcripts, and
// whether each translation is aligned with the original. It returns nil
// and no error when the folder is gone or has no transcript yet.
func (s *Site) Read(slug string) (*Discussion, diag.List) {
	var problems diag.List
	dir := "content/" + slug
	if !validCode(slug) {
		problems.Errorf(dir, 0, "folder name %q: a discussion's slug is lower-case ASCII letters, digits and hyphens", slug)
		return nil, problems
	}
	if slug == pagesFolder {
		problems.Errorf(dir, 0, "folder name %q: <lang>/%s/ holds the pages of each language's home after the first: rename the discussion", slug, pagesFolder)
		return nil, problems
	}
	if slug == searchFolder && s.hasSearch() {
		problems.Errorf(dir, 0, "folder name %q: <lang>/%s/ is each language's search page: rename the discussion", slug, searchFolder)
		return nil, problems
	}
	files, err := fs.ReadDir(s.fsys, dir)
	if isNotExist(err) {
		return nil, nil
	}
	if err != nil {
		problems.Errorf(dir, 0, "%v", err)
		return nil, problems
	}
	d := &Discussion{Slug: slug, Transcripts: map[string]*transcript.Transcript{}}
	names := map[string]string{}
	var records []string
	for _, f := range files {
		name := dir + "/" + f.Name()
		code, ok := strings.CutPrefix(f.Name(), "index.")
		code, isMD := strings.CutSuffix(code, ".md")
		switch {
		case IsEditorFile(f.Name()): // dot-files too
			continue
		case strings.HasSuffix(f.Name(), provenance.Suffix): // read with its translation
			records = append(records, name)
			continue
		case !ok || !isMD:
			problems.Warnf(name, 0, "not a transcript (index.<lang>.md): ignored")
			continue
		}
		if msg := s.transcriptProblem(code, f.Type()); msg != "" {
			problems.Errorf(name, 0, "%s", msg)
			continue
		}
		names[code] = name
	}
	for _, r := range records {
		md := strings.TrimSuffix(r, provenance.Suffix) + ".md"
		if !slices.Contains(slices.Collect(maps.Values(names)), md) {
			problems.Warnf(r, 0, "a translation's record, but %s is not here: ignored", path.Base(md))
		}
	}
	if len(names) == 0 {
		return nil, problems // an empty folder, or one being created
	}
	if names[s.Config.Original] == "" {
		problems.Errorf(dir, 0, "no index.%s.md: the original language (site.toml) is missing", s.Config.Original)
		return nil, problems
	}
	codes := slices.Sorted(maps.Keys(names))
	read := make([]*transcript.Transcript, len(codes))
	results := make([]diag.List, len(codes))
	parallel(context.Background(), len(codes), func(i int) {
		read[i], results[i] = s.parse(names[codes[i]], codes[i])
	})
	for i, code := range codes {
		problems = append(problems, results[i]...)
		if read[i] != nil {
			d.Transcripts[code] = read[i]
		}
	}
	if problems.HasErrors() {
		return nil, problems
	}
	return d, append(problems, s.align(d, records)...)
}

// transcriptProblem says what makes a file of type typ, named for language
// code, no transcript file; "" if nothing.
func (s *Site) transcriptProblem(code string, typ fs.FileMode) string {
	switch {
	case s.Config.Language(code) == nil:
		return fmt.Sprintf("language %q is not in site.toml", code)
	case !typ.IsRegular():
		return notRegular(typ) + ": a transcript is a file inside content/"
	}
	return ""
}

// parse reads one transcript.
func (s *Site) parse(name, code string) (*transcript.Transcript, diag.List) {
	src, err := readSource(s.fsys, name, MaxSourceSize)
	if err != nil {
		var problems diag.List
		problems.Errorf(name, 0, "%v", err)
		return nil, problems
	}
	return s.parsers[code].Parse(name, src)
}

// align pairs the turns of each translation of d with the original's,
// reading its record (records are those the discussion's folder holds, so
// that a translation without one costs no look for it), and warns of each translation that has drifted from
// the original, each stale turn and each missing one.
func (s *Site) align(d *Discussion, records []string) diag.List {
	var problems diag.List
	original := d.Original(s)
	d.Alignments = map[string]*provenance.Alignment{}
	d.Progress = map[string]*Progress{}
	// What changed in an original turn since a translation was made is the
	// same for every translation made from the same wording: diffed once.
	changes := map[string][]worddiff.Op{}
	change := func(t provenance.Turn) []worddiff.Op {
		key := t.Original.ID + " " + t.Recorded.From
		ops, ok := changes[key]
		if !ok {
			ops = worddiff.Diff(strings.Join(t.Was, "\n\n"), blocksText(t.Original.Source))
			changes[key] = ops
		}
		return ops
	}
	for _, code := range slices.Sorted(maps.Keys(d.Transcripts)) {
		tr := d.Transcripts[code]
		if tr == original {
			continue
		}
		var rec *provenance.Record
		if name := provenance.RecordPath(tr.Path); slices.Contains(records, name) {
			var bad diag.List
			rec, bad = provenance.Read(s.fsys, name)
			problems = append(problems, bad...)
		}
		a, diff := provenance.Align(original, tr, rec)
		if diff != nil {
			diff.Severity, diff.Kind = diag.Warning, KindDrift
			diff.Msg = "not aligned with the original: " + diff.Msg
			problems = append(problems, *diff)
			continue
		}
		d.Alignments[code] = a
		d.Progress[code] = progress(d.Slug, a, change)
		problems = append(problems, turnProblems(a, change)...)
	}
	return problems
}

// turnProblems warns of each turn of a that is stale or missing, saying
// what changed in the original of a stale one.
func turnProblems(a *provenance.Alignment, change func(provenance.Turn) []worddiff.Op) diag.List {
	var problems diag.List
	next := 1 // a missing turn's line: where it would go
	for _, sec := range a.Sections {
		for _, t := range sec {
			o := t.Original
			switch t.State {
			case provenance.Stale:
				ops := change(t)
				problems = append(problems, diag.Diagnostic{Path: a.Translation.Path, Line: t.Translation.Line, Severity: diag.Warning, Kind: KindStale,
					Msg: fmt.Sprintf("turn %s (%s) is stale: the original (%s:%d) has changed since it was translated: %s", o.ID, o.Speaker.ID, a.Original.Path, o.Line, worddiff.Inline(ops, 4))})
			case provenance.Missing:
				problems = append(problems, diag.Diagnostic{Path: a.Translation.Path, Line: next, Severity: diag.Warning, Kind: KindMissing,
					Msg: fmt.Sprintf("turn %s (%s) of the original (%s:%d) is not translated: the page shows it in the original language", o.ID, o.Speaker.ID, a.Original.Path, o.Line)})
			}
			if t.Translation != nil {
				next = t.Translation.Line
			}
		}
	}
	return problems
}

// blocksText is the Markdown of blocks, a blank line between two.
func blocksText(blocks []transcript.Block) string {
	md := make([]string, len(blocks))
	for i, b := range blocks {
		md[i] = b.Markdown
	}
	return strings.Join(md, "\n\n")
}

// IsEditorFile reports whether the file name is an editor's temporary or
// backup file, never a source: vim's swap files and 4913 probe, backups
// ending in ~, Emacs lock files, JetBrains' safe-write files.
func IsEditorFile(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || name == "4913" ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___")
}

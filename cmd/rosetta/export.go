package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/exchange"
	"github.com/rosetta-ssg/rosetta/internal/po"
	"github.com/rosetta-ssg/rosetta/internal/site"
)

// runExport is "rosetta export": a gettext PO file for each discussion and
// translation language, po/<slug>/<lang>.po, for translation tools (see
// internal/exchange); a language the discussion is not translated into
// yet gets one with every translation empty.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("export", flag.ContinueOnError)
	src := fset.String("src", ".", "site root: the `DIR` that holds site.toml")
	out := fset.String("out", "", "write the PO files into `DIR` (default: po/ in the site root)")
	lang := fset.String("lang", "", "only the language `CODE` (default: every translation language)")
	if err := parseFlags(fset, args, stdout, stderr); err != nil {
		return err
	}
	fsys, err := openSite(*src)
	if err != nil {
		return err
	}
	s, problems := site.Load(ctx, fsys, site.Options{Local: true})
	if problems.HasErrors() {
		printProblems(stderr, *src, problems)
		return errFound
	}
	var langs []exchange.Language
	for _, l := range s.Config.Languages {
		if l.Code != s.Config.Original && (*lang == "" || *lang == l.Code) {
			langs = append(langs, exchange.Language{Code: l.Code, Hreflang: l.Hreflang, Label: l.Label})
		}
	}
	if len(langs) == 0 {
		return usageError(fset, stderr, "-lang %s: not a language of site.toml's translations", *lang)
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join(*src, "po")
	}
	slugs, bad := s.Slugs()
	if bad.HasErrors() {
		printProblems(stderr, *src, bad)
		return errFound
	}
	var all diag.List
	written, failed := 0, false
	for _, slug := range slugs {
		d, problems := s.Read(slug)
		if d == nil || problems.HasErrors() {
			all = append(all, problems...)
			continue
		}
		original := d.Original(s)
		originalSrc, err := fs.ReadFile(fsys, original.Path)
		if err != nil {
			return err
		}
		originalInfo, err := fs.Stat(fsys, original.Path)
		if err != nil {
			return err
		}
		for _, l := range langs {
			a := d.Alignments[l.Code]
			if a == nil && d.Transcripts[l.Code] == nil { // not translated yet
				a = exchange.Untranslated(original)
			}
			if a == nil {
				if tr := d.Transcripts[l.Code]; tr != nil { // drifted: the warning says where
					for _, p := range problems {
						if p.Kind == site.KindDrift && p.Path == tr.Path {
							p.Severity = diag.Error
							all = append(all, p)
						}
					}
				}
				continue
			}
			name := filepath.Join(dir, slug, l.Code+".po")
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
			revised, translationSrc := originalInfo.ModTime(), []byte(nil)
			if a.Translation != nil {
				info, err := fs.Stat(fsys, a.Translation.Path)
				if err != nil {
					return err
				}
				if translationSrc, err = fs.ReadFile(fsys, a.Translation.Path); err != nil {
					return err
				}
				revised = info.ModTime()
			}
			f := exchange.Export(slug, a, originalSrc, translationSrc, l, revised)
			if d := unimported(name, f); d != nil {
				fmt.Fprintln(stderr, d)
				failed = true
				continue
			}
			if err := writeFileAtomic(name, f.Bytes()); err != nil {
				return err
			}
			written++
		}
	}
	var errs diag.List
	for _, p := range all {
		if p.Severity == diag.Error {
			errs = append(errs, p)
		}
	}
	printProblems(stderr, *src, errs)
	fmt.Fprintf(stdout, "wrote %d PO files in %s\n", written, rootFromHere(dir))
	if failed || errs.HasErrors() {
		return errFound
	}
	return nil
}

// unimported reports a translation in the PO file name, if it exists, that
// f would lose: a translator's work not yet imported. Fuzzy units count:
// they are work in progress.
func unimported(name string, f *po.File) *diag.Diagnostic {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil // none yet, or export's write reports it
	}
	old, d := po.Parse(name, data)
	if d != nil {
		return d
	}
	now := map[string]*po.Entry{}
	for _, e := range f.Entries {
		now[e.Context] = e
	}
	for _, e := range old.Entries {
		// A unit whose source has changed since is no longer importable:
		// import says so, and the new export replaces it.
		if n, ok := now[e.Context]; ok && e.HasContext && e.Str != "" && e.Str != n.Str && e.ID == n.ID {
			return &diag.Diagnostic{Path: name, Line: e.StrLine, Severity: diag.Error,
				Msg: fmt.Sprintf("its translation of %s is not the transcript's: import the file first (rosetta import), or delete it to export afresh", e.Context)}
		}
	}
	return nil
}

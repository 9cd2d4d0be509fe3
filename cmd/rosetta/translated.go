package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/provenance"
	"github.com/rosetta-ssg/rosetta/internal/site"
)

// runTranslated is "rosetta translated": it records translations as
// translated from their originals as they are now, when a translator has
// finished (see internal/provenance).
func runTranslated(ctx context.Context, args []string, stdout, stderr io.Writer, now time.Time) error {
	fs := flag.NewFlagSet("translated", flag.ContinueOnError)
	src := fs.String("src", ".", "site root: the `DIR` that holds site.toml")
	lang := fs.String("lang", "", "record every translation in the language `CODE`")
	// The files are arguments, which parseFlags does not take.
	if err := parseFlags(fs, flagsOnly(args), stdout, stderr); err != nil {
		return err
	}
	files := argsOnly(args)
	if *lang == "" && len(files) == 0 {
		return usageError(fs, stderr, "name a translation (content/<slug>/index.<lang>.md) or a language (-lang CODE)")
	}
	s, err := loadSources(ctx, *src, stderr)
	if err != nil {
		return err
	}
	if *lang != "" {
		if s.Config.Language(*lang) == nil || *lang == s.Config.Original {
			return usageError(fs, stderr, "-lang %s: not a language of site.toml's translations", *lang)
		}
		slugs, bad := s.Slugs()
		if bad.HasErrors() {
			printProblems(stderr, *src, bad)
			return errFound
		}
		for _, slug := range slugs {
			files = append(files, filepath.Join(*src, "content", slug, "index."+*lang+".md"))
		}
	}
	var all diag.List
	for _, file := range files {
		name, err := sitePath(*src, file)
		if err != nil {
			return usageError(fs, stderr, "%s: %v", file, err)
		}
		slug, code := path.Base(path.Dir(name)), strings.TrimSuffix(strings.TrimPrefix(path.Base(name), "index."), ".md")
		if code == s.Config.Original {
			return usageError(fs, stderr, "%s: the original is not a translation", file)
		}
		d, problems := s.Read(slug)
		if d == nil || problems.HasErrors() {
			for _, p := range problems {
				if p.Severity == diag.Error {
					all = append(all, p)
				}
			}
			continue
		}
		if d.Transcripts[code] == nil {
			if *lang == "" {
				all.Errorf(name, 0, "no such translation")
			}
			continue
		}
		a := d.Alignments[code]
		if a == nil { // drifted: the warning says where
			for _, p := range problems {
				if p.Kind == site.KindDrift && p.Path == name {
					p.Severity = diag.Error
					all = append(all, p)
				}
			}
			continue
		}
		rec := provenance.New(a, now)
		if err := writeFileAtomic(filepath.Join(*src, filepath.FromSlash(rec.Path)), rec.Marshal()); err != nil {
			return err
		}
		c := a.Counts()
		fmt.Fprintf(stdout, "recorded %s: %d turns", fromHere(rootFromHere(*src), name), c.Current+c.Stale+c.Unreviewed)
		if c.Missing > 0 {
			fmt.Fprintf(stdout, ", %d not translated", c.Missing)
		}
		fmt.Fprintln(stdout)
	}
	printProblems(stderr, *src, all)
	if all.HasErrors() {
		return errFound
	}
	return nil
}

// loadSources loads the site in src for a command that works on its
// sources (translated, export, import): its problems, if any, are printed
// on stderr.
func loadSources(ctx context.Context, src string, stderr io.Writer) (*site.Site, error) {
	fsys, err := openSite(src)
	if err != nil {
		return nil, err
	}
	s, problems := site.Load(ctx, fsys, site.Options{Local: true})
	if problems.HasErrors() {
		printProblems(stderr, src, problems)
		return nil, errFound
	}
	return s, nil
}

// flagsOnly and argsOnly split a command line into its flags and the
// files after them, so that flags may also follow the files.
func flagsOnly(args []string) []string {
	var flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			continue
		}
		flags = append(flags, a)
		if !strings.Contains(a, "=") && i+1 < len(args) && takesValue(a) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return flags
}

func argsOnly(args []string) []string {
	var files []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			if !strings.Contains(a, "=") && takesValue(a) {
				i++
			}
			continue
		}
		files = append(files, a)
	}
	return files
}

func takesValue(flag string) bool {
	name := strings.TrimLeft(flag, "-")
	return name == "src" || name == "lang"
}

// sitePath is file, named from the current directory, as a path from the
// site root src: content/<slug>/index.<lang>.md.
func sitePath(src, file string) (string, error) {
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return "", err
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absSrc, absFile)
	if err != nil || !filepath.IsLocal(rel) {
		return "", fmt.Errorf("not inside the site (%s)", src)
	}
	rel = filepath.ToSlash(rel)
	parts := strings.Split(rel, "/")
	if len(parts) != 3 || parts[0] != "content" || !strings.HasPrefix(parts[2], "index.") || !strings.HasSuffix(parts[2], ".md") {
		return "", fmt.Errorf("not a transcript (content/<slug>/index.<lang>.md)")
	}
	return rel, nil
}

// writeFileAtomic replaces the file name with data, so that a reader sees
// the old file or the new, never half of one.
func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/exchange"
	"github.com/rosetta-ssg/rosetta/internal/po"
	"github.com/rosetta-ssg/rosetta/internal/site"
)

// runImport is "rosetta import": the translations of PO files, written
// back into the transcripts (see internal/exchange). A PO file with an
// error changes nothing.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("import", flag.ContinueOnError)
	src := fset.String("src", ".", "site root: the `DIR` that holds site.toml")
	if err := parseFlags(fset, flagsOnly(args), stdout, stderr); err != nil {
		return err
	}
	files := argsOnly(args)
	if len(files) == 0 {
		return usageError(fset, stderr, "name the PO files to import (po/<slug>/<lang>.po)")
	}
	s, err := loadSources(ctx, *src, stderr)
	if err != nil {
		return err
	}
	failed := false
	for _, file := range files {
		problems, err := importFile(s, *src, file, stdout)
		if err != nil {
			return err
		}
		for _, d := range problems {
			fmt.Fprintln(stderr, d)
		}
		failed = failed || problems.HasErrors()
	}
	if failed {
		return errFound
	}
	return nil
}

// importFile imports one PO file; its problems are named as file is.
func importFile(s *site.Site, src, file string, stdout io.Writer) (diag.List, error) {
	var problems diag.List
	data, err := os.ReadFile(file)
	if err != nil {
		problems.Errorf(file, 0, "%v", err)
		return problems, nil
	}
	f, d := po.Parse(file, data)
	if d != nil {
		return append(problems, *d), nil
	}
	if ct, ok := f.Header("Content-Type"); ok && !strings.Contains(strings.ToLower(strings.ReplaceAll(ct, " ", "")), "charset=utf-8") {
		problems.Errorf(file, 1, "Content-Type %q: rosetta reads PO files in UTF-8 (save the file as UTF-8)", ct)
		return problems, nil
	}
	code := languageOf(s, file, f)
	if code == "" {
		problems.Errorf(file, 1, "no language of site.toml's translations: name the file <lang>.po, as rosetta export does")
		return problems, nil
	}
	slug := ""
	for _, e := range f.Entries {
		if u, ok := exchange.ParseContext(e.Context); ok {
			slug = u.Slug
			break
		}
	}
	if slug == "" {
		problems.Errorf(file, 1, "no unit of rosetta export in the file")
		return problems, nil
	}
	dsc, read := s.Read(slug)
	if dsc == nil || read.HasErrors() {
		problems.Errorf(file, 1, "discussion %s: it does not read (run rosetta check)", slug)
		return problems, nil
	}
	a := dsc.Alignments[code]
	name := "content/" + slug + "/index." + code + ".md"
	disk := filepath.Join(src, filepath.FromSlash(name))
	originalSrc, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(dsc.Original(s).Path)))
	if err != nil {
		return nil, err
	}
	if dsc.Transcripts[code] == nil { // a new translation
		created, more := exchange.Create(file, f, dsc.Original(s), originalSrc)
		problems = append(problems, more...)
		if problems.HasErrors() {
			return problems, nil
		}
		if err := exchange.Check(name, created, dsc.Original(s), nil); err != nil {
			problems.Errorf(file, 1, "not imported: %v", err)
			return problems, nil
		}
		if err := writeFileAtomic(disk, created); err != nil {
			return nil, err
		}
		fmt.Fprintf(stdout, "imported %s into %s, a new translation\n", file, fromHere(rootFromHere(src), name))
		return problems, nil
	}
	if a == nil {
		problems.Errorf(file, 1, "%s has drifted from the original: run rosetta check", name)
		return problems, nil
	}
	before, err := os.ReadFile(disk)
	if err != nil {
		return nil, err
	}
	r := exchange.Import(file, f, a, before, originalSrc)
	problems = append(problems, r.Problems...)
	if problems.HasErrors() || r.Src == nil {
		return problems, nil
	}
	if err := exchange.Check(name, r.Src, dsc.Original(s), a.Record); err != nil {
		problems.Errorf(file, 1, "not imported: %v", err)
		return problems, nil
	}
	if err := writeFileAtomic(disk, r.Src); err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "imported %s into %s: %s changed", file, fromHere(rootFromHere(src), name), count(r.Changed, "unit"))
	if r.Inserted > 0 {
		fmt.Fprintf(stdout, ", %s added", count(r.Inserted, "turn"))
	}
	fmt.Fprintln(stdout)
	return problems, nil
}

// languageOf is the language of the PO file: its name (fr.po, as rosetta
// export writes it), else its Language header (pt_BR).
func languageOf(s *site.Site, file string, f *po.File) string {
	base := strings.TrimSuffix(filepath.Base(file), ".po")
	for _, l := range s.Config.Languages {
		if l.Code != s.Config.Original && strings.EqualFold(l.Code, base) {
			return l.Code
		}
	}
	lang, _ := f.Header("Language")
	lang = strings.ReplaceAll(lang, "_", "-")
	for _, l := range s.Config.Languages {
		if l.Code != s.Config.Original && lang != "" && (strings.EqualFold(l.Hreflang, lang) || strings.EqualFold(l.Code, lang)) {
			return l.Code
		}
	}
	return ""
}

// count is n things, in English: "1 unit", "2 units".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

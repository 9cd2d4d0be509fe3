package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/site"
)

// runBuild is "rosetta build": the site in -src into -out.
func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	src := fs.String("src", ".", "site root: the `DIR` that holds site.toml")
	out := fs.String("out", "public", "output `DIR`, relative to the current directory")
	baseURL := fs.String("baseurl", "", "`URL` the site is served at (overrides site.toml's baseURL)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE`")
	if err := parseFlags(fs, args, stdout, stderr); err != nil {
		return err
	}
	if err := checkOut(*src, *out); err != nil {
		return err
	}
	batchGC()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	fsys, err := openSite(*src)
	if err != nil {
		return err
	}
	s, problems := site.Load(ctx, fsys, site.Options{BaseURL: *baseURL})
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	if s == nil {
		printProblems(stderr, *src, problems)
		return errFound
	}
	warnings := append(problems.Warnings(), s.Config.NoBaseURL()...)
	warnings.Sort()
	printProblems(stderr, *src, warnings)
	o, err := site.NewDirOutput(*out)
	if err != nil {
		return err
	}
	defer o.Abort()
	built, problems := s.Build(ctx, o)
	switch {
	case ctx.Err() != nil:
		return context.Cause(ctx)
	case problems.HasErrors():
		printProblems(stderr, *src, problems)
		return errFound
	}
	printProblems(stderr, *src, problems.Warnings())
	if err := o.Commit(); err != nil {
		return err
	}
	changed, files := o.Changed()
	fmt.Fprintf(stdout, "built %d pages in %d languages into %s in %v (%d of %d files changed)\n",
		built.Pages, len(s.Config.Languages), *out, time.Since(start).Round(time.Millisecond), changed, files)
	return nil
}

// checkOut refuses an output folder that would replace the sources.
func checkOut(src, out string) error {
	absSrc, err1 := resolve(src)
	absOut, err2 := resolve(out)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("cannot resolve -src or -out")
	}
	rel, err := filepath.Rel(absOut, absSrc)
	if err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("-out %s would contain the site sources: choose a folder such as public", out)
	}
	for _, dir := range []string{"content", "templates", "i18n"} {
		if rel, err := filepath.Rel(filepath.Join(absSrc, dir), absOut); err == nil && !strings.HasPrefix(rel, "..") {
			return fmt.Errorf("-out %s is inside the site's %s/ folder", out, dir)
		}
	}
	return nil
}

// resolve returns the absolute path of a folder, with the symbolic links
// in it followed as far as it exists: an output folder that is a link into
// the sources is in the sources.
func resolve(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return filepath.Join(append([]string{abs}, rest...)...), nil
		}
		rest = append([]string{filepath.Base(abs)}, rest...)
		abs = parent
	}
}

// openSite returns the site root src as a file system that reads nothing
// outside it: a symbolic link that leads out of the site is an error there.
// The root stays open for the life of the program.
func openSite(src string) (fs.FS, error) {
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	return root.FS(), nil
}

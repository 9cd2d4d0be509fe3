// Command rosetta builds a static site of discussion transcripts in many
// languages.
//
//	rosetta build [-src DIR] [-out DIR] [-baseurl URL]
//	rosetta serve [-src DIR] [-addr HOST:PORT] [-open]
//	rosetta check [-src DIR] [-baseurl URL] [-format text|json] [-coverage]
//	rosetta translated [-src DIR] [-lang CODE] [FILE...]
//	rosetta export [-src DIR] [-out DIR] [-lang CODE]
//	rosetta import [-src DIR] FILE.po...
//	rosetta version
//	rosetta help [command]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/memlimit"
)

// commands are rosetta's commands, in the order the usage lists them.
var commands = []struct {
	name, synopsis, about string
}{
	{"build", "[-src DIR] [-out DIR] [-baseurl URL]", "build the site into public/"},
	{"serve", "[-src DIR] [-addr HOST:PORT] [-open]", "live preview at http://127.0.0.1:1313/"},
	{"check", "[-src DIR] [-baseurl URL] [-format text|json] [-coverage]", "report every problem before publishing"},
	{"translated", "[-src DIR] [-lang CODE] [FILE...]", "record translations as made from the original as it is now"},
	{"export", "[-src DIR] [-out DIR] [-lang CODE]", "write PO files for translation tools (po/<slug>/<lang>.po)"},
	{"import", "[-src DIR] FILE.po...", "write translations from PO files back into the transcripts"},
	{"version", "", "print the version of rosetta and of Go"},
	{"help", "[command]", "print this help, or a command's flags"},
}

// usage is the help of rosetta as a whole.
func usage() string {
	const column = 53 // the width of a command's synopsis
	var b strings.Builder
	b.WriteString("rosetta builds a static site of discussion transcripts in many languages.\n\nUsage:\n")
	for _, c := range commands {
		line := "  rosetta " + strings.TrimSpace(c.name+" "+c.synopsis)
		if len(line) > column { // its description goes under it
			fmt.Fprintln(&b, line)
			line = ""
		}
		fmt.Fprintf(&b, "%-*s  %s\n", column, line, c.about)
	}
	b.WriteString("\nRun \"rosetta <command> -h\" for a command's flags.\n")
	return b.String()
}

// commandUsage writes the help of the command whose flags are fs.
func commandUsage(w io.Writer, fs *flag.FlagSet) {
	for _, c := range commands {
		if c.name == fs.Name() {
			fmt.Fprintf(w, "usage: rosetta %s\n\n%s\n", strings.TrimSpace(c.name+" "+c.synopsis), c.about)
		}
	}
	var flags strings.Builder
	out := fs.Output()
	fs.SetOutput(&flags)
	fs.PrintDefaults()
	fs.SetOutput(out)
	if flags.Len() > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", flags.String())
	}
}

var (
	// errUsage ends a command that was called wrong: it has said why on
	// stderr, with its usage.
	errUsage = errors.New("usage")
	// errHelp ends a command asked for its help, printed on stdout.
	errHelp = errors.New("help")
)

// parseFlags parses a command's flags, which take no other arguments. With
// -h it prints the command's usage on stdout and returns errHelp; with a
// flag it does not know, or an argument, it says why and prints the usage
// on stderr, and returns errUsage.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	fs.SetOutput(stderr)
	fs.Usage = func() {} // parseFlags prints it, on the right stream
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		commandUsage(stdout, fs)
		return errHelp
	case err != nil: // the flag package has said why
		commandUsage(stderr, fs)
		return errUsage
	case fs.NArg() > 0:
		return usageError(fs, stderr, "unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// usageError says what is wrong with a command's arguments, then prints its
// usage, on stderr.
func usageError(fs *flag.FlagSet, stderr io.Writer, format string, args ...any) error {
	fmt.Fprintf(stderr, "rosetta %s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	commandUsage(stderr, fs)
	return errUsage
}

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		cancel(interrupted{sig})
		signal.Stop(signals) // a second Ctrl+C ends the program at once
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// interrupted is the cause of a command's end by a signal.
type interrupted struct{ sig os.Signal }

func (e interrupted) Error() string { return "stopped by " + e.sig.String() }

// exitCode is the shell's code for a program ended by the signal: 130 for
// SIGINT, 143 for SIGTERM.
func (e interrupted) exitCode() int {
	if n, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 1
}

// gcHeap is the heap a build may grow to between garbage collections: with
// the default pacing, a quarter of a large build's CPU went to collecting a
// heap kept small for no one's benefit. GOGC or GOMEMLIMIT overrides it.
const gcHeap = 320 << 20

// batchGC paces the collector for a build, for the life of the process. The
// pacing is the process's: a second memlimit.Batch would take the first
// one's settings for the defaults, so it happens once.
var batchGC = sync.OnceFunc(func() { memlimit.Batch(gcHeap) })

// run runs one command and returns the exit code: 0 on success or help, 1
// when the site has problems, 2 for a usage error, 128 + the signal's
// number when a signal stopped it (ctx's cause is then an interrupted).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	var err error
	switch args[0] {
	case "build":
		err = runBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		err = runServe(ctx, args[1:], stdout, stderr)
	case "check":
		err = runCheck(ctx, args[1:], stdout, stderr)
	case "translated":
		err = runTranslated(ctx, args[1:], stdout, stderr, time.Now())
	case "export":
		err = runExport(ctx, args[1:], stdout, stderr)
	case "import":
		err = runImport(ctx, args[1:], stdout, stderr)
	case "version":
		err = runVersion(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		return runHelp(ctx, args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "rosetta: unknown command %q\n\n%s", args[0], usage())
		return 2
	}
	var stopped interrupted
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, &stopped):
		fmt.Fprintln(stderr, "rosetta:", err)
		return stopped.exitCode()
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errFound):
		return 1
	}
	fmt.Fprintln(stderr, "rosetta:", err)
	return 1
}

// printProblems writes problems of the site whose root is src, one a line:
// "path:LINE: message" for an error, "path:LINE: warning: message" for a
// warning, with each path as an editor opens it from the current directory.
func printProblems(w io.Writer, src string, problems diag.List) {
	root := rootFromHere(src)
	for _, d := range problems {
		d.Path = fromHere(root, d.Path)
		fmt.Fprintln(w, d)
	}
}

// rootFromHere is the site root src as seen from the current directory: as
// given when relative, relative when it is an absolute path under the
// current directory, else absolute (../../tmp/site is no easier to read
// than /tmp/site, and the user chose to name it so).
func rootFromHere(src string) string {
	if !filepath.IsAbs(src) {
		return filepath.Clean(src)
	}
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, src); err == nil && filepath.IsLocal(rel) {
			return rel
		}
	}
	return filepath.Clean(src)
}

// builtPages is the folder under which check reports the pages it built in
// memory (internal/check's outDir): where build writes them by default,
// relative to the current directory and not to the site root.
const builtPages = "public/"

// fromHere is the path of a problem, which diag gives relative to the site
// root, relative to the current directory instead, given the root from
// there. A flag (-baseurl) and a built page keep their names.
func fromHere(root, path string) string {
	switch {
	case root == ".", path == "", strings.HasPrefix(path, "-"), strings.HasPrefix(path, builtPages), filepath.IsAbs(path):
		return path
	}
	return filepath.Join(root, filepath.FromSlash(path))
}

// runHelp is "rosetta help [command]": the usage of rosetta, or that of a
// command, on stdout.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0 || len(args) == 1 && args[0] == "help":
		fmt.Fprint(stdout, usage())
		return 0
	case len(args) == 1:
		for _, c := range commands {
			if c.name == args[0] {
				return run(ctx, []string{c.name, "-h"}, stdout, stderr)
			}
		}
	}
	fmt.Fprintf(stderr, "rosetta help: unknown command %q\n\n%s", strings.Join(args, " "), usage())
	return 2
}

// runVersion is "rosetta version".
func runVersion(args []string, stdout, stderr io.Writer) error {
	if err := parseFlags(flag.NewFlagSet("version", flag.ContinueOnError), args, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rosetta %s (%s %s/%s)\n", version(debug.ReadBuildInfo()), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// version is the version of the rosetta in info: the module's version, as
// go install stamps it (v0.3.0), or, for a build of a checkout that Go
// left unversioned, its commit, "+dirty" when it had changes.
func version(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "(unknown)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	revision, dirty := "", ""
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision":
			revision = s.Value[:min(len(s.Value), 12)] // as in a pseudo-version
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "+dirty"
		}
	}
	if revision == "" {
		return "(devel)"
	}
	return revision + dirty
}

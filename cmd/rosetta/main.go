// Command rosetta builds a static site of discussion transcripts in many
// languages.
//
//	rosetta build [-src DIR] [-out DIR] [-baseurl URL]
//	rosetta serve [-src DIR] [-addr HOST:PORT] [-open]
//	rosetta check [-src DIR] [-format text|json] [-coverage]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/memlimit"
)

var errUsage = errors.New("usage")

// parseFlags parses a command's flags, which take no other arguments. Its
// errors are errUsage: the flag package, or it, has said why on stderr.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return errUsage
	}
	return nil
}

const usage = `rosetta builds a static site of discussion transcripts in many languages.

Usage:
  rosetta build [-src DIR] [-out DIR] [-baseurl URL]   build the site into public/
  rosetta serve [-src DIR] [-addr HOST:PORT] [-open]   live preview at http://127.0.0.1:1313/
  rosetta check [-src DIR] [-format text|json] [-coverage]
                                                       report every problem before publishing

Run "rosetta <command> -h" for a command's flags.
`

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		cancel(interrupted{sig})
		signal.Stop(signals) // a second Ctrl+C ends the program at once
	}()
	if len(os.Args) > 1 && os.Args[1] == "build" {
		memlimit.Batch(gcHeap) // for the life of the process
	}
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

// run runs one command and returns the exit code: 0 on success, 1 when the
// site has problems, 2 for a usage error, 128 + the signal's number when a
// signal stopped it (ctx's cause is then an interrupted).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
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
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "rosetta: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	var problems diag.List
	var stopped interrupted
	switch {
	case err == nil:
		return 0
	case errors.As(err, &stopped):
		fmt.Fprintln(stderr, "rosetta:", err)
		return stopped.exitCode()
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errFound):
		return 1
	case errors.As(err, &problems):
		for _, d := range problems {
			fmt.Fprintln(stderr, d)
		}
	default:
		fmt.Fprintln(stderr, "rosetta:", err)
	}
	return 1
}

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/corpus"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestMain runs the command itself when a test starts this test binary as
// rosetta, so that signals reach a real process.
func TestMain(m *testing.M) {
	if os.Getenv("ROSETTA_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestInterruptedBuild: Ctrl+C (SIGINT) or SIGTERM half-way through a
// 300-transcript build ends it with the shell's code, the previous
// output byte for byte as it was and no staging folder left; a build killed
// outright (SIGKILL) leaves its staging folder, which the next build
// removes.
func TestInterruptedBuild(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 300, 1); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	mustBuild(t, "-src", dir, "-out", out)
	before := sitetest.Snapshot(t, out)
	// Every page changes, so that the next build writes them all.
	base := filepath.Join(dir, "templates/base.html")
	src, _ := os.ReadFile(base)
	changed := strings.Replace(string(src), "<head>", "<head>\n<meta name=\"generator\" content=\"rosetta\">", 1)
	if changed == string(src) {
		t.Fatal("templates/base.html has no <head>")
	}
	write(t, base, changed)

	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGKILL, -1}} {
		cmd := exec.Command(os.Args[0], "build", "-src", dir, "-out", out)
		cmd.Env = append(os.Environ(), "ROSETTA_TEST_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		pages := halfway(t, out, 150)
		sent := time.Now()
		cmd.Process.Signal(c.sig)
		err := cmd.Wait()
		took := time.Since(sent)
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != c.code {
			t.Errorf("%v after %d transcripts: %v, want exit code %d", c.sig, pages, err, c.code)
		}
		// A build that went on to the end before stopping would leave the
		// output as it was too; its time is what tells. It is reported, not
		// enforced (a loaded machine is slower): about 0.3 s when the
		// machine is idle. Ten seconds is a build that did not stop.
		if took > 10*time.Second {
			t.Errorf("%v: the build took %v to stop", c.sig, took)
		}
		t.Logf("%v after %d of 300 transcripts: stopped in %v", c.sig, pages, took)
		sitetest.SameTree(t, before, withoutLeftovers(t, out, c.sig == syscall.SIGKILL))
	}
	mustBuild(t, "-src", dir, "-out", out)
	if left := leftovers(out); len(left) > 0 {
		t.Errorf("the build after a killed one left %v", left)
	}
}

// halfway waits until a build has staged at least n transcripts (their
// Vietnamese pages) and returns how many it has.
func halfway(t *testing.T, out string, n int) int {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		for _, staging := range leftovers(out) {
			if pages, _ := os.ReadDir(filepath.Join(staging, "new", "vi")); len(pages) >= n {
				return len(pages)
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no build staged %d transcripts in 2 minutes", n)
	return 0
}

// withoutLeftovers snapshots out, less the staging folder that a killed
// build leaves (want says whether one must be there).
func withoutLeftovers(t *testing.T, out string, want bool) map[string]string {
	t.Helper()
	snap := sitetest.Snapshot(t, out)
	left := leftovers(out)
	if want != (len(left) > 0) {
		t.Errorf("staging folders left: %v (want some: %v)", left, want)
	}
	for _, staging := range left {
		rel, _ := filepath.Rel(out, staging)
		for name := range snap {
			if name == rel || strings.HasPrefix(name, rel+string(filepath.Separator)) {
				delete(snap, name)
			}
		}
	}
	return snap
}

// TestInterruptedCheck: check, stopped by a signal, reports no problems
// of a half-read site and exits with the signal's code.
func TestInterruptedCheck(t *testing.T) {
	dir := sitetest.Copy(t)
	ctx, cancel := context.WithCancelCause(t.Context())
	cancel(interrupted{syscall.SIGINT})
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"check", "-src", dir}, &stdout, &stderr)
	if code != 130 || stdout.Len() > 0 || stderr.String() != "rosetta: stopped by interrupt\n" {
		t.Errorf("exit %d, stdout %q, stderr %q: want 130 and only the reason", code, stdout.String(), stderr.String())
	}
}

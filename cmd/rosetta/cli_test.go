package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestHelp: asking for help is not an error: the usage goes to stdout, for
// a pager, and the exit code is 0.
func TestHelp(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // the start of the usage
	}{
		{[]string{"-h"}, "rosetta builds"},
		{[]string{"-help"}, "rosetta builds"},
		{[]string{"--help"}, "rosetta builds"},
		{[]string{"help"}, "rosetta builds"},
		{[]string{"help", "help"}, "rosetta builds"},
		{[]string{"build", "-h"}, "usage: rosetta build [-src DIR]"},
		{[]string{"build", "--help"}, "usage: rosetta build [-src DIR]"},
		{[]string{"check", "-h"}, "usage: rosetta check [-src DIR]"},
		{[]string{"serve", "-h"}, "usage: rosetta serve [-src DIR]"},
		{[]string{"version", "-h"}, "usage: rosetta version\n"},
		{[]string{"help", "build"}, "usage: rosetta build [-src DIR]"},
		{[]string{"help", "check"}, "usage: rosetta check [-src DIR]"},
		{[]string{"help", "serve"}, "usage: rosetta serve [-src DIR]"},
	} {
		code, stdout, stderr := rosetta(t, c.args...)
		if code != 0 || !strings.HasPrefix(stdout, c.want) || stderr != "" {
			t.Errorf("rosetta %s: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0, stdout starting %q and no stderr",
				strings.Join(c.args, " "), code, stdout, stderr, c.want)
		}
	}
	_, stdout, _ := rosetta(t, "help")
	for _, command := range []string{"build", "serve", "check", "version", "help"} {
		if !strings.Contains(stdout, "\n  rosetta "+command) {
			t.Errorf("rosetta help does not list %s:\n%s", command, stdout)
		}
	}
	_, stdout, _ = rosetta(t, "build", "-h")
	for _, flag := range []string{"-src DIR", "-out DIR", "-baseurl URL"} {
		if !strings.Contains(stdout, "\n  "+flag+"\n") {
			t.Errorf("rosetta build -h does not list %s:\n%s", flag, stdout)
		}
	}
}

// TestUsageErrors: a command or a flag rosetta does not know exits 2 with
// the usage on stderr, and nothing on stdout, which a script may be reading.
func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // in stderr
	}{
		{nil, "Usage:\n  rosetta build"},
		{[]string{"biuld"}, `rosetta: unknown command "biuld"`},
		{[]string{"--version"}, `rosetta: unknown command "--version"`},
		{[]string{"help", "biuld"}, `rosetta help: unknown command "biuld"`},
		{[]string{"build", "-sr", "site"}, "flag provided but not defined: -sr\nusage: rosetta build"},
		{[]string{"build", "site"}, "rosetta build: unexpected argument \"site\"\nusage: rosetta build"},
		{[]string{"check", "-format", "xml"}, "rosetta check: -format xml: want text or json\nusage: rosetta check"},
		{[]string{"serve", "-open=maybe"}, "usage: rosetta serve"},
		{[]string{"version", "-v"}, "usage: rosetta version"},
	} {
		code, stdout, stderr := rosetta(t, c.args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("rosetta %s: exit %d, stdout %q, stderr:\n%s\nwant exit 2, no stdout and %q in stderr",
				strings.Join(c.args, " "), code, stdout, stderr, c.want)
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := rosetta(t, "version")
	want := fmt.Sprintf(" (%s %s/%s)\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if code != 0 || !strings.HasPrefix(stdout, "rosetta ") || !strings.HasSuffix(stdout, want) || strings.Count(stdout, "\n") != 1 || stderr != "" {
		t.Errorf("rosetta version: exit %d, stdout %q, stderr %q: want exit 0 and one line \"rosetta VERSION%s\"", code, stdout, stderr, want)
	}
}

// TestVersionOfBuild: the version comes from the build, so that no release
// can forget to change it: a module version as go install stamps it, else
// the commit of the checkout that was built.
func TestVersionOfBuild(t *testing.T) {
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "616c86f0a7b3c1d2e4f5a6b7c8d9e0f1a2b3c4d5"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	for _, c := range []struct {
		main     string
		settings []debug.BuildSetting
		want     string
	}{
		{"v0.3.0", nil, "v0.3.0"},
		{"v0.3.1-0.20260102150405-616c86f0a7b3+dirty", vcs("true"), "v0.3.1-0.20260102150405-616c86f0a7b3+dirty"},
		{"(devel)", vcs("false"), "616c86f0a7b3"},
		{"(devel)", vcs("true"), "616c86f0a7b3+dirty"},
		{"(devel)", nil, "(devel)"},
		{"", nil, "(devel)"}, // a test binary
	} {
		info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/rosetta-ssg/rosetta", Version: c.main}, Settings: c.settings}
		if got := version(info, true); got != c.want {
			t.Errorf("version of a build with version %q and %v = %q, want %q", c.main, c.settings, got, c.want)
		}
	}
	if got := version(nil, false); got != "(unknown)" {
		t.Errorf("version without build information = %q, want (unknown)", got)
	}
}

// brokenSite writes the tests' site with an unknown speaker in a label,
// an error for build and check alike, and returns its root, the broken
// file's path relative to it and the line of the label.
func brokenSite(t *testing.T) (dir, file string, line int) {
	t.Helper()
	dir = sitetest.Copy(t)
	file = "content/crypto-ai/index.vi.md"
	const label = "Lydia: Xét từ góc độ"
	src, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	before, _, found := strings.Cut(string(src), label)
	if !found {
		t.Fatalf("test setup: %s has no %q", file, label)
	}
	broken := strings.Replace(string(src), label, "Lidia: Xét từ góc độ", 1)
	if err := os.WriteFile(filepath.Join(dir, file), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file, 1 + strings.Count(before, "\n")
}

// TestProblemPaths: build and check print a problem on the same line,
// "path:LINE: message" on stderr, with a path that an editor opens from
// the current directory, wherever the site is.
func TestProblemPaths(t *testing.T) {
	dir, file, line := brokenSite(t)
	out := filepath.Join(t.TempDir(), "public")
	message := fmt.Sprintf(`:%d: unknown speaker "Lidia": did you mean "Lydia"?`, line)
	for _, c := range []struct {
		name, cwd, src string
		want           string // the path printed
	}{
		{"site in the current directory", dir, ".", filepath.ToSlash(file)},
		{"site in a folder of it", filepath.Dir(dir), filepath.Base(dir), filepath.Join(filepath.Base(dir), file)},
		{"site elsewhere, named by its absolute path", "", dir, filepath.Join(dir, file)},
		{"site in the current directory, named by its absolute path", dir, dir, filepath.ToSlash(file)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.cwd != "" {
				t.Chdir(c.cwd)
			}
			code, stdout, buildErr := rosetta(t, "build", "-src", c.src, "-out", out)
			if code != 1 || stdout != "" {
				t.Errorf("build: exit %d, stdout %q: want 1 and nothing", code, stdout)
			}
			code, stdout, checkErr := rosetta(t, "check", "-src", c.src)
			if code != 1 || strings.Contains(stdout, message) {
				t.Errorf("check: exit %d, stdout:\n%s\nwant 1 and the problems on stderr alone", code, stdout)
			}
			built, checked := problemLine(buildErr, message), problemLine(checkErr, message)
			if want := c.want + message; built != want || checked != want {
				t.Fatalf("build printed %q, check printed %q: want both %q\nbuild's stderr:\n%s\ncheck's stderr:\n%s",
					built, checked, want, buildErr, checkErr)
			}
			path := strings.TrimSuffix(built, message)
			printed, err := os.Stat(path)
			if err != nil {
				t.Fatalf("the path printed does not open from the current directory: %v", err)
			}
			if broken, err := os.Stat(filepath.Join(dir, file)); err != nil || !os.SameFile(printed, broken) {
				t.Errorf("the path printed, %s, is not the broken file (%v)", path, err)
			}
		})
	}
}

// problemLine returns the line of output that ends with message.
func problemLine(output, message string) string {
	for _, line := range strings.Split(output, "\n") {
		if strings.HasSuffix(line, message) {
			return line
		}
	}
	return ""
}

// TestBatchGC: only a build paces the garbage collector by the heap's
// size, which made it a quarter faster; help and check keep Go's pacing.
// The pacing is the process's, so the test runs in a process of its own.
func TestBatchGC(t *testing.T) {
	if os.Getenv("ROSETTA_TEST_BATCH_GC") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBatchGC$")
		cmd.Env = append(os.Environ(), "ROSETTA_TEST_BATCH_GC=1", "GOGC=", "GOMEMLIMIT=")
		if output, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%v\n%s", err, output)
		}
		return
	}
	gcPercent := func() int64 {
		s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
		metrics.Read(s)
		return int64(s[0].Value.Uint64())
	}
	dir := sitetest.Copy(t)
	for _, args := range [][]string{{"help"}, {"build", "-h"}, {"build", "-sr", dir}, {"check", "-src", dir}} {
		rosetta(t, args...)
		if p := gcPercent(); p != 100 {
			t.Errorf("after rosetta %s, GOGC = %d, want Go's 100", strings.Join(args, " "), p)
		}
	}
	if code, _, stderr := rosetta(t, "build", "-src", dir, "-out", filepath.Join(dir, "public")); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if p := gcPercent(); p != -1 {
		t.Errorf("after rosetta build, GOGC = %d, want off (-1): collections paced by the heap's size", p)
	}
}

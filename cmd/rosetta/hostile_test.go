package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// replace puts a symbolic link to target, or a named pipe when target is
// "fifo", in place of the site's file or folder name.
func replace(t *testing.T, dir, name, target string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
	if target == "fifo" {
		sitetest.Mkfifo(t, path)
	} else if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
}

// TestHostileFiles: a link that leaves the site, a named pipe or a file too
// large, anywhere build and check read, is an error with its path, within
// seconds: nothing outside the site is published, and nothing hangs.
func TestHostileFiles(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "secret.txt"), "API_TOKEN=do-not-publish\n")
	cases := []struct {
		name, path, target string
		want               string // the start of the line that reports it
	}{
		{"assets folder links to the environment", "templates/assets", "/proc/self/environ",
			"templates/assets: a symbolic link that leads outside the site"},
		{"asset links outside", "templates/assets/secret.txt", filepath.Join(outside, "secret.txt"),
			"templates/assets/secret.txt: a symbolic link that leads outside the site"},
		{"asset links to a folder outside", "templates/assets/etc", "/etc",
			"templates/assets/etc: a symbolic link that leads outside the site"},
		{"asset is a pipe", "templates/assets/pipe", "fifo",
			"templates/assets/pipe: a named pipe (FIFO), not a regular file"},
		{"site.toml links outside", "site.toml", filepath.Join(outside, "secret.txt"),
			"site.toml: cannot read the site configuration: a symbolic link that leads outside the site"},
		{"site.toml is a pipe", "site.toml", "fifo",
			"site.toml: cannot read the site configuration: a named pipe (FIFO)"},
		{"UI strings link to /dev/zero", "i18n/en.toml", "/dev/zero",
			"i18n/en.toml: language en (site.toml) has no UI strings file: a symbolic link that leads outside the site"},
		{"UI strings are a pipe", "i18n/en.toml", "fifo",
			"i18n/en.toml: language en (site.toml) has no UI strings file: a named pipe (FIFO)"},
		{"template is a pipe", "templates/base.html", "fifo",
			"templates/base.html: a named pipe (FIFO), not a regular file"},
		{"content links outside", "content", outside,
			"content: cannot read the content folder: a symbolic link that leads outside the site"},
		{"transcript is a pipe", "content/crypto-ai/index.en.md", "fifo",
			"content/crypto-ai/index.en.md: a named pipe (FIFO), not a regular file: a transcript is a file inside content/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := sitetest.Copy(t)
			replace(t, dir, c.path, c.target)
			for _, args := range [][]string{{"build", "-src", dir, "-out", filepath.Join(dir, "public")}, {"check", "-src", dir}} {
				command := args[0]
				code, stdout, stderr := runWithin(t, 20*time.Second, args...)
				want := filepath.Join(dir, filepath.FromSlash(c.path)) + strings.TrimPrefix(c.want, c.path) // as given by -src
				if code != 1 || !hasLinePrefix(stderr, want) {
					t.Errorf("%s: exit %d, output:\n%s\nwant exit 1 and a line starting %q", command, code, stderr, want)
				}
				if strings.Contains(stderr+stdout, "do-not-publish") {
					t.Errorf("%s printed the secret", command)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
				t.Errorf("a failed first build left public/ (%v)", err)
			}
		})
	}
}

// TestLargeFile: a transcript over the size limit is an error with its path.
func TestLargeFile(t *testing.T) {
	dir := sitetest.Copy(t)
	name := filepath.Join(dir, "content/crypto-ai/index.en.md")
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(17 << 20) // sparse: takes no room on the disk
	f.Close()
	code, _, stderr := runWithin(t, 20*time.Second, "build", "-src", dir, "-out", filepath.Join(dir, "public"))
	want := name + ": larger than 16 MiB"
	if code != 1 || !hasLinePrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant a line starting %q", code, stderr, want)
	}
}

// runWithin runs rosetta and fails the test if it has not ended in time.
func runWithin(t *testing.T, limit time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, stdout, stderr := rosetta(t, args...)
		done <- result{code, stdout, stderr}
	}()
	select {
	case r := <-done:
		return r.code, r.stdout, r.stderr
	case <-time.After(limit):
		t.Fatalf("rosetta %v had not ended after %v", args, limit)
		return 0, "", ""
	}
}

// TestHostileMarkdown: Markdown that made the parser crawl for minutes (a
// 2,000-level list, 50,000 unclosed link openers) ends build and check
// within seconds: an error at its line past a documented limit, or a page.
func TestHostileMarkdown(t *testing.T) {
	const file = "content/crypto-ai/index.vi.md"
	var nested strings.Builder
	for i := range 2000 {
		nested.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	cases := []struct {
		name, body string
		line       int // of the error (the body starts at line 63); 0 for none
	}{
		{"deep list", nested.String(), 63 + 32}, // the 33rd level
		{"unclosed link openers", strings.Repeat("[a](", 50000) + "\n", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := sitetest.Copy(t)
			path := filepath.Join(dir, file)
			src, _ := os.ReadFile(path)
			write(t, path, string(src)+"\n"+c.body)
			want := fmt.Sprintf("%s:%d: lists and block quotes nested more than 32 deep", path, c.line)
			code, _, stderr := runWithin(t, 30*time.Second, "build", "-src", dir, "-out", filepath.Join(dir, "public"))
			switch {
			case c.line > 0 && (code != 1 || !hasLinePrefix(stderr, want)):
				t.Errorf("build: exit %d, stderr:\n%.2000s\nwant exit 1 and %q", code, stderr, want)
			case c.line == 0 && code != 0:
				t.Errorf("build: exit %d, stderr:\n%.2000s", code, stderr)
			}
			code, _, stderr = runWithin(t, 30*time.Second, "check", "-src", dir)
			if c.line > 0 && !hasLinePrefix(stderr, want) {
				t.Errorf("check: exit %d, stderr:\n%.2000s\nwant %q", code, stderr, want)
			}
		})
	}
}

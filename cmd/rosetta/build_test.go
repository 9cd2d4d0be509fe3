package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

func rosetta(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBuild(t *testing.T) {
	dir := sitetest.Copy(t)
	out := filepath.Join(dir, "public")
	code, stdout, stderr := rosetta(t, "build", "-src", dir, "-out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "built 42 pages in 13 languages into ") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("summary %q, want one line: built 42 pages in 13 languages …", stdout)
	}
	for _, name := range []string{"index.html", "vi/crypto-ai/index.html", "ar/crypto-ai/index.html", "ar/search/index.html", "404.html", "robots.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	// A second build replaces its own output.
	if code, _, stderr := rosetta(t, "build", "-src", dir, "-out", out); code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, stderr)
	}
}

// TestBadInput: each broken file gives "path:LINE: message" and exit 1, and
// the previous public/ survives untouched.
func TestBadInput(t *testing.T) {
	const file = "content/crypto-ai/index.vi.md"
	cases := []struct {
		name string
		edit func(src string) string
		want string
	}{
		{"unterminated front matter", func(s string) string {
			return strings.Replace(s, "+++\n\n## ", "\n## ", 1)
		}, file + ":1: front matter opened here is not closed by a +++ line"},
		{"TOML error", func(s string) string {
			return strings.Replace(s, `role = "Người quản lý kênh YouTube"`, `role = "Người quản lý kênh YouTube`, 1)
		}, file + ":12: front matter: "},
		{"unknown speaker in a label", func(s string) string {
			return strings.Replace(s, "Lydia: Xét từ góc độ", "Lidia: Xét từ góc độ", 1)
		}, file + `:27: unknown speaker "Lidia": did you mean "Lydia"?`},
		{"missing title", func(s string) string {
			return strings.Replace(s, "title = ", "subtitle = ", 1)
		}, file + ":1: front matter has no title"},
		{"not UTF-8", func(s string) string {
			return strings.Replace(s, "Hôm nay", "H\xf4m nay", 1)
		}, file + ":23: not valid UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := sitetest.Copy(t)
			out := filepath.Join(dir, "public")
			if code, _, stderr := rosetta(t, "build", "-src", dir, "-out", out); code != 0 {
				t.Fatalf("first build: exit %d\n%s", code, stderr)
			}
			before, err := os.ReadFile(filepath.Join(out, "vi/crypto-ai/index.html"))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, file)
			src, _ := os.ReadFile(path)
			broken := c.edit(string(src))
			if broken == string(src) {
				t.Fatal("test setup: the edit changed nothing")
			}
			os.WriteFile(path, []byte(broken), 0o644)

			code, stdout, stderr := rosetta(t, "build", "-src", dir, "-out", out)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			want := filepath.Join(dir, filepath.FromSlash(file)) + strings.TrimPrefix(c.want, file) // as given by -src
			if !hasLinePrefix(stderr, want) {
				t.Errorf("stderr:\n%s\nwant a line starting with %q", stderr, want)
			}
			if stdout != "" {
				t.Errorf("stdout %q on a failed build", stdout)
			}
			after, err := os.ReadFile(filepath.Join(out, "vi/crypto-ai/index.html"))
			if err != nil || !bytes.Equal(before, after) {
				t.Errorf("the previous public/ did not survive the failed build (%v)", err)
			}
			if left := leftovers(out); len(left) > 0 {
				t.Errorf("a failed build left %v", left)
			}
		})
	}
}

// TestOutputGuard: build never writes into the folder that holds the
// sources, nor inside one of its source folders, through a link or not.
func TestOutputGuard(t *testing.T) {
	dir := sitetest.Copy(t)
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(filepath.Join(dir, "content"), link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{dir, filepath.Join(dir, "content", "x"), link, filepath.Join(link, "new")} {
		if code, _, _ := rosetta(t, "build", "-src", dir, "-out", out); code != 1 {
			t.Errorf("-out %s: exit %d, want 1", out, code)
		}
	}
}

func hasLinePrefix(text, prefix string) bool {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			return true
		}
	}
	return false
}

// TestOutputUpdatedInPlace: a build over an earlier one writes only the
// files that changed and deletes the pages no longer built.
func TestOutputUpdatedInPlace(t *testing.T) {
	dir := sitetest.Copy(t)
	out := filepath.Join(dir, "public")
	if code, _, stderr := rosetta(t, "build", "-src", dir, "-out", out); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, _ := rosetta(t, "build", "-src", dir, "-out", out)
	if code != 0 || !strings.Contains(stdout, "(0 of ") {
		t.Errorf("a build of unchanged sources: %q, want 0 files changed", stdout)
	}
	ja := filepath.Join(dir, "content/crypto-ai/index.ja.md")
	src, _ := os.ReadFile(ja)
	os.WriteFile(ja, []byte(strings.Replace(string(src), "本日は", "本日は（更新）", 1)), 0o644)
	os.Remove(filepath.Join(dir, "content/crypto-ai/index.uk.md"))
	code, stdout, stderr := rosetta(t, "build", "-src", dir, "-out", out)
	if code != 0 {
		t.Fatal(stderr)
	}
	page, _ := os.ReadFile(filepath.Join(out, "ja/crypto-ai/index.html"))
	if !strings.Contains(string(page), "本日は（更新）") {
		t.Error("the edited Japanese page was not updated")
	}
	if _, err := os.Stat(filepath.Join(out, "uk/crypto-ai/index.html")); !os.IsNotExist(err) {
		t.Errorf("the removed Ukrainian page is still in public/ (%v)", err)
	}
	if strings.Contains(stdout, "(0 of ") {
		t.Errorf("summary %q: the edit changed no file", stdout)
	}
	if left := leftovers(out); len(left) > 0 {
		t.Errorf("the build left %v", left)
	}
}

// TestErrorsAtTheirPlace: a bad -baseurl is reported as the flag, and a
// mistake in a template that every page runs is one line, at the
// template's own line.
func TestErrorsAtTheirPlace(t *testing.T) {
	dir := sitetest.Copy(t)
	out := filepath.Join(dir, "public")
	code, _, stderr := rosetta(t, "build", "-src", dir, "-out", out, "-baseurl", "javascript://x/")
	want := `-baseurl: "javascript://x/" is not an http or https URL such as https://example.org/talks/` + "\n"
	if code != 1 || stderr != want {
		t.Errorf("-baseurl javascript://x/: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}

	base := filepath.Join(dir, "templates", "base.html")
	src, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	before, _, found := strings.Cut(string(src), "<title>{{.HeadTitle}}</title>")
	if !found {
		t.Fatal("test setup: base.html has no <title>{{.HeadTitle}}</title>")
	}
	broken := strings.Replace(string(src), "{{.HeadTitle}}", "{{.T 1}}", 1)
	if err := os.WriteFile(base, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = rosetta(t, "build", "-src", dir, "-out", out, "-baseurl", "https://example.org/talks/") // no warning of a missing base URL
	// Every page uses the head: 13 transcripts, 13 homes, 13 search pages, the root and 404.
	want = fmt.Sprintf("%s:%d: executing \"head\" at <1>: expected string; found 1 (rendering zh-cn/crypto-ai/index.html and 40 other pages)\n",
		base, 1+strings.Count(before, "\n"))
	if code != 1 || stderr != want {
		t.Errorf("{{.T 1}} in base.html: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
}

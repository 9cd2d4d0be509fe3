package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// leftovers returns the staging folders a build left in out.
func leftovers(out string) []string {
	names, _ := filepath.Glob(filepath.Join(out, ".rosetta-staging-*"))
	return names
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustBuild(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := rosetta(t, append([]string{"build"}, args...)...)
	if code != 0 {
		t.Fatalf("build %v: exit %d\n%s", args, code, stderr)
	}
	return stdout
}

// TestOutputSharedWithUser: public/ that is a git checkout for a static
// host, with the host's files and one of the user's own, keeps all of them
// byte for byte through builds; the pages an earlier build wrote and this
// one does not are gone; and the output folder can be read by a web
// server running as another user.
func TestOutputSharedWithUser(t *testing.T) {
	sitetest.Umask(t, 0o022)
	dir := sitetest.Copy(t)
	out := filepath.Join(dir, "public")
	user := map[string]string{
		".git/HEAD":                "ref: refs/heads/gh-pages\n",
		".git/config":              "[core]\n\tbare = false\n",
		".git/objects/ab/cdef":     "\x00\x01binary",
		"CNAME":                    "talks.example.org\n",
		".nojekyll":                "",
		"_headers":                 "/*\n  X-Frame-Options: DENY\n",
		"notes/deploy.txt":         "my own notes\n",
		"vi/README-of-my-own.txt":  "a file of mine inside a folder rosetta writes\n",
		".well-known/security.txt": "Contact: mailto:security@example.org\n",
	}
	for name, data := range user {
		write(t, filepath.Join(out, name), data)
	}
	if err := os.Chmod(out, 0o750); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, "-src", dir, "-out", out)

	ja := filepath.Join(dir, "content/crypto-ai/index.ja.md")
	src, _ := os.ReadFile(ja)
	write(t, ja, strings.Replace(string(src), "本日は", "本日は（更新）", 1))
	os.Remove(filepath.Join(dir, "content/crypto-ai/index.uk.md"))
	mustBuild(t, "-src", dir, "-out", out)

	for name, data := range user {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || string(got) != data {
			t.Errorf("%s: %q (%v), want it kept as %q", name, got, err, data)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "uk/crypto-ai/index.html")); !os.IsNotExist(err) {
		t.Errorf("the Ukrainian page no longer built is still there (%v)", err)
	}
	if page, _ := os.ReadFile(filepath.Join(out, "ja/crypto-ai/index.html")); !strings.Contains(string(page), "本日は（更新）") {
		t.Error("the edited Japanese page was not updated")
	}
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o750 {
		t.Errorf("the output folder's mode became %v; it was the user's 0750", info.Mode().Perm())
	}
	if left := leftovers(out); len(left) > 0 {
		t.Errorf("the build left %v", left)
	}

	fresh := filepath.Join(t.TempDir(), "site", "public")
	mustBuild(t, "-src", dir, "-out", fresh)
	for _, name := range []string{"", "vi", "vi/crypto-ai", "vi/crypto-ai/index.html"} {
		info, err := os.Stat(filepath.Join(fresh, name))
		want := fs.FileMode(0o755)
		if !info.IsDir() {
			want = 0o644
		}
		if err != nil || info.Mode().Perm() != want {
			t.Errorf("public/%s: mode %v (%v), want %v under umask 022", name, info.Mode().Perm(), err, want)
		}
	}
}

// TestOutputUserFileInTheWay: a file of the user's where the build would
// write a page stops the build before anything changes.
func TestOutputUserFileInTheWay(t *testing.T) {
	dir := sitetest.Copy(t)
	cases := map[string]string{
		"index.html":              "<p>my old site</p>",
		"vi/crypto-ai":            "a file where a folder goes",
		"en/crypto-ai/index.html": "<p>my own translation</p>",
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			write(t, filepath.Join(out, name), data)
			if name != "index.html" { // over an earlier build too
				mustBuild(t, "-src", dir, "-out", filepath.Join(out, "..", "other"))
			}
			before := sitetest.Snapshot(t, out)
			code, _, stderr := rosetta(t, "build", "-src", dir, "-out", out)
			want := filepath.Join(out, filepath.FromSlash(name)) + ": rosetta did not write this"
			if code != 1 || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr %q: want 1 and %q", code, stderr, want)
			}
			sitetest.SameTree(t, before, sitetest.Snapshot(t, out))
		})
	}
}

// TestOutputThroughLink: an output folder that is a symbolic link is
// written through, build after build, and stays a link.
func TestOutputThroughLink(t *testing.T) {
	dir := sitetest.Copy(t)
	target := filepath.Join(t.TempDir(), "www")
	os.MkdirAll(target, 0o755)
	out := filepath.Join(dir, "public")
	if err := os.Symlink(target, out); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, "-src", dir, "-out", out)
	mustBuild(t, "-src", dir, "-out", out)
	if info, err := os.Lstat(out); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("public/ is no longer a link (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(target, "vi/crypto-ai/index.html")); err != nil {
		t.Error(err)
	}
}

// TestOutputAssetChangesKind: an asset that becomes a folder, and a folder
// of assets that becomes one file, are built over the earlier build.
func TestOutputAssetChangesKind(t *testing.T) {
	dir := sitetest.Copy(t)
	out := filepath.Join(dir, "public")
	assets := filepath.Join(dir, "templates/assets")
	write(t, filepath.Join(assets, "img"), "one file")
	mustBuild(t, "-src", dir, "-out", out)
	os.Remove(filepath.Join(assets, "img"))
	write(t, filepath.Join(assets, "img/a.txt"), "a")
	write(t, filepath.Join(assets, "img/deep/b.txt"), "b")
	mustBuild(t, "-src", dir, "-out", out)
	if data, _ := os.ReadFile(filepath.Join(out, "img/deep/b.txt")); string(data) != "b" {
		t.Errorf("img/deep/b.txt is %q after the file became a folder", data)
	}
	os.RemoveAll(filepath.Join(assets, "img"))
	write(t, filepath.Join(assets, "img"), "a file again")
	mustBuild(t, "-src", dir, "-out", out)
	if data, _ := os.ReadFile(filepath.Join(out, "img")); string(data) != "a file again" {
		t.Errorf("img is %q after the folder became a file", data)
	}
}

// TestOutputLeftoversRemoved: the staging folders of a killed build, and
// those an earlier version of rosetta left beside the output, are removed
// by the next build.
func TestOutputLeftoversRemoved(t *testing.T) {
	dir := sitetest.Copy(t)
	out := filepath.Join(dir, "public")
	mustBuild(t, "-src", dir, "-out", out)
	write(t, filepath.Join(out, ".rosetta-staging-123/new/vi/index.html"), "half a build")
	write(t, filepath.Join(dir, ".public.building-456/vi/index.html"), "half an old build")
	mustBuild(t, "-src", dir, "-out", out)
	if left := leftovers(out); len(left) > 0 {
		t.Errorf("left %v", left)
	}
	if old, _ := filepath.Glob(filepath.Join(dir, ".public.building-*")); len(old) > 0 {
		t.Errorf("left %v", old)
	}
}

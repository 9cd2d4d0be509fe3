package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestClassify: what a changed path asks to rebuild. Editors' temporary
// and backup files ask for nothing; a transcript file for its language
// alone; site.toml, i18n and templates for everything.
func TestClassify(t *testing.T) {
	root := "/site"
	for path, want := range map[string]string{
		"content/talk/index.vi.md":             "talk:vi",
		"content/talk/index.pt-br.md":          "talk:pt-br",
		"content/talk":                         "talk:*",
		"content/talk/notes.txt":               "talk:*",
		"content/talk/.index.vi.md.swp":        "",
		"content/talk/index.vi.md~":            "",
		"content/talk/4913":                    "",
		"content/talk/.#index.vi.md":           "",
		"content/talk/index.vi.md___jb_tmp___": "",
		"content/talk/index.vi.md.tmp":         "",
		"site.toml":                            "full",
		"i18n/uk.toml":                         "full",
		"templates/base.html":                  "full",
		"templates/assets/style.css":           "full",
		"content":                              "full",
		"README.md":                            "",
		"public/index.html":                    "",
		"../elsewhere/site.toml":               "",
		"templates/.base.html.swp":             "",
		"i18n/uk.toml~":                        "",
		"content/talk/sub/folder/index.vi.md":  "talk:*",
	} {
		c := classify(root, filepath.Join(root, path))
		if got := describe(c); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}

func describe(c change) string {
	if c.full {
		return "full"
	}
	var parts []string
	for slug, codes := range c.content {
		if codes == nil {
			parts = append(parts, slug+":*")
		}
		for code := range codes {
			parts = append(parts, slug+":"+code)
		}
	}
	return strings.Join(parts, ",")
}

// TestWatchLimitMessage: when the kernel's inotify watches run out, the
// message says how to raise the limit.
func TestWatchLimitMessage(t *testing.T) {
	err := watchError(fmt.Errorf("add /site/content: %w", syscall.ENOSPC))
	if !strings.Contains(err.Error(), "sudo sysctl fs.inotify.max_user_watches=") {
		t.Errorf("watch limit: %q does not say how to raise it", err)
	}
}

// TestRenamedFolder: a discussion's folder renamed while serving moves to its
// new address, and edits in it are still seen.
func TestRenamedFolder(t *testing.T) {
	p := startPreview(t)
	if err := os.Rename(filepath.Join(p.dir, "content/crypto-ai"), filepath.Join(p.dir, "content/renamed")); err != nil {
		t.Fatal(err)
	}
	p.waitReload("/vi/renamed/", contains("Hôm nay chúng ta"))
	if status, _ := p.get("/vi/crypto-ai/"); status != 404 {
		t.Errorf("/vi/crypto-ai/ after the rename: status %d, want 404", status)
	}

	file := "content/renamed/index.vi.md"
	p.write(file, strings.Replace(p.read(file), "Hôm nay chúng ta", "Hôm nay (sau khi đổi tên) chúng ta", 1))
	p.waitReload("/vi/renamed/", contains("Hôm nay (sau khi đổi tên) chúng ta"))
}

// TestFolderMovedIn: a discussion's folder moved into content/ from outside
// the site is built, and edits in it are seen; moved out and back in, it
// is still watched.
func TestFolderMovedIn(t *testing.T) {
	p := startPreview(t)
	src := strings.Replace(p.read(viFile), "Hôm nay chúng ta", "Hôm nay (chuyển vào) chúng ta", 1)
	outside := filepath.Join(t.TempDir(), "talk")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "index.vi.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inside := filepath.Join(p.dir, "content/moved-in")
	if err := os.Rename(outside, inside); err != nil {
		t.Fatal(err)
	}
	p.waitReload("/vi/moved-in/", contains("Hôm nay (chuyển vào) chúng ta"))

	if err := os.Rename(inside, outside); err != nil {
		t.Fatal(err)
	}
	p.waitReload("/vi/moved-in/", func(status int, _ string) bool { return status == 404 })
	if err := os.Rename(outside, inside); err != nil {
		t.Fatal(err)
	}
	p.waitReload("/vi/moved-in/", contains("Hôm nay (chuyển vào) chúng ta"))
	p.write("content/moved-in/index.vi.md", strings.Replace(src, "(chuyển vào)", "(sửa lại)", 1))
	p.waitReload("/vi/moved-in/", contains("Hôm nay (sửa lại) chúng ta"))
}

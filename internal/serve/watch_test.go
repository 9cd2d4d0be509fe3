package serve

import (
	"fmt"
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

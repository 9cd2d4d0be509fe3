// Package sitetest helps tests work on a copy of the repository's site.
package sitetest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the repository's root folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Copy copies the repository's site sources (site.toml, content, i18n,
// templates) into a new temporary folder and returns it.
func Copy(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	root := Root()
	for _, name := range []string{"site.toml", "content", "i18n", "templates"} {
		err := filepath.Walk(filepath.Join(root, name), func(path string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			if info.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

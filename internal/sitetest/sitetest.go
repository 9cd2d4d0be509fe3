// Package sitetest helps tests work on a copy of the repository's site.
package sitetest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/rosetta-ssg/rosetta/internal/corpus"
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
		err := corpus.CopyTree(filepath.Join(root, name), filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Site reads the txtar archive file as a site. The repository's templates/
// and i18n/ are added unless the archive has files there. A file whose
// name ends in "@symlink" becomes a symbolic link (without the suffix) to
// the path its content names.
func Site(t testing.TB, file string) (fstest.MapFS, *txtar.Archive) {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		if name, ok := strings.CutSuffix(f.Name, "@symlink"); ok {
			fsys[name] = &fstest.MapFile{Data: bytes.TrimSpace(f.Data), Mode: fs.ModeSymlink | 0o777}
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: File(t, a, f.Name)}
	}
	root := os.DirFS(Root())
	for _, dir := range []string{"templates", "i18n"} {
		if hasPrefix(fsys, dir+"/") {
			continue
		}
		err := fs.WalkDir(root, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, name)
			fsys[name] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys, a
}

func hasPrefix(fsys fstest.MapFS, prefix string) bool {
	for name := range fsys {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// Package sitetest gives tests their sites.
//
// The tests' site (Copy, FS) is the repository's i18n/ and templates/, the
// tool's defaults that the tests are about, with a site.toml and a
// content/ of its own: testdata/site.toml and testdata/content, frozen
// copies of the configuration and the discussion the repository shipped
// with. A user who adds a discussion or a language, or sets a base URL, or
// a translator who edits a transcript, as the README tells them to, must
// not break go test, so no test reads the repository's site.toml or
// content/: rosetta check guards them in CI (.ci/run). A test that would
// need the real content/ should not exist. Site reads a site from a txtar
// archive instead.
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

// Root returns the repository's root folder. Tests read the tool's own
// files there (site.toml, i18n/, templates/, .ci/), never its content/.
func Root() string {
	return filepath.Join(here(), "..", "..")
}

// here returns this package's source folder.
func here() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// toolFiles are the parts of the tests' site taken from the repository.
var toolFiles = []string{"i18n", "templates"}

// ownFiles are the parts of the tests' site that are the tests' own.
var ownFiles = []string{"site.toml", "content"}

// fixture is the folder that holds the tests' site.toml and content/.
func fixture() string {
	return filepath.Join(here(), "testdata")
}

// Copy writes the tests' site into a new temporary folder
// and returns it.
func Copy(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	root := Root()
	for _, name := range toolFiles {
		if err := corpus.CopyTree(filepath.Join(root, name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range ownFiles {
		if err := corpus.CopyTree(filepath.Join(fixture(), name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// FS returns the tests' site in memory.
func FS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS(Root())
	for _, name := range toolFiles {
		addTree(t, fsys, root, name)
	}
	for _, name := range ownFiles {
		addTree(t, fsys, os.DirFS(fixture()), name)
	}
	return fsys
}

// addTree adds the file or folder name of from, and the files under it, to
// fsys.
func addTree(t testing.TB, fsys fstest.MapFS, from fs.FS, name string) {
	t.Helper()
	err := fs.WalkDir(from, name, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(from, name)
		fsys[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
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
		if !hasPrefix(fsys, dir+"/") {
			addTree(t, fsys, root, dir)
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

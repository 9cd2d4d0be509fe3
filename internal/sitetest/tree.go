package sitetest

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Snapshot records every file, folder and link under dir: its kind, mode
// and content, so that two snapshots are equal when the tree is byte for
// byte the same. A file is recorded by its content, or a digest of it.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(path)
			files[rel] = "link to " + target
		case d.IsDir():
			files[rel] = fmt.Sprintf("folder %v", info.Mode())
		default:
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if len(data) > 200 { // a page: its digest
				files[rel] = fmt.Sprintf("file %v %d bytes, sha256 %x", info.Mode(), len(data), sha256.Sum256(data))
			} else {
				files[rel] = fmt.Sprintf("file %v %q", info.Mode(), data)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// SameTree reports the first differences between two snapshots.
func SameTree(t testing.TB, before, after map[string]string) {
	t.Helper()
	n := 0
	for _, name := range slices.Sorted(maps.Keys(before)) {
		if after[name] != before[name] && n < 5 {
			t.Errorf("%s changed: was %.80s, now %.80s", name, before[name], after[name])
			n++
		}
	}
	for _, name := range slices.Sorted(maps.Keys(after)) {
		if _, ok := before[name]; !ok && n < 5 {
			t.Errorf("%s is new: %.80s", name, after[name])
			n++
		}
	}
}

package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// marker is written into every output folder, so that a later build knows the
// folder is its own to replace, and never replaces a folder it did not write.
const marker = ".rosetta-output"

// DirOutput writes a build beside the output folder and moves it in with
// Commit: a failed build leaves the old output untouched.
//
// A first build writes a fresh folder and renames it into place. A build
// over an earlier one writes aside only the files whose bytes changed, then
// moves them in and deletes the files no longer built: on a large site,
// writing and deleting thousands of unchanged files costs more than the
// build itself.
type DirOutput struct {
	dir    string // the output folder
	tmp    string // where this build writes
	update bool   // dir holds an earlier build, updated in place on Commit

	mu      sync.Mutex
	written map[string]bool // every file of the build, changed or not
	changed []string        // the files written to tmp
	dirs    sync.Map        // folders made so far
}

// NewDirOutput prepares a build of the output folder dir.
func NewDirOutput(dir string) (*DirOutput, error) {
	dir = filepath.Clean(dir)
	update, err := checkReplaceable(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".building-")
	if err != nil {
		return nil, err
	}
	return &DirOutput{dir: dir, tmp: tmp, update: update, written: map[string]bool{}}, nil
}

// checkReplaceable reports whether dir holds an earlier build, and refuses
// a folder with files that rosetta did not write.
func checkReplaceable(dir string) (earlier bool, err error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if len(entries) == 0 {
		return false, nil
	}
	if _, err := os.Stat(filepath.Join(dir, marker)); err != nil {
		return false, fmt.Errorf("%s: the output folder exists and was not written by rosetta; move it away or choose another -out", dir)
	}
	return true, nil
}

// WriteFile writes one file of the build. name is a slash-separated path
// inside the output; it may not leave it.
func (o *DirOutput) WriteFile(name string, data []byte) error {
	clean := filepath.Clean(filepath.FromSlash(name))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	o.mu.Lock()
	if o.written[clean] {
		o.mu.Unlock()
		return fmt.Errorf("two pages write %s", name)
	}
	o.written[clean] = true
	o.mu.Unlock()
	if o.update {
		if old, err := os.ReadFile(filepath.Join(o.dir, clean)); err == nil && bytes.Equal(old, data) {
			return nil
		}
	}
	path := filepath.Join(o.tmp, clean)
	if err := o.mkdir(filepath.Dir(path)); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	o.mu.Lock()
	o.changed = append(o.changed, clean)
	o.mu.Unlock()
	return nil
}

// mkdir makes dir and its parents once per build, with one system call for
// a folder whose parent was made before: MkdirAll for every file of a large
// site costs seconds of system calls.
func (o *DirOutput) mkdir(dir string) error {
	if _, done := o.dirs.Load(dir); done {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err := o.mkdir(filepath.Dir(dir)); err != nil {
			return err
		}
		err = os.Mkdir(dir, 0o755)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	o.dirs.Store(dir, true)
	return nil
}

// Changed reports how many files the build wrote, of all it produced.
func (o *DirOutput) Changed() (changed, total int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.changed), len(o.written)
}

// Commit puts this build in place of the output folder.
func (o *DirOutput) Commit() error {
	if o.update {
		return o.commitUpdate()
	}
	if err := os.WriteFile(filepath.Join(o.tmp, marker), []byte("written by rosetta build; the next build replaces this folder\n"), 0o644); err != nil {
		return err
	}
	if err := os.Remove(o.dir); err != nil && !os.IsNotExist(err) { // an empty folder
		return err
	}
	return os.Rename(o.tmp, o.dir)
}

// commitUpdate moves the changed files into the output folder, then deletes
// the files of the earlier build that this one did not produce.
func (o *DirOutput) commitUpdate() error {
	sort.Strings(o.changed)
	for _, name := range o.changed {
		target := filepath.Join(o.dir, name)
		if err := o.mkdir(filepath.Dir(target)); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(o.tmp, name), target); err != nil {
			return err
		}
	}
	var stale, dirs []string
	err := filepath.WalkDir(o.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(o.dir, path)
		switch {
		case d.IsDir():
			if rel != "." {
				dirs = append(dirs, path)
			}
		case rel != marker && !o.written[rel]:
			stale = append(stale, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, path := range stale {
		if err := os.Remove(path); err != nil {
			return err
		}
	}
	for i := len(dirs) - 1; i >= 0; i-- { // deepest first; only empty ones go
		os.Remove(dirs[i])
	}
	return os.RemoveAll(o.tmp)
}

// Abort removes what this build wrote; the output folder is left as it was.
func (o *DirOutput) Abort() error { return os.RemoveAll(o.tmp) }

// MemOutput collects a build in memory, for check, serve and tests.
type MemOutput struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// NewMemOutput returns an output that starts as a copy of files (which may
// be nil): a partial build then replaces some of them.
func NewMemOutput(files map[string][]byte) *MemOutput {
	return &MemOutput{Files: maps.Clone(files)}
}

// WriteFile keeps a copy of data under name.
func (o *MemOutput) WriteFile(name string, data []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.Files == nil {
		o.Files = map[string][]byte{}
	}
	o.Files[name] = bytes.Clone(data)
	return nil
}

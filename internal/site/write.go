package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// marker is written into every output folder, so that a later build knows the
// folder is its own to replace, and never replaces a folder it did not write.
const marker = ".rosetta-output"

// DirOutput writes a build into a fresh folder beside the output folder, then
// swaps it in with Commit: a failed build leaves the old output untouched.
type DirOutput struct {
	dir string // the output folder
	tmp string // where this build writes

	mu      sync.Mutex
	written map[string]bool
}

// NewDirOutput prepares a build of the output folder dir.
func NewDirOutput(dir string) (*DirOutput, error) {
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
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
	return &DirOutput{dir: dir, tmp: tmp, written: map[string]bool{}}, nil
}

func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, marker)); err != nil {
		return fmt.Errorf("%s: the output folder exists and was not written by rosetta; move it away or choose another -out", dir)
	}
	return nil
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
	path := filepath.Join(o.tmp, clean)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// Commit replaces the output folder with this build.
func (o *DirOutput) Commit() error {
	if err := os.WriteFile(filepath.Join(o.tmp, marker), []byte("written by rosetta build; the next build replaces this folder\n"), 0o644); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(o.dir); err == nil {
		old = o.tmp + ".old"
		if err := os.Rename(o.dir, old); err != nil {
			return err
		}
	}
	if err := os.Rename(o.tmp, o.dir); err != nil {
		if old != "" {
			os.Rename(old, o.dir)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes what this build wrote; the output folder is left as it was.
func (o *DirOutput) Abort() error { return os.RemoveAll(o.tmp) }

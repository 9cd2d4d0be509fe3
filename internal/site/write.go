package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// marker is the file in the output folder that lists, one slash-separated
// path a line, the files rosetta wrote there: the next build may replace or
// delete those, and touches nothing else.
const marker = ".rosetta-output"

// markerHeader opens the marker.
const markerHeader = "# rosetta build wrote these files here; the next build replaces or deletes them, and nothing else.\n"

// legacyMarker is the whole marker of rosetta before the list: it owned
// the whole folder, and wrote every file in it but the dot-files.
const legacyMarker = "written by rosetta build; the next build replaces this folder\n"

// stagingPrefix names the folders, inside the output folder, where builds
// are written before they are moved in.
const stagingPrefix = ".rosetta-staging-"

// DirOutput writes a build into an output folder that it shares with its
// user: a git checkout, a CNAME, a _headers file and anything else that
// rosetta did not write stay as they are.
//
// The build is written to a staging folder inside the output folder (on the
// same file system, so that moving a file in is a rename) holding only the
// files whose bytes changed. Commit then moves those in and deletes the
// files an earlier build wrote that this one does not; if any step fails,
// it puts everything back as it was. A build that is abandoned, or killed,
// leaves the output folder as it was, and its staging folder is removed by
// the next build.
//
// A build holds the output folder's lock from NewDirOutput to Abort: a
// second build would commit over the first's with the marker it read
// before, and would take the first's staging folder for a killed build's.
type DirOutput struct {
	dir     string   // the output folder, as given
	root    *os.Root // the output folder: no path leaves it
	staging string   // this build's staging folder, a name inside root
	lock    *os.File // the output folder, locked while this build runs
	made    bool     // the output folder did not exist before this build
	owned   map[string]bool

	// fault, when set by a test, is called before each change Commit makes
	// to the output folder; an error it returns is taken as that change's.
	fault func(op, name string) error

	mu      sync.Mutex
	written map[string]bool // every file of the build, changed or not
	changed []string        // the files written to staging
	dirs    sync.Map        // folders made in staging so far
}

// NewDirOutput prepares a build of the output folder dir, making it (with
// mode 0755 less the umask) if it does not exist. A symbolic link to a
// folder is written through.
func NewDirOutput(dir string) (*DirOutput, error) {
	dir = filepath.Clean(dir)
	o := &DirOutput{dir: dir, written: map[string]bool{}}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		o.made = true
	case err != nil:
		return nil, err
	case !info.IsDir():
		return nil, fmt.Errorf("%s: the output folder is not a folder", dir)
	}
	if o.root, err = os.OpenRoot(dir); err != nil {
		return nil, err
	}
	if err := o.start(); err != nil {
		o.Abort()
		return nil, err
	}
	return o, nil
}

// start locks the output folder, reads its marker, removes what killed
// builds left in it and makes this build's staging folder.
func (o *DirOutput) start() error {
	var err error
	o.lock, err = lockFolder(o.dir)
	if errors.Is(err, errLocked) {
		return fmt.Errorf("%s: another rosetta build is writing here: let it end, or build into another -out", o.dir)
	} else if err != nil {
		return err
	}
	if o.owned, err = o.readMarker(); err != nil {
		return err
	}
	o.removeLeftovers()
	staging, err := os.MkdirTemp(o.dir, stagingPrefix)
	if err != nil {
		return err
	}
	o.staging = filepath.Base(staging)
	return nil
}

// errLocked is lockFolder's error for a folder another build has locked.
var errLocked = errors.New("locked by another process")

// readMarker returns the files an earlier build wrote.
func (o *DirOutput) readMarker() (map[string]bool, error) {
	owned := map[string]bool{}
	info, err := o.root.Lstat(marker)
	if errors.Is(err, fs.ErrNotExist) {
		return owned, nil
	}
	if err == nil && !info.Mode().IsRegular() {
		err = errors.New("not a regular file")
	}
	var data []byte
	if err == nil {
		data, err = o.root.ReadFile(marker)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(o.dir, marker), err)
	}
	// A git checkout may have turned its line ends into CRLF.
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	switch {
	case strings.HasPrefix(text, markerHeader):
	case text == legacyMarker:
		err := fs.WalkDir(o.root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case name != "." && strings.HasPrefix(d.Name(), "."):
				if d.IsDir() {
					return fs.SkipDir
				}
			case d.Type().IsRegular():
				owned[name] = true
			}
			return nil
		})
		return owned, err
	default:
		// Anything else, an edited or a hand-made marker, would make the
		// user's files rosetta's to delete.
		return nil, fmt.Errorf("%s: not the list of files rosetta wrote (its first line is not rosetta's), so rosetta cannot tell its files from yours: restore it, or delete it and the files rosetta wrote", filepath.Join(o.dir, marker))
	}
	for line := range strings.Lines(text[len(markerHeader):]) {
		name := strings.TrimSuffix(line, "\n")
		if outputName(name) { // anything else was not written by rosetta
			owned[name] = true
		}
	}
	return owned, nil
}

// outputName reports whether name is a path rosetta may write in the output
// folder: slash-separated, inside it, and hidden in no part but .well-known.
func outputName(name string) bool {
	if !fs.ValidPath(name) || name == "." {
		return false
	}
	for part := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(part, ".") && part != ".well-known" {
			return false
		}
	}
	return true
}

// removeLeftovers removes the staging folders of builds that were killed:
// with the output folder's lock held, no other build is running. Earlier
// versions of rosetta staged beside the output folder, as
// .<name>.building-*.
func (o *DirOutput) removeLeftovers() {
	entries, _ := os.ReadDir(o.dir)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), stagingPrefix) {
			os.RemoveAll(filepath.Join(o.dir, e.Name()))
		}
	}
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(o.dir), "."+filepath.Base(o.dir)+".building-*"))
	for _, dir := range old {
		os.RemoveAll(dir)
	}
}

// WriteFile writes one file of the build. name is a slash-separated path
// inside the output folder, hidden in no part but .well-known.
func (o *DirOutput) WriteFile(name string, data []byte) error {
	if !outputName(name) {
		return fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name)
	}
	o.mu.Lock()
	if o.written[name] {
		o.mu.Unlock()
		return fmt.Errorf("two pages write %s", name)
	}
	o.written[name] = true
	o.mu.Unlock()
	if o.owned[name] && o.unchanged(name, data) {
		return nil
	}
	file := filepath.Join(o.dir, o.staging, "new", filepath.FromSlash(name))
	if err := o.mkdir(filepath.Dir(file)); err != nil {
		return err
	}
	if err := createFile(file, data); err != nil {
		return err
	}
	o.mu.Lock()
	o.changed = append(o.changed, name)
	o.mu.Unlock()
	return nil
}

// unchanged reports whether the output folder's file name holds data. Only
// a regular file is read: reading a named pipe would wait for a writer.
func (o *DirOutput) unchanged(name string, data []byte) bool {
	if info, err := o.root.Lstat(name); err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	old, err := o.root.ReadFile(name)
	return err == nil && bytes.Equal(old, data)
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

// Abort removes what this build wrote; the output folder is left as it was
// (and removed if this build made it).
func (o *DirOutput) Abort() error {
	if o.root == nil {
		return nil // done before
	}
	var err error
	if o.staging != "" {
		err = removeStaging(o.root, o.staging)
	}
	if o.lock != nil {
		o.lock.Close()
	}
	o.root.Close()
	o.root = nil
	if o.made {
		os.Remove(o.dir) // only if empty
	}
	return err
}

// removeStaging removes a staging folder, its subfolders a few at a time:
// removing a large site's files one after the other is most of the time a
// build takes to stop when it is interrupted.
func removeStaging(root *os.Root, staging string) error {
	var dirs []string
	for _, part := range []string{"new", "old"} {
		entries, _ := fs.ReadDir(root.FS(), path.Join(staging, part))
		for _, e := range entries {
			dirs = append(dirs, path.Join(staging, part, e.Name()))
		}
	}
	errs := make([]error, len(dirs)+1)
	parallel(context.Background(), len(dirs), func(i int) { errs[i] = root.RemoveAll(dirs[i]) })
	errs[len(dirs)] = root.RemoveAll(staging)
	return errors.Join(errs...)
}

// Commit puts this build in place in the output folder: the changed files
// in, the files an earlier build wrote and this one does not out, and the
// marker listing what is rosetta's. It changes nothing before it has
// checked that no file or folder of the user's stands in the way; if a
// change fails, the ones made are undone.
func (o *DirOutput) Commit() error {
	defer o.Abort() // the staging folder goes, whatever happens
	var stale []string
	for name := range o.owned {
		if !o.written[name] {
			stale = append(stale, name)
		}
	}
	slices.Sort(stale)
	slices.Sort(o.changed)
	moves, folders, err := o.plan(stale)
	if err != nil {
		return err
	}
	j := &journal{o: o}
	if err := j.apply(moves, folders); err != nil {
		if undo := j.undo(); undo != nil {
			return fmt.Errorf("%v; putting the output folder back also failed: %v", err, undo)
		}
		return err
	}
	// The folders that held only the earlier build's files go too.
	for _, name := range moves {
		if o.written[name] {
			continue // replaced: its folder holds the new file
		}
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if info, err := o.root.Lstat(dir); err != nil || !info.IsDir() || o.root.Remove(dir) != nil {
				break // a file now, or not empty
			}
		}
	}
	return nil
}

// plan returns the files of the output folder that must move aside for
// the new build (the stale files that still exist, the files being
// replaced, and the stale files inside a folder that a new file replaces)
// and the folders that new files replace. It fails, changing nothing, when
// something rosetta did not write is in the way.
func (o *DirOutput) plan(stale []string) (moves, folders []string, err error) {
	staleSet := map[string]bool{}
	for _, name := range stale {
		if o.plainFile(name) { // a link or a folder there now is the user's
			staleSet[name] = true
			moves = append(moves, name)
		}
	}
	notOurs := func(name string) error {
		return fmt.Errorf("%s: rosetta did not write this, and the build would replace it: move it away, or build into another -out",
			filepath.Join(o.dir, filepath.FromSlash(name)))
	}
	// The folders on the way to the new files, looked at once each: true
	// when one is there to stay, false when there is none or it goes. A
	// new page's folder is not there, nor are the files in it.
	there := map[string]bool{}
	for _, name := range o.changed {
		parts := strings.Split(name, "/")
		gone := false // a folder on the way is not there, or will not be
		for i := 1; i < len(parts) && !gone; i++ {
			dir := strings.Join(parts[:i], "/")
			ok, seen := there[dir]
			if !seen {
				info, err := o.root.Lstat(dir)
				switch {
				case errors.Is(err, fs.ErrNotExist), err == nil && staleSet[dir]:
				case err != nil:
					return nil, nil, err
				case !info.IsDir():
					return nil, nil, notOurs(dir)
				default:
					ok = true
				}
				there[dir] = ok
			}
			gone = !ok
		}
		if gone {
			continue
		}
		info, err := o.root.Lstat(name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, nil, err
		case info.Mode().IsRegular() && o.owned[name]:
			moves = append(moves, name)
		case info.IsDir():
			// A folder of an earlier build's files, now one file.
			err := fs.WalkDir(o.root.FS(), name, func(inside string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || staleSet[inside] {
					return err
				}
				return notOurs(inside)
			})
			if err != nil {
				return nil, nil, err
			}
			folders = append(folders, name)
		default:
			return nil, nil, notOurs(name)
		}
	}
	slices.Sort(moves)
	return slices.Compact(moves), folders, nil
}

// plainFile reports whether name is a regular file reached through
// folders alone. os.Root follows a link that stays inside the output
// folder, so a page whose folder the user replaced by a link to a folder of
// theirs would otherwise be found, and deleted, there.
func (o *DirOutput) plainFile(name string) bool {
	parts := strings.Split(name, "/")
	for i := range parts {
		info, err := o.root.Lstat(strings.Join(parts[:i+1], "/"))
		last := i == len(parts)-1
		if err != nil || !last && !info.IsDir() || last && !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// writeMarker writes the marker through a file in the staging folder, so
// that it is always whole.
func (o *DirOutput) writeMarker(names []string) error {
	var b bytes.Buffer
	b.WriteString(markerHeader)
	for _, name := range names {
		b.WriteString(name + "\n")
	}
	tmp := path.Join(o.staging, marker)
	if err := o.root.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return o.change("rename", marker, func() error { return o.root.Rename(tmp, marker) })
}

// change makes one change to the output folder, or fails as a test says.
func (o *DirOutput) change(op, name string, f func() error) error {
	if o.fault != nil {
		if err := o.fault(op, name); err != nil {
			return err
		}
	}
	return f()
}

// journal records the changes Commit makes, to undo them.
type journal struct {
	o       *DirOutput
	aside   []string     // moved into the staging folder's old/
	removed []removedDir // folders removed, in order
	placed  []string     // files and folders moved in from the staging folder
}

// removedDir is a folder clearFolder removed, for undo to make again.
type removedDir struct {
	name string
	perm fs.FileMode
}

// apply moves the files in moves aside, removes the folders, now empty of
// files, that stand where a new file goes, and moves the new files in.
func (j *journal) apply(moves, folders []string) error {
	o := j.o
	// The marker first lists both builds' files, so that whatever a kill
	// leaves, the next build knows every file in the folder that is its.
	union := maps.Clone(o.owned)
	maps.Copy(union, o.written)
	if _, err := o.root.Lstat(marker); err == nil {
		if err := j.moveAside(marker); err != nil {
			return err
		}
	}
	if err := o.writeMarker(slices.Sorted(maps.Keys(union))); err != nil {
		return err
	}
	j.placed = append(j.placed, marker)
	for _, name := range moves {
		if err := j.moveAside(name); err != nil {
			return err
		}
	}
	for _, name := range folders {
		if err := j.clearFolder(name); err != nil {
			return err
		}
	}
	if len(o.changed) > 0 {
		if err := j.place(path.Join(o.staging, "new"), "."); err != nil {
			return err
		}
	}
	// The marker lists what is rosetta's now.
	return o.writeMarker(slices.Sorted(maps.Keys(o.written)))
}

// moveAside moves the output folder's file name into the staging
// folder's old/, from where undo puts it back.
func (j *journal) moveAside(name string) error {
	o := j.o
	old := path.Join(o.staging, "old", name)
	if err := o.root.MkdirAll(path.Dir(old), 0o755); err != nil {
		return err
	}
	if err := o.change("rename", name, func() error { return o.root.Rename(name, old) }); err != nil {
		return err
	}
	j.aside = append(j.aside, name)
	return nil
}

// clearFolder removes the folder, emptied of files, that stands where the
// file name goes.
func (j *journal) clearFolder(name string) error {
	o := j.o
	info, err := o.root.Lstat(name)
	if err != nil || !info.IsDir() {
		return nil
	}
	var dirs []string
	err = fs.WalkDir(o.root.FS(), name, func(inside string, d fs.DirEntry, err error) error {
		if err == nil {
			dirs = append(dirs, inside)
		}
		return err
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- { // deepest first
		info, err := o.root.Lstat(dirs[i])
		if err == nil {
			err = o.change("remove", dirs[i], func() error { return o.root.Remove(dirs[i]) })
		}
		if err != nil {
			return err
		}
		j.removed = append(j.removed, removedDir{dirs[i], info.Mode().Perm()})
	}
	return nil
}

// place moves the entries of the staging folder from into the output
// folder's folder dir: each whole when nothing stands there, or entry by
// entry into a folder that exists.
func (j *journal) place(from, dir string) error {
	o := j.o
	entries, err := fs.ReadDir(o.root.FS(), from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		src, dst := path.Join(from, e.Name()), path.Join(dir, e.Name())
		info, err := o.root.Lstat(dst)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err := o.change("rename", dst, func() error { return o.root.Rename(src, dst) }); err != nil {
				return err
			}
			j.placed = append(j.placed, dst)
		case err != nil:
			return err
		case e.IsDir() && info.IsDir():
			if err := j.place(src, dst); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: in the way of the new build", filepath.Join(o.dir, filepath.FromSlash(dst)))
		}
	}
	return nil
}

// undo reverses what apply did, last change first.
func (j *journal) undo() error {
	o := j.o
	var errs []error
	for i := len(j.placed) - 1; i >= 0; i-- {
		errs = append(errs, o.root.RemoveAll(j.placed[i]))
	}
	for i := len(j.removed) - 1; i >= 0; i-- {
		errs = append(errs, o.root.Mkdir(j.removed[i].name, j.removed[i].perm))
	}
	for i := len(j.aside) - 1; i >= 0; i-- {
		name := j.aside[i]
		errs = append(errs, o.root.Rename(path.Join(o.staging, "old", name), name))
	}
	return errors.Join(errs...)
}

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

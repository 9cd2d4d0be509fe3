package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/rosetta-ssg/rosetta/internal/site"
)

// settle is how long a burst of file events may last: an editor's save is
// several events (write a temporary file, rename it, change its mode), and
// they become one rebuild.
const settle = 15 * time.Millisecond

// failSettle is how long a failed build waits for another save before the
// pages show it: an editor may still be writing the file.
const failSettle = 150 * time.Millisecond

// sourceDirs are the folders of a site that are watched, recursively.
var sourceDirs = []string{"content", "templates", "i18n"}

// Watch watches the site root dir (the folder of fsys) until ctx ends, and
// rebuilds on every change. ready, if not nil, is closed once the watches
// are in place.
func (s *Server) Watch(ctx context.Context, dir string, ready chan<- struct{}) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return watchError(err)
	}
	defer w.Close()
	// The root itself, for site.toml and for source folders created later.
	if err := w.Add(dir); err != nil {
		return watchError(err)
	}
	for _, sub := range sourceDirs {
		if _, err := addTree(w, filepath.Join(dir, sub)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if ready != nil {
		close(ready)
	}

	var pending change
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	failTimer := time.NewTimer(time.Hour)
	failTimer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			c := classify(dir, ev.Name)
			if ev.Has(fsnotify.Rename) && !c.empty() {
				unwatchTree(w, ev.Name)
			}
			if ev.Has(fsnotify.Create) && !c.empty() {
				// A new folder of the sources: watch it, and read what is
				// already in it. Others (public/, a build's staging
				// folder) would cost a watch for each of their folders.
				if added, err := addTree(w, ev.Name); err == nil {
					for _, name := range added {
						c.add(classify(dir, name))
					}
				} else if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
					fmt.Fprintln(s.log, err)
				}
			}
			if c.empty() {
				continue
			}
			pending.add(c)
			failTimer.Stop()
			timer.Reset(settle)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: nothing is known, so rebuild it all.
				pending.add(change{full: true, paths: []string{"(event queue overflow)"}})
				timer.Reset(settle)
				continue
			}
			fmt.Fprintln(s.log, "watch:", err)
		case <-timer.C:
			c := pending
			pending = change{}
			if _, failed := s.build(c); failed {
				// Perhaps a file caught half-written: announce the
				// failure only if no save follows at once.
				failTimer.Reset(failSettle)
				continue
			}
			failTimer.Stop()
			s.announce()
		case <-failTimer.C:
			s.announce()
		}
	}
}

// addTree watches root and every folder below it, and returns the files it
// found there. root may be a file: then it returns nothing and an error
// that is fs.ErrNotExist or syscall.ENOTDIR.
func addTree(w *fsnotify.Watcher, root string) ([]string, error) {
	info, err := os.Lstat(root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, syscall.ENOTDIR
	}
	var files []string
	err = filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, name)
			return nil
		}
		if name != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.Add(name); err != nil {
			return watchError(err)
		}
		return nil
	})
	return files, err
}

// unwatchTree removes the watches of root and of every folder below it,
// for a folder of the sources that was renamed or moved away.
//
// inotify keeps watching a renamed folder, under the same watch descriptor.
// When the new name is then added, fsnotify finds that descriptor already
// known under the old name and keeps it there; on the IN_MOVE_SELF event
// that follows, it removes the old name's watch, which is the only one the
// folder has, and edits in the renamed folder go unseen. Removing the old
// name's watches first, as soon as the rename is known (a folder's Rename
// event comes before the Create of its new name), lets the new name get a
// watch of its own.
func unwatchTree(w *fsnotify.Watcher, root string) {
	below := root + string(filepath.Separator)
	for _, name := range w.WatchList() {
		if name == root || strings.HasPrefix(name, below) {
			w.Remove(name) // an error only says that fsnotify removed it already
		}
	}
}

// watchError explains the errors a user can fix.
func watchError(err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("cannot watch the site: the system's limit of inotify watches is reached; raise it with\n\tsudo sysctl fs.inotify.max_user_watches=524288\n(add fs.inotify.max_user_watches=524288 to /etc/sysctl.conf to keep it)")
	}
	if errors.Is(err, syscall.EMFILE) {
		return fmt.Errorf("cannot watch the site: too many inotify instances; raise fs.inotify.max_user_instances with sysctl (%v)", err)
	}
	return fmt.Errorf("cannot watch the site: %w", err)
}

// classify says what a changed path asks to rebuild. Editors' temporary
// files and anything outside the sources ask for nothing.
func classify(root, name string) change {
	rel, err := filepath.Rel(root, name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return change{}
	}
	rel = filepath.ToSlash(rel)
	if site.IsEditorFile(path.Base(rel)) {
		return change{}
	}
	parts := strings.Split(rel, "/")
	switch {
	case rel == "site.toml":
	case parts[0] == "i18n" || parts[0] == "templates":
	case parts[0] == "content" && len(parts) == 3 && strings.HasPrefix(parts[2], "index.") && strings.HasSuffix(parts[2], ".md"):
		code := strings.TrimSuffix(strings.TrimPrefix(parts[2], "index."), ".md")
		return change{content: map[string]map[string]bool{parts[1]: {code: true}}, paths: []string{rel}}
	case parts[0] == "content" && len(parts) >= 2:
		c := folder(parts[1])
		c.paths = []string{rel}
		return c
	case rel == "content":
	default:
		return change{}
	}
	return change{full: true, paths: []string{rel}}
}

package site

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

func commitFiles(t *testing.T, out string, files map[string]string, fault func(op, name string) error) error {
	t.Helper()
	o, err := NewDirOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	o.fault = fault
	for name, data := range files {
		if err := o.WriteFile(name, []byte(data)); err != nil {
			o.Abort()
			t.Fatal(err)
		}
	}
	return o.Commit()
}

// TestCommitAllOrNothing: whichever change of a commit fails, the output
// folder is afterwards byte for byte what it was, and no staging folder is
// left; the commit that does not fail gives the new build, around the
// user's files.
func TestCommitAllOrNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := map[string]string{
		"index.html":         "root 1",
		"vi/a/index.html":    "a 1",
		"vi/b/index.html":    "b 1",
		"img":                "a file that becomes a folder",
		"fonts/x.woff":       "a folder that becomes a file",
		"fonts/sub/y.woff":   "y",
		"gone/old/page.html": "no longer built",
	}
	if err := commitFiles(t, out, first, nil); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"CNAME": "example.org", ".git/HEAD": "ref", "vi/mine.txt": "mine"} {
		os.MkdirAll(filepath.Dir(filepath.Join(out, name)), 0o755)
		os.WriteFile(filepath.Join(out, name), []byte(data), 0o644)
	}
	second := map[string]string{
		"index.html":      "root 2",
		"vi/a/index.html": "a 1",
		"vi/b/index.html": "b 2",
		"vi/c/index.html": "c 2",
		"img/p.png":       "p",
		"fonts":           "f",
		"new/deep/x.html": "x",
	}
	errFault := errors.New("injected")
	for n := 0; ; n++ {
		before := sitetest.Snapshot(t, out)
		calls := 0
		err := commitFiles(t, out, second, func(op, name string) error {
			calls++
			if calls > n {
				return errFault
			}
			return nil
		})
		if err == nil {
			break
		}
		if !errors.Is(err, errFault) {
			t.Fatalf("change %d: %v", n, err)
		}
		sitetest.SameTree(t, before, sitetest.Snapshot(t, out))
		if left, _ := filepath.Glob(filepath.Join(out, stagingPrefix+"*")); len(left) > 0 {
			t.Fatalf("change %d failed and left %v", n, left)
		}
		if t.Failed() {
			t.Fatalf("after a failure at change %d the output changed", n)
		}
	}
	want := map[string]string{"CNAME": "example.org", ".git/HEAD": "ref", "vi/mine.txt": "mine"}
	for name, data := range second {
		want[name] = data
	}
	for name, data := range want {
		if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(got) != data {
			t.Errorf("%s: %q (%v), want %q", name, got, err, data)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "gone")); !os.IsNotExist(err) {
		t.Errorf("the folder of the page no longer built is still there (%v)", err)
	}
}

// TestCommitNotThroughLink: a page an earlier build wrote, whose folder
// the user has since replaced by a link to a folder of their own inside
// the output folder, is not deleted through the link: it is the user's now.
func TestCommitNotThroughLink(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := commitFiles(t, out, map[string]string{"index.html": "i", "old/sub/page.html": "rosetta's"}, nil); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(out, "old"))
	os.MkdirAll(filepath.Join(out, "mine/sub"), 0o755)
	os.WriteFile(filepath.Join(out, "mine/sub/page.html"), []byte("the user's"), 0o644)
	if err := os.Symlink("mine", filepath.Join(out, "old")); err != nil {
		t.Fatal(err)
	}
	before := sitetest.Snapshot(t, out)
	if err := commitFiles(t, out, map[string]string{"index.html": "i"}, nil); err != nil {
		t.Fatal(err)
	}
	after := sitetest.Snapshot(t, out)
	delete(before, marker)
	delete(after, marker)
	sitetest.SameTree(t, before, after)
}

// TestMarkerRead: the marker as a git checkout may hold it (its lines
// ended by CRLF) lists the same files; the marker of rosetta before the
// list owned every file but the dot-files; a marker in neither form
// (its first line dropped in a pull request, or typed by hand) stops the
// build before anything changes, rather than give rosetta the user's files.
func TestMarkerRead(t *testing.T) {
	user := map[string]string{"CNAME": "example.org", "_headers": "/*"}
	for _, c := range []struct {
		name, marker string
		wantErr      string
		owned        []string
	}{
		{"lines end in CRLF", strings.ReplaceAll(markerHeader+"index.html\nvi/index.html\n", "\n", "\r\n"), "",
			[]string{"index.html", "vi/index.html"}},
		{"earlier rosetta's", "written by rosetta build; the next build replaces this folder\n", "",
			[]string{"CNAME", "_headers", "index.html", "vi/index.html"}},
		{"no header", "index.html\nvi/index.html\n", "not the list of files rosetta wrote", nil},
		{"empty", "", "not the list of files rosetta wrote", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			for name, data := range user {
				os.WriteFile(filepath.Join(out, name), []byte(data), 0o644)
			}
			os.MkdirAll(filepath.Join(out, "vi"), 0o755)
			os.WriteFile(filepath.Join(out, "index.html"), []byte("i"), 0o644)
			os.WriteFile(filepath.Join(out, "vi/index.html"), []byte("v"), 0o644)
			os.WriteFile(filepath.Join(out, marker), []byte(c.marker), 0o644)
			before := sitetest.Snapshot(t, out)
			o, err := NewDirOutput(out)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Errorf("error %v, want %q", err, c.wantErr)
				}
				if err == nil {
					o.Abort()
				}
				sitetest.SameTree(t, before, sitetest.Snapshot(t, out))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer o.Abort()
			if got := slices.Sorted(maps.Keys(o.owned)); !slices.Equal(got, c.owned) {
				t.Errorf("owned %q, want %q", got, c.owned)
			}
		})
	}
}

// TestTwoBuildsAtOnce: a second build into an output folder that a build
// is writing stops, changing nothing, rather than commit over the first
// with the marker it read before: the pages the first added would drop out
// of the list and stop every later build as the user's. Once the first
// has ended, the next build runs.
func TestTwoBuildsAtOnce(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := commitFiles(t, out, map[string]string{"index.html": "i"}, nil); err != nil {
		t.Fatal(err)
	}
	first, err := NewDirOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	first.WriteFile("index.html", []byte("i"))
	first.WriteFile("new.html", []byte("n"))
	before := sitetest.Snapshot(t, out)
	if second, err := NewDirOutput(out); err == nil {
		second.WriteFile("index.html", []byte("i"))
		first.Commit()
		t.Fatalf("a second build started beside the first; its commit: %v", second.Commit())
	} else if want := out + ": another rosetta build is writing here"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("second build: %v, want %q", err, want)
	}
	sitetest.SameTree(t, before, sitetest.Snapshot(t, out))
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := commitFiles(t, out, map[string]string{"index.html": "i", "new.html": "n2"}, nil); err != nil {
		t.Errorf("the build after: %v", err)
	}
}

// TestPipeWherePageWas: a named pipe where an earlier build wrote a page
// stops the build with its path, instead of hanging it on reading the
// pipe to compare.
func TestPipeWherePageWas(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := commitFiles(t, out, map[string]string{"index.html": "i"}, nil); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(out, "index.html")
	os.Remove(page)
	sitetest.Mkfifo(t, page)
	o, err := NewDirOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		if err := o.WriteFile("index.html", []byte("i")); err != nil {
			o.Abort()
			done <- err
			return
		}
		done <- o.Commit()
	}()
	select {
	case err := <-done:
		if want := page + ": rosetta did not write this"; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the build hangs on the pipe")
	}
}

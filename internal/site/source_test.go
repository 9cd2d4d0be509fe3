package site

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
)

// statFails is a file system whose open files cannot say what they are,
// as a file on a network file system that went away after it was found.
type statFails struct{ fstest.MapFS }

func (f statFails) Open(name string) (fs.File, error) {
	file, err := f.MapFS.Open(name)
	return statFailsFile{file}, err
}

type statFailsFile struct{ fs.File }

func (statFailsFile) Stat() (fs.FileInfo, error) { return nil, errors.New("stale file handle") }

// TestReadSourceStatFails: a file that fails to say what it is once open
// is an error, not a crash.
func TestReadSourceStatFails(t *testing.T) {
	fsys := statFails{fstest.MapFS{"site.toml": {Data: []byte("original = \"vi\"\n")}}}
	if _, err := readSource(fsys, "site.toml", MaxSourceSize); err == nil || err.Error() != "stale file handle" {
		t.Errorf("error %v, want the Stat's", err)
	}
}

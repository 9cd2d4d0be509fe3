package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// The largest files a site may have: a larger one is an error with its
// path, never a build that runs out of memory.
const (
	// MaxSourceSize bounds site.toml, a transcript, a UI strings file and a
	// template. A transcript of a whole day's talk is about 1 MiB.
	MaxSourceSize = 16 << 20
	// MaxAssetSize bounds a file of templates/assets.
	MaxAssetSize = 64 << 20
)

// readSource reads the file name of the site in fsys: a regular file, or a
// symbolic link to one that stays inside the site (fsys refuses the others
// when it is an os.Root's), of at most limit bytes. A named pipe, a device,
// a socket or a folder is an error, and is never opened: opening a pipe
// would wait for a writer forever.
func readSource(fsys fs.FS, name string, limit int64) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, sourceError(fsys, name, err)
	}
	if err := regular(info, limit); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(info, limit); err != nil { // replaced since
		return nil, err
	}
	// Read into a buffer of the file's size, as os.ReadFile does: growing
	// one as io.ReadAll does cost a large build a second.
	data := make([]byte, 0, min(info.Size(), limit)+512)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		switch {
		case err == io.EOF:
			return data, nil
		case err != nil:
			return nil, err
		case int64(len(data)) > limit:
			return nil, tooLarge(limit)
		case len(data) == cap(data): // the file has grown
			data = append(data, 0)[:len(data)]
		}
	}
}

// regular says what keeps info from being a source file of at most limit
// bytes, or nil.
func regular(info fs.FileInfo, limit int64) error {
	switch {
	case !info.Mode().IsRegular():
		return errors.New(notRegular(info.Mode()))
	case info.Size() > limit:
		return tooLarge(limit)
	}
	return nil
}

// notRegular says what a file of the mode is, when it is no regular file.
func notRegular(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder, not a file"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link, not a regular file"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO), not a regular file"
	case mode&fs.ModeSocket != 0:
		return "a socket, not a regular file"
	case mode&fs.ModeDevice != 0:
		return "a device, not a regular file"
	}
	return fmt.Sprintf("not a regular file (%v)", mode.Type())
}

func tooLarge(limit int64) error {
	return fmt.Errorf("larger than %d MiB, the most a site's file may be", limit>>20)
}

// sourceError explains why name could not be found: a symbolic link that
// leaves the site reads as an error of its own.
func sourceError(fsys fs.FS, name string, err error) error {
	if info, lerr := fs.Lstat(fsys, name); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		return errors.New("a symbolic link that leads outside the site, or to nothing: a site reads only its own files")
	}
	return err
}

// loadAssets reads templates/assets, whose files are copied to the root of
// the output. Dot-files (but .well-known/) and editors' temporary files
// are left out; every other entry must be a regular file, or a folder.
func (s *Site) loadAssets(fsys fs.FS) diag.List {
	var problems diag.List
	s.assets, s.assetNames = map[string][]byte{}, map[string]string{}
	const dir = "templates/assets"
	if _, err := fs.Lstat(fsys, dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			problems.Errorf(name, 0, "%v", sourceError(fsys, name, err))
			return nil
		}
		if name == dir {
			return nil
		}
		if IsEditorFile(d.Name()) && d.Name() != ".well-known" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := readSource(fsys, name, MaxAssetSize)
		if err != nil {
			problems.Errorf(name, 0, "%v", err)
			return nil
		}
		name = strings.TrimPrefix(name, dir+"/")
		s.assets[name] = data
		if fingerprinted(name) {
			s.assetNames[name] = fingerprint(name, data)
		}
		return nil
	})
	if err != nil {
		problems.Errorf(dir, 0, "%v", err)
	}
	return problems
}

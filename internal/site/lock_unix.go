//go:build unix

package site

import (
	"errors"
	"os"
	"syscall"
)

// lockFolder opens dir and takes its lock, held until the file is closed
// (or the process ends, killed or not). It returns errLocked when another
// process holds it, and no file and no error where the file system cannot
// lock a folder: NFSv4 makes flock a byte-range lock, which needs a file
// open for writing (EBADF), and some file systems have none (ENOLCK). A
// build there goes on unguarded, as on Windows, rather than not at all.
func lockFolder(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, nil
	}
	return f, nil
}

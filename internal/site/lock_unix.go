//go:build unix

package site

import (
	"errors"
	"os"
	"syscall"
)

// lockFolder opens dir and takes its lock, held until the file is closed
// (or the process ends, killed or not). It returns errLocked when another
// process holds it.
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
		return nil, &os.PathError{Op: "flock", Path: dir, Err: err}
	}
	return f, nil
}

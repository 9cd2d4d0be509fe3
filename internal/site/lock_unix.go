//go:build unix

package site

import (
	"os"
	"syscall"
)

// lockFolder opens dir and takes its lock, held until the file is closed
// (or the process ends): a build holds its staging folder's, so that
// another build can tell a folder in use from one a killed build left.
func lockFolder(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

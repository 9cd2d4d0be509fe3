//go:build !unix

package sitetest

import (
	"runtime"
	"testing"
)

// Mkfifo skips the test: there are no named pipes in a folder here.
func Mkfifo(t testing.TB, path string) {
	t.Skip("no named pipes on " + runtime.GOOS)
}

// Umask skips the test: files have no Unix modes here.
func Umask(t testing.TB, mask int) {
	t.Skip("no umask on " + runtime.GOOS)
}

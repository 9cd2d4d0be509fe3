//go:build !unix

package site

import "os"

// lockFolder opens dir. Without flock, a staging folder cannot be told in
// use: the next build removes it all the same, so two builds into one
// output folder must not run at once.
func lockFolder(dir string) (*os.File, error) { return os.Open(dir) }

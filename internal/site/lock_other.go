//go:build !unix

package site

import "os"

// lockFolder does nothing: without flock, two builds into one output
// folder must not run at once.
func lockFolder(dir string) (*os.File, error) { return nil, nil }

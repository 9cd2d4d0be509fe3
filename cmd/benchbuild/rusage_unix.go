//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSS returns the child's peak resident set size in bytes, from its
// rusage: ru_maxrss is in KiB on Linux and the BSDs, in bytes on macOS.
func peakRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}

// settle writes the dirty pages of the page cache out before a build is
// timed, as hyperfine's --prepare 'sync' would: the kernel otherwise
// writes the previous build's output (hundreds of megabytes) on the same
// two cores while the next one runs, and the next tool pays for it.
func settle() { syscall.Sync() }

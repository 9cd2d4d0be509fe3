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

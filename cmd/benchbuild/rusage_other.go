//go:build !unix

package main

import "os"

// peakRSS is not measured outside Unix: it reports 0.
func peakRSS(*os.ProcessState) int64 { return 0 }

// settle does nothing outside Unix.
func settle() {}

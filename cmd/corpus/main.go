// Command corpus writes a synthetic site for benchmarks: n transcripts in
// every language of site.toml, shaped like real ones (see internal/corpus).
//
//	go run ./cmd/corpus -n 1000 -seed 1 -out /tmp/corpus1000
//	go run ./cmd/corpus -n 1000 -seed 1 -script latin -out /tmp/corpus1000-latin
//
// -script native (the default) writes every language in its own script;
// -script latin writes the text of every language in Latin script, with
// the words of the site's languages written in it (see "Scripts" in
// internal/corpus).
//
// It must run inside the repository: the site's configuration, UI strings,
// templates and vocabulary are read from it. -out must be empty or not
// exist.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of transcripts")
	seed := flag.Int64("seed", 1, "random seed: the same -n and -seed give the same files")
	out := flag.String("out", "", "folder to write the site into (empty or new)")
	scriptName := flag.String("script", string(corpus.Native),
		"text of the transcripts: native (each language in its own script, about half Chinese and Japanese) "+
			"or latin (every language in Latin script, with the words of the languages written in it)")
	flag.Parse()
	script, err := corpus.ParseScript(*scriptName)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	if *out == "" || flag.NArg() > 0 || err != nil {
		fmt.Fprintln(os.Stderr, "usage: corpus [-n N] [-seed S] [-script native|latin] -out DIR")
		os.Exit(2)
	}
	start := time.Now()
	if err := corpus.WriteScript(*out, *n, *seed, script); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	elapsed := time.Since(start)
	files, size, mdFiles, mdSize, err := corpus.Count(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files, %d bytes (%.1f MB), into %s in %v\n",
		files, size, float64(size)/1e6, *out, elapsed.Round(time.Millisecond))
	fmt.Printf("  transcripts: %d files (%d × %d languages), %d bytes (%.1f MB) of Markdown\n",
		mdFiles, *n, mdFiles/max(int64(*n), 1), mdSize, float64(mdSize)/1e6)
}

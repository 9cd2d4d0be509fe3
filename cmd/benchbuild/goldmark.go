package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/yuin/goldmark"
)

// goldmarkChild is the hidden mode -goldmark SITE: it converts the body
// (after the +++ front matter) of every SITE/content/*/index.*.md with
// goldmark.New() defaults into io.Discard, with one goroutine per core, each
// reading and converting every k-th file, and prints one line:
// "goldmark: converted N files, B bytes".
func goldmarkChild(site string, stdout io.Writer) error {
	files, err := filepath.Glob(filepath.Join(site, "content", "*", "index.*.md"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("goldmark: no content/*/index.*.md in %s", site)
	}
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	sizes := make([]int64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			md := goldmark.New()
			for i := w; i < len(files); i += workers {
				src, err := os.ReadFile(files[i])
				if err != nil {
					errs[w] = err
					return
				}
				b := markdownBody(src)
				sizes[w] += int64(len(b))
				if err := md.Convert(b, io.Discard); err != nil {
					errs[w] = fmt.Errorf("goldmark: %s: %w", files[i], err)
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	var total int64
	for _, s := range sizes {
		total += s
	}
	_, err = fmt.Fprintf(stdout, "goldmark: converted %d files, %d bytes\n", len(files), total)
	return err
}

// markdownBody returns a transcript file without its +++ front matter.
func markdownBody(src []byte) []byte {
	if rest, ok := bytes.CutPrefix(src, []byte("+++\n")); ok {
		if _, after, ok := bytes.Cut(rest, []byte("\n+++\n")); ok {
			return after
		}
	}
	return src
}

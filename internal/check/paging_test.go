package check

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rosetta-ssg/rosetta/internal/site"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestPagedHomesPass: every page of a paged home passes check's page
// checks: links, a <title>, and hreflang sets complete and reciprocal
// (page N of each home, the original's as x-default).
func TestPagedHomesPass(t *testing.T) {
	fsys := sitetest.FS(t)
	fsys["site.toml"].Data = append(bytes.Clone(fsys["site.toml"].Data), "\n[pagination]\npagerSize = 1\n"...)
	for _, name := range []string{"second", "third"} {
		for file, f := range fsys {
			if rest, ok := strings.CutPrefix(file, "content/crypto-ai/"); ok {
				fsys["content/"+name+"/"+rest] = f
			}
		}
	}
	r := Run(t.Context(), fsys, site.Options{BaseURL: "https://example.org/talks/"})
	if r.Problems.HasErrors() {
		t.Errorf("check of a site whose homes have three pages:\n%v", r.Problems)
	}
}

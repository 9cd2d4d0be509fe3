package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

const noBaseURL = "site.toml:5: warning: no baseURL: canonical and hreflang links are relative, no sitemap, feeds or structured data are written, and social cards have no address; set baseURL or -baseurl\n"

// TestNoBaseURLWarning: build and check say once, at site.toml's baseURL
// line, what a site without a base URL loses; with -baseurl build says
// nothing, and neither does serve, a local preview that needs none.
func TestNoBaseURLWarning(t *testing.T) {
	dir := sitetest.Copy(t)
	want := filepath.Join(dir, noBaseURL)
	code, _, stderr := rosetta(t, "build", "-src", dir, "-out", filepath.Join(dir, "public"))
	if code != 0 || stderr != want {
		t.Errorf("build without a base URL: exit %d, stderr\n%s\nwant exit 0 and only\n%s", code, stderr, want)
	}
	code, _, stderr = rosetta(t, "build", "-src", dir, "-out", filepath.Join(dir, "public"), "-baseurl", "https://example.org/talks/")
	if code != 0 || stderr != "" {
		t.Errorf("build -baseurl: exit %d, stderr\n%s\nwant exit 0 and nothing", code, stderr)
	}
	code, stdout, stderr := rosetta(t, "check", "-src", dir)
	if code != 0 || stderr != want || stdout != "0 error(s), 1 warning(s)\n" {
		t.Errorf("check without a base URL: exit %d, stdout %q, stderr\n%s\nwant exit 0, one warning, and only\n%s", code, stdout, stderr, want)
	}

	if stderr := serveOnce(t, dir); strings.Contains(stderr, "baseURL") {
		t.Errorf("serve warns of the base URL a preview does not need:\n%s", stderr)
	}
}

// TestCheckBaseURL: check -baseurl checks the site as build -baseurl
// would build it, for a deploy's configuration: the base URL overrides
// site.toml's, so no warning of a missing one; a bad one is reported as the
// flag, an error, as build reports it.
func TestCheckBaseURL(t *testing.T) {
	dir := sitetest.Copy(t)
	code, stdout, stderr := rosetta(t, "check", "-src", dir, "-baseurl", "https://example.org/talks/")
	if code != 0 || stderr != "" || stdout != "0 error(s), 0 warning(s)\n" {
		t.Errorf("check -baseurl https://example.org/talks/: exit %d, stdout %q, stderr\n%s\nwant exit 0, no problem", code, stdout, stderr)
	}
	code, stdout, stderr = rosetta(t, "check", "-src", dir, "-baseurl", "javascript://x/")
	want := `-baseurl: "javascript://x/" is not an http or https URL such as https://example.org/talks/` + "\n"
	if code != 1 || stderr != want || stdout != "1 error(s), 0 warning(s)\n" {
		t.Errorf("check -baseurl javascript://x/: exit %d, stdout %q, stderr\n%s\nwant exit 1, one error:\n%s", code, stdout, stderr, want)
	}
}

// lockedBuffer is a buffer that serve's goroutines may write while the
// test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveOnce starts rosetta serve on the site in dir, fetches the root page
// (served once the first build is done), stops it, and returns what it
// wrote on stderr.
func serveOnce(t *testing.T, dir string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	var stdout, stderr lockedBuffer
	done := make(chan int)
	go func() { done <- run(ctx, []string{"serve", "-src", dir, "-addr", "127.0.0.1:0"}, &stdout, &stderr) }()
	defer func() { cancel(); <-done }()
	address := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	var url string
	for url == "" {
		select {
		case code := <-done:
			t.Fatalf("serve exited %d before serving:\n%s", code, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		url = address.FindString(stdout.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("serve: GET / is %s", resp.Status)
	}
	return stderr.String()
}

package site_test

import (
	"context"
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/rosetta-ssg/rosetta/internal/site"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// staticHost serves a built site under prefix the way static hosts do:
// folders by their index.html, and 404.html, with status 404, for any
// address that has no file.
func staticHost(files map[string][]byte, prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, prefix)
		if strings.HasSuffix(name, "/") || name == "" {
			name += "index.html"
		}
		data, found := files[name]
		if !ok || !found {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(files["404.html"])
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
		w.Write(data)
	})
}

// buildWithoutBaseURL builds the tests' site in memory and returns
// its files and the 404 page's heading.
func buildWithoutBaseURL(t *testing.T) (files map[string][]byte, heading string) {
	t.Helper()
	s, files := buildTestSite(t, site.Options{})
	if s.Config.BaseURL != "" {
		t.Fatal("test setup: the repository's site.toml has a base URL; this test is about sites without one")
	}
	heading, err := s.Catalogs[s.Config.Original].T("notFoundTitle")
	if err != nil {
		t.Fatal(err)
	}
	return files, heading
}

// buildTestSite builds the tests' site (sitetest.FS) in memory.
func buildTestSite(t *testing.T, opts site.Options) (*site.Site, map[string][]byte) {
	t.Helper()
	s, problems := site.Load(t.Context(), sitetest.FS(t), opts)
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	out := site.NewMemOutput(nil)
	if _, problems := s.Build(t.Context(), out); problems.HasErrors() {
		t.Fatal(problems)
	}
	return s, out.Files
}

// requestLog records the request target (path and query, as sent) of every
// request that a handler gets.
type requestLog struct {
	mu      sync.Mutex
	targets []string
}

func (l *requestLog) record(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.targets = append(l.targets, r.RequestURI)
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// take returns the request targets recorded since the last call.
func (l *requestLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	targets := l.targets
	l.targets = nil
	return targets
}

// notFoundView is what a reader of the 404 page sees of it.
type notFoundView struct {
	Heading  string `json:"heading"`
	Styled   bool   `json:"styled"`   // style.css lays the chooser out as a grid
	Home     string `json:"home"`     // where the Vietnamese link goes
	Scripted bool   `json:"scripted"` // the page's script has set a <base>
}

const readNotFound = `({
	heading: (document.querySelector("h1") || {}).textContent || "",
	styled: getComputedStyle(document.querySelector(".chooser")).display == "grid",
	home: (document.querySelector('.chooser a[hreflang="vi"]') || {}).href || "",
	scripted: document.querySelector("base") != null
})`

// checkNotFoundPage opens the address missing on a static host that serves
// files under prefix, and checks that the 404 page shows its heading,
// styled, and that its Vietnamese link, followed as a reader does, leads to
// the Vietnamese home. It returns whether the page's script ran.
func checkNotFoundPage(ctx context.Context, t *testing.T, files map[string][]byte, heading, prefix, missing string) (scripted bool) {
	t.Helper()
	srv := httptest.NewServer(staticHost(files, prefix))
	defer srv.Close()
	want := srv.URL + prefix + "vi/"
	err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+missing))
	var view notFoundView
	if err == nil {
		view, err = chromedp.Run(ctx, chromedp.Evaluate[notFoundView](readNotFound))
	}
	var reached []string // the address and the body's class
	if err == nil && view.Home == want {
		_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`.chooser a[hreflang="vi"]`))))
		if err == nil {
			reached, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.href, document.body.className]`))
		}
	}
	if err != nil {
		t.Fatalf("%s under %s: %v", missing, prefix, err)
	}
	if view.Heading != heading {
		t.Errorf("404 page at %s under %s: heading %q, want %q", missing, prefix, view.Heading, heading)
	}
	if !view.Styled {
		t.Errorf("404 page at %s under %s: style.css is not applied", missing, prefix)
	}
	if view.Home != want {
		t.Errorf("404 page at %s under %s: the Vietnamese home link goes to %s, want %s", missing, prefix, view.Home, want)
	} else if !slices.Equal(reached, []string{want, "home-page"}) {
		t.Errorf("404 page at %s under %s: following the Vietnamese link reached %q, want the home at %s", missing, prefix, reached, want)
	}
	return view.Scripted
}

// TestNotFoundPageAtAnyDepth checks the 404 page, served for a missing
// address deep in a site without a base URL, at a domain root and under a
// sub-path.
func TestNotFoundPageAtAnyDepth(t *testing.T) {
	files, heading := buildWithoutBaseURL(t)
	ctx := sitetest.Browser(t, 800, 600)
	for _, c := range []struct{ prefix, missing string }{
		{"/", "/typo"},
		{"/", "/typo/"},
		{"/", "//typo//"},
		{"/", "/vi/no-such-talk/"},
		{"/", "/vi/crypto-ai/t3/deeper"},
		{"/talks/", "/talks/typo"},
		{"/talks/", "/talks//typo"},
		{"/talks/", "/talks/vi/no-such-talk/"},
		{"/talks/", "/talks/ja/a/b/c/"},
	} {
		checkNotFoundPage(ctx, t, files, heading, c.prefix, c.missing)
	}
}

// TestNotFoundPageWithoutJavaScript checks the 404 page in a browser that
// runs no script, for a missing address just under the site's root, where
// its relative links are right.
func TestNotFoundPageWithoutJavaScript(t *testing.T) {
	files, heading := buildWithoutBaseURL(t)
	ctx := sitetest.Browser(t, 800, 600)
	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ prefix, missing string }{
		{"/", "/typo"},
		{"/talks/", "/talks/typo"},
	} {
		if checkNotFoundPage(ctx, t, files, heading, c.prefix, c.missing) {
			t.Fatalf("test setup: at %s the page's script ran in a browser with scripts disabled", c.missing)
		}
	}
}

// TestNotFoundPageStaysOnItsOrigin opens the 404 page at addresses that
// name another host in their path, the way an attacker links to a site
// whose host serves 404.html for every missing address, and checks that
// the page loads nothing from that host and points nowhere but its own
// origin.
func TestNotFoundPageStaysOnItsOrigin(t *testing.T) {
	files, heading := buildWithoutBaseURL(t)
	var siteLog, evilLog requestLog
	srv := httptest.NewServer(siteLog.record(staticHost(files, "/")))
	defer srv.Close()
	// The attacker's host answers everything with a script that marks the
	// page, as it would run on the site's origin if the page loaded it.
	evil := httptest.NewServer(evilLog.record(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(`document.documentElement.dataset.owned = "yes";`))
	})))
	defer evil.Close()
	host := strings.TrimPrefix(evil.URL, "http://")
	long := "/" + strings.Repeat("a/", 2000) + "/" + host + "/x"

	ctx := sitetest.Browser(t, 800, 600)
	// sent is the request target that the site's host gets: the browser
	// reads "\" as "/", drops tabs and newlines and resolves dot segments
	// (as the URL standard says) before the page sees the address.
	for _, c := range []struct{ address, sent string }{
		{"//" + host + "/x", "//" + host + "/x"},
		{`/\` + host + "/x", "//" + host + "/x"},
		{"//" + host + "/vi/x", "//" + host + "/vi/x"},
		{"///" + host + "/x", "///" + host + "/x"},
		{`/\/\` + host + "/x", "////" + host + "/x"},
		{"/%2F%2F" + host + "/x", "/%2F%2F" + host + "/x"},
		{"/%5C" + host + "/x", "/%5C" + host + "/x"},
		{"/./..//" + host + "/x", "//" + host + "/x"},
		{"/%2e%2e//" + host + "/x", "//" + host + "/x"},
		{"/@" + host + "/x", "/@" + host + "/x"},
		{"/vi/..%2F..%2F" + host + "/x", "/vi/..%2F..%2F" + host + "/x"},
		{"/\t/" + host + "/x", "//" + host + "/x"},
		{"/\n/" + host + "/x", "//" + host + "/x"},
		{"/javascript:alert(1)//" + host + "/x", "/javascript:alert(1)//" + host + "/x"},
		{long, long},
	} {
		siteLog.take()
		err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+c.address))
		type pageURLs struct {
			notFoundView
			Base  string   `json:"base"`
			URLs  []string `json:"urls"`
			Owned bool     `json:"owned"`
		}
		var got pageURLs
		if err == nil {
			got, err = chromedp.Run(ctx, chromedp.Evaluate[pageURLs](`({...`+readNotFound+`,
				base: document.baseURI,
				urls: [...document.querySelectorAll("[href], [src]")].map(e => e.href || e.src)
					.concat(performance.getEntriesByType("resource").map(e => e.name)),
				owned: "owned" in document.documentElement.dataset
			})`))
		}
		if err != nil {
			t.Fatalf("%q: %v", c.address, err)
		}
		sent := siteLog.take()
		t.Logf("%.80q: the site's host got %.80q", c.address, sent)
		if !slices.Contains(sent, c.sent) {
			t.Errorf("%q: the site's host got %q, not %q: the browser did not send the address under test", c.address, sent, c.sent)
		}
		if got.Heading != heading {
			t.Errorf("%q: heading %q, want the 404 page's %q", c.address, got.Heading, heading)
		}
		var off []string
		for _, u := range append(got.URLs, got.Base) {
			if !strings.HasPrefix(u, srv.URL+"/") {
				off = append(off, u)
			}
		}
		if len(off) > 0 {
			t.Errorf("%q: the page points off its origin %s, at %q", c.address, srv.URL, off)
		}
		if loaded := evilLog.take(); len(loaded) > 0 {
			t.Errorf("%q: the page made the browser request %q from the other host", c.address, loaded)
		}
		if got.Owned {
			t.Errorf("%q: the other host's script ran on the page", c.address)
		}
	}
}

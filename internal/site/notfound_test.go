package site_test

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"testing"

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

// TestNotFoundPageAtAnyDepth checks that the 404 page, served for a missing
// address deep in a site without a base URL, still has its style and links
// that lead to the site's homes, at a domain root and under a sub-path.
func TestNotFoundPageAtAnyDepth(t *testing.T) {
	s, problems := site.Load(t.Context(), os.DirFS(sitetest.Root()), site.Options{})
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	out := site.NewMemOutput(nil)
	if _, problems := s.Build(t.Context(), out); problems.HasErrors() {
		t.Fatal(problems)
	}
	if s.Config.BaseURL != "" {
		t.Fatal("test setup: the repository's site has a base URL; this test is about sites without one")
	}
	ctx := sitetest.Browser(t, 800, 600)
	for _, c := range []struct{ prefix, missing string }{
		{"/", "/typo"},
		{"/", "/typo/"},
		{"/", "/vi/no-such-talk/"},
		{"/", "/vi/crypto-ai/t3/deeper"},
		{"/talks/", "/talks/typo"},
		{"/talks/", "/talks/vi/no-such-talk/"},
		{"/talks/", "/talks/ja/a/b/c/"},
	} {
		srv := httptest.NewServer(staticHost(out.Files, c.prefix))
		type page struct {
			Styled bool   `json:"styled"`
			Home   string `json:"home"`
		}
		_, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+c.missing))
		var got page
		if err == nil {
			got, err = chromedp.Run(ctx, chromedp.Evaluate[page](`({
				styled: [...document.styleSheets].some(s => { try { return s.cssRules.length > 0 } catch (e) { return false } }),
				home: (document.querySelector('.chooser a[hreflang="vi"]') || {}).href || ""
			})`))
		}
		srv.Close()
		if err != nil {
			t.Fatalf("%s: %v", c.missing, err)
		}
		if want := srv.URL + c.prefix + "vi/"; got.Home != want {
			t.Errorf("404 page at %s under %s: the Vietnamese home link goes to %s, want %s", c.missing, c.prefix, got.Home, want)
		}
		if !got.Styled {
			t.Errorf("404 page at %s under %s: its stylesheet did not load", c.missing, c.prefix)
		}
	}
}

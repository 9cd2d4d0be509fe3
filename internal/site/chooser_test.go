package site_test

import (
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/rosetta-ssg/rosetta/internal/site"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// chooserView is what a reader sees of the language chooser at the root.
type chooserView struct {
	Address   string   `json:"address"`
	Heading   string   `json:"heading"`
	Order     []string `json:"order"`     // the hreflang of each entry, as listed
	Suggested []string `json:"suggested"` // the hreflang of the highlighted entries
	Phrase    string   `json:"phrase"`    // the first "choose a language" under the heading
}

const readChooser = `({
	address: location.href,
	heading: document.querySelector("h1").textContent,
	order: [...document.querySelectorAll(".chooser a")].map(a => a.hreflang),
	suggested: [...document.querySelectorAll(".chooser .suggested a")].map(a => a.hreflang),
	phrase: document.querySelector(".in-languages li").textContent
})`

// TestChooserSuggestsTheReadersLanguage opens the root page with the
// browser set to a reader's languages and checks that the site's language
// that fits them comes first, highlighted, with "choose a language" in it
// first under the heading; that the page stays where it is (no redirect);
// and that a reader whose languages the site does not have gets the list as
// it is.
func TestChooserSuggestsTheReadersLanguage(t *testing.T) {
	s, files := buildTestSite(t, site.Options{})
	chooseLanguage := func(code string) string {
		text, err := s.Catalogs[code].T("chooseLanguage")
		if err != nil {
			t.Fatal(err)
		}
		return text
	}
	var siteOrder []string
	for _, l := range s.Config.Languages {
		siteOrder = append(siteOrder, l.Hreflang)
	}
	srv := httptest.NewServer(staticHost(files, "/"))
	defer srv.Close()

	ctx := sitetest.Browser(t, 360, 800)
	for _, c := range []struct {
		accept string // the reader's languages, in their order (navigator.languages)
		want   string // the hreflang of the suggested entry, "" for none
		code   string // its language code
	}{
		{"ja", "ja", "ja"},
		{"pt", "pt-BR", "pt-br"},       // pt is pt-BR unless a region says otherwise
		{"pt-AO,pt", "pt-PT", "pt-pt"}, // same language and script, in the site's order
		{"zh-HK,en", "zh-TW", "zh-tw"}, // Traditional, never zh-CN
		{"de-DE,fr", "fr", "fr"},       // German is not offered: the next language
		{"ar-EG", "ar", "ar"},
		{"de-DE", "", ""},
	} {
		_, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: "Mozilla/5.0 (rosetta test)", AcceptLanguage: c.accept})
		if err == nil {
			err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"))
		}
		var got chooserView
		if err == nil {
			got, err = chromedp.Run(ctx, chromedp.Evaluate[chooserView](readChooser))
		}
		if err != nil {
			t.Fatalf("%s: %v", c.accept, err)
		}
		if got.Address != srv.URL+"/" {
			t.Errorf("reader's languages %s: the root page went to %s; it must only suggest", c.accept, got.Address)
		}
		if want := chooseLanguage(s.Config.Original); got.Heading != want {
			t.Errorf("reader's languages %s: heading %q, want %q", c.accept, got.Heading, want)
		}
		if c.want == "" {
			if len(got.Suggested) > 0 || !slices.Equal(got.Order, siteOrder) {
				t.Errorf("reader's languages %s, none of the site's: suggested %q, order %q; want none, in the site's order %q", c.accept, got.Suggested, got.Order, siteOrder)
			}
			continue
		}
		if !slices.Equal(got.Suggested, []string{c.want}) || len(got.Order) == 0 || got.Order[0] != c.want {
			t.Errorf("reader's languages %s: suggested %q, entries %q; want %s highlighted and first", c.accept, got.Suggested, got.Order, c.want)
		}
		if len(got.Order) != len(siteOrder) {
			t.Errorf("reader's languages %s: %d entries, want all %d languages", c.accept, len(got.Order), len(siteOrder))
		}
		if want := chooseLanguage(c.code); c.code != s.Config.Original && got.Phrase != want {
			t.Errorf("reader's languages %s: the first phrase under the heading is %q, want %q", c.accept, got.Phrase, want)
		}
	}
}

// TestNotFoundPageWithBaseURL checks the 404 page of a site built with a
// base URL, served under it, at deep missing addresses, in a browser that
// runs no script: its links are absolute, so it is styled, its icon is
// found and its links lead home at any depth.
func TestNotFoundPageWithBaseURL(t *testing.T) {
	var files map[string][]byte
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		staticHost(files, "/talks/").ServeHTTP(w, r)
	}))
	base := "http://" + srv.Listener.Addr().String() + "/talks/"
	s, files := buildTestSite(t, site.Options{BaseURL: base})
	srv.Start()
	defer srv.Close()
	heading, err := s.Catalogs[s.Config.Original].T("notFoundTitle")
	if err != nil {
		t.Fatal(err)
	}

	ctx := sitetest.Browser(t, 360, 800)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, missing := range []string{"/talks/typo", "/talks/vi/old/x", "/talks/ja/a/b/c/"} {
		err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+missing))
		type view struct {
			notFoundView
			Icon int `json:"icon"` // the status of the icon the page links
		}
		var got view
		if err == nil {
			got, err = chromedp.Run(ctx, chromedp.Evaluate[view](`fetch(document.querySelector("link[rel=icon]").href).then(r => ({...`+readNotFound+`, icon: r.status}))`, chromedp.EvalAwaitPromise))
		}
		if err != nil {
			t.Fatalf("%s: %v", missing, err)
		}
		if got.Heading != heading || !got.Styled || got.Scripted {
			t.Errorf("404 page at %s: heading %q, styled %v, script ran %v; want %q, styled, no script", missing, got.Heading, got.Styled, got.Scripted, heading)
		}
		if got.Icon != http.StatusOK {
			t.Errorf("404 page at %s: its icon answers %d", missing, got.Icon)
		}
		if got.Home != base+"vi/" {
			t.Errorf("404 page at %s: the Vietnamese home link goes to %s, want %s", missing, got.Home, base+"vi/")
			continue
		}
		var reached []string
		_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`.chooser a[hreflang="vi"]`))))
		if err == nil {
			reached, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.href, document.body.className]`))
		}
		if err != nil {
			t.Fatalf("%s: %v", missing, err)
		}
		if !slices.Equal(reached, []string{base + "vi/", "home-page"}) {
			t.Errorf("404 page at %s: following the Vietnamese link reached %q, want the home at %s", missing, reached, base+"vi/")
		}
	}
}

// TestEveryPageHasDescriptionAndIcons checks that each page of the tests'
// site tells search engines what it is about, in a meta description, and
// links icons that the build wrote, so that no browser tab shows a blank
// icon and no console a 404.
func TestEveryPageHasDescriptionAndIcons(t *testing.T) {
	_, files := buildTestSite(t, site.Options{})
	description := regexp.MustCompile(`<meta name="description" content="([^"]*)">`)
	icon := regexp.MustCompile(`<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"`)
	pages := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		if m := description.FindSubmatch(data); m == nil || strings.TrimSpace(string(m[1])) == "" {
			t.Errorf("%s: no meta description", name)
		}
		icons := icon.FindAllSubmatch(data, -1)
		if len(icons) == 0 {
			t.Errorf("%s: links no icon", name)
		}
		for _, m := range icons {
			target := path.Join(path.Dir(name), string(m[1]))
			if _, ok := files[target]; !ok {
				t.Errorf("%s: the icon %s is not in the output (%s)", name, m[1], target)
			}
		}
	}
	if pages < 28 {
		t.Fatalf("the build has %d pages, want at least 28", pages)
	}
}

package main

// The language menu, the sticky header and the reader's place, in a real
// Chromium, as a reader meets them: the open menu inside the window at
// every width, in both directions; a switch of language from the middle of
// a turn landing on that turn; the menu closing on Escape, a click outside
// and focus leaving it; the link back to the top; anchors not hidden under
// the header; the menu working without JavaScript; print.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// menuSite builds the repository's site, serves it under /site/ as
// TestAxe does, and returns the server's base URL, the output folder and
// its HTML pages.
func menuSite(t *testing.T) (base, out string, pages []string) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serveSite(w, r, out)
	}))
	t.Cleanup(srv.Close)
	out, pages = buildRealSite(t, srv.URL+"/site/")
	return srv.URL + "/site/", out, pages
}

// tap clicks the middle of the first element that selector matches, where
// it lies in the window, as a reader does: chromedp.Click would first
// scroll it into view, and a sticky header's button needs no scrolling.
func tap(selector string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		at, err := chromedp.Evaluate[[]float64](fmt.Sprintf(`(function () {
			var e = document.querySelector(%q);
			if (!e) return [];
			var r = e.getBoundingClientRect();
			return [r.left + r.width / 2, r.top + r.height / 2];
		})()`, selector))(ctx, t)
		if err != nil {
			return chromedp.Void{}, err
		}
		if len(at) != 2 {
			return chromedp.Void{}, fmt.Errorf("no %s to click", selector)
		}
		return chromedp.MouseClickXY(at[0], at[1])(ctx, t)
	}
}

// thenRead runs step, then read, as one action.
func thenRead[T any](step chromedp.Action[chromedp.Void], read chromedp.Action[T]) chromedp.Action[T] {
	return func(ctx context.Context, t *chromedp.Target) (T, error) {
		if _, err := step(ctx, t); err != nil {
			var zero T
			return zero, err
		}
		return read(ctx, t)
	}
}

// pageURL is the address a reader opens a page of the build at.
func pageURL(base, page string) string {
	if page == "404.html" {
		return base + "no/such/page/" // as a host serves it
	}
	return base + strings.TrimSuffix(page, "index.html")
}

// transcriptPage matches the transcripts among the built pages, with their
// language.
var transcriptPage = regexp.MustCompile(`^([a-z-]+)/([^/]+)/index\.html$`)

// menuView is where the language menu and its links lie in the window.
type menuView struct {
	Has        bool     `json:"has"` // the page has a language menu
	Open       bool     `json:"open"`
	Width      float64  `json:"width"` // of the window, less any scroll bar
	Height     float64  `json:"height"`
	Box        rect     `json:"box"`     // the open list
	Summary    rect     `json:"summary"` // what opens it
	Links      []rect   `json:"links"`
	Labels     []string `json:"labels"`
	Scrolls    bool     `json:"scrolls"`    // the list is taller than its box
	Scrollable bool     `json:"scrollable"` // and the reader can scroll it
	Chevron    string   `json:"chevron"`    // the chevron's transform
	ScrollY    float64  `json:"scrollY"`
}

type rect struct {
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
}

func (r rect) String() string {
	return fmt.Sprintf("[%.0f,%.0f]×[%.0f,%.0f]", r.Left, r.Right, r.Top, r.Bottom)
}

// readMenu reads the language menu as it is.
const readMenu = `(function () {
	function box(e) {
		var r = e.getBoundingClientRect();
		return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
	}
	var d = document.querySelector(".langs details");
	if (!d) return {has: false};
	var list = d.querySelector("ul"), links = list.querySelectorAll("a");
	var chevron = d.querySelector(".chevron");
	return {
		has: true,
		open: d.open,
		width: document.documentElement.clientWidth,
		height: window.innerHeight,
		box: box(list),
		summary: box(d.querySelector("summary")),
		links: Array.prototype.map.call(links, box),
		labels: Array.prototype.map.call(links, function (a) { return a.textContent; }),
		scrolls: list.scrollHeight > list.clientHeight + 1,
		scrollable: /auto|scroll/.test(getComputedStyle(list).overflowY),
		chevron: chevron ? getComputedStyle(chevron).transform : "",
		scrollY: window.scrollY
	};
})()`

// menuWindow is a window size to open the menu in: the narrow ones are
// phones, 320 px wide and only 480 px high so that the menu must scroll.
type menuWindow struct{ width, height int64 }

var menuWindows = []menuWindow{{320, 480}, {360, 640}, {414, 736}, {1280, 800}}

// TestLanguageMenuFits opens the language menu of every page that has one,
// at 320, 360, 414 and 1280 px, at the top of the page and half-way down,
// and fails when any part of it lies outside the window, when the reader
// could not scroll to its last language, or when nothing shows that it
// opened.
func TestLanguageMenuFits(t *testing.T) {
	base, _, pages := menuSite(t)
	browserCtx := sitetest.Browser(t, 1280, 900)
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatal(err)
	}
	problems := make([][]string, len(menuWindows))
	inTabs(t, browserCtx, len(menuWindows), func(ctx context.Context, i int) (err error) {
		problems[i], err = menuFits(ctx, menuWindows[i], base, pages)
		return err
	})
	menus := 0
	for _, p := range problems {
		for _, line := range p {
			if line == "" {
				menus++
				continue
			}
			t.Error(line)
		}
	}
	// Every transcript and language home has a menu: 13 languages.
	if want := 2 * len(menuWindows) * 13; menus < want {
		t.Errorf("the language menu was opened %d times, want at least %d (two places in each transcript and home, %d windows)", menus, want, len(menuWindows))
	}
}

// menuFits opens the menu of each page in the tab of ctx and returns a
// line per problem, and "" for each menu that was opened and fits.
func menuFits(ctx context.Context, w menuWindow, base string, pages []string) ([]string, error) {
	// With reduced motion the chevron turns at once, so that it can be
	// read right after the click.
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(w.width, w.height),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
			})
			return err
		}),
	)
	if err != nil {
		return nil, err
	}
	var problems []string
	for _, page := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(pageURL(base, page))); err != nil {
			return nil, fmt.Errorf("%s at %dpx: %v", page, w.width, err)
		}
		for _, place := range []string{"top", "middle"} {
			at := fmt.Sprintf("%s at %d×%d px, %s of the page", page, w.width, w.height, place)
			if place == "middle" {
				if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2)`)); err != nil {
					return nil, fmt.Errorf("%s: %v", at, err)
				}
			}
			closed, err := chromedp.Run(ctx, chromedp.Evaluate[menuView](readMenu))
			if err != nil {
				return nil, fmt.Errorf("%s: %v", at, err)
			}
			if !closed.Has {
				break
			}
			if closed.Open {
				problems = append(problems, at+": the language menu is open before the reader opens it")
				continue
			}
			// The summary is in the window wherever the reader is.
			if s := closed.Summary; s.Top < 0 || s.Bottom > closed.Height || s.Left < 0 || s.Right > closed.Width {
				problems = append(problems, fmt.Sprintf("%s: the menu's button lies at %s, outside the %.0f×%.0f window", at, s, closed.Width, closed.Height))
				continue
			}
			open, err := chromedp.Run(ctx, thenRead(
				tap(".langs summary"),
				chromedp.Evaluate[menuView](readMenu),
			))
			if err != nil {
				return nil, fmt.Errorf("%s: %v", at, err)
			}
			problems = append(problems, menuProblems(at, closed, open)...)
			// Close it again for the next place, as a reader would.
			if err := chromedp.Do(ctx, tap(".langs summary")); err != nil {
				return nil, fmt.Errorf("%s: %v", at, err)
			}
		}
	}
	return problems, nil
}

// menuProblems compares the menu closed and open.
func menuProblems(at string, closed, open menuView) []string {
	if !open.Open {
		return []string{at + ": a click on the menu's button does not open it"}
	}
	var problems []string
	const slack = 0.5 // sub-pixel rounding
	b := open.Box
	if b.Left < -slack || b.Right > open.Width+slack || b.Top < -slack || b.Bottom > open.Height+slack {
		problems = append(problems, fmt.Sprintf("%s: the open menu lies at %s, outside the %.0f×%.0f window", at, b, open.Width, open.Height))
	}
	for i, l := range open.Links {
		if l.Left < b.Left-slack || l.Right > b.Right+slack {
			problems = append(problems, fmt.Sprintf("%s: %q is cut off: it lies at %s, the menu at %s", at, open.Labels[i], l, b))
		}
	}
	if open.Scrolls && !open.Scrollable {
		problems = append(problems, fmt.Sprintf("%s: the open menu is taller than its box %s, and does not scroll", at, b))
	}
	if open.ScrollY != closed.ScrollY {
		problems = append(problems, fmt.Sprintf("%s: opening the menu scrolled the page from %.0f to %.0f", at, closed.ScrollY, open.ScrollY))
	}
	if open.Chevron == closed.Chevron {
		problems = append(problems, fmt.Sprintf("%s: nothing shows that the menu opened (the chevron's transform stays %q)", at, open.Chevron))
	}
	if len(problems) == 0 {
		problems = append(problems, "")
	}
	return problems
}

// turnView is what the test reads of a transcript around the turn it
// scrolls to.
type turnView struct {
	ID       string  `json:"id"`       // the turn the reader is in
	Covers   bool    `json:"covers"`   // it fills the upper half of the text area
	Href     string  `json:"href"`     // the menu's link to the other language
	Top      float64 `json:"top"`      // of the turn the address names, in the window
	HeaderAt float64 `json:"headerAt"` // the bottom of the sticky header
	Path     string  `json:"path"`
	Hash     string  `json:"hash"`
}

// intoLongestTurn scrolls the page to the middle of its longest turn, a
// third of it above the header, and tells which turn that is, with the
// href of the menu's link in the language of %q.
const intoLongestTurn = `(function () {
	var header = document.querySelector("header.site").getBoundingClientRect().height;
	var turns = Array.prototype.slice.call(document.querySelectorAll("main .turn[id]"));
	var turn = turns.reduce(function (a, b) { return b.offsetHeight > a.offsetHeight ? b : a; });
	window.scrollTo(0, turn.getBoundingClientRect().top + window.scrollY - header + turn.offsetHeight / 3);
	var r = turn.getBoundingClientRect();
	return new Promise(function (done) {
		requestAnimationFrame(function () { requestAnimationFrame(function () {
			done({
				id: turn.id,
				covers: r.top < header && r.bottom > header + (innerHeight - header) / 2,
				href: document.querySelector('.langs a[hreflang="%s"]').getAttribute("href"),
				headerAt: header
			});
		}); });
	});
})()`

// landed reads where the page has landed.
const landed = `(function () {
	var id = decodeURIComponent(location.hash.slice(1));
	var target = id && document.getElementById(id);
	return {
		path: location.pathname,
		hash: location.hash,
		top: target ? target.getBoundingClientRect().top : -1,
		headerAt: document.querySelector("header.site").getBoundingClientRect().bottom
	};
})()`

// TestLanguageSwitchKeepsTheTurn reads every transcript from the middle of
// its longest turn, at 360 px with no # in the address and at 1280 px with
// one naming another turn, switches to the next language of the menu as a
// reader does, and fails unless the other language opens at that turn, just
// below the header. The link carries the turn before the click too, so that
// a link opened in a new tab or copied keeps it. Without JavaScript the
// links lead to the other language's page, without a turn.
func TestLanguageSwitchKeepsTheTurn(t *testing.T) {
	base, out, pages := menuSite(t)
	type transcript struct{ page, lang string }
	var transcripts []transcript
	for _, p := range pages {
		if m := transcriptPage.FindStringSubmatch(p); m != nil && m[2] != "search" { // not the language's search page
			transcripts = append(transcripts, transcript{p, m[1]})
		}
	}
	if len(transcripts) < 13 {
		t.Fatalf("%d transcripts in the build, want 13: %q", len(transcripts), pages)
	}
	// Without JavaScript, the links carry no turn.
	for _, tr := range transcripts {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(tr.page)))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`<a href="([^"]*)"[^>]*data-keep-turn`).FindAllStringSubmatch(string(data), -1) {
			if strings.Contains(m[1], "#") {
				t.Errorf("%s: the menu's link %q carries a turn in the HTML: without JavaScript it would be the turn of no one's reading", tr.page, m[1])
			}
		}
	}

	ctx := sitetest.Browser(t, 1280, 900)
	for _, w := range []struct {
		width, height int64
		hash          string
	}{{360, 640, ""}, {1280, 800, "#t1"}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w.width, w.height)); err != nil {
			t.Fatal(err)
		}
		for i, from := range transcripts {
			to := transcripts[(i+1)%len(transcripts)]
			at := fmt.Sprintf("%s%s at %dpx, switching to %s", from.page, w.hash, w.width, to.lang)
			err := chromedp.Do(ctx, chromedp.Navigate(pageURL(base, from.page)+w.hash))
			var in turnView
			if err == nil {
				in, err = chromedp.Run(ctx, chromedp.Evaluate[turnView](fmt.Sprintf(intoLongestTurn, hreflangOf(out, to.page)), chromedp.EvalAwaitPromise))
			}
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			if !in.Covers {
				t.Fatalf("%s: turn %s does not fill the upper half of the window: the test cannot tell which turn the reader is in", at, in.ID)
			}
			if !strings.HasSuffix(in.Href, "#"+in.ID) {
				t.Errorf("%s: in the middle of turn %s, the menu's link is %q, without the turn", at, in.ID, in.Href)
			}
			var got turnView
			_, err = chromedp.Run(ctx, thenRead(
				tap(".langs summary"),
				chromedp.WaitEvent(page.LoadEventFired, nil, tap(fmt.Sprintf(`.langs a[hreflang="%s"]`, hreflangOf(out, to.page)))),
			))
			if err == nil {
				got, err = chromedp.Run(ctx, chromedp.Evaluate[turnView](landed))
			}
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			switch {
			case got.Path != "/site/"+strings.TrimSuffix(to.page, "index.html"):
				t.Errorf("%s: landed on %s", at, got.Path)
			case got.Hash != "#"+in.ID:
				t.Errorf("%s: the reader was in turn %s and landed at %q", at, in.ID, got.Hash)
			case got.Top < got.HeaderAt-1 || got.Top > got.HeaderAt+48:
				t.Errorf("%s: turn %s lies at %.0f px, want just below the header (%.0f px)", at, in.ID, got.Top, got.HeaderAt)
			}
		}
	}
}

// hreflangOf returns the hreflang of the language of a built page, as its
// <html lang> does not always say it (fr-002 is hreflang fr).
func hreflangOf(out, page string) string {
	data, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
	m := regexp.MustCompile(`<a href="[^"]*" lang="[^"]*" hreflang="([^"]*)"[^>]*aria-current="page"`).FindSubmatch(data)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// menuState tells whether the menu is open and where focus is.
const menuState = `(function () {
	var d = document.querySelector(".langs details"), f = document.activeElement;
	return {open: d.open, focus: f === d.querySelector("summary") ? "menu button" : d.contains(f) ? "menu" : "elsewhere"};
})()`

type menuStateView struct {
	Open  bool   `json:"open"`
	Focus string `json:"focus"`
}

// outsidePoint finds a point of the page outside the open menu and off any
// link, for a click outside.
const outsidePoint = `(function () {
	var r = document.querySelector(".langs ul").getBoundingClientRect();
	var x = r.left > 40 ? r.left / 2 : (r.right + document.documentElement.clientWidth) / 2;
	for (var y = r.top + 20; y < innerHeight; y += 10) {
		var e = document.elementFromPoint(x, y);
		if (e && !e.closest("a, button, summary, details")) return [x, y];
	}
	return null;
})()`

// TestLanguageMenuAndHeader checks, in a Russian and an Arabic transcript at
// 360 px, that the menu closes on Escape with focus back on its button, on
// a click outside and when focus leaves it; that the link back to the top
// shows once the reader has scrolled and takes them there; that a link to a
// turn scrolls it to below the header, not under it; that the menu opens
// without JavaScript; and that the header does not stick in print.
func TestLanguageMenuAndHeader(t *testing.T) {
	base, _, _ := menuSite(t)
	ctx := sitetest.Browser(t, 360, 640)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 640)); err != nil {
		t.Fatal(err)
	}
	openMenu := thenRead(
		tap(".langs summary"),
		chromedp.Evaluate[menuStateView](menuState),
	)
	for _, lang := range []string{"ru", "ar"} {
		url := base + lang + "/crypto-ai/"
		check := func(what string, got menuStateView, err error, open bool, focus string) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s, %s: %v", url, what, err)
			}
			if got.Open != open || (focus != "" && got.Focus != focus) {
				t.Errorf("%s, %s: open %v, focus on %q; want open %v, focus on %q", url, what, got.Open, got.Focus, open, focus)
			}
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 3000)`)); err != nil {
			t.Fatal(err)
		}

		got, err := chromedp.Run(ctx, openMenu)
		check("after a click on the menu's button", got, err, true, "menu button")
		err = chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape))
		if err == nil {
			got, err = chromedp.Run(ctx, chromedp.Evaluate[menuStateView](menuState))
		}
		check("after Escape", got, err, false, "menu button")

		_, err = chromedp.Run(ctx, openMenu)
		var point []float64
		if err == nil {
			point, err = chromedp.Run(ctx, chromedp.Evaluate[[]float64](outsidePoint))
		}
		if err == nil && len(point) != 2 {
			err = errors.New("no place outside the menu to click")
		}
		if err == nil {
			err = chromedp.Do(ctx, chromedp.MouseClickXY(point[0], point[1]))
		}
		if err == nil {
			got, err = chromedp.Run(ctx, chromedp.Evaluate[menuStateView](menuState))
		}
		check("after a click outside the menu", got, err, false, "")

		_, err = chromedp.Run(ctx, openMenu)
		if err == nil {
			err = chromedp.Do(ctx,
				chromedp.Evaluate[chromedp.Void](`Array.prototype.slice.call(document.querySelectorAll(".langs li a")).pop().focus()`),
				chromedp.KeyEvent(kb.Tab),
			)
		}
		if err == nil {
			got, err = chromedp.Run(ctx, chromedp.Evaluate[menuStateView](menuState))
		}
		check("after Tab from its last language", got, err, false, "elsewhere")

		// Back to the top.
		var top struct {
			Shown  bool    `json:"shown"`
			Hidden bool    `json:"hidden"`
			Y      float64 `json:"y"`
		}
		err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 3000)`))
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](`getComputedStyle(document.querySelector(".totop")).display != "none"`, chromedp.WithPollingTimeout(5*time.Second)))
			top.Shown = err == nil
			err = nil
		}
		if err == nil && top.Shown {
			err = chromedp.Do(ctx, tap(".totop"))
		}
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](`window.scrollY == 0 && getComputedStyle(document.querySelector(".totop")).display == "none"`, chromedp.WithPollingTimeout(5*time.Second)))
			top.Hidden = err == nil
			err = nil
		}
		if err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		if !top.Shown {
			t.Errorf("%s: 3,000 px down the page, the link back to the top is not shown", url)
		} else if !top.Hidden {
			t.Errorf("%s: the link back to the top did not take the reader to the top, or stays shown there", url)
		}

		// A link to a turn.
		var at turnView
		err = chromedp.Do(ctx, chromedp.Navigate(url+"#t5"))
		if err == nil {
			at, err = chromedp.Run(ctx, chromedp.Evaluate[turnView](landed))
		}
		if err != nil {
			t.Fatalf("%s#t5: %v", url, err)
		}
		if at.Top < at.HeaderAt-1 || at.Top > at.HeaderAt+48 {
			t.Errorf("%s#t5: the turn lies at %.0f px, want just below the header (%.0f px)", url, at.Top, at.HeaderAt)
		}
	}

	// Without JavaScript the menu opens, inside the window.
	noScript, cancel := chromedp.NewContext(ctx)
	defer cancel()
	var open menuView
	err := chromedp.Do(noScript,
		chromedp.EmulateViewport(320, 480),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(base+"ar/crypto-ai/"),
		tap(".langs summary"),
	)
	if err == nil {
		// Evaluate runs even with the page's scripts disabled.
		open, err = chromedp.Run(noScript, chromedp.Evaluate[menuView](readMenu))
	}
	if err != nil {
		t.Fatal(err)
	}
	if b := open.Box; !open.Open || b.Left < 0 || b.Right > open.Width || b.Top < 0 || b.Bottom > open.Height {
		t.Errorf("without JavaScript, at 320 px: the menu is open %v, at %s in a %.0f×%.0f window", open.Open, b, open.Width, open.Height)
	}

	// In print the header stays at the top of the first page only.
	var position string
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"vi/crypto-ai/"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}),
	)
	if err == nil {
		position, err = chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("header.site")).position`))
	}
	if err != nil {
		t.Fatal(err)
	}
	if position == "sticky" || position == "fixed" {
		t.Errorf("in print the header is %s: it would cover the text of every page", position)
	}
}

package main

// The built site against two outside checkers: the Nu Html Checker (vnu, the
// W3C's validator) for HTML and CSS, and axe-core, run in a real Chromium,
// for accessibility. Both come from .ci/package.json (npm ci --prefix .ci);
// vnu needs Java and axe needs Chromium, which .ci/run installs too.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

const (
	installNpm  = "npm ci --prefix .ci, in the repository root"
	installJava = "apt-get install default-jre-headless"
)

// ciFile returns a file installed by npm under .ci/node_modules.
func ciFile(t *testing.T, rel string) string {
	t.Helper()
	path := filepath.Join(sitetest.Root(), ".ci", "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		sitetest.Need(t, ".ci/node_modules/"+rel, installNpm)
	}
	return path
}

// buildRealSite builds the repository's site, to be served under a
// sub-path at baseURL, and returns the output folder and its HTML files,
// relative and sorted.
func buildRealSite(t *testing.T, baseURL string) (out string, pages []string) {
	t.Helper()
	dir := sitetest.Copy(t)
	out = filepath.Join(dir, "public")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "-src", dir, "-out", out, "-baseurl", baseURL}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			rel, _ := filepath.Rel(out, path)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	if len(pages) < 28 {
		t.Fatalf("the build has %d HTML pages, want at least 28", len(pages))
	}
	return out, pages
}

// TestNuHTMLChecker runs the Nu Html Checker over every page of the built
// site and over its stylesheet, and fails with every error it reports.
//
// The pages go through one JVM, the stylesheet through another, side by
// side: vnu checks the <style> elements of HTML files by itself, and its
// --also-check-css, which would let one run take style.css too, reports
// every HTML line one too low (vnu 26.9.27).
func TestNuHTMLChecker(t *testing.T) {
	java := sitetest.LookTool(t, installJava, "java")
	jar := ciFile(t, "vnu-jar/build/dist/vnu.jar")
	out, pages := buildRealSite(t, "https://example.org/site/")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	css, _ := filepath.Glob(filepath.Join(out, "style.*.css")) // fingerprinted
	if len(css) != 1 {
		t.Fatalf("the build has %d style sheets style.*.css, want one", len(css))
	}
	runs := []struct {
		flags []string
		files []string
		msgs  []string
		err   error
	}{
		{files: pages},
		{flags: []string{"--css"}, files: []string{filepath.Base(css[0])}},
	}
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			r := &runs[i]
			r.msgs, r.err = vnu(ctx, java, jar, out, r.flags, r.files)
		})
	}
	wg.Wait()
	var messages []string
	for _, r := range runs {
		if r.err != nil {
			t.Error(r.err)
		}
		messages = append(messages, r.msgs...)
	}
	if len(messages) > 0 {
		t.Errorf("the Nu Html Checker found %d errors in the built site (files of public/; its style.*.css is templates/assets/style.css):\n%s",
			len(messages), strings.Join(messages, "\n"))
	}
}

// vnu checks the files, relative to out, with vnu's flags added to
// --errors-only --format gnu, and returns its messages as
// "FILE:LINE.COL-LINE.COL: error: TEXT", each followed by the line of the
// file it points at. err is set when vnu failed without a message.
func vnu(ctx context.Context, java, jar, out string, flags, files []string) (messages []string, err error) {
	args := append([]string{"-jar", jar, "--errors-only", "--format", "gnu", "--stdout"}, flags...)
	for _, f := range files {
		args = append(args, filepath.Join(out, filepath.FromSlash(f)))
	}
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()

	// vnu writes "file:/abs/path":LINE.COL-LINE.COL: error: TEXT.
	prefix := `"file:` + filepath.ToSlash(out) + "/"
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if line == "" {
			continue
		}
		msg := line
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			if file, pos, ok := strings.Cut(rest, `":`); ok {
				msg = file + ":" + pos + sourceLine(filepath.Join(out, filepath.FromSlash(file)), pos)
			}
		}
		messages = append(messages, msg)
	}
	var exitErr *exec.ExitError
	if runErr != nil && !(errors.As(runErr, &exitErr) && len(messages) > 0) { // vnu exits 1 when it reports errors
		err = fmt.Errorf("java %s: %v\n%s%s", strings.Join(args, " "), runErr, stdout.String(), stderr.String())
	}
	return messages, err
}

// sourceLine returns the line of file that a vnu position such as
// "12.3-12.40: error: …" points at, cut around the column, to show with the
// message ("" when there is no such line).
func sourceLine(file, pos string) string {
	var line, col int
	if _, err := fmt.Sscanf(pos, "%d.%d", &line, &col); err != nil {
		return ""
	}
	data, err := os.ReadFile(file)
	lines := strings.Split(string(data), "\n")
	if err != nil || line < 1 || line > len(lines) {
		return ""
	}
	text := []rune(lines[line-1])
	from := max(0, min(col-1, len(text))-60)
	to := min(len(text), from+160)
	excerpt := strings.TrimSpace(string(text[from:to]))
	if from > 0 {
		excerpt = "…" + excerpt
	}
	if to < len(text) {
		excerpt += "…"
	}
	return "\n\t" + excerpt
}

// serveSite serves the folder out under /site/, and 404.html with status 404
// for a path that has no file.
func serveSite(w http.ResponseWriter, r *http.Request, out string) {
	rel, ok := strings.CutPrefix(r.URL.Path, "/site/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	name := filepath.Join(out, filepath.FromSlash(path.Clean("/"+rel)))
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		name = filepath.Join(name, "index.html")
	}
	if _, err := os.Stat(name); err != nil {
		data, err := os.ReadFile(filepath.Join(out, "404.html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(data)
		return
	}
	http.StripPrefix("/site", http.FileServer(http.Dir(out))).ServeHTTP(w, r)
}

// axeViolation is one rule that fails on a page, as the script below
// returns it.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Count   int      `json:"count"`   // elements that fail it
	Targets []string `json:"targets"` // selectors of the first few
	Summary string   `json:"summary"` // why the first one fails
}

// axeRun runs axe-core on the page, or on the part of it that the selector
// in %s matches, and returns its violations, with the window's width, its
// color scheme and whether its stylesheets loaded, to make sure that the page
// is checked as a reader sees it.
const axeRun = `axe.run(%s, {resultTypes: ["violations"]}).then(function (r) {
	return {
		styled: document.styleSheets.length > 0 &&
			Array.prototype.every.call(document.querySelectorAll("link[rel~=stylesheet]"), function (l) {
				return !!l.sheet && l.sheet.cssRules.length > 0;
			}),
		width: window.innerWidth,
		dark: window.matchMedia("(prefers-color-scheme: dark)").matches,
		violations: r.violations.map(function (v) {
			return {
				id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
				count: v.nodes.length,
				targets: v.nodes.slice(0, 3).map(function (n) {
					return n.target.map(function (s) { return Array.isArray(s) ? s.join(" >>> ") : s; }).join(" ");
				}),
				summary: v.nodes.length ? (v.nodes[0].failureSummary || "") : ""
			};
		})
	};
})`

// fontSize matches the font size in an axe failure summary.
var fontSize = regexp.MustCompile(`font size: [^,]*, `)

// openMenus opens the language menu (every <details>) and tells whether
// the page has one.
const openMenus = `(function () {
	var menus = document.querySelectorAll("details");
	menus.forEach(function (d) { d.open = true; });
	return menus.length > 0;
})()`

type axeResult struct {
	Styled     bool           `json:"styled"`
	Width      int            `json:"width"`
	Dark       bool           `json:"dark"`
	Violations []axeViolation `json:"violations"`
}

// TestAxe opens every page of the built site in headless Chromium and runs
// axe-core on it, in the light and the dark color scheme, in a narrow and a
// wide window, and fails with every violation it reports.
func TestAxe(t *testing.T) {
	axeJS, err := os.ReadFile(ciFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	// The site is served under /site/ of a local server, as a static host
	// would serve it, with 404.html for any missing page. It is built with
	// that base URL, so that the absolute links of the 404 page (its
	// stylesheet among them) lead back to this server.
	var out string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serveSite(w, r, out)
	}))
	defer srv.Close()
	out, pages := buildRealSite(t, srv.URL+"/site/")

	configs, results := axeEveryConfig(t, srv.URL+"/site/", pages, string(axeJS))

	// One finding is one rule failing on the same elements for the same
	// reason, with the pages it fails on, each with the configurations it
	// fails in.
	type finding struct {
		v       axeViolation
		pages   []string
		configs map[string][]string // by page
	}
	findings := map[string]*finding{}
	var order []string
	for i, c := range configs {
		for j, page := range pages {
			for _, v := range results[i][j].Violations {
				key := strings.Join(append([]string{v.ID, v.Help, v.Summary, strconv.Itoa(v.Count)}, v.Targets...), "\x00")
				f := findings[key]
				if f == nil {
					f = &finding{v: v, configs: map[string][]string{}}
					findings[key] = f
					order = append(order, key)
				}
				if f.configs[page] == nil {
					f.pages = append(f.pages, page)
				}
				f.configs[page] = append(f.configs[page], c.String())
			}
		}
	}

	if len(order) == 0 {
		return
	}
	slices.SortStableFunc(order, func(a, b string) int {
		return strings.Compare(findings[a].pages[0]+"\x00"+findings[a].v.ID, findings[b].pages[0]+"\x00"+findings[b].v.ID)
	})
	var b strings.Builder
	for _, key := range order {
		f := findings[key]
		v := f.v
		fmt.Fprintf(&b, "\n%s (%s): %s\n", v.ID, v.Impact, v.Help)
		// The pages, grouped by the configurations they fail in.
		var groups []string
		byConfigs := map[string][]string{}
		for _, page := range f.pages {
			in := strings.Join(f.configs[page], ", ")
			if byConfigs[in] == nil {
				groups = append(groups, in)
			}
			byConfigs[in] = append(byConfigs[in], page)
		}
		for _, in := range groups {
			fmt.Fprintf(&b, "\ton %s\n\t\tin %s\n", strings.Join(byConfigs[in], ", "), in)
		}
		more := ""
		if v.Count > len(v.Targets) {
			more = fmt.Sprintf(" and %d more", v.Count-len(v.Targets))
		}
		fmt.Fprintf(&b, "\tat: %s%s\n", strings.Join(v.Targets, " | "), more)
		if v.Summary != "" {
			fmt.Fprintf(&b, "\t%s\n", v.Summary)
		}
		fmt.Fprintf(&b, "\t%s\n", v.HelpURL)
	}
	t.Errorf("axe-core found %d violations in the built site (pages are files of public/):%s", len(order), b.String())
}

// axeConfig is a color scheme and a window width to check pages in.
type axeConfig struct {
	scheme string // "light" or "dark"
	width  int64
}

func (c axeConfig) String() string { return fmt.Sprintf("%s %dpx", c.scheme, c.width) }

// axePages runs axe-core on each page under base, in the tab of ctx set to
// the configuration c, once as the page opens and once more on its language
// menu, opened. Each result holds the violations of both runs, the menu's
// marked as such.
// axeEveryConfig runs axe-core on pages, under base, in a browser, in light
// and dark mode at 360 and 1280 px, each configuration in a tab of its own,
// two at a time; the results are by configuration, then page.
func axeEveryConfig(t *testing.T, base string, pages []string, axeJS string) ([]axeConfig, [][]axeResult) {
	t.Helper()
	browserCtx := sitetest.Browser(t, 1280, 900)
	if err := chromedp.Do(browserCtx); err != nil { // starts the browser
		t.Fatal(err)
	}
	configs := []axeConfig{{"light", 360}, {"light", 1280}, {"dark", 360}, {"dark", 1280}}
	results := make([][]axeResult, len(configs))
	inTabs(t, browserCtx, len(configs), func(ctx context.Context, i int) (err error) {
		results[i], err = axePages(ctx, configs[i], base, pages, axeJS)
		return err
	})
	return configs, results
}

func axePages(ctx context.Context, c axeConfig, base string, pages []string, axeJS string) ([]axeResult, error) {
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(c.width, 900),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: c.scheme}},
			})
			return err
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", c, err)
	}
	var results []axeResult
	for _, page := range pages {
		url := base + strings.TrimSuffix(page, "index.html")
		if page == "404.html" {
			url = base + "no/such/page/" // as a host serves it
		}
		err := chromedp.Do(ctx,
			chromedp.Navigate(url),
			chromedp.Evaluate[chromedp.Void](axeJS),
		)
		var res, menu axeResult
		if err == nil {
			res, err = chromedp.Run(ctx, chromedp.Evaluate[axeResult](fmt.Sprintf(axeRun, "document"), chromedp.EvalAwaitPromise))
		}
		// The language menu is closed when the page opens: open it and
		// check it too, over the page.
		var hasMenu bool
		if err == nil {
			hasMenu, err = chromedp.Run(ctx, chromedp.Evaluate[bool](openMenus))
		}
		if err == nil && hasMenu {
			menu, err = chromedp.Run(ctx, chromedp.Evaluate[axeResult](fmt.Sprintf(axeRun, `{include: [["details > :not(summary)"]]}`), chromedp.EvalAwaitPromise))
		}
		switch {
		case err != nil:
			return nil, fmt.Errorf("%s, %s: %v", page, c, err)
		case !res.Styled:
			return nil, fmt.Errorf("%s, %s: the page is not styled: a stylesheet did not load", page, c)
		case res.Width != int(c.width) || res.Dark != (c.scheme == "dark"):
			return nil, fmt.Errorf("%s, %s: the page has a %dpx window, dark scheme %v: the emulation did not hold", page, c, res.Width, res.Dark)
		}
		for _, v := range menu.Violations {
			v.Help += " (language menu open)"
			res.Violations = append(res.Violations, v)
		}
		for i := range res.Violations {
			v := &res.Violations[i]
			// The summary names the font size, which changes with the width.
			v.Summary = fontSize.ReplaceAllString(strings.Join(strings.Fields(v.Summary), " "), "")
		}
		results = append(results, res)
	}
	return results, nil
}

// inTabs calls f(ctx, 0) … f(ctx, n-1), each in a tab of its own of the
// browser of browserCtx, two at a time, each with five minutes, and fails
// the test with their errors.
func inTabs(t *testing.T, browserCtx context.Context, n int, f func(ctx context.Context, i int) error) {
	t.Helper()
	errs := make([]error, n)
	sem := make(chan bool, 2)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			sem <- true
			defer func() { <-sem }()
			tab, cancelTab := chromedp.NewContext(browserCtx)
			defer cancelTab()
			ctx, cancel := context.WithTimeout(tab, 5*time.Minute)
			defer cancel()
			errs[i] = f(ctx, i)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

package main

// Site search (issue 13): the built site indexed by Pagefind (npm pagefind,
// from .ci/package.json), searched in Chromium in every language.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// searchLanguages are the tests' site's languages, in site.toml's order,
// and whether their words are written without spaces between them.
var searchLanguages = []struct {
	code     string
	unspaced bool
}{
	{"zh-cn", true}, {"en", false}, {"vi", false}, {"zh-tw", true}, {"es", false},
	{"ru", false}, {"fr", false}, {"pt-pt", false}, {"id", false}, {"ja", true},
	{"ar", false}, {"uk", false}, {"pt-br", false},
}

// TestSearch builds the tests' site without a base URL, serves it under a
// sub-path, and checks its search pages: before Pagefind has run they say
// that search is not enabled and how to enable it; after, in every
// language, a phrase of one turn finds that turn, whose #tN is among the
// first three results' links, and axe-core finds nothing wrong with the
// page of results (TestAxe and TestNuHTMLChecker check the search pages as
// built, before Pagefind). The index holds the transcripts alone.
func TestSearch(t *testing.T) {
	node := sitetest.LookTool(t, "apt-get install nodejs npm", "node", "nodejs")
	runner := ciFile(t, "pagefind/lib/runner/bin.cjs")
	axeJS, err := os.ReadFile(ciFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}

	dir := sitetest.Copy(t)
	out := filepath.Join(dir, "public")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "-src", dir, "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serveSite(w, r, out)
	}))
	defer srv.Close()
	base := srv.URL + "/site/"

	browserCtx := sitetest.Browser(t, 1280, 900)
	if err := chromedp.Do(browserCtx); err != nil { // starts the browser
		t.Fatal(err)
	}

	// Before Pagefind: the page says so, in its language, with the command.
	t.Run("not enabled", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(browserCtx)
		defer cancel()
		err := chromedp.Do(ctx, chromedp.Navigate(base+"fr/search/"), chromedp.WaitVisible(".search-off"))
		var off string
		if err == nil {
			off, err = chromedp.Run(ctx, chromedp.Text(".search-off"))
		}
		var disabled bool
		if err == nil {
			disabled, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("form.search input").disabled`))
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"La recherche n’est pas activée sur ce site.", "npx pagefind --site public"} {
			if !strings.Contains(off, want) {
				t.Errorf("fr/search/ without pagefind/ says %q, want it to say %q", off, want)
			}
		}
		if !disabled {
			t.Error("fr/search/ without pagefind/: the search box is not disabled")
		}
	})

	cmd := exec.Command(node, runner, "--site", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pagefind: %v\n%s", err, msg)
	}

	// The index: one page per language, each the transcript, so neither
	// the 404 page, the status page, the homes nor the search pages.
	t.Run("index", func(t *testing.T) {
		var urls []string
		for _, file := range globFiles(t, filepath.Join(out, "pagefind", "fragment", "*.pf_fragment")) {
			var fragment struct {
				URL     string              `json:"url"`
				Filters map[string][]string `json:"filters"`
			}
			readFragment(t, file, &fragment)
			urls = append(urls, fragment.URL)
			speakers := slices.Compact(slices.Sorted(slices.Values(fragment.Filters["speaker"])))
			if len(speakers) != 3 {
				t.Errorf("%s: speaker filter %q, want the transcript's three speakers", fragment.URL, speakers)
			}
		}
		slices.Sort(urls)
		var want []string
		for _, l := range searchLanguages {
			want = append(want, "/"+l.code+"/crypto-ai/")
		}
		slices.Sort(want)
		if !slices.Equal(urls, want) {
			t.Errorf("Pagefind indexed\n%s\nwant the transcripts alone:\n%s", strings.Join(urls, "\n"), strings.Join(want, "\n"))
		}
	})

	inTabs(t, browserCtx, len(searchLanguages), func(ctx context.Context, i int) error {
		l := searchLanguages[i]
		turn := fmt.Sprintf("t%d", i%8+2)
		err := chromedp.Do(ctx, chromedp.Navigate(base+l.code+"/crypto-ai/"))
		var text string
		if err == nil {
			text, err = chromedp.Run(ctx, chromedp.Text("#"+turn+" .says p"))
		}
		if err != nil {
			return fmt.Errorf("%s: %v", l.code, err)
		}
		phrase := searchPhrase(text, l.unspaced)
		err = chromedp.Do(ctx,
			chromedp.Navigate(base+l.code+"/search/"),
			chromedp.WaitReady("form.search[data-ready] input"),
			chromedp.SendKeys("form.search input", phrase),
			chromedp.WaitVisible(".search-results .hit-link"),
		)
		var links []string
		if err == nil {
			links, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".search-results .hit-link")).slice(0, 3).map(function (a) { return a.href; })`))
		}
		if err != nil {
			return fmt.Errorf("%s: searching %q: %v", l.code, phrase, err)
		}
		want := base + l.code + "/crypto-ai/#" + turn
		if !slices.Contains(links, want) {
			return fmt.Errorf("%s: searching %q, a phrase of %s: the first results link to\n\t%s\nwant %s among them", l.code, phrase, turn, strings.Join(links, "\n\t"), want)
		}
		err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(axeJS)))
		var res axeResult
		if err == nil {
			res, err = chromedp.Run(ctx, chromedp.Evaluate[axeResult](fmt.Sprintf(axeRun, "document"), chromedp.EvalAwaitPromise))
		}
		if err != nil {
			return fmt.Errorf("%s: axe-core: %v", l.code, err)
		}
		var found []string
		for _, v := range res.Violations {
			found = append(found, fmt.Sprintf("%s (%s): %s %v", v.ID, v.Impact, v.Help, v.Targets))
		}
		if len(found) > 0 {
			return fmt.Errorf("%s: axe-core on the search results:\n\t%s", l.code, strings.Join(found, "\n\t"))
		}
		return nil
	})
}

// searchPhrase takes a phrase from the middle of a turn's first paragraph:
// six words, or twelve characters in a language written without spaces.
func searchPhrase(text string, unspaced bool) string {
	if unspaced {
		runes := []rune(strings.Join(strings.Fields(text), ""))
		from := min(12, len(runes)/3)
		return string(runes[from:min(from+12, len(runes))])
	}
	words := strings.Fields(text)
	from := min(4, len(words)/3)
	return strings.Join(words[from:min(from+6, len(words))], " ")
}

func globFiles(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no file matches %s (%v)", pattern, err)
	}
	return files
}

// readFragment decodes one of Pagefind's page fragments: gzip, then
// "pagefind_dcd" and the page's JSON.
func readFragment(t *testing.T, file string, v any) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("pagefind_dcd")), v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

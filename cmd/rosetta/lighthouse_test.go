package main

// Lighthouse (npm lighthouse, pinned in .ci/package.json), in its default
// mobile configuration, on pages of the built site as a reader's phone
// gets them: a transcript in the original and in a right-to-left
// translation, a language's home, and the language chooser. It drives the
// system's Chromium, which .ci/run installs.

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// lighthouseMin is the lowest score (0 to 1) a page may have in a
// category: 95 in every one, but SEO, which must be 100 (issue 13): a site
// built with a base URL gives search engines everything they ask for.
func lighthouseMin(category string) float64 {
	if category == "seo" {
		return 1
	}
	return 0.95
}

// lighthouseCategories are the categories every page is scored in.
var lighthouseCategories = []string{"performance", "accessibility", "best-practices", "seo"}

// lighthouseReport is the part of Lighthouse's JSON report the test reads.
type lighthouseReport struct {
	Categories map[string]struct {
		Title     string  `json:"title"`
		Score     float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]struct {
		Title        string          `json:"title"`
		Score        *float64        `json:"score"` // null when it does not apply
		DisplayValue string          `json:"displayValue"`
		Details      json.RawMessage `json:"details"`
	} `json:"audits"`
	RuntimeError *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
}

// TestLighthouse runs Lighthouse on four pages of the site built with a
// base URL and served under it, and fails when a page scores under 95 in a
// category, or under 100 in SEO, with the audits that cost it points.
func TestLighthouse(t *testing.T) {
	node := sitetest.LookTool(t, "apt-get install nodejs npm", "node")
	chromium := sitetest.LookTool(t, "apt-get install chromium", "chromium", "chromium-browser", "google-chrome")
	cli := ciFile(t, "lighthouse/cli/index.js")

	var out string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serveSite(w, r, out)
	}))
	defer srv.Close()
	base := srv.URL + "/site/"
	out, _ = buildRealSite(t, base)

	// One page after the other: Lighthouse measures performance, and two
	// runs side by side on a small machine slow each other down. The
	// performance score of one run varies with the machine's load (from 79
	// to 99 for the same page on a busy machine): a page that falls short
	// is measured four more times and judged on the median of the five
	// runs, as Lighthouse's documentation advises.
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	for _, page := range []string{"vi/crypto-ai/", "ar/crypto-ai/", "ja/", ""} {
		var runs []*lighthouseReport
		for len(runs) < 5 {
			report, err := runLighthouse(ctx, node, cli, chromium, base+page, t.TempDir())
			if err != nil {
				t.Fatalf("/%s: %v", page, err)
			}
			runs = append(runs, report)
			if len(runs) == 1 && report.score("performance") >= lighthouseMin("performance") {
				break // the first run passes: no need of more
			}
		}
		slices.SortFunc(runs, func(a, b *lighthouseReport) int {
			return cmp.Compare(a.score("performance"), b.score("performance"))
		})
		report := runs[len(runs)/2]
		if failing := lighthouseFailures(report); failing != "" {
			t.Errorf("Lighthouse on /%s (the site built with base URL %s; the median of %d runs):%s", page, base, len(runs), failing)
		}
	}
}

// score is the report's score in a category, 0 to 1.
func (r *lighthouseReport) score(category string) float64 { return r.Categories[category].Score }

// runLighthouse runs Lighthouse's command line on url, in Chromium, and
// returns its report.
func runLighthouse(ctx context.Context, node, cli, chromium, url, dir string) (*lighthouseReport, error) {
	reportFile := filepath.Join(dir, "report.json")
	cmd := exec.CommandContext(ctx, node, cli, url,
		"--quiet",
		"--output=json", "--output-path="+reportFile,
		"--only-categories="+strings.Join(lighthouseCategories, ","),
		"--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir="+filepath.Join(dir, "chromium"),
	)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium, "TMPDIR="+dir)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("lighthouse: %v\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(reportFile)
	if err != nil {
		return nil, err
	}
	var report lighthouseReport
	if err := json.Unmarshal(data, &report); err != nil {
		return nil, fmt.Errorf("lighthouse's report: %v", err)
	}
	if e := report.RuntimeError; e != nil && e.Code != "NO_ERROR" {
		return nil, fmt.Errorf("lighthouse could not measure the page: %s: %s", e.Code, e.Message)
	}
	return &report, nil
}

// lighthouseFailures describes each category of report that scores under
// lighthouseMin, with the audits that lost points in it (id, title, value
// and the first elements or URLs they name), or returns "".
func lighthouseFailures(report *lighthouseReport) string {
	var b strings.Builder
	for _, id := range lighthouseCategories {
		c, ok := report.Categories[id]
		if !ok {
			fmt.Fprintf(&b, "\n%s: not in the report", id)
			continue
		}
		if c.Score >= lighthouseMin(id) {
			continue
		}
		fmt.Fprintf(&b, "\n%s: %.0f, want at least %.0f", c.Title, 100*c.Score, 100*lighthouseMin(id))
		for _, ref := range c.AuditRefs {
			a := report.Audits[ref.ID]
			if ref.Weight == 0 || a.Score == nil || *a.Score >= 1 {
				continue
			}
			fmt.Fprintf(&b, "\n\t%s (score %.2f, weight %g): %s", ref.ID, *a.Score, ref.Weight, a.Title)
			if a.DisplayValue != "" {
				fmt.Fprintf(&b, ": %s", a.DisplayValue)
			}
			for _, item := range auditItems(a.Details, 5) {
				fmt.Fprintf(&b, "\n\t\t%s", item)
			}
		}
	}
	return b.String()
}

// auditItems returns up to n of the elements (selector and snippet) or URLs
// that an audit's details list.
func auditItems(details json.RawMessage, n int) []string {
	var d struct {
		Items []map[string]json.RawMessage `json:"items"`
	}
	if json.Unmarshal(details, &d) != nil {
		return nil
	}
	var items []string
	for _, item := range d.Items {
		var node struct {
			Selector string `json:"selector"`
			Snippet  string `json:"snippet"`
		}
		var text string
		if json.Unmarshal(item["node"], &node) == nil && node.Selector != "" {
			text = node.Selector + " " + node.Snippet
		} else {
			for _, key := range []string{"url", "source", "description"} {
				var s string
				if json.Unmarshal(item[key], &s) == nil && s != "" {
					text = s
					break
				}
			}
		}
		if text != "" && !slices.Contains(items, text) {
			items = append(items, text)
		}
		if len(items) == n {
			break
		}
	}
	return items
}

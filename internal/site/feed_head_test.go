package site

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// TestFeedAutodiscovery checks that every page's head points browsers and
// feed readers to its language's feed, and that without a base URL, when
// no feed is written, no page points to one.
func TestFeedAutodiscovery(t *testing.T) {
	s, files := build(t, feedSite(t), Options{BaseURL: feedBase})
	for _, l := range s.Config.Languages {
		for _, page := range []string{l.Code + "/index.html", l.Code + "/crypto-ai/index.html", l.Code + "/older/index.html"} {
			var feeds []string
			for _, link := range parsePage(t, page, files[page]).all("link") {
				if typ, _ := attr(link, "type"); typ == "application/atom+xml" {
					href, _ := attr(link, "href")
					feeds = append(feeds, href)
				}
			}
			if want := []string{feedBase + l.Code + "/feed.xml"}; !slices.Equal(feeds, want) && files[page] != nil {
				t.Errorf("%s: links to the feeds %q, want %q", page, feeds, want)
			}
		}
	}
	_, files = build(t, feedSite(t), Options{})
	for name, data := range files {
		if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte("application/atom+xml")) {
			t.Errorf("%s links to a feed without a base URL", name)
		}
	}
}

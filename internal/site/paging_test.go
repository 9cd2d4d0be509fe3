package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

const pagingBase = "https://example.org/talks/"

// pagingSite is the tests' site with n discussions of its own instead of
// the tests' one, each in Vietnamese only (every other home lists the
// originals): talk-01 … talk-n, dated one day apart from talk-02 on,
// talk-01 on talk-02's day, the last three undated. site.toml pages the
// homes by 20.
func pagingSite(t *testing.T, n int) fstest.MapFS {
	t.Helper()
	fsys := sitetest.FS(t)
	for name := range fsys {
		if strings.HasPrefix(name, "content/") {
			delete(fsys, name)
		}
	}
	fsys["site.toml"].Data = append(bytes.Clone(fsys["site.toml"].Data), "\n[pagination]\npagerSize = 20\n"...)
	for i := 1; i <= n; i++ {
		date := ""
		if i <= n-3 { // talk-01 and talk-02 on the same day
			date = "date = " + time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, max(i, 2)).Format(time.DateOnly) + "\n"
		}
		fsys[fmt.Sprintf("content/talk-%02d/index.vi.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"+++\ntitle = \"Cuộc thảo luận %d\"\n%s\n[speakers.an]\nname = \"An\"\nhost = true\n+++\n\n## Mở đầu\n\nAn: Xin chào.\n", i, date)}
	}
	return fsys
}

// buildMem builds fsys in memory with the base URL, and returns the site
// and what the build wrote.
func buildMem(t *testing.T, fsys fstest.MapFS) (*Site, Result, map[string][]byte) {
	t.Helper()
	s, problems := Load(t.Context(), fsys, Options{BaseURL: pagingBase})
	if problems.HasErrors() {
		t.Fatalf("load:\n%v", problems)
	}
	out := NewMemOutput(nil)
	r, problems := s.Build(t.Context(), out)
	if problems.HasErrors() {
		t.Fatalf("build:\n%v", problems)
	}
	return s, r, out.Files
}

var (
	entryLink = regexp.MustCompile(`<h2><a href="([^"]+)"`)
	relLink   = regexp.MustCompile(`<a href="([^"]+)" rel="(prev|next)"`)
	headTitle = regexp.MustCompile(`<title>([^<]*)</title>`)
	canonical = regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
)

// resolve returns the site path a link on the page at the site path from
// leads to.
func resolve(t *testing.T, from, href string) string {
	t.Helper()
	base, _ := url.Parse("https://x.example/" + from)
	ref, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(base.ResolveReference(ref).Path, "/")
}

// TestPagedHomes: with 45 discussions and pages of 20, each language's home
// has three pages, at <lang>/, <lang>/page/2/ and <lang>/page/3/, which
// together list every discussion once, newest first and the undated last
// by slug; each links the newer and the older page, says its number in its
// title (but the first), is its own canonical page, stays well under
// 100 KB, and is in the sitemap.
func TestPagedHomes(t *testing.T) {
	_, _, files := buildMem(t, pagingSite(t, 45))

	// Newest first, talk-01 and talk-02 (the same day) by slug, the
	// undated last by slug.
	var want []string
	for i := 42; i >= 3; i-- {
		want = append(want, fmt.Sprintf("vi/talk-%02d/", i))
	}
	want = append(want, "vi/talk-01/", "vi/talk-02/", "vi/talk-43/", "vi/talk-44/", "vi/talk-45/")

	for _, code := range []string{"vi", "ja", "ar"} {
		pages := []string{code + "/", code + "/page/2/", code + "/page/3/"}
		var listed []string
		for n, path := range pages {
			page := string(files[path+"index.html"])
			if page == "" {
				t.Fatalf("%sindex.html is not written", path)
			}
			if size := len(page); size > 50_000 {
				t.Errorf("%s is %d bytes: a page of 20 discussions should stay well under 100 KB", path, size)
			}
			var entries []string
			for _, m := range entryLink.FindAllStringSubmatch(page, -1) {
				entries = append(entries, resolve(t, path, m[1]))
			}
			if wantN := []int{20, 20, 5}[n]; len(entries) != wantN {
				t.Errorf("/%s lists %d discussions, want %d", path, len(entries), wantN)
			}
			listed = append(listed, entries...)

			links := map[string]string{}
			for _, m := range relLink.FindAllStringSubmatch(page, -1) {
				links[m[2]] = resolve(t, path, m[1])
			}
			wantLinks := map[string]string{}
			if n > 0 {
				wantLinks["prev"] = pages[n-1]
			}
			if n < 2 {
				wantLinks["next"] = pages[n+1]
			}
			if fmt.Sprint(links) != fmt.Sprint(wantLinks) {
				t.Errorf("/%s links to newer and older pages %v, want %v", path, links, wantLinks)
			}
			if got := canonical.FindStringSubmatch(page); got == nil || got[1] != pagingBase+path {
				t.Errorf("/%s: canonical %v, want %s", path, got, pagingBase+path)
			}
			title := headTitle.FindStringSubmatch(page)[1]
			if hasNumber := strings.Contains(title, fmt.Sprint(n+1)); (n > 0) != hasNumber {
				t.Errorf("/%s: <title>%s</title>: want the page's number in it on every page but the first", path, title)
			}
			if n > 0 && !strings.Contains(page, `<nav class="pager" aria-label="`) {
				t.Errorf("/%s has no labelled <nav> for its pages", path)
			}
		}
		if code == "vi" && !slices.Equal(listed, want) {
			t.Errorf("the pages of /vi/ list, in order:\n%s", sitetest.Diff(strings.Join(want, "\n"), strings.Join(listed, "\n")))
		}
		if code != "vi" && len(listed) != 45 {
			t.Errorf("the pages of /%s/ list %d discussions, want 45", code, len(listed))
		}
	}
	if title := headTitle.FindStringSubmatch(string(files["vi/page/2/index.html"]))[1]; !strings.Contains(title, "Trang 2/3") {
		t.Errorf("/vi/page/2/: <title>%s</title>, want it to say Trang 2/3", title)
	}
	for _, name := range []string{"vi/page/1/index.html", "vi/page/4/index.html"} {
		if files[name] != nil {
			t.Errorf("%s is written: page 1 is /vi/ and there is no page 4", name)
		}
	}
	sitemap := string(files["sitemap.xml"])
	for _, path := range []string{"vi/page/2/", "ar/page/3/"} {
		if !strings.Contains(sitemap, "<loc>"+pagingBase+path+"</loc>") {
			t.Errorf("sitemap.xml does not list %s", path)
		}
	}
}

// TestPagerSizeProblem: a pagerSize under 1 is an error at its line.
func TestPagerSizeProblem(t *testing.T) {
	fsys := sitetest.FS(t)
	src := string(fsys["site.toml"].Data) + "\n[pagination]\npagerSize = 0\n"
	fsys["site.toml"].Data = []byte(src)
	_, problems := Load(t.Context(), fsys, Options{})
	line := strings.Count(src, "\n") // the last line
	want := fmt.Sprintf("site.toml:%d: pagerSize 0: a page of a home lists at least one discussion", line)
	if !strings.Contains(problems.Error(), want) {
		t.Errorf("problems:\n%v\nwant %s", problems, want)
	}
}

// urlset and sitemapIndex are the two kinds of sitemap file.
type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// TestSplitSitemaps: past the limits of one file (made small here), the
// sitemap is split into sitemap-N.xml files, each within the limits, and
// sitemap.xml is an index with their absolute URLs; every page of the
// site but the 404 and the status page is listed exactly once across them.
// Within the limits it is one sitemap.xml.
func TestSplitSitemaps(t *testing.T) {
	s, r, files := buildMem(t, pagingSite(t, 45))
	// The one sitemap.xml within the protocol's limits lists the root,
	// every page of every home and every transcript.
	var pages []string
	var whole urlset
	if err := xml.Unmarshal(files["sitemap.xml"], &whole); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	for _, u := range whole.URLs {
		pages = append(pages, u.Loc)
	}
	slices.Sort(pages)
	want := []string{pagingBase}
	for _, l := range s.Config.Languages {
		want = append(want, pagingBase+l.Code+"/", pagingBase+l.Code+"/page/2/", pagingBase+l.Code+"/page/3/")
	}
	for i := 1; i <= 45; i++ {
		want = append(want, fmt.Sprintf("%svi/talk-%02d/", pagingBase, i))
	}
	for _, page := range want {
		if _, found := slices.BinarySearch(pages, page); !found {
			t.Errorf("sitemap.xml does not list %s", page)
		}
		if files[strings.TrimPrefix(page, pagingBase)+"index.html"] == nil {
			t.Errorf("%s is not written", page)
		}
	}

	for _, limits := range []struct{ urls, bytes int }{
		{sitemapMaxURLs, sitemapMaxBytes},
		{10, sitemapMaxBytes},
		{sitemapMaxURLs, 20_000},
		{1, 100_000},
	} {
		t.Run(fmt.Sprintf("%d_urls_%d_bytes", limits.urls, limits.bytes), func(t *testing.T) {
			sitemap := s.sitemaps(r.Discussions, limits.urls, limits.bytes)
			byName := map[string][]byte{}
			for _, f := range sitemap {
				byName[f.Name] = f.Data
			}
			if split := limits.urls != sitemapMaxURLs || limits.bytes != sitemapMaxBytes; split != (len(sitemap) > 1) {
				t.Errorf("%d sitemap files, want %s", len(sitemap), map[bool]string{true: "an index and its parts", false: "one"}[split])
			}
			var listed []string
			if len(sitemap) == 1 {
				if limits.urls < len(pages) || len(byName["sitemap.xml"]) > limits.bytes {
					t.Fatalf("one sitemap.xml of %d bytes for %d URLs, with at most %d bytes and %d URLs a file", len(byName["sitemap.xml"]), len(pages), limits.bytes, limits.urls)
				}
				var set urlset
				if err := xml.Unmarshal(byName["sitemap.xml"], &set); err != nil {
					t.Fatalf("sitemap.xml: %v", err)
				}
				for _, u := range set.URLs {
					listed = append(listed, u.Loc)
				}
			} else {
				var index sitemapIndex
				if err := xml.Unmarshal(byName["sitemap.xml"], &index); err != nil {
					t.Fatalf("sitemap.xml, the index: %v", err)
				}
				if len(index.Sitemaps) != len(sitemap)-1 {
					t.Errorf("the index lists %d sitemaps, the build writes %d", len(index.Sitemaps), len(sitemap)-1)
				}
				for i, sm := range index.Sitemaps {
					name := fmt.Sprintf("sitemap-%d.xml", i+1)
					if sm.Loc != pagingBase+name {
						t.Errorf("the index's sitemap %d is %s, want %s", i+1, sm.Loc, pagingBase+name)
					}
					data := byName[name]
					if data == nil {
						t.Fatalf("%s is listed but not written", name)
					}
					var set urlset
					if err := xml.Unmarshal(data, &set); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if len(set.URLs) == 0 || len(set.URLs) > limits.urls || len(data) > limits.bytes {
						t.Errorf("%s has %d URLs in %d bytes, want 1 to %d URLs in at most %d bytes", name, len(set.URLs), len(data), limits.urls, limits.bytes)
					}
					for _, u := range set.URLs {
						listed = append(listed, u.Loc)
					}
				}
			}
			slices.Sort(listed)
			if !slices.Equal(listed, pages) {
				t.Errorf("the sitemap lists, against the pages written:\n%s", sitetest.Diff(strings.Join(pages, "\n"), strings.Join(listed, "\n")))
			}
		})
	}
}

// TestPagingNames: a discussion named page would be where the homes' pages
// go, and an asset named like a part of a split sitemap where that part
// goes: each is an error at its path.
func TestPagingNames(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"content/page/index.vi.md", `content/page: folder name "page": <lang>/page/ holds the pages of each language's home after the first: rename the discussion`},
		{"templates/assets/sitemap-2.xml", `templates/assets/sitemap-2.xml: rosetta writes the parts of a large sitemap as sitemap-*.xml at the top of the output: rename or remove this file`},
	} {
		fsys := sitetest.FS(t)
		fsys[c.name] = fsys["content/crypto-ai/index.vi.md"]
		s, problems := Load(t.Context(), fsys, Options{BaseURL: pagingBase})
		if s != nil {
			_, built := s.Build(t.Context(), NewMemOutput(nil))
			problems = append(problems, built...)
		}
		var got []string
		for _, d := range problems {
			got = append(got, d.String())
		}
		if !slices.Contains(got, c.want) {
			t.Errorf("with %s, problems:\n%s\nwant %s", c.name, strings.Join(got, "\n"), c.want)
		}
	}
}

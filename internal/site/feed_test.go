package site

import (
	"bytes"
	"encoding/xml"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
)

const feedBase = "https://example.org/talks/"

// feedSite is the tests' site with crypto-ai dated in every language, and
// two discussions written only in Vietnamese: older, dated before it, and
// aaa-undated, with no date.
func feedSite(t *testing.T) fstest.MapFS {
	t.Helper()
	keys := map[string]string{}
	fsys := withFrontMatter(t, nil, "")
	for name := range fsys {
		if code, ok := strings.CutPrefix(name, "content/crypto-ai/index."); ok {
			keys[strings.TrimSuffix(code, ".md")] = "date = 2024-11-02T23:30:00+07:00"
		}
	}
	fsys = withFrontMatter(t, keys, "")
	vi := func(title, date string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\n" + date + "\n[speakers.an]\nname = \"An\"\n+++\n\nAn: Xin chào.\n")}
	}
	fsys["content/older/index.vi.md"] = vi("Cuộc thảo luận cũ", "date = 2023-05-01")
	fsys["content/aaa-undated/index.vi.md"] = vi("Chưa ghi ngày", "")
	return fsys
}

// atomEntry is what encoding/xml reads of an entry: gofeed keeps no
// entry's xml:lang.
type atomEntry struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID   string `xml:"id"`
}

// TestFeeds reads every language's Atom feed with a feed parser: the
// language's transcript first, with its title, link and date, then the
// originals the home lists for want of a translation, newest first and the
// undated last.
func TestFeeds(t *testing.T) {
	s, files := build(t, feedSite(t), Options{BaseURL: feedBase})
	d, problems := s.Read("crypto-ai")
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	date := time.Date(2024, 11, 2, 23, 30, 0, 0, time.FixedZone("", 7*3600))
	for _, l := range s.Config.Languages {
		name := l.Code + "/feed.xml"
		data, ok := files[name]
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if feed.FeedType != "atom" || feed.Language != l.Lang || feed.Title != l.Title || feed.FeedLink != feedBase+name {
			t.Errorf("%s: an %s feed in %q titled %q at %s, want atom in %q titled %q at %s",
				name, feed.FeedType, feed.Language, feed.Title, feed.FeedLink, l.Lang, l.Title, feedBase+name)
		}
		var links []string
		for _, item := range feed.Items {
			links = append(links, item.Link)
		}
		want := []string{feedBase + l.Code + "/crypto-ai/", feedBase + "vi/older/", feedBase + "vi/aaa-undated/"}
		if !slices.Equal(links, want) {
			t.Errorf("%s: entries\n%s\nwant\n%s", name, strings.Join(links, "\n"), strings.Join(want, "\n"))
			continue
		}
		first := feed.Items[0]
		if first.Title != d.Transcripts[l.Code].Title {
			t.Errorf("%s: the transcript is titled %q, want %q", name, first.Title, d.Transcripts[l.Code].Title)
		}
		if first.Description != d.Transcripts[l.Code].Description {
			t.Errorf("%s: the transcript's summary is %q, want %q", name, first.Description, d.Transcripts[l.Code].Description)
		}
		if first.PublishedParsed == nil || !first.PublishedParsed.Equal(date) || first.UpdatedParsed == nil || !first.UpdatedParsed.Equal(date) {
			t.Errorf("%s: the transcript is dated %v (updated %v), want %v", name, first.PublishedParsed, first.UpdatedParsed, date)
		}
		if first.GUID != want[0] {
			t.Errorf("%s: the transcript's id is %q, want its address", name, first.GUID)
		}
		var entries struct {
			Entries []atomEntry `xml:"entry"`
		}
		if err := xml.Unmarshal(data, &entries); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var langs []string
		for _, e := range entries.Entries {
			langs = append(langs, e.Lang)
		}
		if want := []string{l.Lang, "vi", "vi"}; !slices.Equal(langs, want) {
			t.Errorf("%s: the entries are in %q, want %q", name, langs, want)
		}
	}
}

// TestNoFeedWithoutBaseURL checks that a site without a base URL writes no
// feed, whose links must be absolute.
func TestNoFeedWithoutBaseURL(t *testing.T) {
	_, files := build(t, feedSite(t), Options{})
	for name := range files {
		if strings.HasSuffix(name, ".xml") && name != "sitemap.xml" {
			t.Errorf("%s written without a base URL", name)
		}
	}
}

// tags are HTML tags, for the first words of a turn as a reader sees them.
var tags = regexp.MustCompile(`<[^>]*>`)

// TestTextDownload reads each transcript's plain text, linked from its
// page: its title, every section's title underlined, and every turn opened
// by its speaker's name and its first words.
func TestTextDownload(t *testing.T) {
	s, files := build(t, feedSite(t), Options{})
	d, problems := s.Read("crypto-ai")
	if problems.HasErrors() {
		t.Fatal(problems)
	}
	for code, tr := range d.Transcripts {
		page := code + "/crypto-ai/index.html"
		file := "crypto-ai." + code + ".txt"
		var links []string
		for _, a := range parsePage(t, page, files[page]).all("a") {
			if _, ok := attr(a, "download"); ok {
				href, _ := attr(a, "href")
				links = append(links, href+" "+text(a))
			}
		}
		label, _ := s.Catalogs[code].T("downloadText")
		if want := []string{file + " " + label}; label == "" || !slices.Equal(links, want) {
			t.Errorf("%s: download links %q, want %q", page, links, want)
		}

		data := files[code+"/crypto-ai/"+file]
		body, bom := bytes.CutPrefix(data, []byte("\uFEFF"))
		if !bom || !utf8.Valid(body) {
			t.Errorf("%s: not UTF-8 with a byte order mark", file)
			continue
		}
		lines := strings.Split(string(body), "\n")
		has := func(what, line string) {
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, line) }) {
				t.Errorf("%s: no line for %s, %q", file, what, line)
			}
		}
		has("the title", tr.Title)
		for _, sec := range tr.Sections {
			if sec.Title == "" {
				continue
			}
			i := slices.Index(lines, sec.Title)
			if i < 0 || i+1 == len(lines) || strings.Trim(lines[i+1], "-") != "" || lines[i+1] == "" {
				t.Errorf("%s: the section %q is not a line of its own, underlined", file, sec.Title)
			}
		}
		for _, turn := range tr.Turns() {
			// The first 20 characters of its first paragraph, in any script.
			para, _, _ := strings.Cut(string(turn.Body), "</p>")
			first := []rune(strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(para, ""))), " "))
			first = first[:min(20, len(first))]
			opening, err := s.Catalogs[code].Format("textTurn", TurnRef{Speaker: turn.Speaker.Name})
			if err != nil || !strings.Contains(opening, turn.Speaker.Name) {
				t.Fatalf("%s: textTurn gives %q, %v", code, opening, err)
			}
			has("turn "+turn.ID, opening+string(first))
		}
	}
}

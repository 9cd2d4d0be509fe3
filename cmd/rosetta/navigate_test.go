package main

// Finding one's way in a long transcript, and printing it, in a real
// Chromium: the table of contents, each turn's link (its accessible name, the
// copy), the links to the original, the host's turns, and the Vietnamese
// transcript printed to PDF, read back with poppler's pdftotext.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

const installPoppler = "apt-get install poppler-utils"

// navSite builds the tests' site and serves it under /site/ of a local
// server, returning the address of the site's root.
func navSite(t *testing.T) string {
	t.Helper()
	var out string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serveSite(w, r, out)
	}))
	t.Cleanup(srv.Close)
	out, _ = buildRealSite(t, srv.URL+"/site/")
	return srv.URL + "/site/"
}

// navTurn is a turn as a reader meets it on the page.
type navTurn struct {
	ID        string  `json:"id"`
	Speaker   string  `json:"speaker"`
	Host      bool    `json:"host"`
	Badge     string  `json:"badge"`     // the words next to the name
	Bar       string  `json:"bar"`       // the style of the turn's bar: solid, double
	LinkHref  string  `json:"linkHref"`  // the turn's own link
	LinkText  string  `json:"linkText"`  // what it shows
	LinkWidth float64 `json:"linkWidth"` // 0 when it is not shown
	Original  bool    `json:"original"`  // it has a link to the original
}

type navPage struct {
	Contents     []string  `json:"contents"` // the contents' links, in order
	ContentsOpen bool      `json:"contentsOpen"`
	Sections     []string  `json:"sections"` // the ids of the sections with a heading
	Turns        []navTurn `json:"turns"`
}

const readNavPage = `(function () {
  var details = document.querySelector(".contents details");
  var map = Array.prototype.map;
  return {
    contents: map.call(document.querySelectorAll(".contents a"), function (a) { return a.getAttribute("href"); }),
    contentsOpen: !!(details && details.open),
    sections: map.call(document.querySelectorAll("main section[id]"), function (s) { return s.querySelector("h2") ? "#" + s.id : ""; }).filter(Boolean),
    turns: map.call(document.querySelectorAll("main .turn"), function (turn) {
      var link = turn.querySelector(".turn-link"), badge = turn.querySelector(".speaker .badge");
      return {
        id: turn.id,
        speaker: (turn.querySelector(".speaker bdi") || turn.querySelector(".speaker")).textContent.trim(),
        host: turn.classList.contains("host"),
        badge: badge ? badge.textContent.trim() : "",
        bar: getComputedStyle(turn).borderInlineStartStyle,
        linkHref: link ? link.getAttribute("href") : "",
        linkText: link ? link.textContent.trim() : "",
        linkWidth: link ? link.getBoundingClientRect().width : 0,
        original: !!turn.querySelector(".original a")
      };
    })
  };
})()`

// TestTranscriptNavigation: on a phone and on a wide screen, in Arabic and
// Japanese, the contents lead to every section, each turn has a visible link
// to itself whose accessible name says which turn and whose, the links to the
// original are told apart the same way, and the host's turns say "Host" and
// look different without colour.
func TestTranscriptNavigation(t *testing.T) {
	base := navSite(t)
	ctx := sitetest.Browser(t, 360, 800)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	for _, width := range []int64{360, 1280} {
		for _, lang := range []string{"ar", "ja"} {
			at := fmt.Sprintf("%s at %dpx", lang, width)
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(width, 800),
				chromedp.Navigate(base+lang+"/crypto-ai/"),
				chromedp.WaitVisible(chromedp.CSS("main .turn")),
			)
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			page, err := chromedp.Run(ctx, chromedp.Evaluate[navPage](readNavPage))
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			if strings.Join(page.Contents, " ") != strings.Join(page.Sections, " ") || len(page.Contents) < 2 {
				t.Errorf("%s: the contents link to %v, want every section with a heading: %v", at, page.Contents, page.Sections)
			}
			if wide := width >= 1280; page.ContentsOpen != wide {
				t.Errorf("%s: the contents are open: %v, want %v (folded on phones only)", at, page.ContentsOpen, wide)
			}
			checkTurns(t, at, page.Turns)
			checkAccessibleNames(t, ctx, at, page.Turns)
		}
	}

	// A link of the contents takes the reader to its section.
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 800),
		chromedp.Navigate(base+"ja/crypto-ai/"),
		chromedp.WaitVisible(chromedp.CSS(".contents summary")),
		chromedp.Click(chromedp.CSS(".contents summary")),
		chromedp.Click(chromedp.CSS(`.contents a[href="#s3"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	top, err := chromedp.Run(ctx, chromedp.Poll[float64](`location.hash == "#s3" && document.getElementById("s3").getBoundingClientRect().top`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil || top < 0 || top > 200 {
		t.Errorf("after a click on the contents' third link, the third section is %vpx from the top (%v), want it at the top", top, err)
	}
}

// checkTurns checks what a sighted reader sees of each turn.
func checkTurns(t *testing.T, at string, turns []navTurn) {
	t.Helper()
	if len(turns) < 9 {
		t.Fatalf("%s: %d turns, want 9", at, len(turns))
	}
	hosts := 0
	for i, turn := range turns {
		if want := "#" + turn.ID; turn.LinkHref != want || turn.LinkWidth == 0 {
			t.Errorf("%s: turn %s: its link is %q (%vpx wide), want a visible link to %s", at, turn.ID, turn.LinkHref, turn.LinkWidth, want)
		}
		if want := "#" + strconv.Itoa(i+1); turn.LinkText != want {
			t.Errorf("%s: turn %s: its link shows %q, want %q", at, turn.ID, turn.LinkText, want)
		}
		if !turn.Original {
			t.Errorf("%s: turn %s has no link to the original", at, turn.ID)
		}
		if turn.Host {
			hosts++
			if turn.Badge == "" || turn.Bar != "double" {
				t.Errorf("%s: the host's turn %s says %q next to the name, its bar is %s; want the role, and a double bar", at, turn.ID, turn.Badge, turn.Bar)
			}
		} else if turn.Badge != "" || turn.Bar == "double" {
			t.Errorf("%s: the guest's turn %s says %q next to the name, its bar is %s; want nothing, and a plain bar", at, turn.ID, turn.Badge, turn.Bar)
		}
	}
	if hosts == 0 {
		t.Errorf("%s: no turn is marked as the host's", at)
	}
}

// checkAccessibleNames reads, from Chromium's accessibility tree, the names
// of each turn's link and of its link to the original: every one names its
// turn's number and speaker, and no two are the same.
func checkAccessibleNames(t *testing.T, ctx context.Context, at string, turns []navTurn) {
	t.Helper()
	for _, kind := range []string{".turn-link", ".original a"} {
		nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("main .turn "+kind)))
		if err != nil {
			t.Fatalf("%s: %v", at, err)
		}
		if len(nodes) != len(turns) {
			t.Fatalf("%s: %d %s links for %d turns", at, len(nodes), kind, len(turns))
		}
		seen := map[string]string{}
		for i, node := range nodes {
			res, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{BackendNodeID: node.BackendNodeID, FetchRelatives: new(bool)})
			if err != nil || len(res.Nodes) == 0 || res.Nodes[0].Name == nil {
				t.Fatalf("%s: the accessible name of %s %d: %v", at, kind, i+1, err)
			}
			var name string
			if err := json.Unmarshal(res.Nodes[0].Name.Value, &name); err != nil {
				t.Fatalf("%s: the accessible name of %s %d: %v", at, kind, i+1, err)
			}
			turn := turns[i]
			if !strings.Contains(name, turn.Speaker) || !regexp.MustCompile(`\b`+strconv.Itoa(i+1)+`\b`).MatchString(name) {
				t.Errorf("%s: turn %s: the %s link is named %q, want the turn's number %d and %s", at, turn.ID, kind, name, i+1, turn.Speaker)
			}
			if other, ok := seen[name]; ok {
				t.Errorf("%s: turn %s: the %s link has the same name as turn %s's: %q", at, turn.ID, kind, other, name)
			}
			seen[name] = turn.ID
		}
	}
}

// TestCopyTurnLink: a click on a turn's link copies the turn's address, says
// so on the page in its language, and puts the turn in the address bar
// without leaving the page.
func TestCopyTurnLink(t *testing.T) {
	base := navSite(t)
	ctx := sitetest.Browser(t, 1280, 800)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatal(err)
	}
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name},
			Setting:    browser.PermissionSettingGranted,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	page := base + "ar/crypto-ai/"
	err := chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS(`a.turn-link[href="#t5"]`)),
		chromedp.ScrollIntoView(chromedp.CSS(`a.turn-link[href="#t5"]`)),
		chromedp.Click(chromedp.CSS(`a.turn-link[href="#t5"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	type copied struct {
		Status string `json:"status"`
		Want   string `json:"want"`
		Hash   string `json:"hash"`
		Text   string `json:"text"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[copied](`(function () {
	  var status = document.querySelector(".copy-status");
	  return navigator.clipboard.readText().then(function (text) {
	    return {status: status.textContent, want: status.getAttribute("data-copied"), hash: location.hash, text: text};
	  });
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != page+"#t5" {
		t.Errorf("the clipboard holds %q, want %q", got.Text, page+"#t5")
	}
	if got.Status == "" || got.Status != got.Want {
		t.Errorf("the page says %q after the copy, want %q", got.Status, got.Want)
	}
	if got.Hash != "#t5" {
		t.Errorf("the address ends in %q after the copy, want #t5", got.Hash)
	}
}

// TestPrintTranscript prints the Vietnamese transcript to PDF in Chromium
// and reads it back: fewer pages than the 8 it took when every turn was kept
// on one page, no page but the last more than a quarter blank, and every page
// that continues a turn begins with the speaker's name.
func TestPrintTranscript(t *testing.T) {
	pdftotext := sitetest.LookTool(t, installPoppler, "pdftotext")
	base := navSite(t)
	ctx := sitetest.Browser(t, 1280, 900)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	type turnStart struct {
		Speaker string `json:"speaker"`
		Opening string `json:"opening"` // the first words of its first paragraph
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"vi/crypto-ai/"),
		chromedp.WaitVisible(chromedp.CSS("main .turn")),
	)
	if err != nil {
		t.Fatal(err)
	}
	turns, err := chromedp.Run(ctx, chromedp.Evaluate[[]turnStart](`Array.prototype.map.call(document.querySelectorAll("main .turn"), function (turn) {
	  return {speaker: (turn.querySelector(".speaker bdi") || turn.querySelector(".speaker")).textContent.trim(),
	          opening: turn.querySelector(".says").textContent.trim().split(/\s+/).slice(0, 4).join(" ")};
	})`))
	if err != nil {
		t.Fatal(err)
	}
	headings, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.prototype.map.call(document.querySelectorAll("main h2"), function (h) { return h.textContent.trim(); })`))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF()) // Letter, 0.4 inch margins
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "vi.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	text, err := exec.Command(pdftotext, file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
	if len(pages) >= 8 {
		t.Errorf("the Vietnamese transcript prints on %d pages, want fewer than 8", len(pages))
	}

	// Where each page's text ends, from the words' boxes.
	boxes, err := exec.Command(pdftotext, "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	pageBox := regexp.MustCompile(`(?s)<page width="[\d.]+" height="([\d.]+)">(.*?)</page>`)
	wordEnd := regexp.MustCompile(`yMax="([\d.]+)"`)
	for i, m := range pageBox.FindAllStringSubmatch(string(boxes), -1) {
		height, _ := strconv.ParseFloat(m[1], 64)
		bottom := 0.0
		for _, w := range wordEnd.FindAllStringSubmatch(m[2], -1) {
			y, _ := strconv.ParseFloat(w[1], 64)
			bottom = max(bottom, y)
		}
		if blank := (height - bottom) / height; i < len(pages)-1 && blank > 0.25 {
			t.Errorf("page %d of %d is %.0f%% blank below its text, want at most a quarter", i+1, len(pages), blank*100)
		}
	}

	// Each page after the first begins with a speaker's name: the page of
	// a new turn, or the name repeated over a turn that goes on.
	continued := 0
	for i, page := range pages[1:] {
		lines := nonEmptyLines(page)
		if len(lines) < 2 {
			continue
		}
		var speaker *turnStart
		for j := range turns {
			if strings.HasPrefix(lines[0], turns[j].Speaker) {
				speaker = &turns[j]
			}
		}
		if speaker == nil {
			heading := false
			for _, h := range headings {
				heading = heading || strings.HasPrefix(h, lines[0])
			}
			if !heading && i+2 < len(pages) { // the footer may begin the last page
				t.Errorf("page %d begins with %q, not with a speaker's name or a section's heading", i+2, lines[0])
			}
			continue
		}
		newTurn := false
		for _, turn := range turns {
			if strings.HasPrefix(strings.Join(lines[1:], " "), turn.Opening) {
				newTurn = true
			}
		}
		if !newTurn {
			continued++
		}
	}
	if continued == 0 {
		t.Errorf("no page begins with the name of a speaker whose turn it continues:\n%s", strings.Join(pages, "\n----\n"))
	}
}

func nonEmptyLines(s string) []string {
	var lines []string
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

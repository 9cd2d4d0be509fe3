package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestBrowserLiveReload opens the Arabic page in a real Chromium, scrolls to
// a turn, edits that turn in the file, and sees the new text appear at the
// same turn, with no reload asked by the test.
func TestBrowserLiveReload(t *testing.T) {
	ctx := sitetest.Browser(t, 800, 900)
	p := startPreview(t)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	const turn = "t6"
	err := chromedp.Do(ctx,
		chromedp.Navigate(p.http.URL+"/ar/crypto-ai/"),
		chromedp.WaitVisible(chromedp.ID(turn)),
	)
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[float64](`(function () {
			var el = document.getElementById("`+turn+`");
			window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 40);
			window.rosettaTestMarker = true; // gone once the page reloads
			return el.getBoundingClientRect().top;
		})()`))
	}
	if err != nil {
		t.Fatal(err)
	}
	// Wait until the page listens for rebuilds.
	deadline := time.Now().Add(10 * time.Second)
	for p.server.hub.count() < 2 { // the test's own listener, and the page
		if time.Now().After(deadline) {
			t.Fatal("the page did not connect to the reload events")
		}
		time.Sleep(20 * time.Millisecond)
	}

	const file = "content/crypto-ai/index.ar.md"
	src := p.read(file)
	lines := strings.Split(src, "\n")
	edited, labels := false, 0
	for i, line := range lines {
		for _, label := range []string{"أليكس:", "ماكس:", "ليديا:"} {
			if strings.HasPrefix(line, label) {
				labels++
				if labels == 6 { // the sixth turn is t6
					lines[i] = label + " نصٌّ معدَّل أثناء المعاينة الحية." + strings.TrimPrefix(line, label)
					edited = true
				}
			}
		}
	}
	if !edited {
		t.Fatalf("test setup: %s has no sixth turn", file)
	}
	if err := os.WriteFile(filepath.Join(p.dir, file), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}

	type pageState struct {
		HasText  bool    `json:"hasText"`
		Reloaded bool    `json:"reloaded"`
		Top      float64 `json:"top"`
		Height   float64 `json:"height"`
	}
	var state pageState
	var shown time.Time // when the new text first appeared
	for start := time.Now(); ; {
		var err error
		state, err = chromedp.Run(ctx, chromedp.Evaluate[pageState](`(function () {
			var el = document.getElementById("`+turn+`");
			return {
				hasText: !!el && el.textContent.indexOf("نصٌّ معدَّل أثناء المعاينة الحية") >= 0,
				reloaded: !window.rosettaTestMarker,
				top: el ? el.getBoundingClientRect().top : -1,
				height: window.innerHeight
			};
		})()`))
		if err == nil && state.HasText {
			if shown.IsZero() {
				shown = time.Now()
			}
			// The reload script puts the reader back once the page is laid
			// out; give it a moment on a busy machine.
			if state.Top >= 0 && state.Top <= state.Height/2 || time.Since(shown) > 3*time.Second {
				break
			}
		}
		if shown.IsZero() && time.Since(start) > 20*time.Second {
			t.Fatalf("the edit did not appear in the browser (last state %+v, err %v)", state, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !state.Reloaded {
		t.Error("the new text appeared without a reload: the test is not measuring live reload")
	}
	if state.Top < 0 || state.Top > state.Height/2 {
		t.Errorf("after the reload turn %s is at %.0fpx of a %.0fpx window: the reader lost their place", turn, state.Top, state.Height)
	}
}

package sitetest

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Need stops the test when a tool is missing: CI must have it (.ci/run
// installs it), elsewhere the test is skipped with the command to install it.
func Need(t testing.TB, what, install string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing: .ci/run must install it (%s)", what, install)
	}
	t.Skipf("%s is missing (%s); CI runs this test", what, install)
}

// LookTool finds the first of names on the PATH, or stops the test as Need
// does.
func LookTool(t testing.TB, install string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	Need(t, names[0], install)
	return ""
}

// Browser starts a headless Chromium with a window of the given size and
// returns its context, ended when the test ends. Chromium is looked up on
// the PATH; without it the test is skipped, except in CI (CI set), where it
// fails: .ci/run installs it.
func Browser(t testing.TB, width, height int) context.Context {
	t.Helper()
	exe := LookTool(t, "apt-get install chromium", "chromium", "chromium-browser", "google-chrome")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		// This machine reaches no network: without these, Chromium's
		// background connections fail by the dozen.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(width, height),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

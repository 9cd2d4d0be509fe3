package serve

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

const viFile = "content/crypto-ai/index.vi.md"

// preview is a running preview of a copy of the repository's site.
type preview struct {
	t      *testing.T
	dir    string
	server *Server
	http   *httptest.Server
	events chan int
}

func startPreview(t *testing.T) *preview {
	t.Helper()
	dir := sitetest.Copy(t)
	s, ts := startServer(t, dir, io.Discard)
	p := &preview{t: t, dir: dir, server: s, http: ts, events: make(chan int, 100)}
	p.listen(t.Context())
	return p
}

// startServer serves and watches the site in dir, as rosetta serve does,
// until the test ends.
func startServer(tb testing.TB, dir string, log io.Writer) (*Server, *httptest.Server) {
	tb.Helper()
	root, err := os.OpenRoot(dir) // as rosetta serve reads the site
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { root.Close() })
	s := New(root.FS(), log, nil)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- s.Watch(ctx, dir, ready) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		tb.Fatalf("watch: %v", err)
	}
	tb.Cleanup(func() {
		cancel()
		<-done
	})
	return s, serveHTTP(tb, s, nil)
}

// serveHTTP serves s on loopback with the HTTP server rosetta serve uses,
// changed by set if not nil, until the test ends.
func serveHTTP(tb testing.TB, s *Server, set func(*http.Server)) *httptest.Server {
	ts := httptest.NewUnstartedServer(nil)
	ts.Config = s.HTTPServer(ts.Listener.Addr())
	if set != nil {
		set(ts.Config)
	}
	ts.Start()
	tb.Cleanup(func() {
		ts.CloseClientConnections()
		ts.Close()
	})
	return ts
}

// listen subscribes to the reload events as a page does.
func (p *preview) listen(ctx context.Context) {
	p.t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", p.http.URL+eventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		p.t.Fatalf("events: Content-Type %q", ct)
	}
	first := make(chan int, 1)
	go func() {
		defer resp.Body.Close()
		scanner := bufio.NewScanner(resp.Body)
		seen := false
		for scanner.Scan() {
			data, ok := strings.CutPrefix(scanner.Text(), "data: ")
			if !ok {
				continue
			}
			v, _ := strconv.Atoi(data)
			if !seen {
				first <- v
				seen = true
				continue
			}
			p.events <- v
		}
	}()
	select {
	case <-first:
	case <-time.After(5 * time.Second):
		p.t.Fatal("events: no version on connect")
	}
}

// waitReload waits for reload events until the page at path satisfies ok.
func (p *preview) waitReload(path string, ok func(status int, body string) bool) (int, string) {
	p.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case <-p.events:
			status, body := p.get(path)
			if ok(status, body) {
				return status, body
			}
		case <-deadline:
			status, body := p.get(path)
			p.t.Fatalf("no reload brought the expected %s (now %d)\n%.600s", path, status, body)
			return 0, ""
		}
	}
}

func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(p.http.URL + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (p *preview) read(name string) string {
	data, err := os.ReadFile(filepath.Join(p.dir, name))
	if err != nil {
		p.t.Fatal(err)
	}
	return string(data)
}

func (p *preview) write(name, data string) {
	path := filepath.Join(p.dir, name)
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func contains(s string) func(int, string) bool {
	return func(status int, body string) bool { return status == 200 && strings.Contains(body, s) }
}

func TestReloadAfterWrite(t *testing.T) {
	p := startPreview(t)
	src := strings.Replace(p.read(viFile), "Hôm nay chúng ta", "Hôm nay (sửa) chúng ta", 1)
	p.write(viFile, src)
	_, body := p.waitReload("/vi/crypto-ai/", contains("Hôm nay (sửa) chúng ta"))
	if !strings.Contains(body, eventsPath) {
		t.Error("a served page has no reload script")
	}
}

// TestReloadAfterRenameOver: editors that write a temporary file and rename
// it over the original (vim, VS Code, JetBrains, GNOME) are seen.
func TestReloadAfterRenameOver(t *testing.T) {
	p := startPreview(t)
	src := strings.Replace(p.read(viFile), "Hôm nay chúng ta", "Hôm nay (đổi tên) chúng ta", 1)
	tmp := filepath.Join(p.dir, "content/crypto-ai/.index.vi.md.tmp-4913")
	if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(p.dir, viFile)); err != nil {
		t.Fatal(err)
	}
	p.waitReload("/vi/crypto-ai/", contains("Hôm nay (đổi tên) chúng ta"))
}

// TestNewFolder: a discussion's folder created while serving is watched and
// built, and so are edits inside it afterwards.
func TestNewFolder(t *testing.T) {
	p := startPreview(t)
	src := strings.Replace(p.read(viFile), "Phân tích lĩnh vực Crypto AI", "Bản mới", 1)
	p.write("content/new-talk/index.vi.md", src)
	p.waitReload("/vi/new-talk/", contains("Bản mới"))
	if _, home := p.get("/vi/"); !strings.Contains(home, "new-talk/") {
		t.Error("the Vietnamese home does not list the new transcript")
	}
	p.write("content/new-talk/index.vi.md", strings.Replace(src, "Bản mới", "Bản mới hơn", 1))
	p.waitReload("/vi/new-talk/", contains("Bản mới hơn"))
	// Deleting it takes it out of the preview.
	os.RemoveAll(filepath.Join(p.dir, "content/new-talk"))
	p.waitReload("/vi/new-talk/", func(status int, _ string) bool { return status == 404 })
}

// TestErrorPageAndRecovery: a broken edit shows path:LINE: message on the
// pages it affects, other pages keep serving, and fixing it recovers.
func TestErrorPageAndRecovery(t *testing.T) {
	p := startPreview(t)
	good := p.read(viFile)
	p.write(viFile, strings.Replace(good, "Lydia: Xét", "Lidia: Xét", 1))
	status, body := p.waitReload("/vi/crypto-ai/", func(status int, _ string) bool { return status == 500 })
	if want := viFile + `:27: unknown speaker &#34;Lidia&#34;: did you mean &#34;Lydia&#34;?`; !strings.Contains(body, want) {
		t.Errorf("error page (%d) does not show %q:\n%s", status, want, body)
	}
	if !strings.Contains(body, eventsPath) {
		t.Error("the error page does not reload itself")
	}
	if status, _ := p.get("/en/"); status != 200 {
		t.Errorf("an unaffected page: status %d during the error", status)
	}
	p.write(viFile, strings.Replace(good, "Hôm nay chúng ta", "Hôm nay (đã sửa) chúng ta", 1))
	p.waitReload("/vi/crypto-ai/", contains("Hôm nay (đã sửa) chúng ta"))
}

// TestTemplateAndI18nEdits: a template or UI-string edit shows on every
// language's pages, not only the original's.
func TestTemplateAndI18nEdits(t *testing.T) {
	p := startPreview(t)
	uk := p.read("i18n/uk.toml")
	p.write("i18n/uk.toml", strings.Replace(uk, `viewOriginal = "`, `viewOriginal = "НОВЕ `, 1))
	p.waitReload("/uk/crypto-ai/", contains("НОВЕ "))

	base := p.read("templates/base.html")
	p.write("templates/base.html", strings.Replace(base, `<footer class="site">`, `<footer class="site" data-edited="yes">`, 1))
	p.waitReload("/ja/crypto-ai/", contains(`data-edited="yes"`))

	p.write("templates/base.html", strings.Replace(base, "{{end}}", "{{end", 1))
	_, body := p.waitReload("/ja/", func(status int, _ string) bool { return status == 500 })
	if !strings.Contains(body, "templates/base.html") {
		t.Errorf("a template error does not name the template:\n%s", body)
	}
	p.write("templates/base.html", base)
	p.waitReload("/ja/", func(status int, _ string) bool { return status == 200 })
}

// TestServesOnlyTheSite: no source file, no dot-file, no folder listing, no
// path out of the site, GET and HEAD only.
func TestServesOnlyTheSite(t *testing.T) {
	p := startPreview(t)
	os.Symlink("/etc", filepath.Join(p.dir, "content", "etc"))
	for _, path := range []string{
		"/site.toml",
		"/content/crypto-ai/index.vi.md",
		"/i18n/vi.toml",
		"/templates/base.html",
		"/../site.toml",
		"/%2e%2e/site.toml",
		"/vi/%2e%2e/%2e%2e/site.toml",
		"/vi/..%2f..%2fsite.toml",
		"/vi/crypto-ai/../../../../etc/passwd",
		"/.rosetta-output",
		"/.git/config",
		"/etc/passwd",
		"/vi/etc/passwd",
		"//etc/passwd",
	} {
		req, _ := http.NewRequest("GET", p.http.URL, nil)
		req.URL.Opaque = path // sent as written, not cleaned by the client
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 || strings.Contains(string(body), "+++") || strings.Contains(string(body), "root:") {
			t.Errorf("GET %s: status %d, body %.80q", path, resp.StatusCode, body)
		}
	}
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		req, _ := http.NewRequest(method, p.http.URL+"/vi/", strings.NewReader("x"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s /vi/: status %d, want 405", method, resp.StatusCode)
		}
	}
	resp, err := http.Head(p.http.URL + "/vi/")
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("HEAD /vi/: %v %v", resp.StatusCode, err)
	}
	if status, body := p.get("/vi"); status != 200 || !strings.Contains(body, `lang="vi"`) {
		t.Errorf("/vi (no slash): status %d, want the page after a redirect", status)
	}
}

func TestSitePath(t *testing.T) {
	for path, want := range map[string]string{
		"/":                  "index.html",
		"/vi/":               "vi/index.html",
		"/vi/crypto-ai/":     "vi/crypto-ai/index.html",
		"/style.css":         "style.css",
		"/../x":              "",
		"/vi/../x":           "",
		"/vi/./x":            "",
		"/.hidden":           "",
		"/vi//x":             "",
		"/vi\\..\\site.toml": "",
	} {
		got, ok := sitePath(path)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("sitePath(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestHostileFiles: a named pipe, or a link out of the site, in place of a
// source shows its path on the pages instead of hanging the preview or
// publishing what it leads to, and the preview recovers when it is gone.
func TestHostileFiles(t *testing.T) {
	p := startPreview(t)
	for _, c := range []struct{ name, link, want string }{
		{"i18n/en.toml", "", "i18n/en.toml: language en (site.toml) has no UI strings file: a named pipe (FIFO)"},
		{"templates/home.html", "", "templates/home.html: a named pipe (FIFO)"},
		{"i18n/en.toml", "/dev/zero", "i18n/en.toml: language en (site.toml) has no UI strings file: a symbolic link that leads outside the site"},
		{"templates/assets/environ", "/proc/self/environ", "templates/assets/environ: a symbolic link that leads outside the site"},
	} {
		path := filepath.Join(p.dir, c.name)
		good, _ := os.ReadFile(path)
		os.Remove(path)
		if c.link == "" {
			sitetest.Mkfifo(t, path)
		} else if err := os.Symlink(c.link, path); err != nil {
			t.Fatal(err)
		}
		_, body := p.waitReload("/en/", func(status int, _ string) bool { return status == 500 })
		if !strings.Contains(body, c.want) {
			t.Errorf("%s: the page does not show %q:\n%s", c.name, c.want, body)
		}
		os.Remove(path)
		if good != nil {
			os.WriteFile(path, good, 0o644)
		}
		p.waitReload("/en/", func(status int, _ string) bool { return status == 200 })
	}
}

// TestHostileMarkdown: a list nested 2,000 deep, which kept goldmark busy
// for minutes, shows its line at once, and the next save is served.
func TestHostileMarkdown(t *testing.T) {
	p := startPreview(t)
	good := p.read(viFile)
	var nested strings.Builder
	for i := range 2000 {
		nested.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	p.write(viFile, good+"\n"+nested.String())
	_, body := p.waitReload("/vi/crypto-ai/", func(status int, _ string) bool { return status == 500 })
	if want := viFile + ":95: lists and block quotes nested more than 32 deep"; !strings.Contains(body, want) {
		t.Errorf("the page does not show %q:\n%s", want, body)
	}
	p.write(viFile, strings.Replace(good, "Hôm nay chúng ta", "Hôm nay (đã sửa) chúng ta", 1))
	p.waitReload("/vi/crypto-ai/", contains("Hôm nay (đã sửa) chúng ta"))
}

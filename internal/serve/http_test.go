package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
)

// TestAnswersOnlyLoopbackNames: on loopback the preview answers only
// localhost and loopback addresses, events stream included, so that a web
// page whose name resolves to 127.0.0.1 (DNS rebinding) cannot read the
// drafts.
func TestAnswersOnlyLoopbackNames(t *testing.T) {
	p := startPreview(t)
	_, port, _ := net.SplitHostPort(p.http.Listener.Addr().String())
	for host, want := range map[string]int{
		"attacker.example":                   http.StatusForbidden,
		"attacker.example:" + port:           http.StatusForbidden,
		"127.0.0.1.attacker.example":         http.StatusForbidden,
		"127.0.0.1.attacker.example:" + port: http.StatusForbidden,
		"localhost.attacker.example:" + port: http.StatusForbidden,
		"[::1].attacker.example":             http.StatusForbidden,
		"192.168.1.20:" + port:               http.StatusForbidden,
		"127.0.0.1:" + port:                  http.StatusOK,
		"localhost:" + port:                  http.StatusOK,
		"LocalHost:" + port:                  http.StatusOK,
		"localhost":                          http.StatusOK,
		"[::1]:" + port:                      http.StatusOK,
		"[::1]":                              http.StatusOK,
		"127.0.0.2:" + port:                  http.StatusOK,
		"127.0.0.1:8080":                     http.StatusOK, // a forwarded port
	} {
		for _, path := range []string{"/vi/crypto-ai/", eventsPath} {
			req, _ := http.NewRequestWithContext(t.Context(), "GET", p.http.URL+path, nil)
			req.Host = host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != want {
				t.Errorf("Host %q, GET %s: status %d, want %d", host, path, resp.StatusCode, want)
			}
			if resp.StatusCode == http.StatusForbidden {
				body, _ := io.ReadAll(resp.Body)
				if !strings.Contains(string(body), "answers only localhost and loopback addresses") {
					t.Errorf("Host %q, GET %s: the 403 does not say why: %q", host, path, body)
				}
			}
			resp.Body.Close() // the events stream too
		}
	}
}

// TestLoopbackHost: the Host headers a loopback preview answers.
func TestLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1:1313":             true,
		"127.0.0.1":                  true,
		"127.255.0.9:1313":           true,
		"localhost:1313":             true,
		"[::1]:1313":                 true,
		"[::1]":                      true,
		"":                           false,
		"attacker.example:1313":      false,
		"127.0.0.1.attacker.example": false,
		"localhost.example":          false,
		"0.0.0.0:1313":               false,
		"[::]:1313":                  false,
		"10.0.0.2:1313":              false,
		"[fe80::1%25eth0]:1313":      false,
	} {
		if got := loopbackHost(host); got != want {
			t.Errorf("loopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestSharedAnswersAnyHost: bound to all interfaces or a LAN address (-addr
// 0.0.0.0:1313), the preview is shared on purpose and answers the names
// other machines reach it by.
func TestSharedAnswersAnyHost(t *testing.T) {
	s := New(os.DirFS(sitetest.Copy(t)), io.Discard, nil)
	for _, addr := range []*net.TCPAddr{
		{IP: net.IPv4zero, Port: 1313},
		{IP: net.IPv6unspecified, Port: 1313},
		{IP: net.IPv4(192, 168, 1, 20), Port: 1313},
	} {
		h := s.HTTPServer(addr).Handler
		for _, host := range []string{"192.168.1.20:1313", "laptop.local:1313", "localhost:1313"} {
			req := httptest.NewRequest("GET", "/vi/crypto-ai/", nil)
			req.Host = host
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Errorf("bound to %v, Host %q: status %d, want 200", addr, host, rec.Code)
			}
		}
	}
}

// TestTimeouts: the server closes a kept-alive connection left idle, and a
// page's events stream outlives the read and write timeouts: a rebuild
// after them still reaches the page.
func TestTimeouts(t *testing.T) {
	p := startPreview(t)
	hs := p.server.HTTPServer(p.http.Listener.Addr())
	if hs.IdleTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 {
		t.Fatalf("timeouts: idle %v, read %v, write %v; want them all set", hs.IdleTimeout, hs.ReadTimeout, hs.WriteTimeout)
	}
	const short = 200 * time.Millisecond
	ts := serveHTTP(t, p.server, func(hs *http.Server) {
		hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout = short, short, short
	})
	page := &preview{t: t, dir: p.dir, server: p.server, http: ts, events: make(chan int, 100)}
	page.listen(t.Context())

	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /vi/ HTTP/1.1\r\nHost: %s\r\n\r\n", ts.Listener.Addr())
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Close {
		t.Fatalf("GET /vi/: status %d, connection closed %v; want 200 and kept alive", resp.StatusCode, resp.Close)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := r.ReadByte(); err != io.EOF {
		t.Fatalf("an idle kept-alive connection: %v, want it closed by the server", err)
	}

	// The events stream opened before the idle connection's request, so
	// it has now lasted longer than the timeouts.
	src := strings.Replace(page.read(viFile), "Hôm nay chúng ta", "Hôm nay (lâu sau) chúng ta", 1)
	page.write(viFile, src)
	page.waitReload("/vi/crypto-ai/", contains("Hôm nay (lâu sau) chúng ta"))
}

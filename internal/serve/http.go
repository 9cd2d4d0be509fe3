package serve

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The preview's HTTP timeouts. A page's events stream outlives them: it
// lifts its read deadline and gives each of its writes writeTimeout.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second // a whole request
	writeTimeout      = 30 * time.Second // a whole response
	idleTimeout       = 60 * time.Second // a kept-alive connection between requests
)

// HTTPServer returns an HTTP server for the preview s on a listener bound
// to addr, with timeouts that close idle and stalled connections.
//
// On a loopback address it answers only requests for this machine's own
// names: a Host of localhost or a loopback IP (127.0.0.0/8, ::1, IPv6 in
// brackets), with any port or none. Any other Host, empty included, gets
// 403: a web page cannot read the drafts by making its own name resolve to
// 127.0.0.1 (DNS rebinding). The port is not checked: such a page's
// requests carry its own name whatever the port, and a forwarded port
// (ssh -L 8080:localhost:1313) changes it.
//
// On any other address (0.0.0.0, ::, a LAN address), the preview was shared
// on purpose and answers every Host, as other machines reach it by names
// and addresses this one does not know.
func (s *Server) HTTPServer(addr net.Addr) *http.Server {
	var h http.Handler = s
	if Loopback(addr) {
		h = onlyLoopbackHosts(s)
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
	}
}

// Loopback reports whether a listener bound to addr is reachable from this
// machine alone.
func Loopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// onlyLoopbackHosts refuses the requests whose Host is not a loopback name.
func onlyLoopbackHosts(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host) {
			http.Error(w, "forbidden: this preview answers only localhost and loopback addresses, not Host "+strconv.Quote(r.Host), http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine: localhost
// or a loopback IP, with or without a port.
func loopbackHost(host string) bool {
	if name, _, err := net.SplitHostPort(host); err == nil {
		host = name
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

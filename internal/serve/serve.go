// Package serve is rosetta's live preview. A Server builds a site in
// memory, serves it over HTTP, watches the sources and, after each rebuild,
// tells every open page to reload itself through Server-Sent Events; the
// page comes back at the turn the reader was at.
//
// An edit to one transcript re-reads that discussion's folder and renders
// only its pages and the language homes; an edit to site.toml, i18n/ or
// templates/ rebuilds everything. A broken edit shows its problems, as
// path:LINE: message, on the pages it affects, which reload themselves once
// the file is fixed; other pages keep serving the last good build.
//
// The server serves only the built site, from memory: no source file, no
// dot-file, no folder listing; GET and HEAD only.
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/site"
)

// eventsPath is where pages listen for rebuilds.
const eventsPath = "/__rosetta/events"

// Server is a live preview of one site.
type Server struct {
	fsys  fs.FS
	log   io.Writer
	print func(io.Writer, diag.List) // the problems of a rebuild, one a line

	mu    sync.RWMutex
	site  *site.Site        // the last good load; nil while none
	files map[string][]byte // the last good output
	// discussions are what the homes of the last good output list, by
	// slug: each transcript without its sections.
	discussions map[string]*site.Discussion
	problems    diag.List // of the last rebuild
	retry       change    // when the last rebuild failed: what it was, to read again with the next
	version     int       // counts rebuilds; pages reload when it changes
	full        int       // counts full rebuilds, for benchmarks

	hub hub
}

// New builds the site in fsys and returns a server for it. A site that does
// not build is not an error here: its pages show the problems until fixed.
//
// print writes the problems of each rebuild to log, one a line, as the
// command prints them (with paths from the current directory); nil prints
// them as diag formats them, with paths from the site root.
func New(fsys fs.FS, log io.Writer, print func(io.Writer, diag.List)) *Server {
	if print == nil {
		print = func(w io.Writer, problems diag.List) {
			for _, d := range problems {
				fmt.Fprintln(w, d)
			}
		}
	}
	s := &Server{fsys: fsys, log: log, print: print, files: map[string][]byte{}}
	s.build(change{full: true}) // no page listens yet
	return s
}

// change is what a burst of file events asks to rebuild.
type change struct {
	full bool // site.toml, i18n/ or templates/
	// content maps a discussion's slug to the languages whose files
	// changed; nil languages mean the whole folder.
	content map[string]map[string]bool
	paths   []string // for the log
}

func (c *change) add(o change) {
	c.full = c.full || o.full
	for slug, codes := range o.content {
		if c.content == nil {
			c.content = map[string]map[string]bool{}
		}
		mine, seen := c.content[slug]
		switch {
		case !seen:
			c.content[slug] = codes
		case mine == nil || codes == nil:
			c.content[slug] = nil
		default:
			for code := range codes {
				mine[code] = true
			}
		}
	}
	c.paths = append(c.paths, o.paths...)
}

// folder returns a change of the whole discussion slug.
func folder(slug string) change {
	return change{content: map[string]map[string]bool{slug: nil}}
}

func (c change) empty() bool { return !c.full && len(c.content) == 0 }

// announce tells every open page to reload.
func (s *Server) announce() {
	s.mu.RLock()
	version := s.version
	s.mu.RUnlock()
	s.hub.broadcast(version)
}

// build applies a change to the served site without telling the pages. It
// reports how long it took and whether it failed.
//
// Only one goroutine builds, New's and then Watch's, so build reads the
// server's state without the lock and takes it only to swap the result in:
// pages are served from the last build while the next one runs.
func (s *Server) build(c change) (time.Duration, bool) {
	start := time.Now()
	c.add(s.retry) // read again whatever failed last time, with the new change
	var r result
	if c.full {
		r = s.fullBuild()
	} else {
		r = s.partialBuild(c.content)
	}
	s.mu.Lock()
	if c.full {
		s.full++
	}
	if !r.problems.HasErrors() {
		s.site, s.files, s.discussions = r.site, r.files, r.discussions
	}
	s.problems, s.retry = r.problems, change{}
	if r.problems.HasErrors() {
		s.retry = c
		s.retry.full = c.full || r.all
	}
	s.version++
	s.mu.Unlock()

	took := time.Since(start)
	s.report(c, r.problems, took)
	return took, r.problems.HasErrors()
}

// result is a rebuild: a site and its files to serve when problems has no
// error. all says that an error concerns every page, not only the pages of
// the discussions that were read.
type result struct {
	site        *site.Site
	files       map[string][]byte
	discussions map[string]*site.Discussion
	problems    diag.List
	all         bool
}

func (s *Server) fullBuild() result {
	loaded, problems := site.Load(context.Background(), s.fsys, site.Options{Local: true})
	if loaded == nil {
		return result{problems: problems, all: true}
	}
	out := site.NewMemOutput(nil)
	built, p := loaded.Build(context.Background(), out)
	discussions := map[string]*site.Discussion{}
	for _, d := range built.Discussions {
		discussions[d.Slug] = d
	}
	return result{site: loaded, files: out.Files, discussions: discussions, problems: append(problems, p...), all: true}
}

// partialBuild reads the changed discussions again and renders what
// depends on them: when a discussion keeps the same languages, the pages
// of the changed languages and their homes; otherwise all its pages and
// every home. The status page counts every discussion, so it is rendered
// each time.
func (s *Server) partialBuild(content map[string]map[string]bool) result {
	var problems diag.List
	discussions := maps.Clone(s.discussions)
	out := site.NewMemOutput(s.files)
	var pages []*site.Page
	homes := map[string]bool{}
	allHomes := false
	for _, slug := range slices.Sorted(maps.Keys(content)) {
		codes := content[slug]
		d, p := s.site.Read(slug)
		problems = append(problems, p...)
		if p.HasErrors() {
			continue
		}
		old := discussions[slug]
		if codes == nil || old == nil || d == nil || !slices.Equal(old.Codes(), d.Codes()) {
			for _, l := range s.site.Config.Languages { // drop all its old pages
				removePrefix(out.Files, l.Code+"/"+slug+"/")
			}
			codes = nil
			allHomes = true
		}
		if d == nil {
			delete(discussions, slug)
			continue
		}
		for _, page := range s.site.DiscussionPages(d) {
			if codes == nil || codes[page.Lang.Code] {
				pages = append(pages, page)
			}
		}
		maps.Copy(homes, codes)
		// Homes without a translation list the original's title.
		allHomes = allHomes || codes[s.site.Config.Original]
		discussions[slug] = d.Summary()
	}
	if problems.HasErrors() {
		return result{problems: problems} // in the discussions read
	}
	list := make([]*site.Discussion, 0, len(discussions))
	for _, slug := range slices.Sorted(maps.Keys(discussions)) {
		list = append(list, discussions[slug])
	}
	for name := range out.Files { // a home may have fewer pages now
		code, rest, _ := strings.Cut(name, "/")
		if strings.HasPrefix(rest, "page/") && (allHomes || homes[code]) {
			delete(out.Files, name)
		}
	}
	for _, page := range s.site.IndexPages(list) {
		// A language's pages here: the pages of its home, and its feed.
		home := page.Pager != nil || page.Path == page.Lang.Code+"/"
		if page.Path == "status/" || home && (allHomes || homes[page.Lang.Code]) {
			pages = append(pages, page)
		}
	}
	_, p := s.site.Render(context.Background(), out, pages)
	return result{site: s.site, files: out.Files, discussions: discussions, problems: append(problems, p...), all: true} // a template error
}

func (s *Server) report(c change, problems diag.List, took time.Duration) {
	what := "the site"
	paths := slices.Compact(slices.Sorted(slices.Values(c.paths)))
	switch {
	case !c.full && len(paths) > 0 && len(paths) <= 3:
		what = strings.Join(paths, ", ")
	case !c.full:
		what = fmt.Sprintf("%d discussion(s)", len(c.content))
	case len(paths) > 0 && len(paths) <= 3:
		what = "the site (" + strings.Join(paths, ", ") + ")"
	}
	s.print(s.log, problems)
	if problems.HasErrors() {
		fmt.Fprintf(s.log, "build failed: the pages it affects show the problems until they are fixed\n")
		return
	}
	fmt.Fprintf(s.log, "rebuilt %s in %v\n", what, took.Round(100*time.Microsecond))
}

// removePrefix deletes the files under a folder of the build.
func removePrefix(files map[string][]byte, prefix string) {
	for name := range files {
		if strings.HasPrefix(name, prefix) {
			delete(files, name)
		}
	}
}

// ServeHTTP serves the built site, the events stream, and the error page
// where the last rebuild failed.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == eventsPath {
		s.events(w, r)
		return
	}
	name, ok := sitePath(r.URL.Path)
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	s.mu.RLock()
	data, found := s.files[name]
	_, isFolder := s.files[name+"/index.html"]
	notFound := s.files["404.html"] // of the same build as version
	failed := s.problems.HasErrors() && s.affects(name)
	problems, version := s.problems, s.version
	s.mu.RUnlock()

	w.Header().Set("Cache-Control", "no-store")
	switch {
	case failed && (strings.HasSuffix(name, ".html") || !found):
		s.errorPage(w, problems, version)
		return
	case !found && isFolder:
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	case !found:
		data = notFound
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if r.Method == http.MethodGet {
			w.Write(injectReload(data, version, false))
		}
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if strings.HasSuffix(name, ".html") {
		data = injectReload(data, version, false)
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// sitePath maps a URL path to a file of the build. It refuses what is not a
// plain path inside the site: "..", ".", empty segments inside, and
// dot-files.
func sitePath(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	name := urlPath[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	return name, true
}

// affects reports whether a failed rebuild concerns the page name.
func (s *Server) affects(name string) bool {
	if s.retry.full {
		return true
	}
	parts := strings.Split(name, "/") // <lang>/<slug>/index.html
	if len(parts) < 3 {
		return false
	}
	_, read := s.retry.content[parts[1]]
	return read
}

// injectReload adds the live-reload script before </body>. On the error
// page the script keeps the reader's place for the page that comes back.
func injectReload(page []byte, version int, errorPage bool) []byte {
	script := strings.NewReplacer("VERSION", strconv.Itoa(version), "ERRORPAGE", strconv.FormatBool(errorPage), "EVENTSPATH", eventsPath).Replace(reloadScript)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(bytes.Clone(page), script...)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

// reloadScript listens for rebuilds. Before reloading it stores the turn (or
// section) at the top of the window and its offset, and after the reload
// puts it back in the same place. VERSION, ERRORPAGE and EVENTSPATH are
// filled in for each page.
//
//go:embed reload.html
var reloadScript string

// errorTemplate is the page served in place of a page that a failed
// rebuild affects: the preview's own, since the site's templates may be
// what failed.
var errorTemplate = template.Must(template.New("error").Parse(errorHTML))

//go:embed error.html
var errorHTML string

func (s *Server) errorPage(w http.ResponseWriter, problems diag.List, version int) {
	var buf bytes.Buffer
	var errs []string
	for _, d := range problems {
		if d.Severity == diag.Error {
			errs = append(errs, d.String())
		}
	}
	errorTemplate.Execute(&buf, errs)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(injectReload(buf.Bytes(), version, true))
}

// events streams the build version to a page: once when it connects, then
// after every rebuild.
//
// The stream lasts as long as the page, longer than the server's timeouts
// let a request last: it lifts the read deadline (the server still sees the
// page leave) and gives each write a deadline of its own, so that a page
// that stops reading does not hold the stream forever.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{}) // fails only where there is no deadline
	send := func(msg string) bool {
		rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		io.WriteString(w, msg)
		return rc.Flush() == nil
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	updates := s.hub.subscribe()
	defer s.hub.unsubscribe(updates)
	s.mu.RLock()
	version := s.version
	s.mu.RUnlock()
	if !send(fmt.Sprintf("retry: 500\ndata: %d\n\n", version)) {
		return
	}
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		var msg string
		select {
		case <-r.Context().Done():
			return
		case v := <-updates:
			msg = fmt.Sprintf("data: %d\n\n", v)
		case <-ping.C:
			msg = ": ping\n\n"
		}
		if !send(msg) {
			return
		}
	}
}

// hub fans a version out to every connected page.
type hub struct {
	mu      sync.Mutex
	clients map[chan int]bool
}

func (h *hub) subscribe() chan int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients == nil {
		h.clients = map[chan int]bool{}
	}
	c := make(chan int, 1)
	h.clients[c] = true
	return c
}

func (h *hub) unsubscribe(c chan int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// count returns the number of pages listening.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (h *hub) broadcast(version int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case <-c: // drop a version the page has not read: only the newest matters
		default:
		}
		c <- version
	}
}

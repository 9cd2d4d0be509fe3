package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/diag"
	"github.com/rosetta-ssg/rosetta/internal/serve"
)

// runServe is "rosetta serve": a live preview of the site in -src.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	src := fs.String("src", ".", "site root: the `DIR` that holds site.toml")
	addr := fs.String("addr", "127.0.0.1:1313", "`HOST:PORT` to listen on; keep it on loopback unless you mean to share the preview")
	open := fs.Bool("open", false, "open the preview in the default browser")
	if err := parseFlags(fs, args, stdout, stderr); err != nil {
		return err
	}
	fsys, err := openSite(*src)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if !serve.Loopback(ln.Addr()) {
		fmt.Fprintf(stderr, "warning: %s is reachable from other machines, under any host name\n", ln.Addr())
	}

	s := serve.New(fsys, stdout, func(w io.Writer, problems diag.List) { printProblems(w, *src, problems) })
	watchErr := make(chan error, 1)
	go func() { watchErr <- s.Watch(ctx, *src, nil) }()

	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl+C to stop)\n", *src, url)
	if *open {
		openBrowser(url)
	}
	server := s.HTTPServer(ln.Addr())
	served := make(chan error, 1)
	go func() { served <- server.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err = <-watchErr:
	case err = <-served:
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	server.Shutdown(shutdown)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func openBrowser(url string) {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name = "explorer"
	}
	exec.Command(name, url).Start()
}

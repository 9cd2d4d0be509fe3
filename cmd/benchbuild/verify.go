package main

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/rosetta-ssg/rosetta/internal/corpus"
	"github.com/rosetta-ssg/rosetta/internal/site"
)

// verify checks the first build of b and sets b.pages and b.note: that the
// goldmark child converted every transcript, or that the site's output has
// the home and the n transcripts in every language, each in its own UI
// strings (the disclaimer on the home, the counted "hosts" label on the
// first transcript).
func (b *bench) verify(n int, siteDir string, cfg *site.Config) error {
	m := b.runs[0]
	if b.out == "" {
		match := regexp.MustCompile(`converted (\d+) files, (\d+) bytes`).FindStringSubmatch(m.stdout)
		if match == nil {
			return fmt.Errorf("%s: unexpected output %q", b.name, m.stdout)
		}
		files, _ := strconv.Atoi(match[1])
		size, _ := strconv.ParseInt(match[2], 10, 64)
		if want := n * len(cfg.Languages); files != want {
			return fmt.Errorf("%s: converted %d files, want %d", b.name, files, want)
		}
		b.pages = files
		b.note = fmt.Sprintf("%s: converted %d files, %.1f MB of Markdown bodies (front matter left out), %d goroutines",
			b.name, files, float64(size)/1e6, gomaxprocs())
		return nil
	}

	html, perLang, err := countPages(b.out, n)
	if err != nil {
		return fmt.Errorf("%s: counting its pages: %w", b.name, err)
	}
	var problems []error
	for _, l := range cfg.Languages {
		if got := perLang[l.Code]; got != n+1 {
			problems = append(problems, fmt.Errorf("%s/: %d index.html files, want %d (home and %d transcripts)", l.Code, got, n+1, n))
		}
		if err := checkStrings(b.out, siteDir, l.Code); err != nil {
			problems = append(problems, err)
		}
	}
	if err := errors.Join(problems...); err != nil {
		return fmt.Errorf("%s: its output %s is not the whole site:\n%w", b.name, b.out, err)
	}
	b.pages = html
	b.note = fmt.Sprintf("%s: %d HTML files in %s; %d languages × %d index.html (home + %d transcripts) = %d, each language with its own UI strings",
		b.name, html, b.out, len(cfg.Languages), n+1, n, len(cfg.Languages)*(n+1))
	if match := regexp.MustCompile(`built (\d+) pages`).FindStringSubmatch(m.stdout); match != nil {
		b.note += fmt.Sprintf("; rosetta counts %s pages", match[1])
	}
	if s := strings.TrimSpace(m.stderr); s != "" {
		b.note += "\n  its standard error:\n" + tail(s, 10)
	}
	return nil
}

// countPages counts the .html files under out, and for every language its
// home and transcripts: out/<code>/index.html and out/<code>/<slug>/index.html
// for the n slugs of the corpus (a home's later pages and the search page
// are not counted).
func countPages(out string, n int) (int, map[string]int, error) {
	total := 0
	perLang := map[string]int{}
	slugs := map[string]bool{}
	for i := 1; i <= n; i++ {
		slugs[corpus.Slug(i)] = true
	}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		total++
		rel, err := filepath.Rel(out, path)
		if err != nil {
			return err
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if d.Name() == "index.html" && (len(parts) == 2 || len(parts) == 3 && slugs[parts[1]]) {
			perLang[parts[0]]++
		}
		return nil
	})
	return total, perLang, err
}

// checkStrings checks that the home of language code in out has the
// disclaimer of i18n/<code>.toml, and its first transcript one of the forms
// of its "hosts" label, as the site in siteDir has them.
func checkStrings(out, siteDir, code string) error {
	var msgs map[string]any
	name := filepath.Join(siteDir, "i18n", code+".toml")
	src, err := os.ReadFile(name)
	if err == nil {
		err = toml.Unmarshal(src, &msgs)
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	disclaimer, _ := msgs["disclaimer"].(string)
	hosts, _ := msgs["hosts"].(map[string]any)
	if disclaimer == "" || len(hosts) == 0 {
		return fmt.Errorf("%s: no disclaimer or no [hosts] table", name)
	}
	home, err := os.ReadFile(filepath.Join(out, code, "index.html"))
	if err != nil {
		return err
	}
	if !containsText(string(home), disclaimer) {
		return fmt.Errorf("%s/index.html: not the %s disclaimer", code, code)
	}
	page, err := os.ReadFile(filepath.Join(out, code, corpus.Slug(1), "index.html"))
	if err != nil {
		return err
	}
	for _, form := range hosts {
		if s, ok := form.(string); ok && containsText(string(page), s) {
			return nil
		}
	}
	return fmt.Errorf("%s/%s/index.html: no form of the %s \"hosts\" label", code, corpus.Slug(1), code)
}

// containsText reports whether the HTML page has text, escaped or not.
func containsText(page, text string) bool {
	return strings.Contains(page, text) || strings.Contains(page, html.EscapeString(text))
}

// Command benchbuild compares full builds of synthetic sites, all in one
// run: rosetta, goldmark alone (the floor: the Markdown conversion that any
// generator has to do) and Hugo, when it is installed.
//
//	go run ./cmd/benchbuild -n 1000 -seed 1 [-script both] [-dir /tmp/rosetta-bench] [-hugo PATH] [-runs 1]
//
// It measures two corpora (internal/corpus), one after the other: the
// native one, with every language in its own script (about half of its
// bytes Chinese and Japanese), and the Latin one, with the text of every
// language in Latin script; -script native or -script latin measures one
// only. It builds the rosetta command into DIR/rosetta; then, for each
// corpus, it writes the corpus into DIR/site-<script>, unless a previous
// run left it there with the same -n and -seed (DIR/site-<script>.stamp
// records them), and -runs times measures each build as a child process:
// wall time, CPU time (user+sys) and peak resident memory (getrusage).
// Before each build the previous output is moved aside, outside the timing,
// and all of them are removed after the last build of the last corpus: on
// ext4 without a journal, creating files within a minute of deleting
// thousands costs several times the system time (the inode allocator skips
// recently deleted inodes), which no clean build pays.
//
//   - rosetta: DIR/rosetta build -src DIR/site-<script> -out DIR/public-rosetta
//   - goldmark: this command in a hidden mode (-goldmark DIR/site-<script>) that
//     converts the body of every transcript with goldmark's defaults into
//     io.Discard, one goroutine per core.
//   - hugo: hugo --quiet --source DIR/hugo-site-<script> --destination DIR/public-hugo,
//     where DIR/hugo-site-<script> is generated here: a hugo.toml with the languages
//     of site.toml, the site's content (a symlink), its i18n files and
//     layouts equivalent to rosetta's templates (see hugo.go).
//
// After the first build of rosetta and Hugo on each corpus it checks that
// the output has the home and every transcript in every language, with that
// language's UI strings. For each corpus it prints a table (best and median
// when -runs > 1) and the ratios of the project's targets; then both corpora
// in Markdown tables, ready for the README; then the machine.
//
// It must run inside the repository, like internal/corpus.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/rosetta-ssg/rosetta/internal/corpus"
)

func main() {
	err := run(os.Args[1:])
	switch {
	case errors.Is(err, errUsage):
		os.Exit(2) // the flag package has said why
	case err != nil:
		fmt.Fprintln(os.Stderr, "benchbuild:", err)
		os.Exit(1)
	}
}

// errUsage is a command line the flag package rejected and explained.
var errUsage = errors.New("usage")

type options struct {
	n        int
	seed     int64
	dir      string
	hugo     string
	runs     int
	scripts  []corpus.Script
	goldmark string // the hidden child mode: the site to convert
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("benchbuild", flag.ContinueOnError)
	fs.IntVar(&o.n, "n", 1000, "number of transcripts in the corpus")
	fs.Int64Var(&o.seed, "seed", 1, "corpus seed: the same -n and -seed give the same files")
	fs.StringVar(&o.dir, "dir", filepath.Join(os.TempDir(), "rosetta-bench"), "work folder: corpus, binaries, Hugo site and outputs")
	fs.StringVar(&o.hugo, "hugo", "", "the hugo binary (default: hugo in $PATH, else /root/go/bin/hugo)")
	fs.IntVar(&o.runs, "runs", 1, "builds of each tool; the best and the median are reported")
	script := fs.String("script", "both", "the corpora measured: native (each language in its own script, about half Chinese and Japanese), "+
		"latin (the text of every language in Latin script; see internal/corpus) or both, one after the other")
	fs.StringVar(&o.goldmark, "goldmark", "", "") // hidden: the goldmark child
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: benchbuild [-n N] [-seed S] [-script native|latin|both] [-dir DIR] [-hugo PATH] [-runs K]")
		fs.VisitAll(func(f *flag.Flag) {
			if f.Name != "goldmark" {
				fmt.Fprintf(fs.Output(), "  -%s\t%s", f.Name, f.Usage)
				if f.DefValue != "" {
					fmt.Fprintf(fs.Output(), " (default %s)", f.DefValue)
				}
				fmt.Fprintln(fs.Output())
			}
		})
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, err
		}
		return o, errUsage
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.n < 1 {
		return o, fmt.Errorf("-n %d: need at least one transcript", o.n)
	}
	if o.runs < 1 {
		return o, fmt.Errorf("-runs %d: need at least one run", o.runs)
	}
	if *script == "both" {
		o.scripts = corpus.Scripts
	} else {
		sc, err := corpus.ParseScript(*script)
		if err != nil {
			return o, fmt.Errorf("-script %s: want native, latin or both", *script)
		}
		o.scripts = []corpus.Script{sc}
	}
	return o, nil
}

func run(args []string) error {
	o, err := parseFlags(args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if o.goldmark != "" {
		return goldmarkChild(o.goldmark, os.Stdout)
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return fmt.Errorf("-dir %s: %w", o.dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	t := tools{runs: o.runs}
	if t.hugo, err = findHugo(o.hugo); err != nil {
		return err
	}
	if t.rosetta, err = buildRosetta(dir); err != nil {
		return err
	}
	if t.self, err = os.Executable(); err != nil {
		return fmt.Errorf("finding this command's binary for the goldmark child: %w", err)
	}
	if t.hugo == "" {
		fmt.Println("hugo: not found (no -hugo, none in $PATH, no /root/go/bin/hugo): skipped")
	} else {
		t.hugoVersion = hugoVersion(t.hugo)
		fmt.Printf("hugo: %s (%s)\n", t.hugo, t.hugoVersion)
	}

	// The outputs of the builds are moved aside here, and removed at the end.
	aside := filepath.Join(dir, "old-outputs")
	if err := os.RemoveAll(aside); err != nil {
		return err
	}
	if err := os.MkdirAll(aside, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(aside)

	var results []*corpusResult
	for _, script := range o.scripts {
		r, err := benchCorpus(dir, aside, script, o, t)
		if err != nil {
			return fmt.Errorf("%s corpus: %w", script, err)
		}
		results = append(results, r)
	}

	// The report.
	for _, r := range results {
		fmt.Printf("\n== %s\n", r.describe())
		for _, b := range r.benches {
			fmt.Println(b.note)
		}
		fmt.Println()
		printTable(os.Stdout, r.benches, o.runs)
		fmt.Println()
		printTargets(os.Stdout, r.benches, o.runs)
	}
	fmt.Println("\nFor the README:")
	fmt.Println()
	printMarkdown(os.Stdout, results, o.runs, t.hugoVersion)
	fmt.Println()
	printMachine(os.Stdout)
	return nil
}

// tools are the commands measured, the same for every corpus.
type tools struct {
	rosetta, self, hugo string // hugo is "" when it is not installed
	hugoVersion         string
	runs                int
}

// corpusResult is one corpus and the builds of it.
type corpusResult struct {
	script                       corpus.Script
	n                            int
	seed                         int64
	languages                    int
	files, size, mdFiles, mdSize int64
	benches                      []*bench
}

func (r *corpusResult) describe() string {
	return fmt.Sprintf("%s corpus: n=%d seed=%d, %d transcript files (%d × %d languages), %.1f MB of Markdown",
		r.script, r.n, r.seed, r.mdFiles, r.n, r.languages, float64(r.mdSize)/1e6)
}

// benchCorpus writes (or reuses) the corpus of script in DIR/site-<script>
// and builds it with every tool, o.runs times, checking the first build.
func benchCorpus(dir, aside string, script corpus.Script, o options, t tools) (*corpusResult, error) {
	siteDir := filepath.Join(dir, "site-"+string(script))
	if err := ensureCorpus(siteDir, script, o.n, o.seed); err != nil {
		return nil, err
	}
	r := &corpusResult{script: script, n: o.n, seed: o.seed}
	var err error
	if r.files, r.size, r.mdFiles, r.mdSize, err = corpus.Count(siteDir); err != nil {
		return nil, fmt.Errorf("counting %s: %w", siteDir, err)
	}
	cfg, err := readSiteConfig(siteDir)
	if err != nil {
		return nil, err
	}
	r.languages = len(cfg.Languages)
	fmt.Printf("corpus %s: script=%s n=%d seed=%d, %d files (%.1f MB); %d transcript files, %.1f MB of Markdown; %d languages\n",
		siteDir, script, o.n, o.seed, r.files, float64(r.size)/1e6, r.mdFiles, float64(r.mdSize)/1e6, r.languages)

	rosettaOut := filepath.Join(dir, "public-rosetta")
	hugoOut := filepath.Join(dir, "public-hugo")
	r.benches = []*bench{
		{
			name: "rosetta", out: rosettaOut,
			cmd: []string{t.rosetta, "build", "-src", siteDir, "-out", rosettaOut},
		},
		{
			name: "goldmark",
			cmd:  []string{t.self, "-goldmark", siteDir},
		},
	}
	if t.hugo != "" {
		hugoDir := filepath.Join(dir, "hugo-site-"+string(script))
		if err := writeHugoSite(siteDir, hugoDir, cfg); err != nil {
			return nil, fmt.Errorf("writing the Hugo site %s: %w", hugoDir, err)
		}
		r.benches = append(r.benches, &bench{
			name: "hugo", out: hugoOut,
			cmd: []string{t.hugo, "--quiet", "--source", hugoDir, "--destination", hugoOut},
		})
	}

	// The builds, interleaved so that a busy moment of the machine does
	// not fall on one tool only.
	for k := range o.runs {
		for _, b := range r.benches {
			if b.out != "" {
				err := os.Rename(b.out, filepath.Join(aside, fmt.Sprintf("%s-%s-%d", script, b.name, k)))
				if err != nil && !errors.Is(err, os.ErrNotExist) {
					return nil, fmt.Errorf("moving the previous output aside: %w", err)
				}
			}
			m, err := measure(b.cmd)
			if err != nil {
				return nil, fmt.Errorf("%s (run %d): %w", b.name, k+1, err)
			}
			b.runs = append(b.runs, m)
			fmt.Printf("%s run %d/%d %-8s wall %6.2fs  cpu %6.2fs  peak %6.0f MB\n",
				script, k+1, o.runs, b.name, m.wall.Seconds(), m.cpu.Seconds(), mb(m.maxRSS))
			if k == 0 {
				if err := b.verify(o.n, siteDir, cfg); err != nil {
					return nil, err
				}
			}
		}
	}
	return r, nil
}

// ensureCorpus writes the corpus of script into siteDir unless the stamp
// beside it (siteDir.stamp) says it is there with the same n and seed. A
// stamp, complete or not, marks siteDir as written by benchbuild, which may
// then replace it.
func ensureCorpus(siteDir string, script corpus.Script, n int, seed int64) error {
	stampFile := siteDir + ".stamp"
	want := fmt.Sprintf("rosetta corpus script=%s n=%d seed=%d complete\n", script, n, seed)
	old, err := os.ReadFile(stampFile)
	switch {
	case err == nil && string(old) == want:
		if _, err := os.Stat(filepath.Join(siteDir, "site.toml")); err == nil {
			fmt.Printf("corpus: reusing %s (script=%s n=%d seed=%d), with the repository's site.toml, i18n and templates\n", siteDir, script, n, seed)
			return corpus.Refresh(siteDir)
		}
		fallthrough
	case err == nil:
		if err := os.RemoveAll(siteDir); err != nil {
			return fmt.Errorf("removing the previous corpus: %w", err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return err
	default:
		if entries, err := os.ReadDir(siteDir); err == nil && len(entries) > 0 {
			return fmt.Errorf("%s exists but has no %s beside it: it was not written by benchbuild; remove it or choose another -dir", siteDir, stampFile)
		}
	}
	if err := os.WriteFile(stampFile, fmt.Appendf(nil, "rosetta corpus script=%s n=%d seed=%d writing\n", script, n, seed), 0o644); err != nil {
		return err
	}
	start := time.Now()
	if err := corpus.WriteScript(siteDir, n, seed, script); err != nil {
		return fmt.Errorf("writing the corpus: %w", err)
	}
	fmt.Printf("corpus: wrote %s in %v\n", siteDir, time.Since(start).Round(time.Millisecond))
	return os.WriteFile(stampFile, []byte(want), 0o644)
}

// buildRosetta builds the rosetta command from the repository into dir.
func buildRosetta(dir string) (string, error) {
	root, err := corpus.Root()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "rosetta")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/rosetta")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build ./cmd/rosetta in %s: %w\n%s", root, err, out)
	}
	return bin, nil
}

// findHugo returns the hugo binary: flagPath, else hugo in $PATH, else
// /root/go/bin/hugo; "" when there is none.
func findHugo(flagPath string) (string, error) {
	if flagPath != "" {
		p, err := exec.LookPath(flagPath)
		if err != nil {
			return "", fmt.Errorf("-hugo %s: %w", flagPath, err)
		}
		return filepath.Abs(p)
	}
	if p, err := exec.LookPath("hugo"); err == nil {
		return filepath.Abs(p)
	}
	const fallback = "/root/go/bin/hugo"
	if p, err := exec.LookPath(fallback); err == nil {
		return p, nil
	}
	return "", nil
}

func hugoVersion(bin string) string {
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		return "version unknown: " + err.Error()
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

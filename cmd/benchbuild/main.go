// Command benchbuild compares full builds of one synthetic site, all in one
// run: rosetta, goldmark alone (the floor: the Markdown conversion that any
// generator has to do) and Hugo, when it is installed.
//
//	go run ./cmd/benchbuild -n 1000 -seed 1 [-dir /tmp/rosetta-bench] [-hugo PATH] [-runs 1]
//
// It writes the corpus (internal/corpus) into DIR/site, unless a previous
// run left it there with the same -n and -seed (DIR/site.stamp records
// them); builds the rosetta command into DIR/rosetta; and then, -runs
// times, measures each build as a child process: wall time, CPU time
// (user+sys) and peak resident memory (getrusage). Before each build the
// previous output is moved aside, outside the timing, and all of them are
// removed after the last build: on ext4 without a journal, creating files
// within a minute of deleting thousands costs several times the system
// time (the inode allocator skips recently deleted inodes), which no clean
// build pays.
//
//   - rosetta: DIR/rosetta build -src DIR/site -out DIR/public-rosetta
//   - goldmark: this command in a hidden mode (-goldmark DIR/site) that
//     converts the body of every transcript with goldmark's defaults into
//     io.Discard, one goroutine per core.
//   - hugo: hugo --quiet --source DIR/hugo-site --destination DIR/public-hugo,
//     where DIR/hugo-site is generated here: a hugo.toml with the languages
//     of site.toml, the site's content (a symlink), its i18n files and
//     layouts equivalent to rosetta's templates (see hugo.go).
//
// After the first build of rosetta and Hugo it checks that the output has
// the home and every transcript in every language, with that language's UI
// strings. It prints a table (best and median when -runs > 1), the ratios
// of the project's targets and the machine.
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
	fs.StringVar(&o.goldmark, "goldmark", "", "") // hidden: the goldmark child
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: benchbuild [-n N] [-seed S] [-dir DIR] [-hugo PATH] [-runs K]")
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
	siteDir := filepath.Join(dir, "site")
	hugoBin, err := findHugo(o.hugo)
	if err != nil {
		return err
	}

	// 1. The corpus.
	if err := ensureCorpus(dir, siteDir, o.n, o.seed); err != nil {
		return err
	}
	files, size, mdFiles, mdSize, err := corpus.Count(siteDir)
	if err != nil {
		return fmt.Errorf("counting %s: %w", siteDir, err)
	}
	cfg, err := readSiteConfig(siteDir)
	if err != nil {
		return err
	}
	fmt.Printf("corpus %s: n=%d seed=%d, %d files (%.1f MB); %d transcript files, %.1f MB of Markdown; %d languages\n",
		siteDir, o.n, o.seed, files, float64(size)/1e6, mdFiles, float64(mdSize)/1e6, len(cfg.Languages))

	// 2. The tools.
	rosettaBin, err := buildRosetta(dir)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding this command's binary for the goldmark child: %w", err)
	}
	hugoDir := filepath.Join(dir, "hugo-site")
	if hugoBin == "" {
		fmt.Println("hugo: not found (no -hugo, none in $PATH, no /root/go/bin/hugo): skipped")
	} else {
		fmt.Printf("hugo: %s (%s)\n", hugoBin, hugoVersion(hugoBin))
		if err := writeHugoSite(siteDir, hugoDir, cfg); err != nil {
			return fmt.Errorf("writing the Hugo site %s: %w", hugoDir, err)
		}
	}

	rosettaOut := filepath.Join(dir, "public-rosetta")
	hugoOut := filepath.Join(dir, "public-hugo")
	benches := []*bench{
		{
			name: "rosetta", out: rosettaOut,
			cmd: []string{rosettaBin, "build", "-src", siteDir, "-out", rosettaOut},
		},
		{
			name: "goldmark",
			cmd:  []string{self, "-goldmark", siteDir},
		},
	}
	if hugoBin != "" {
		benches = append(benches, &bench{
			name: "hugo", out: hugoOut,
			cmd: []string{hugoBin, "--quiet", "--source", hugoDir, "--destination", hugoOut},
		})
	}

	// 3. The builds, interleaved so that a busy moment of the machine does
	// not fall on one tool only.
	aside := filepath.Join(dir, "old-outputs")
	if err := os.RemoveAll(aside); err != nil {
		return err
	}
	if err := os.MkdirAll(aside, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(aside)
	for k := range o.runs {
		for _, b := range benches {
			if b.out != "" {
				err := os.Rename(b.out, filepath.Join(aside, fmt.Sprintf("%s-%d", b.name, k)))
				if err != nil && !errors.Is(err, os.ErrNotExist) {
					return fmt.Errorf("moving the previous output aside: %w", err)
				}
			}
			m, err := measure(b.cmd)
			if err != nil {
				return fmt.Errorf("%s (run %d): %w", b.name, k+1, err)
			}
			b.runs = append(b.runs, m)
			fmt.Printf("run %d/%d %-8s wall %6.2fs  cpu %6.2fs  peak %6.0f MB\n",
				k+1, o.runs, b.name, m.wall.Seconds(), m.cpu.Seconds(), mb(m.maxRSS))
			if k == 0 {
				if err := b.verify(o.n, siteDir, cfg); err != nil {
					return err
				}
			}
		}
	}

	// 4. The report.
	fmt.Println()
	for _, b := range benches {
		fmt.Println(b.note)
	}
	fmt.Println()
	printTable(os.Stdout, benches, o.runs)
	fmt.Println()
	printTargets(os.Stdout, benches, o.runs)
	fmt.Println()
	printMachine(os.Stdout)
	return nil
}

// ensureCorpus writes the corpus into siteDir unless the stamp beside it
// says it is there with the same n and seed. A stamp, complete or not,
// marks siteDir as written by benchbuild, which may then replace it.
func ensureCorpus(dir, siteDir string, n int, seed int64) error {
	stampFile := filepath.Join(dir, "site.stamp")
	want := fmt.Sprintf("rosetta corpus n=%d seed=%d complete\n", n, seed)
	old, err := os.ReadFile(stampFile)
	switch {
	case err == nil && string(old) == want:
		if _, err := os.Stat(filepath.Join(siteDir, "site.toml")); err == nil {
			fmt.Printf("corpus: reusing %s (n=%d seed=%d), with the repository's site.toml, i18n and templates\n", siteDir, n, seed)
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
	if err := os.WriteFile(stampFile, fmt.Appendf(nil, "rosetta corpus n=%d seed=%d writing\n", n, seed), 0o644); err != nil {
		return err
	}
	start := time.Now()
	if err := corpus.Write(siteDir, n, seed); err != nil {
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

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/fineprint/fineprint/audit/batch"
	"github.com/fineprint/fineprint/audit/config"
	"github.com/fineprint/fineprint/rules"
)

// auditOptions are the audit command's flags and arguments.
type auditOptions struct {
	IO          *ioStreams
	Sources     []string
	FromFile    string
	Format      string
	Outputs     []string
	Lang        string
	FailOn      string
	MinScore    int
	RulesDirs   []string
	Color       string
	Quiet       bool
	Concurrency int
	PerHost     int
	Render      bool
	Snapshot    string
	MaxBytes    int64
	Timeout     string
	ConfigFile  string
	Baseline    string

	// failOnGiven and minScoreGiven say the flags were given: they then
	// beat the configuration's fail_on and min_score.
	failOnGiven, minScoreGiven bool
}

func newAuditCmd(io *ioStreams, runF func(context.Context, *auditOptions) error) *cobra.Command {
	opts := &auditOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "audit [SOURCE...]",
		Short: "Audit terms: files, directories, URLs or - for stdin",
		Long: `Audit reads each SOURCE — an HTML, Markdown or text file, a directory (searched
recursively for .html .htm .md .markdown .txt), an http(s) URL, or - for
standard input — finds the clauses that put users at risk, and reports them
with a score and a grade.

Many sources are audited at once (--concurrency), with at most --per-host
requests at a time to any one web server. Reports follow the order of the
sources, except --format jsonl, which writes one line per document as soon
as it is audited. A progress bar is drawn on standard error when it is a
terminal (not with --quiet).

Exit status: 0 audit done, 1 a --fail-on/--min-score threshold was breached,
2 usage, configuration or rule error, 3 a source could not be read (the others
are still audited and reported).`,
		Example: `  fineprint audit terms.html
  fineprint audit --format json https://example.com/terms > report.json
  fineprint audit --fail-on high --min-score 55 docs/legal/
  fineprint audit --from-file urls.txt --format csv -o audit.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Sources = args
			opts.failOnGiven = cmd.Flags().Changed("fail-on")
			opts.minScoreGiven = cmd.Flags().Changed("min-score")
			if err := opts.validate(); err != nil {
				return usageError(err)
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return auditRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "text", "report format: "+strings.Join(formats, ", "))
	f.StringArrayVarP(&opts.Outputs, "output", "o", nil, "write the report to `PATH`, or FORMAT=PATH (repeatable: text to the terminal, SARIF and HTML to files)")
	f.StringVar(&opts.Lang, "lang", "auto", "document language: auto, en or fr")
	f.StringVar(&opts.FailOn, "fail-on", "", "exit 1 when a finding is at least this severe: low, medium, high, critical")
	f.IntVar(&opts.MinScore, "min-score", -1, "exit 1 when a document scores below `N` (0-100)")
	f.StringSliceVar(&opts.RulesDirs, "rules", nil, "extra rule pack `DIR`, added to the built-in rules (repeatable)")
	f.StringVar(&opts.Color, "color", "auto", "colour the text report: auto, always or never")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print nothing but the report and errors")
	f.StringVar(&opts.FromFile, "from-file", "", "read more sources from `LIST`, one a line (# comments)")
	f.IntVar(&opts.Concurrency, "concurrency", batch.DefaultConcurrency(), "audit `N` sources at once; the default is twice the CPUs, at most 16")
	f.IntVar(&opts.PerHost, "per-host", batch.DefaultPerHost, "at most `N` requests at once to any one host")
	f.Int64Var(&opts.MaxBytes, "max-bytes", 20<<20, "refuse sources larger than this many bytes")
	f.StringVar(&opts.Timeout, "timeout", "30s", "time limit for fetching one URL")
	f.BoolVar(&opts.Render, "render", false, "load pages in headless Chromium and audit the DOM after scripts ran")
	f.StringVar(&opts.ConfigFile, "config", "", "read the configuration from `FILE` (default: "+config.FileName+" found upward from the working directory)")
	f.StringVar(&opts.Baseline, "baseline", "", "a previous JSON `REPORT`: its findings are suppressed, so only new ones count")
	f.StringVar(&opts.Snapshot, "snapshot", "", "save the evidence of each source (raw bytes, rendered DOM, metadata) under `DIR`")
	return cmd
}

func (o *auditOptions) validate() error {
	if len(o.Sources) == 0 && o.FromFile == "" {
		return errors.New("audit: no source given (a file, directory, URL, or - for stdin)")
	}
	if _, err := o.outputs(); err != nil {
		return err
	}
	if !slices.Contains([]string{"auto", "en", "fr"}, o.Lang) {
		return fmt.Errorf("--lang %q: want auto, en or fr", o.Lang)
	}
	if o.FailOn != "" {
		if _, err := rules.ParseSeverity(o.FailOn); err != nil {
			return fmt.Errorf("--fail-on: %w", err)
		}
	}
	if o.MinScore > 100 {
		return fmt.Errorf("--min-score %d: want a score from 0 to 100", o.MinScore)
	}
	if !slices.Contains([]string{"auto", "always", "never"}, o.Color) {
		return fmt.Errorf("--color %q: want auto, always or never", o.Color)
	}
	if o.Concurrency < 1 {
		return fmt.Errorf("--concurrency %d: want at least 1", o.Concurrency)
	}
	if o.PerHost < 1 {
		return fmt.Errorf("--per-host %d: want at least 1", o.PerHost)
	}
	if o.MaxBytes < 1 {
		return fmt.Errorf("--max-bytes %d: want a positive size", o.MaxBytes)
	}
	return nil
}

func auditRun(ctx context.Context, opts *auditOptions) error {
	setup, err := opts.configure()
	if err != nil {
		return usageError(err)
	}
	sources := opts.Sources
	if opts.FromFile != "" {
		listed, err := readList(opts.FromFile, opts.IO.In)
		if err != nil {
			return usageError(err)
		}
		sources = append(sources, listed...)
	}
	batchOpts, err := opts.batchOptions(setup.rules)
	if err != nil {
		return usageError(err)
	}
	tally, err := auditSources(ctx, setup.keep(batch.Expand(sources)), batchOpts, opts, setup.process)
	if err != nil {
		return &exitError{code: exitSource, err: err}
	}
	return tally.verdict()
}

// loadRules compiles the built-in packs and the extra rule directories.
func loadRules(dirs []string) (*rules.Set, error) {
	if err := checkRuleDirs(dirs); err != nil {
		return nil, err
	}
	return rules.Load(os.DirFS, dirs...)
}

func checkRuleDirs(dirs []string) error {
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return fmt.Errorf("--rules %s: not a directory", d)
		}
	}
	return nil
}

// readList reads sources from a list file ("-" for stdin): one a line,
// blank lines and # comments skipped.
func readList(path string, stdin io.Reader) ([]string, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("--from-file: %w", err)
		}
		defer f.Close()
		r = f
	}
	list, err := batch.ReadList(r)
	if err != nil {
		return nil, fmt.Errorf("--from-file %s: %w", path, err)
	}
	return list, nil
}

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/report"
	"github.com/fineprint/fineprint/rules"
)

// auditOptions are the audit command's flags and arguments.
type auditOptions struct {
	IO          *ioStreams
	Sources     []string
	FromFile    string
	Format      string
	Output      string
	Lang        string
	FailOn      string
	MinScore    int
	RulesDirs   []string
	Color       string
	Quiet       bool
	Concurrency int
	MaxBytes    int64
	Timeout     string
}

var formats = []string{"text", "json"}

func newAuditCmd(io *ioStreams, runF func(context.Context, *auditOptions) error) *cobra.Command {
	opts := &auditOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "audit [SOURCE...]",
		Short: "Audit terms: files, directories, URLs or - for stdin",
		Long: `Audit reads each SOURCE — an HTML, Markdown or text file, a directory (searched
recursively for .html .htm .md .markdown .txt), an http(s) URL, or - for
standard input — finds the clauses that put users at risk, and reports them
with a score and a grade.

Exit status: 0 audit done, 1 a --fail-on/--min-score threshold was breached,
2 usage, configuration or rule error, 3 a source could not be read (the others
are still audited and reported).`,
		Example: `  fineprint audit terms.html
  fineprint audit --format json https://example.com/terms > report.json
  fineprint audit --fail-on high --min-score 55 docs/legal/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Sources = args
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
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to this file instead of standard output")
	f.StringVar(&opts.Lang, "lang", "auto", "document language: auto, en or fr")
	f.StringVar(&opts.FailOn, "fail-on", "", "exit 1 when a finding is at least this severe: low, medium, high, critical")
	f.IntVar(&opts.MinScore, "min-score", -1, "exit 1 when a document scores below `N` (0-100)")
	f.StringSliceVar(&opts.RulesDirs, "rules", nil, "extra rule pack `DIR`, added to the built-in rules (repeatable)")
	f.StringVar(&opts.Color, "color", "auto", "colour the text report: auto, always or never")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print nothing but the report and errors")
	f.StringVar(&opts.FromFile, "from-file", "", "read more sources from `LIST`, one a line (# comments)")
	f.IntVar(&opts.Concurrency, "concurrency", 4, "how many sources to audit at once")
	f.Int64Var(&opts.MaxBytes, "max-bytes", 20<<20, "refuse sources larger than this many bytes")
	f.StringVar(&opts.Timeout, "timeout", "30s", "time limit for fetching one URL")
	return cmd
}

func (o *auditOptions) validate() error {
	if len(o.Sources) == 0 && o.FromFile == "" {
		return errors.New("audit: no source given (a file, directory, URL, or - for stdin)")
	}
	if !slices.Contains(formats, o.Format) {
		return fmt.Errorf("--format %q: want one of %s", o.Format, strings.Join(formats, ", "))
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
	if o.MaxBytes < 1 {
		return fmt.Errorf("--max-bytes %d: want a positive size", o.MaxBytes)
	}
	return nil
}

func auditRun(ctx context.Context, opts *auditOptions) error {
	set, err := loadRules(opts.RulesDirs)
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
	reports, err := auditSources(ctx, sources, set, opts)
	if err != nil {
		return usageError(err)
	}
	if err := writeReport(reports, opts); err != nil {
		return &exitError{code: exitSource, err: err}
	}
	return verdict(reports, opts)
}

// loadRules compiles the built-in packs and the extra rule directories.
func loadRules(dirs []string) (*rules.Set, error) {
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--rules %s: not a directory", d)
		}
	}
	return rules.Load(os.DirFS, dirs...)
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
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--from-file %s: %w", path, err)
	}
	return out, nil
}

func writeReport(reports []*audit.Report, opts *auditOptions) error {
	w, tty := opts.IO.Out, opts.IO.OutTTY
	if opts.Output != "" && opts.Output != "-" {
		f, err := os.Create(opts.Output)
		if err != nil {
			return fmt.Errorf("--output: %w", err)
		}
		defer f.Close()
		w, tty = f, false
	}
	tool := report.Tool{Name: "fineprint", Version: version()}
	switch opts.Format {
	case "json":
		return report.JSON(w, reports, tool)
	default:
		return report.Text(w, reports, report.NewPalette(opts.IO.colorEnabled(opts.Color, tty)))
	}
}

// verdict turns the reports into the exit status: 3 when a source failed,
// 1 when a threshold was breached, 0 otherwise.
func verdict(reports []*audit.Report, opts *auditOptions) error {
	var failOn rules.Severity
	if opts.FailOn != "" {
		failOn, _ = rules.ParseSeverity(opts.FailOn)
	}
	failed, breached := 0, []string{}
	for _, r := range reports {
		if r.Error != nil {
			failed++
			continue
		}
		if opts.MinScore >= 0 && r.Score < opts.MinScore {
			breached = append(breached, fmt.Sprintf("%s scores %d, below --min-score %d", r.Source, r.Score, opts.MinScore))
		}
		if failOn != rules.SeverityNone {
			if n := countAtLeast(r, failOn); n > 0 {
				breached = append(breached, fmt.Sprintf("%s has %d finding(s) at or above %s", r.Source, n, failOn))
			}
		}
	}
	if failed > 0 {
		return &exitError{code: exitSource, err: fmt.Errorf("%d of %d sources could not be audited", failed, len(reports))}
	}
	if len(breached) > 0 {
		return &exitError{code: exitThreshold, err: errors.New(strings.Join(breached, "; "))}
	}
	return nil
}

func countAtLeast(r *audit.Report, min rules.Severity) int {
	n := 0
	for _, f := range r.Findings {
		if s, err := rules.ParseSeverity(f.Severity); err == nil && s >= min {
			n++
		}
	}
	return n
}

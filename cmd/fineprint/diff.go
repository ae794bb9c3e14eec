package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/batch"
	"github.com/fineprint/fineprint/audit/diff"
	"github.com/fineprint/fineprint/audit/report"
	"github.com/fineprint/fineprint/audit/snapshot"
	"github.com/fineprint/fineprint/rules"
)

// diffOptions are the diff command's flags and arguments.
type diffOptions struct {
	IO        *ioStreams
	Old, New  string
	Format    string
	Lang      string
	FailOn    string
	RulesDirs []string
	Color     string
	Render    bool
	MaxBytes  int64
	Timeout   string
}

var diffFormats = []string{"text", "json", "markdown"}

func newDiffCmd(io *ioStreams, runF func(context.Context, *diffOptions) error) *cobra.Command {
	opts := &diffOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two versions of terms, finding by finding",
		Long: `Diff audits two versions of a document with the same rules and reports what
changed: the findings added, removed, changed (same rule, clause reworded;
the clause is shown as a word diff) and unchanged, and the score and grade
before and after. OLD and NEW are each a file, an http(s) URL, or a snapshot
(the snapshot.json that audit --snapshot wrote, or its directory).

Exit status: 0 compared, 1 --fail-on: a finding the new version adds, or
makes more severe, is at least that severe, 2 usage or rule error, 3 a
version could not be read.`,
		Example: `  fineprint diff terms-2023.html terms-2024.html
  fineprint diff --fail-on high published/terms.md drafts/terms.md
  fineprint diff --format markdown snaps/old/snapshot.json https://example.com/terms`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageError(fmt.Errorf("diff: want two sources, OLD and NEW; got %d", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if err := opts.validate(); err != nil {
				return usageError(err)
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return diffRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "text", "report format: "+strings.Join(diffFormats, ", "))
	f.StringVar(&opts.Lang, "lang", "auto", "document language: auto, en or fr")
	f.StringVar(&opts.FailOn, "fail-on", "", "exit 1 when a new or worsened finding is at least this severe: low, medium, high, critical")
	f.StringSliceVar(&opts.RulesDirs, "rules", nil, "extra rule pack `DIR`, added to the built-in rules (repeatable)")
	f.StringVar(&opts.Color, "color", "auto", "colour the text report: auto, always or never")
	f.BoolVar(&opts.Render, "render", false, "load pages in headless Chromium and audit the DOM after scripts ran")
	f.Int64Var(&opts.MaxBytes, "max-bytes", 20<<20, "refuse sources larger than this many bytes")
	f.StringVar(&opts.Timeout, "timeout", "30s", "time limit for fetching one URL")
	return cmd
}

func (o *diffOptions) validate() error {
	if !slices.Contains(diffFormats, o.Format) {
		return fmt.Errorf("--format %q: want one of %s", o.Format, strings.Join(diffFormats, ", "))
	}
	// The flags shared with audit are checked as audit checks them.
	return o.auditOptions().validate()
}

// auditOptions are the audit flags that read and audit both versions.
func (o *diffOptions) auditOptions() *auditOptions {
	return &auditOptions{
		IO: o.IO, Sources: []string{o.Old, o.New}, Format: "text", Lang: o.Lang, FailOn: o.FailOn,
		MinScore: -1, RulesDirs: o.RulesDirs, Color: o.Color, Render: o.Render,
		Concurrency: 2, PerHost: batch.DefaultPerHost, MaxBytes: o.MaxBytes, Timeout: o.Timeout,
	}
}

func diffRun(ctx context.Context, opts *diffOptions) error {
	set, err := loadRules(opts.RulesDirs)
	if err != nil {
		return usageError(err)
	}
	bopts, err := opts.auditOptions().batchOptions(set)
	if err != nil {
		return usageError(err)
	}
	old, new, err := auditPair(ctx, snapshotMeta(opts.Old), snapshotMeta(opts.New), bopts)
	if err != nil {
		return &exitError{code: exitSource, err: err}
	}
	d := diff.Compare(old, new, diff.Options{})
	if err := writeDiff(opts, d); err != nil {
		return err
	}
	return diffVerdict(d, opts.FailOn)
}

// snapshotMeta turns a snapshot directory into its snapshot.json, which
// the fetcher reads offline; any other source is left as it is.
func snapshotMeta(src string) string {
	meta := filepath.Join(src, snapshot.MetaFile)
	if st, err := os.Stat(src); err == nil && st.IsDir() {
		if _, err := os.Stat(meta); err == nil {
			return meta
		}
	}
	return src
}

// auditPair reads and audits both versions at once; its error names every
// version that could not be audited.
func auditPair(ctx context.Context, oldSrc, newSrc string, bopts batch.Options) (old, new *audit.Report, err error) {
	var reports [2]*audit.Report
	items := []batch.Item{{Source: oldSrc}, {Source: newSrc}}
	if err := batch.Run(ctx, items, bopts, func(res batch.Result) error {
		reports[res.Index] = res.Report
		return nil
	}); err != nil {
		return nil, nil, err
	}
	var errs []error
	for _, r := range reports {
		if r.Error != nil {
			errs = append(errs, errors.New(*r.Error))
		}
	}
	return reports[0], reports[1], errors.Join(errs...)
}

func writeDiff(opts *diffOptions, d *diff.Diff) error {
	tool := report.Tool{Name: "fineprint", Version: version()}
	var w io.Writer = opts.IO.Out
	switch opts.Format {
	case "json":
		return report.DiffJSON(w, d, tool)
	case "markdown":
		return report.DiffMarkdown(w, d, tool)
	}
	return report.DiffText(w, d, report.NewPalette(opts.IO.colorEnabled(opts.Color, opts.IO.OutTTY)))
}

// diffVerdict is exit 1 when the new version adds, or makes worse, a
// finding at least as severe as failOn.
func diffVerdict(d *diff.Diff, failOn string) error {
	if failOn == "" {
		return nil
	}
	min, _ := rules.ParseSeverity(failOn)
	var hits []string
	for _, f := range d.Introduced() {
		if s, err := rules.ParseSeverity(f.Severity); err == nil && s >= min {
			hits = append(hits, f.Rule)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	return &exitError{code: exitThreshold, err: fmt.Errorf("%s brings %d finding(s) at or above %s: %s",
		d.New.Source, len(hits), min, strings.Join(hits, ", "))}
}

package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/batch"
	"github.com/fineprint/fineprint/audit/source"
	"github.com/fineprint/fineprint/rules"
)

// batchOptions turns the flags into the options of a batch audit.
func (o *auditOptions) batchOptions(set *rules.Set) (batch.Options, error) {
	timeout, err := time.ParseDuration(o.Timeout)
	if err != nil || timeout <= 0 {
		return batch.Options{}, fmt.Errorf("--timeout %q: want a duration such as 30s", o.Timeout)
	}
	srcOpts := source.Options{
		Stdin: o.IO.In, Timeout: timeout, MaxBytes: o.MaxBytes,
		UserAgent: source.UserAgent(version()), HTTPClient: source.NewClient(0),
	}
	fetcher, err := o.fetcher(srcOpts)
	if err != nil {
		return batch.Options{}, err
	}
	concurrency := o.Concurrency
	if o.Render {
		concurrency = min(concurrency, renderConcurrency)
	}
	return batch.Options{
		Rules:       set,
		Audit:       audit.Options{Lang: o.Lang},
		Concurrency: concurrency,
		PerHost:     o.PerHost,
		Source:      srcOpts,
		Fetcher:     fetcher,
	}, nil
}

// auditSources audits the items and writes the report as they finish,
// showing progress meanwhile; it returns what the exit status depends on.
// Each report goes through process (suppressions) first. Its error is a
// report that could not be written.
func auditSources(ctx context.Context, items []batch.Item, bopts batch.Options, opts *auditOptions, process func(*audit.Report)) (*tally, error) {
	outs, err := opts.outputs()
	if err != nil {
		return nil, err
	}
	sink, ttyStream, err := openSinks(outs, bopts.Rules, opts)
	if err != nil {
		return nil, err
	}
	bar := newProgress(opts.IO, opts.Quiet, len(items))
	t := newTally(opts)
	write := func(res batch.Result) error {
		bar.clearIf(ttyStream)
		return sink.write(res)
	}
	err = batch.Run(ctx, items, bopts, func(res batch.Result) error {
		process(res.Report)
		if len(res.Report.Warnings) > 0 {
			bar.clearIf(true)
			for _, w := range res.Report.Warnings {
				fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
			}
		}
		t.add(res.Index, res.Report)
		bar.step()
		return write(res)
	})
	bar.finish()
	err = errors.Join(err, sink.close())
	return t, err
}

// sink receives the reports: add takes one report; write, when set, takes
// a batch result and keeps the order itself.
type sink struct {
	add     func(*audit.Report) error
	write   func(batch.Result) error
	close   func() error
	ordered bool // wants the reports in the sources' order
	streams bool // writes before the batch ends
}

func collect(write func([]*audit.Report) error) *sink {
	var reports []*audit.Report
	return &sink{
		add:     func(r *audit.Report) error { reports = append(reports, r); return nil },
		close:   func() error { return write(reports) },
		ordered: true,
	}
}

func noClose() error { return nil }

// progress is the bar drawn on standard error while a batch runs; the
// zero value draws nothing.
type progress struct{ bar *progressbar.ProgressBar }

// newProgress draws a bar when standard error is a terminal, unless
// --quiet or there is only one source.
func newProgress(streams *ioStreams, quiet bool, total int) progress {
	if quiet || !streams.ErrTTY || total < 2 {
		return progress{}
	}
	return progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(streams.ErrOut),
		progressbar.OptionSetDescription("auditing"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p progress) step() {
	if p.bar != nil {
		_ = p.bar.Add(1)
	}
}

// clearIf wipes the bar off the terminal before a report line is written
// to the same terminal; the next step draws it again.
func (p progress) clearIf(sameTerminal bool) {
	if p.bar != nil && sameTerminal {
		_ = p.bar.Clear()
	}
}

func (p progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// tally keeps, while the reports stream past, what the exit status
// depends on: failed sources and breached thresholds.
type tally struct {
	failOn        rules.Severity
	minScore      int
	total, failed int
	breaches      []breach
}

// breach is a threshold one report breached; index keeps the messages in
// the sources' order.
type breach struct {
	index int
	msg   string
}

func newTally(opts *auditOptions) *tally {
	t := &tally{minScore: opts.MinScore}
	if opts.FailOn != "" {
		t.failOn, _ = rules.ParseSeverity(opts.FailOn)
	}
	return t
}

func (t *tally) add(index int, r *audit.Report) {
	t.total++
	if r.Error != nil {
		t.failed++
		return
	}
	if t.minScore >= 0 && r.Score < t.minScore {
		t.breaches = append(t.breaches, breach{index, fmt.Sprintf("%s scores %d, below --min-score %d", r.Source, r.Score, t.minScore)})
	}
	if t.failOn != rules.SeverityNone {
		if n := countAtLeast(r, t.failOn); n > 0 {
			t.breaches = append(t.breaches, breach{index, fmt.Sprintf("%s has %d finding(s) at or above %s", r.Source, n, t.failOn)})
		}
	}
}

// verdict is the exit status: 3 when a source failed, 1 when a threshold
// was breached, 0 otherwise.
func (t *tally) verdict() error {
	if t.failed > 0 {
		return &exitError{code: exitSource, err: fmt.Errorf("%d of %d sources could not be audited", t.failed, t.total)}
	}
	if len(t.breaches) == 0 {
		return nil
	}
	slices.SortStableFunc(t.breaches, func(a, b breach) int { return cmp.Compare(a.index, b.index) })
	msgs := make([]string, len(t.breaches))
	for i, b := range t.breaches {
		msgs[i] = b.msg
	}
	return &exitError{code: exitThreshold, err: errors.New(strings.Join(msgs, "; "))}
}

func countAtLeast(r *audit.Report, min rules.Severity) int {
	n := 0
	for _, f := range audit.Counted(r.Findings) {
		if s, err := rules.ParseSeverity(f.Severity); err == nil && s >= min {
			n++
		}
	}
	return n
}

// Package batch audits many sources at once: a pool of workers reads,
// extracts and audits them, never more than a few requests at a time to any
// one host, and hands each report back as soon as it is ready. A source that
// cannot be read or audited becomes a failed report; the others go on.
package batch

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/source"
	"github.com/fineprint/fineprint/rules"
)

// Defaults for zero-valued Options fields.
const (
	DefaultPerHost        = 2
	maxDefaultConcurrency = 16
)

// DefaultConcurrency is twice the CPUs, at most 16: fetching waits on the
// network, auditing keeps a core busy.
func DefaultConcurrency() int {
	return min(2*runtime.NumCPU(), maxDefaultConcurrency)
}

// Options tunes a batch. Rules is required; the zero value of every other
// field works.
type Options struct {
	Rules *rules.Set
	Audit audit.Options
	// Concurrency is how many sources are read and audited at once; 0 means
	// DefaultConcurrency().
	Concurrency int
	// PerHost is how many fetches may be under way at once to one host;
	// 0 means DefaultPerHost. Files and standard input are not limited.
	PerHost int
	// Fetcher reads one source; nil means source.Read with Source. This is
	// where rendering and snapshots plug in.
	Fetcher Fetcher
	// Source configures the default fetcher.
	Source source.Options
}

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency()
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.Fetcher == nil {
		o.Fetcher = SourceFetcher(o.Source)
	}
	return o
}

// Result is the report of one item.
type Result struct {
	Index  int // the item's position in the slice given to Run
	Report *audit.Report
}

// Run audits items with a pool of workers and calls emit once per item, in
// the order the audits finish (wrap emit with InOrder for the items' order).
// emit is called from one goroutine at a time. When ctx is cancelled, the
// items not yet started are emitted as failed. Run stops at emit's first
// error and returns it.
func Run(ctx context.Context, items []Item, opts Options, emit func(Result) error) error {
	if opts.Rules == nil {
		return fmt.Errorf("batch: no rules")
	}
	opts = opts.withDefaults()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := &worker{opts: opts}
	results := make(chan Result)
	go w.runAll(ctx, items, results)
	var emitErr error
	for res := range results { // drained to the end so that no worker blocks
		if emitErr == nil {
			if emitErr = emit(res); emitErr != nil {
				cancel()
			}
		}
	}
	return emitErr
}

// worker holds what every audit of a batch shares.
type worker struct {
	opts Options
}

// job is an item handed to a worker, with the host it is fetched from.
type job struct {
	index int
	host  string
}

// runAll hands the items to a pool of goroutines, host by host as slots
// free up, and closes results when every item has a report.
func (w *worker) runAll(ctx context.Context, items []Item, results chan<- Result) {
	defer close(results)
	n := min(w.opts.Concurrency, max(len(items), 1))
	jobs := make(chan job)
	fetched := make(chan string, len(items)) // hosts whose fetch ended: room for every item, so no worker waits on it
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for j := range jobs {
				report := w.audit(ctx, items[j.index], func() { fetched <- j.host })
				results <- Result{Index: j.index, Report: report}
			}
		})
	}
	left := dispatch(ctx, newScheduler(items, w.opts.PerHost), jobs, fetched)
	close(jobs)
	wg.Wait()
	for _, i := range left {
		results <- Result{Index: i, Report: audit.Failed(items[i].Source, interrupted(ctx, items[i].Source))}
	}
}

// dispatch hands out jobs as the scheduler allows until all are out or ctx
// is done, and returns the items it did not hand out.
func dispatch(ctx context.Context, s *scheduler, jobs chan<- job, fetched <-chan string) []int {
	for s.waiting > 0 {
		var out chan<- job // nil, so never ready, while no host has a free slot
		next, ok := s.next()
		if ok {
			out = jobs
		}
		select {
		case out <- next:
			s.take()
		case host := <-fetched:
			s.done(host)
		case <-ctx.Done():
			return s.left()
		}
	}
	return nil
}

// audit reads, extracts and audits one item, calling fetchEnded as soon as
// its host is free for the next request: politeness applies to the fetch,
// not to the audit that follows.
func (w *worker) audit(ctx context.Context, it Item, fetchEnded func()) *audit.Report {
	if it.Err != nil {
		fetchEnded()
		return audit.Failed(it.Source, it.Err)
	}
	in, err := w.opts.Fetcher.Fetch(ctx, it.Source)
	fetchEnded()
	if err != nil {
		return audit.Failed(it.Source, err)
	}
	return auditInput(ctx, it.Source, in, w.opts.Rules, w.opts.Audit)
}

// interrupted is the error of a source the batch stopped before auditing.
func interrupted(ctx context.Context, src string) error {
	return fmt.Errorf("%s: not audited, the run was stopped (%w)", src, context.Cause(ctx))
}

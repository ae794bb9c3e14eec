package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/extract"
	"github.com/fineprint/fineprint/audit/source"
	"github.com/fineprint/fineprint/rules"
)

// auditSources audits every source with a pool of workers and returns one
// report per source, in the order given. A source that cannot be read gets
// a report with its error; the others go on.
func auditSources(ctx context.Context, args []string, set *rules.Set, opts *auditOptions) ([]*audit.Report, error) {
	timeout, err := time.ParseDuration(opts.Timeout)
	if err != nil || timeout <= 0 {
		return nil, fmt.Errorf("--timeout %q: want a duration such as 30s", opts.Timeout)
	}
	srcOpts := source.Options{Stdin: opts.IO.In, Timeout: timeout, MaxBytes: opts.MaxBytes, UserAgent: "fineprint/" + version() + " (+terms auditor)"}
	paths, expandErrs := source.Expand(args)
	reports := make([]*audit.Report, len(paths))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(opts.Concurrency, max(len(paths), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				reports[i] = auditOne(ctx, paths[i], set, srcOpts, opts.Lang)
			}
		}()
	}
	for i := range paths {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range expandErrs {
		reports = append(reports, audit.Failed(sourceOf(err), err))
	}
	return reports, nil
}

// auditOne reads, extracts and audits one source.
func auditOne(ctx context.Context, src string, set *rules.Set, srcOpts source.Options, lang string) *audit.Report {
	in, err := source.Read(ctx, src, srcOpts)
	if err != nil {
		return audit.Failed(src, err)
	}
	name := in.Source
	if in.FinalURL != "" {
		name = in.FinalURL
	}
	format := extract.Sniff(name, in.ContentType, in.Data)
	clauses, title, err := extract.Extract(in.Data, format)
	if err != nil {
		return audit.Failed(src, fmt.Errorf("%s: %w", src, err))
	}
	if len(clauses) == 0 {
		return audit.Failed(src, fmt.Errorf("%s: no text to audit", src))
	}
	doc := &audit.Document{
		Source: src, FinalURL: in.FinalURL, SHA256: in.SHA256, Format: format, Title: title, Clauses: clauses,
	}
	if !in.FetchedAt.IsZero() {
		doc.FetchedAt = in.FetchedAt.UTC().Format(time.RFC3339)
	}
	return audit.Audit(ctx, doc, set, audit.Options{Lang: lang})
}

// sourceOf names the argument an expansion error is about.
func sourceOf(err error) string {
	var se *source.Error
	if errors.As(err, &se) {
		return se.Source
	}
	return ""
}

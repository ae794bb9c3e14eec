package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fineprint/fineprint/audit/batch"
	"github.com/fineprint/fineprint/audit/snapshot"
	"github.com/fineprint/fineprint/audit/source"
)

// renderConcurrency bounds --render: each page starts its own Chromium.
const renderConcurrency = 2

// fetcher builds the batch's way of reading a source from the flags:
// snapshot.json files are re-audited offline, --render loads pages in
// Chromium, and --snapshot keeps the evidence of every source read.
func (o *auditOptions) fetcher(srcOpts source.Options) (batch.Fetcher, error) {
	var chrome string
	if o.Render {
		path, err := source.FindChrome(os.Getenv)
		if err != nil {
			return nil, err
		}
		chrome = path
	}
	f := &evidenceFetcher{opts: srcOpts, render: o.Render, chrome: chrome, snapshotDir: o.Snapshot, now: time.Now}
	return f, nil
}

type evidenceFetcher struct {
	opts        source.Options
	render      bool
	chrome      string
	snapshotDir string
	now         func() time.Time
}

func (f *evidenceFetcher) Fetch(ctx context.Context, src string) (*source.Input, error) {
	if filepath.Base(src) == snapshot.MetaFile {
		return snapshot.Load(src)
	}
	capture := snapshot.Capture{Source: src, ToolVersion: version(), FetchedAt: f.now().UTC()}
	var in *source.Input
	if f.render && src != "-" && !strings.HasSuffix(strings.ToLower(src), ".pdf") {
		r, err := source.Render(ctx, src, source.RenderOptions{
			ChromePath: f.chrome, Timeout: f.opts.Timeout, MaxBytes: f.opts.MaxBytes,
		})
		if err != nil {
			return nil, err
		}
		in = r.Input
		capture.Rendered = r.Data
		capture.Raw, capture.RawContentType, capture.Header = r.Raw, r.RawContentType, r.Header
	} else {
		var err error
		if in, err = source.Read(ctx, src, f.opts); err != nil {
			return nil, err
		}
		capture.Raw, capture.RawContentType, capture.Header = in.Raw, in.ContentType, in.Header
	}
	if f.snapshotDir == "" {
		return in, nil
	}
	capture.FinalURL, capture.Status = in.FinalURL, in.Status
	if !in.FetchedAt.IsZero() {
		capture.FetchedAt = in.FetchedAt
	}
	if _, err := snapshot.Save(f.snapshotDir, capture); err != nil {
		return nil, &source.Error{Source: src, Err: err}
	}
	return in, nil
}

package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/fineprint/fineprint/audit/batch"
)

func testStreams(errTTY bool) (*ioStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &ioStreams{
		In: strings.NewReader(""), Out: &out, ErrOut: &errOut, ErrTTY: errTTY,
		Getenv: func(string) string { return "" },
	}, &out, &errOut
}

// parseAudit runs the audit command's flag parsing only.
func parseAudit(t *testing.T, args ...string) *auditOptions {
	t.Helper()
	io, _, _ := testStreams(false)
	var got *auditOptions
	cmd := newAuditCmd(io, func(_ context.Context, o *auditOptions) error { got = o; return nil })
	cmd.SetArgs(args)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestBatchFlags: the batch flags' defaults, and their values when given.
func TestBatchFlags(t *testing.T) {
	o := parseAudit(t, "a.md")
	if o.Concurrency != batch.DefaultConcurrency() || o.PerHost != 2 || o.Format != "text" {
		t.Errorf("defaults: concurrency %d per-host %d format %s", o.Concurrency, o.PerHost, o.Format)
	}
	o = parseAudit(t, "--concurrency", "9", "--per-host", "1", "--format", "jsonl", "--from-file", "list.txt")
	if o.Concurrency != 9 || o.PerHost != 1 || o.Format != "jsonl" || o.FromFile != "list.txt" {
		t.Errorf("given: %+v", o)
	}
}

// TestProgressBar: a bar on a terminal's stderr, cleared at the end; none
// with --quiet; the report itself is unaffected.
func TestProgressBar(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		io, out, errOut := testStreams(true)
		opts := &auditOptions{
			IO: io, Sources: []string{"../../testdata/offers"}, Format: "csv", Lang: "auto", Color: "never",
			MinScore: -1, Concurrency: 2, PerHost: 2, MaxBytes: 1 << 20, Timeout: "5s", Quiet: quiet,
		}
		if err := auditRun(context.Background(), opts); err != nil {
			t.Fatalf("quiet=%v: %v", quiet, err)
		}
		if n := strings.Count(out.String(), "\n"); n != 7 {
			t.Errorf("quiet=%v: %d CSV lines, want a header and 6 documents", quiet, n)
		}
		drawn := strings.Contains(errOut.String(), "auditing")
		if drawn == quiet {
			t.Errorf("quiet=%v: progress bar drawn=%v; stderr %q", quiet, drawn, errOut.String())
		}
	}
}

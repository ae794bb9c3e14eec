package batch

import (
	"context"
	"fmt"
	"time"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/extract"
	"github.com/fineprint/fineprint/audit/source"
	"github.com/fineprint/fineprint/rules"
)

// auditInput extracts the clauses of a source's bytes and audits them.
func auditInput(ctx context.Context, src string, in *source.Input, set *rules.Set, opts audit.Options) *audit.Report {
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
	return audit.Audit(ctx, doc, set, opts)
}

package batch

import (
	"context"
	"net/url"
	"strings"

	"github.com/fineprint/fineprint/audit/source"
)

// Fetcher reads one source into an Input. Rendering (--render) and
// evidence snapshots (--snapshot) are Fetchers that replace or wrap the
// default one.
type Fetcher interface {
	Fetch(ctx context.Context, src string) (*source.Input, error)
}

// FetchFunc adapts a function to a Fetcher.
type FetchFunc func(ctx context.Context, src string) (*source.Input, error)

// Fetch calls f.
func (f FetchFunc) Fetch(ctx context.Context, src string) (*source.Input, error) { return f(ctx, src) }

// SourceFetcher reads files, standard input and URLs with source.Read.
func SourceFetcher(opts source.Options) Fetcher {
	return FetchFunc(func(ctx context.Context, src string) (*source.Input, error) {
		return source.Read(ctx, src, opts)
	})
}

// hostOf is the host a source is fetched from, lower-cased and without the
// port; "" for files and standard input.
func hostOf(src string) string {
	lower := strings.ToLower(src)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return ""
	}
	u, err := url.Parse(src)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

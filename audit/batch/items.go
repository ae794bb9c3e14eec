package batch

import (
	"bufio"
	"errors"
	"io"
	"strings"

	"github.com/fineprint/fineprint/audit/source"
)

// Item is one source to audit, or an argument that could not be expanded
// (Err set), kept in its place so the reports follow the arguments' order.
type Item struct {
	Source string
	Err    error
}

// Expand turns arguments into items, in order: a directory becomes the
// documents found in it; a missing path or an empty directory becomes an
// item with its error.
func Expand(args []string) []Item {
	var items []Item
	for _, arg := range args {
		found, errs := source.Expand([]string{arg})
		for _, src := range found {
			items = append(items, Item{Source: src})
		}
		for _, err := range errs {
			items = append(items, Item{Source: sourceOf(err, arg), Err: err})
		}
	}
	return items
}

// sourceOf names the path an expansion error is about.
func sourceOf(err error, arg string) string {
	var se *source.Error
	if errors.As(err, &se) && se.Source != "" {
		return se.Source
	}
	return arg
}

// ReadList reads a list of sources, one a line; blank lines and lines
// starting with # are skipped.
func ReadList(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

// InOrder wraps emit so that it receives results in index order, holding
// back those that finish early. The indexes must be 0..n-1, each once.
func InOrder(emit func(Result) error) func(Result) error {
	next := 0
	pending := map[int]Result{}
	return func(r Result) error {
		pending[r.Index] = r
		for {
			p, ok := pending[next]
			if !ok {
				return nil
			}
			delete(pending, next)
			next++
			if err := emit(p); err != nil {
				return err
			}
		}
	}
}

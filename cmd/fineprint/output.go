package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/fineprint/fineprint/audit"
	"github.com/fineprint/fineprint/audit/batch"
	"github.com/fineprint/fineprint/audit/report"
	"github.com/fineprint/fineprint/rules"
)

var formats = []string{"text", "json", "jsonl", "csv", "sarif", "markdown", "html"}

// output is one report to write: a format and where ("-" is standard
// output).
type output struct{ format, path string }

// outputs reads --output: each value is PATH (in the --format) or
// FORMAT=PATH, repeatable, so one run can print text on the terminal and
// write SARIF and HTML to files. Without --output, the --format goes to
// standard output.
func (o *auditOptions) outputs() ([]output, error) {
	if !slices.Contains(formats, o.Format) {
		return nil, fmt.Errorf("--format %q: want one of %s", o.Format, strings.Join(formats, ", "))
	}
	if len(o.Outputs) == 0 {
		return []output{{o.Format, "-"}}, nil
	}
	var outs []output
	stdout := 0
	for _, v := range o.Outputs {
		out := output{o.Format, v}
		if f, p, ok := strings.Cut(v, "="); ok && isWord(f) {
			if !slices.Contains(formats, f) {
				return nil, fmt.Errorf("--output %q: unknown format %q (want one of %s)", v, f, strings.Join(formats, ", "))
			}
			out = output{f, p}
		}
		if out.path == "" {
			return nil, fmt.Errorf("--output %q: want PATH or FORMAT=PATH (FORMAT one of %s)", v, strings.Join(formats, ", "))
		}
		if out.path == "-" {
			stdout++
		}
		outs = append(outs, out)
	}
	if stdout > 1 {
		return nil, errors.New("--output: only one report can go to standard output (-)")
	}
	return outs, nil
}

// openSinks opens every output; close closes them all.
func openSinks(outs []output, set *rules.Set, opts *auditOptions) (*sink, bool, error) {
	var sinks []*sink
	ttyStream := false
	for _, out := range outs {
		w, tty, closeOut, err := openOutput(out.path, opts)
		if err == nil {
			var s *sink
			if s, err = newSink(w, tty, out.format, set, opts); err == nil {
				s.close = joinClose(s.close, closeOut)
				sinks = append(sinks, s)
				ttyStream = ttyStream || s.streams && tty
				continue
			}
			closeOut()
		}
		for _, s := range sinks {
			s.close()
		}
		return nil, false, err
	}
	return fanOut(sinks), ttyStream, nil
}

// openOutput is where one report goes: a file, or standard output.
func openOutput(path string, opts *auditOptions) (w io.Writer, tty bool, closeOut func() error, err error) {
	if path == "-" {
		return opts.IO.Out, opts.IO.OutTTY, noClose, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, false, nil, fmt.Errorf("--output: %w", err)
	}
	return f, false, f.Close, nil
}

// newSink writes reports in one format.
func newSink(w io.Writer, tty bool, format string, set *rules.Set, opts *auditOptions) (*sink, error) {
	tool := report.Tool{Name: "fineprint", Version: version()}
	switch format {
	case "jsonl":
		return &sink{add: report.NewJSONL(w, tool).Write, close: noClose, streams: true}, nil
	case "csv":
		c, err := report.NewCSV(w)
		if err != nil {
			return nil, err
		}
		return &sink{add: c.Write, close: noClose, ordered: true, streams: true}, nil
	case "json":
		return collect(func(rs []*audit.Report) error { return report.JSON(w, rs, tool) }), nil
	case "sarif":
		return collect(func(rs []*audit.Report) error { return report.SARIF(w, rs, set, tool) }), nil
	case "markdown":
		return collect(func(rs []*audit.Report) error { return report.Markdown(w, rs, tool) }), nil
	case "html":
		return collect(func(rs []*audit.Report) error { return report.HTML(w, rs, tool) }), nil
	default:
		palette := report.NewPalette(opts.IO.colorEnabled(opts.Color, tty))
		return collect(func(rs []*audit.Report) error { return report.Text(w, rs, palette) }), nil
	}
}

// fanOut sends every report to each sink, in the sources' order to those
// that want it.
func fanOut(sinks []*sink) *sink {
	writers := make([]func(batch.Result) error, len(sinks))
	streams := false
	for i, s := range sinks {
		add := s.add
		writers[i] = func(res batch.Result) error { return add(res.Report) }
		if s.ordered {
			writers[i] = batch.InOrder(writers[i])
		}
		streams = streams || s.streams
	}
	return &sink{
		streams: streams,
		write: func(res batch.Result) error {
			var errs []error
			for _, w := range writers {
				errs = append(errs, w(res))
			}
			return errors.Join(errs...)
		},
		close: func() error {
			var errs []error
			for _, s := range sinks {
				errs = append(errs, s.close())
			}
			return errors.Join(errs...)
		},
	}
}

func joinClose(a, b func() error) func() error {
	return func() error { return errors.Join(a(), b()) }
}

// isWord reports a lower-case word: what stands before "=" in FORMAT=PATH.
func isWord(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return s != ""
}

package report

import (
	"encoding/json"
	"io"

	"github.com/fineprint/fineprint/audit"
)

// JSONLWriter streams reports as JSON Lines: one compact fineprint/report/v1
// object per line, each holding a single document, written as soon as the
// document is given.
type JSONLWriter struct {
	enc  *json.Encoder
	tool Tool
}

// NewJSONL returns a writer of JSON Lines reports to w.
func NewJSONL(w io.Writer, tool Tool) *JSONLWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &JSONLWriter{enc: enc, tool: tool}
}

// Write writes one report as one line, in a single Write to the underlying
// writer, so that a reader of the stream never sees half a line.
func (j *JSONLWriter) Write(r *audit.Report) error {
	return j.enc.Encode(jsonReport{Schema: Schema, Tool: j.tool, Documents: []*audit.Report{r}})
}

// JSONL writes the reports as JSON Lines, one line per report.
func JSONL(w io.Writer, reports []*audit.Report, tool Tool) error {
	jw := NewJSONL(w, tool)
	for _, r := range reports {
		if err := jw.Write(r); err != nil {
			return err
		}
	}
	return nil
}

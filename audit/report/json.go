// Package report renders audit reports: one file per format, each tested
// against golden files.
package report

import (
	"encoding/json"
	"io"

	"github.com/fineprint/fineprint/audit"
)

// Schema is the JSON report's schema identifier.
const Schema = "fineprint/report/v1"

// Tool names the program that wrote a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonReport struct {
	Schema    string          `json:"schema"`
	Tool      Tool            `json:"tool"`
	Documents []*audit.Report `json:"documents"`
}

// JSON writes the reports as one fineprint/report/v1 document, indented,
// byte-identical for identical input.
func JSON(w io.Writer, reports []*audit.Report, tool Tool) error {
	if reports == nil {
		reports = []*audit.Report{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonReport{Schema: Schema, Tool: tool, Documents: reports})
}

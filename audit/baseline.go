package audit

import (
	"encoding/json"
	"fmt"
	"io"
)

// ReportSchema names the JSON report format a baseline must be written in.
const ReportSchema = "fineprint/report/v1"

// Baseline is a previous JSON report: its findings are accepted, so that
// only new ones count. It is a Processor.
type Baseline struct {
	name         string
	fingerprints map[string]map[string]bool // source → fingerprints
}

// baselineReport is the part of a JSON report a baseline reads.
type baselineReport struct {
	Schema    string `json:"schema"`
	Documents []struct {
		Source   string `json:"source"`
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	} `json:"documents"`
}

// ReadBaseline reads a fineprint JSON report; name (its path) is quoted in
// errors and in the justification of the findings it suppresses.
func ReadBaseline(name string, r io.Reader) (*Baseline, error) {
	var rep baselineReport
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return nil, fmt.Errorf("baseline %s: not a fineprint JSON report: %w", name, err)
	}
	if rep.Schema != ReportSchema {
		return nil, fmt.Errorf("baseline %s: schema %q, want %q (write it with fineprint audit --format json)", name, rep.Schema, ReportSchema)
	}
	b := &Baseline{name: name, fingerprints: map[string]map[string]bool{}}
	for _, d := range rep.Documents {
		set := b.fingerprints[d.Source]
		if set == nil {
			set = map[string]bool{}
			b.fingerprints[d.Source] = set
		}
		for _, f := range d.Findings {
			set[f.Fingerprint] = true
		}
	}
	return b, nil
}

// Process suppresses the findings of r whose fingerprint the baseline has
// for the same source.
func (b *Baseline) Process(r *Report) {
	known := b.fingerprints[r.Source]
	for i := range r.Findings {
		if known[r.Findings[i].Fingerprint] {
			suppress(&r.Findings[i], SuppressedByBaseline, "in baseline "+b.name)
		}
	}
}

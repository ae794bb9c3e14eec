package audit

import (
	"fmt"
	"slices"
)

// Suppression says why a finding does not count: it stays in the report,
// but not in the score nor in the --fail-on and --min-score thresholds.
type Suppression struct {
	Kind          string `json:"kind"` // SuppressedInSource, SuppressedByBaseline or SuppressedByConfig
	Justification string `json:"justification"`
}

// Kinds of suppression, in the order they are applied: a finding keeps the
// first one that applies.
const (
	SuppressedInSource   = "inSource" // a fineprint-ignore comment in the document
	SuppressedByConfig   = "config"   // an `ignore` entry of .fineprint.yaml
	SuppressedByBaseline = "baseline" // the finding is in the --baseline report
)

// Processor changes a report after the audit: it may suppress findings.
type Processor interface {
	Process(r *Report)
}

// Process runs the processors over r in order, then scores r again so that
// the findings they suppressed no longer count.
func Process(r *Report, ps ...Processor) {
	if r.Error != nil || len(ps) == 0 {
		return
	}
	for _, p := range ps {
		p.Process(r)
	}
	Score(r)
}

// Counted returns the findings that count toward the score and the
// thresholds: those not suppressed.
func Counted(fs []Finding) []Finding {
	if !slices.ContainsFunc(fs, func(f Finding) bool { return f.Suppressed != nil }) {
		return fs
	}
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		if f.Suppressed == nil {
			out = append(out, f)
		}
	}
	return out
}

// suppress marks f with s unless it is suppressed already.
func suppress(f *Finding, kind, justification string) {
	if f.Suppressed == nil {
		f.Suppressed = &Suppression{Kind: kind, Justification: justification}
	}
}

// suppressInSource applies the fineprint-ignore comments of the clauses to
// their findings and returns warnings about comments that cannot apply: no
// rule, an unknown rule, or no reason (then nothing is suppressed). known
// says whether a rule id exists.
func suppressInSource(r *Report, clauses []Clause, known func(id string) bool) {
	for i := range r.Findings {
		f := &r.Findings[i]
		for _, ig := range clauses[f.clause].Ignore {
			if ig.Rule == f.Rule && ig.Reason != "" {
				suppress(f, SuppressedInSource, ig.Reason)
			}
		}
	}
	r.Warnings = append(r.Warnings, ignoreWarnings(r.Source, clauses, known)...)
}

// ignoreWarnings describes each faulty comment once, though it applies to
// every clause of its block.
func ignoreWarnings(source string, clauses []Clause, known func(id string) bool) []string {
	var out []string
	seen := map[Ignore]bool{}
	for _, c := range clauses {
		for _, ig := range c.Ignore {
			if seen[ig] {
				continue
			}
			seen[ig] = true
			if msg := ignoreProblem(ig, known); msg != "" {
				out = append(out, fmt.Sprintf("%s:%d: %s", source, ig.Line, msg))
			}
		}
	}
	return out
}

func ignoreProblem(ig Ignore, known func(id string) bool) string {
	switch {
	case ig.Rule == "":
		return "fineprint-ignore names no rule (write <!-- fineprint-ignore RULE-ID: reason -->)"
	case !known(ig.Rule):
		return fmt.Sprintf("fineprint-ignore %s: no such rule in the rule set (unknown, or disabled by the configuration)", ig.Rule)
	case ig.Reason == "":
		return fmt.Sprintf("fineprint-ignore %s has no reason, so the finding is not suppressed (write <!-- fineprint-ignore %s: reason -->)", ig.Rule, ig.Rule)
	}
	return ""
}

// Waiver suppresses a rule's findings in the sources it applies to: the
// `ignore` entries of the configuration.
type Waiver struct {
	Rule   string
	Reason string
	// Applies reports whether the waiver covers a source; nil covers all.
	Applies func(source string) bool
}

// Waivers is a Processor that applies waivers.
type Waivers []Waiver

// Process suppresses the findings the waivers cover.
func (ws Waivers) Process(r *Report) {
	for _, w := range ws {
		if w.Applies != nil && !w.Applies(r.Source) {
			continue
		}
		for i := range r.Findings {
			if r.Findings[i].Rule == w.Rule {
				suppress(&r.Findings[i], SuppressedByConfig, w.Reason)
			}
		}
	}
}

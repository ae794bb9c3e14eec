package report

import (
	"io"
	"strings"

	"github.com/fineprint/fineprint/rules"
)

// RuleText writes a rule as `fineprint rules show` prints it: kind and
// severity, where it is defined, then per language its title,
// explanation, law, fix, patterns, vetoes and examples, and for a
// compound rule what it combines.
func RuleText(w io.Writer, r *rules.Rule) error {
	ew := &errWriter{w: w}
	switch r.Kind {
	case rules.KindSubject:
		ew.printf("%s  (%s, %s)\n", r.ID, r.Category, r.Kind)
	case rules.KindSignal:
		ew.printf("%s  (%s, %s, +%d)\n", r.ID, r.Category, r.Kind, r.Bonus)
	default:
		ew.printf("%s  (%s, %s, %s)\n", r.ID, r.Category, r.Kind, r.Severity)
	}
	if r.OfferSeverity > r.Severity {
		ew.printf("  %s in documents with a reward context\n", r.OfferSeverity)
	}
	if r.Fallback {
		ew.printf("  a fallback: left out of a clause where another finding of its category stands\n")
	}
	if r.DocumentPercent > 0 {
		ew.printf("  holds for the whole document when found in at least %d %% of its clauses (and in 3)\n", r.DocumentPercent)
	}
	ew.printf("defined at %s:%d\n", r.File, r.Line)
	for _, lang := range rules.Languages {
		ew.printf("\n[%s] %s\n", lang, r.Title[lang])
		ew.printf("  Why: %s\n", r.Explanation[lang])
		if l := r.Legal[lang]; len(l) > 0 {
			ew.printf("  Law: %s\n", strings.Join(l, "; "))
		}
		if r.Fix[lang] != "" {
			ew.printf("  Fix: %s\n", r.Fix[lang])
		}
		for _, p := range r.Patterns[lang] {
			ew.printf("  Pattern (within %d words%s):\n", p.Within, map[bool]string{true: ", in order"}[p.Ordered])
			for _, g := range p.All {
				ew.printf("    - %s\n", strings.Join(g, " | "))
			}
			if len(p.Denied) > 0 {
				ew.printf("    - denied (said with a negation): %s\n", strings.Join(p.Denied, " | "))
			}
		}
		if u := r.Unless[lang]; len(u) > 0 {
			ew.printf("  Unless: %s\n", strings.Join(u, " | "))
		}
		ex := r.Examples[lang]
		// An example of several lines is a small document: its lines
		// are indented under the mark.
		for _, s := range ex.Match {
			ew.printf("  ✓ %s\n", strings.ReplaceAll(s, "\n", "\n    "))
		}
		for _, s := range ex.NoMatch {
			ew.printf("  ✗ %s\n", strings.ReplaceAll(s, "\n", "\n    "))
		}
	}
	if c := r.Compound; c != nil {
		ew.printf("\nFires when, in one %s", c.Scope)
		if c.Context != "" {
			ew.printf(" of a document with a %s context", c.Context)
		}
		ew.printf(", all of these fire:\n")
		for _, alts := range c.All {
			named := make([]string, len(alts))
			for i, a := range alts {
				named[i] = a
				if id, ok := rules.PartDocument(a); ok {
					named[i] = id + " (held by the whole document)"
				}
			}
			ew.printf("  - %s\n", strings.Join(named, " or "))
		}
	}
	return ew.err
}

// Package rules holds fineprint's rule packs and the engine that matches
// them: rules are YAML data (the built-in packs are embedded), loaded and
// validated with errors that name file, line and field, compiled into one
// multi-pattern automaton over normalised tokens, and matched clause by
// clause.
package rules

import (
	"fmt"
	"slices"
	"strings"
)

// Severity ranks how much a finding puts the user at risk.
type Severity int

// Severities, from least to most serious.
const (
	SeverityNone Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = []string{"", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads "low", "medium", "high" or "critical".
func ParseSeverity(s string) (Severity, error) {
	if i := slices.Index(severityNames, strings.ToLower(strings.TrimSpace(s))); i > 0 {
		return Severity(i), nil
	}
	return SeverityNone, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
}

// Kind says what a rule reports.
type Kind string

// Rule kinds.
const (
	KindRisk     Kind = "risk"     // a clause that puts the user at risk
	KindSignal   Kind = "signal"   // a good practice, reported and worth a bonus
	KindCompound Kind = "compound" // a combination of other rules' findings
	// KindSubject marks what a clause is about ("children", "minors"): it is
	// neither reported nor scored, and only feeds compound rules.
	KindSubject Kind = "subject"
)

// InheritCategory, as a compound rule's category, gives each of its
// findings the category of the rule at its first part: a combination that
// aggravates several kinds of clause ("no effective remedy": arbitration,
// or foreign courts, or a class-action ban, with a liability cap) is
// reported as an aggravation of the clause it quotes.
const InheritCategory = "inherit"

// CategoryRef is the prefix of a compound part that names a whole category:
// "category:data-sharing" is satisfied by a finding of any risk rule of
// that category.
const CategoryRef = "category:"

// PartCategory returns the category a compound part names, if it names
// one ("category:profiling") rather than a rule id.
func PartCategory(part string) (string, bool) { return strings.CutPrefix(part, CategoryRef) }

// DocumentRef is the prefix of a compound part that names a subject held by
// the whole document (see Rule.DocumentPercent): "document:subject-minors"
// is satisfied in any clause of a document about minors. A plain rule id
// is satisfied only by the clauses where the rule itself fired.
const DocumentRef = "document:"

// PartDocument returns the subject a compound part names for the whole
// document, if it names one ("document:subject-minors").
func PartDocument(part string) (string, bool) { return strings.CutPrefix(part, DocumentRef) }

// Languages the built-in packs cover.
var Languages = []string{"en", "fr"}

// Categories are the DESIGN's risk categories; every rule belongs to one.
var Categories = []string{
	"data-grant", "image-rights", "consent", "data-sharing", "retention", "transfer",
	"profiling", "sensitive-data", "children", "tracking", "user-rights",
	"unilateral-change", "termination", "content-removal", "liability", "indemnity",
	"arbitration", "class-action", "jurisdiction", "choice-of-law", "contract-by-use",
	"reward", "consumer-rights",
}

// Text is a piece of prose in each language, keyed by language code.
type Text map[string]string

// In returns the text in lang, falling back to English.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t["en"]
}

// Rule is one entry of a rule pack.
type Rule struct {
	ID       string
	Category string
	Kind     Kind
	Severity Severity
	// OfferSeverity, when set, replaces Severity in documents with a reward
	// context (referral programmes, sweepstakes, promotions).
	OfferSeverity Severity
	Blocker       bool // compound rules only: caps the grade at E
	// Fallback marks a broad rule that states a category's general meaning:
	// its finding is left out of a clause where a more specific rule of
	// the same category fired, so one risk is not reported twice.
	Fallback bool
	Bonus    int // signals only: points given back
	// DocumentPercent, for subjects only, makes the subject hold for the
	// whole document when it is found in at least this percentage of its
	// clauses (and in at least 3): in a children's app, "players" are
	// children.
	DocumentPercent int
	// Direction "user-grants" fires the rule only when the user is the one
	// granting rights (not "we grant you a licence").
	Direction string
	Negation  bool // a negated trigger ("we never sell") does not fire

	Title       Text
	Explanation Text
	Fix         Text
	Legal       map[string][]string

	Patterns map[string][]Pattern // by language
	Unless   map[string][]string  // phrases that veto the rule in a clause
	Compound *Compound
	Examples map[string]Examples

	File string // where the rule was defined
	Line int
}

// Pattern fires when every group has a phrase in the clause, all of them
// within Within tokens (and in order, when Ordered). Denied, when set, is
// one more group that only a negated phrase matches: what the clause
// refuses the user ("shall not give rise to any refund", « aucun droit de
// rétractation »), whatever the words of the negation.
type Pattern struct {
	All     [][]string
	Denied  []string
	Within  int
	Ordered bool
}

// Compound describes a combination rule: it fires when, within Scope, each
// entry of All is satisfied by a finding of one of the rule ids it lists,
// or of a risk rule of a category it names ("category:profiling").
type Compound struct {
	Scope   string // clause, block, section or document
	All     [][]string
	Context string // "reward": only in documents with a reward context
}

// Examples are texts a rule must and must not fire on.
type Examples struct {
	Match   []string
	NoMatch []string
}

// LegalIn returns the legal basis in lang, falling back to English.
func (r *Rule) LegalIn(lang string) []string {
	if l, ok := r.Legal[lang]; ok && len(l) > 0 {
		return l
	}
	return r.Legal["en"]
}

// SeverityFor returns the rule's severity, raised in a reward context.
func (r *Rule) SeverityFor(reward bool) Severity {
	if reward && r.OfferSeverity > r.Severity {
		return r.OfferSeverity
	}
	return r.Severity
}

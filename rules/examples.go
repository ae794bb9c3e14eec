package rules

import (
	"slices"
	"strings"
)

// ExampleFailure is a rule example that did not behave as stated.
type ExampleFailure struct {
	Rule      *Rule
	Lang      string
	Text      string
	WantMatch bool // the example should have fired the rule
}

// Fired is a finding as compound rules see it: which rule fired where.
// Category is set for risk rules only, which alone satisfy a
// "category:" part.
type Fired struct {
	Rule     string
	Category string
	Clause   int
	Block    int
	Section  string
	// Document marks a subject that holds for the whole document (see
	// Rule.DocumentPercent): it is in the scope of every compound, but
	// never where a compound's finding is placed.
	Document bool
}

// minDocumentClauses is the fewest clauses a subject must be found in to
// be the subject of the whole document, however short the document.
const minDocumentClauses = 3

// DocumentSubjects returns, for each subject rule with a DocumentPercent
// that fired in at least that share of a document's clauses (and in at
// least minDocumentClauses of them), a Fired that holds for the whole
// document: a children's game whose clauses keep naming "children" is
// about children even where a clause says only "players".
func (s *Set) DocumentSubjects(fired []Fired, clauses int) []Fired {
	if clauses == 0 {
		return nil
	}
	var out []Fired
	for _, r := range s.Rules {
		if r.Kind != KindSubject || r.DocumentPercent == 0 {
			continue
		}
		n, last := 0, -1
		for _, f := range fired {
			if f.Rule == r.ID && !f.Document && f.Clause != last {
				n, last = n+1, f.Clause
			}
		}
		if n >= minDocumentClauses && n*100 >= r.DocumentPercent*clauses {
			out = append(out, Fired{Rule: r.ID, Clause: -1, Block: -1, Document: true})
		}
	}
	return out
}

// CompoundHit is a compound rule satisfied by some fired rules.
type CompoundHit struct {
	Rule  *Rule
	Parts []int // indexes into the fired slice
	// At is the part where the finding is placed: the first one found in
	// a clause rather than held by the whole document.
	At int
}

// Compounds evaluates the compound rules over what fired in a document. A
// fallback compound's hit is left out of a clause where another finding of
// its category stands.
func (s *Set) Compounds(fired []Fired, reward bool) []CompoundHit {
	var out []CompoundHit
	// What fired is grouped by scope once per kind of scope, so that each
	// scope is searched alone: a long document fires thousands of times.
	var whole []int // subjects held by the whole document
	for i, f := range fired {
		if f.Document {
			whole = append(whole, i)
		}
	}
	groups := map[string][][]int{}
	for _, r := range s.Rules {
		c := r.Compound
		if c == nil || c.Context == "reward" && !reward {
			continue
		}
		scopes, ok := groups[c.Scope]
		if !ok {
			scopes = groupByScope(fired, c.Scope)
			groups[c.Scope] = scopes
		}
		for _, in := range scopes {
			parts, ok := satisfied(c, fired, in, whole)
			if !ok {
				continue
			}
			if at := slices.IndexFunc(parts, func(p int) bool { return !fired[p].Document }); at >= 0 {
				out = append(out, CompoundHit{Rule: r, Parts: parts, At: parts[at]})
			}
		}
	}
	return s.dropCovered(out, fired)
}

// dropCovered leaves out the hits of fallback compounds placed in a clause
// where another finding of their category stands, a risk rule's or a
// compound's that is not a fallback: that finding says it better.
func (s *Set) dropCovered(hits []CompoundHit, fired []Fired) []CompoundHit {
	type at struct {
		clause   int
		category string
	}
	found := map[at]bool{}
	for _, f := range fired {
		if !f.Document && f.Category != "" {
			found[at{f.Clause, f.Category}] = true
		}
	}
	for _, h := range hits {
		if !h.Rule.Fallback {
			found[at{fired[h.At].Clause, s.hitCategory(h, fired)}] = true
		}
	}
	var kept []CompoundHit
	for _, h := range hits {
		if !h.Rule.Fallback || !found[at{fired[h.At].Clause, s.hitCategory(h, fired)}] {
			kept = append(kept, h)
		}
	}
	return kept
}

// hitCategory is the category of a compound's finding: its rule's, or, for
// category: inherit, the category of the rule where it is placed.
func (s *Set) hitCategory(h CompoundHit, fired []Fired) string {
	if h.Rule.Category != InheritCategory {
		return h.Rule.Category
	}
	if r := s.Rule(fired[h.At].Rule); r != nil {
		return r.Category
	}
	return ""
}

// groupByScope lists the indexes of what fired (but the subjects held by
// the whole document) scope by scope, in the order the scopes first fired.
func groupByScope(fired []Fired, scope string) [][]int {
	var out [][]int
	index := map[Fired]int{}
	for i, f := range fired {
		if f.Document {
			continue
		}
		key := scopeKey(f, scope)
		k, ok := index[key]
		if !ok {
			k = len(out)
			index[key] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}

// scopeKey keeps the fields of f that define its scope.
func scopeKey(f Fired, scope string) Fired {
	switch scope {
	case "clause":
		return Fired{Clause: f.Clause}
	case "block":
		return Fired{Block: f.Block}
	case "section":
		return Fired{Section: f.Section}
	}
	return Fired{}
}

// satisfied finds, for each entry of c, the first of the fired rules in
// one scope (in, in firing order) that satisfies it, or else a subject held
// by the whole document.
func satisfied(c *Compound, fired []Fired, in, whole []int) ([]int, bool) {
	var parts []int
	for _, alts := range c.All {
		found := -1
		for _, list := range [2][]int{in, whole} {
			for _, i := range list {
				if fired[i].satisfies(alts) {
					found = i
					break
				}
			}
			if found >= 0 {
				break
			}
		}
		if found < 0 {
			return nil, false
		}
		parts = append(parts, found)
	}
	return parts, true
}

// satisfies reports whether f is one of the alternatives of a compound
// part: a rule id, the category of a risk rule, or, for a subject held by
// the whole document, "document:" and its id.
func (f Fired) satisfies(alts []string) bool {
	for _, a := range alts {
		if f.Document {
			if id, ok := PartDocument(a); ok && id == f.Rule {
				return true
			}
			continue
		}
		if a == f.Rule {
			return true
		}
		if cat, ok := PartCategory(a); ok && cat == f.Category && f.Category != "" {
			return true
		}
	}
	return false
}

// TestExamples runs every rule's examples and returns those that fail.
// Each example is matched as one clause; a compound rule's examples are
// matched in a reward context.
func (s *Set) TestExamples() []ExampleFailure {
	m := s.NewMatcher()
	var out []ExampleFailure
	for _, r := range s.Rules {
		for _, lang := range Languages {
			ex := r.Examples[lang]
			for _, text := range ex.Match {
				if !s.fires(m, r, text, lang) {
					out = append(out, ExampleFailure{Rule: r, Lang: lang, Text: text, WantMatch: true})
				}
			}
			for _, text := range ex.NoMatch {
				if s.fires(m, r, text, lang) {
					out = append(out, ExampleFailure{Rule: r, Lang: lang, Text: text})
				}
			}
		}
	}
	return out
}

// Fired describes a firing of r for compound rules; callers add where.
func (r *Rule) Fired() Fired {
	f := Fired{Rule: r.ID}
	if r.Kind == KindRisk {
		f.Category = r.Category
	}
	return f
}

// fires reports whether r fires on text taken as one clause or, when text
// has several lines, as a document of one clause per line, so that a
// compound's examples can show a subject held by the whole document.
func (s *Set) fires(m *Matcher, r *Rule, text, lang string) bool {
	var fired []Fired
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		for _, mt := range m.Match(line, lang) {
			if mt.Rule == r {
				return true
			}
			f := mt.Rule.Fired()
			f.Clause, f.Block = i, i
			fired = append(fired, f)
		}
	}
	if r.Compound == nil {
		return false
	}
	fired = append(fired, s.DocumentSubjects(fired, len(lines))...)
	for _, h := range s.Compounds(fired, true) {
		if h.Rule == r {
			return true
		}
	}
	return false
}

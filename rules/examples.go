package rules

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
}

// CompoundHit is a compound rule satisfied by some fired rules.
type CompoundHit struct {
	Rule  *Rule
	Parts []int // indexes into the fired slice
}

// Compounds evaluates the compound rules over what fired in a document.
func (s *Set) Compounds(fired []Fired, reward bool) []CompoundHit {
	var out []CompoundHit
	for _, r := range s.Rules {
		c := r.Compound
		if c == nil || c.Context == "reward" && !reward {
			continue
		}
		seen := map[Fired]bool{}
		for i, f := range fired {
			key := scopeKey(f, c.Scope)
			if seen[key] {
				continue
			}
			seen[key] = true
			if parts, ok := satisfied(c, fired, key, i); ok {
				out = append(out, CompoundHit{Rule: r, Parts: parts})
			}
		}
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

func satisfied(c *Compound, fired []Fired, key Fired, from int) ([]int, bool) {
	var parts []int
	for _, alts := range c.All {
		found := -1
		for i := from; i < len(fired) && found < 0; i++ {
			if scopeKey(fired[i], c.Scope) == key && fired[i].satisfies(alts) {
				found = i
			}
		}
		for i := 0; i < from && found < 0; i++ {
			if scopeKey(fired[i], c.Scope) == key && fired[i].satisfies(alts) {
				found = i
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
// part: a rule id, or the category of a risk rule.
func (f Fired) satisfies(alts []string) bool {
	for _, a := range alts {
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

// fires reports whether r fires on text taken as one clause.
func (s *Set) fires(m *Matcher, r *Rule, text, lang string) bool {
	var fired []Fired
	for _, mt := range m.Match(text, lang) {
		if mt.Rule == r {
			return true
		}
		fired = append(fired, mt.Rule.Fired())
	}
	if r.Compound == nil {
		return false
	}
	for _, h := range s.Compounds(fired, true) {
		if h.Rule == r {
			return true
		}
	}
	return false
}

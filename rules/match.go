package rules

import "slices"

// Span is a byte range of a clause's text.
type Span struct{ Start, End int }

// Match is a rule firing on a clause: the rule and the words that
// triggered it, in text order.
type Match struct {
	Rule  *Rule
	Spans []Span
}

// hit is one phrase of a list found in the clause, in token positions.
type hit struct {
	from, to int32 // first and last token, inclusive
}

// Matcher matches clauses against a Set. It keeps scratch buffers, so use
// one per goroutine.
type Matcher struct {
	set     *Set
	z       Tokenizer
	toks    []Token
	roles   []wordRole // per token
	neg     []uint8    // per token: 0 not yet known, 1 asserted, 2 negated
	syms    []int32
	active  []int32 // automaton states alive after the previous token
	starts  []int32 // the token each active state started at
	next    []int32
	nstarts []int32
	hits    [][]hit // per list
	touched []int32
	seen    []uint32 // per rule: stamp of the clause it became a candidate in
	cands   []int32  // rules with a pattern whose lists all have hits
	lang    string
	patSeen []uint32 // per pattern: stamp of the clause patHits counts for
	patHits []int32  // per pattern: how many of its lists have hits
	order   []int32  // scratch for rarestFirst
	stamp   uint32
}

// NewMatcher returns a Matcher over s.
func (s *Set) NewMatcher() *Matcher {
	return &Matcher{
		set: s, hits: make([][]hit, s.nLists), seen: make([]uint32, len(s.Rules)),
		patSeen: make([]uint32, len(s.pats)), patHits: make([]int32, len(s.pats)),
	}
}

// maxHitsPerList bounds the work spent on one list in one clause.
const maxHitsPerList = 32

// Match returns the rules (risks and signals) that fire on text, a clause
// written in lang, in rule order.
func (m *Matcher) Match(text, lang string) []Match {
	m.lang = lang
	m.scan(text)
	defer m.reset()
	var out []Match
	slices.Sort(m.cands)
	for _, ri := range m.cands {
		if spans, ok := m.fires(ri, lang); ok {
			out = append(out, Match{Rule: m.set.Rules[ri], Spans: spans})
		}
	}
	return out
}

// scan runs the automaton over the clause's tokens and records every hit.
// Phrases run across commas but not across sentence ends.
func (m *Matcher) scan(text string) {
	m.stamp++
	m.cands = m.cands[:0]
	m.toks = m.z.Tokens(text)
	m.active, m.starts, m.roles = m.active[:0], m.starts[:0], m.roles[:0]
	m.neg = slices.Grow(m.neg[:0], len(m.toks))[:len(m.toks)]
	clear(m.neg)
	for i, tok := range m.toks {
		if tok.Break == breakSentence {
			m.active, m.starts = m.active[:0], m.starts[:0]
		}
		var role wordRole
		m.syms, role = m.set.words.lookup(m.z.Norm(tok), m.syms[:0])
		m.roles = append(m.roles, role)
		m.next, m.nstarts = m.next[:0], m.nstarts[:0]
		if len(m.syms) > 0 {
			m.step(0, int32(i), int32(i))
		}
		if len(m.active) > 0 {
			m.syms = append(m.syms, anyWord)
			for k, st := range m.active {
				m.step(st, m.starts[k], int32(i))
			}
		}
		m.active, m.next = m.next, m.active
		m.starts, m.nstarts = m.nstarts, m.starts
	}
}

// step advances one automaton state by the current token's symbols.
func (m *Matcher) step(state, start, cur int32) {
	a := &m.set.auto
	for _, sym := range m.syms {
		nxt := a.next(state, sym)
		if nxt == 0 {
			continue
		}
		m.next = append(m.next, nxt)
		m.nstarts = append(m.nstarts, start)
		for _, list := range a.final(nxt) {
			m.record(list, start, cur)
		}
	}
}

func (m *Matcher) record(list, from, to int32) {
	h := m.hits[list]
	if len(h) >= maxHitsPerList || len(h) > 0 && h[len(h)-1].from == from && h[len(h)-1].to == to {
		return
	}
	if len(h) == 0 {
		m.touched = append(m.touched, list)
		m.countPatterns(list)
	}
	m.hits[list] = append(h, hit{from: from, to: to})
}

func (m *Matcher) reset() {
	for _, l := range m.touched {
		m.hits[l] = m.hits[l][:0]
	}
	m.touched = m.touched[:0]
}

// countPatterns notes that list has its first hit in the clause; a rule
// becomes a candidate when every list of one of its patterns has a hit.
// The automaton and this count are the keyword pre-filter.
func (m *Matcher) countPatterns(list int32) {
	for _, pi := range m.set.byList[list] {
		ref := &m.set.pats[pi]
		if ref.lang != m.lang {
			continue
		}
		if m.patSeen[pi] != m.stamp {
			m.patSeen[pi], m.patHits[pi] = m.stamp, 0
		}
		m.patHits[pi]++
		if m.patHits[pi] == ref.need && m.seen[ref.rule] != m.stamp {
			m.seen[ref.rule] = m.stamp
			m.cands = append(m.cands, ref.rule)
		}
	}
}

// fires decides whether rule ri fires on the scanned clause and returns the
// spans of the words that made it fire.
func (m *Matcher) fires(ri int32, lang string) ([]Span, bool) {
	r, pl := m.set.Rules[ri], &m.set.plans[ri]
	for _, p := range pl.patterns[lang] {
		if !m.allGroupsHit(p) {
			continue // the cheap test first: a group with no phrase at all
		}
		chosen, ok := m.satisfy(p, r.Negation)
		if !ok {
			continue
		}
		if id, ok := pl.unless[lang]; ok && m.anyHit(id, true) {
			return nil, false
		}
		if r.Direction == "user-grants" && m.providerGrants(lang) {
			return nil, false
		}
		return m.spans(chosen), true
	}
	return nil, false
}

func (m *Matcher) allGroupsHit(p compiledPattern) bool {
	for _, g := range p.groups {
		if len(m.hits[g]) == 0 {
			return false
		}
	}
	return true
}

// negated reports, once per token and clause, whether token i is in a
// negation scope.
func (m *Matcher) negated(i int32) bool {
	if m.neg[i] == 0 {
		m.neg[i] = 1
		if negated(m.toks, m.roles, int(i)) {
			m.neg[i] = 2
		}
	}
	return m.neg[i] == 2
}

// anyHit reports whether list id has a hit (a non-negated one if skipNeg).
func (m *Matcher) anyHit(id int32, skipNeg bool) bool {
	for _, h := range m.hits[id] {
		if !skipNeg || !m.negated(h.from) {
			return true
		}
	}
	return false
}

// providerGrants reports a clause where we grant rights to the user ("we
// grant you a licence") and the user grants nothing back.
func (m *Matcher) providerGrants(lang string) bool {
	g, ok := m.set.grants[lang]
	return ok && m.anyHit(g[0], false) && !m.anyHit(g[1], true)
}

// satisfy looks for one hit per group within the pattern's window.
func (m *Matcher) satisfy(p compiledPattern, skipNeg bool) ([]hit, bool) {
	if !p.ordered {
		p.groups = m.rarestFirst(p.groups)
	}
	chosen := make([]hit, 0, len(p.groups))
	var try func(g int, lo, hi int32) bool
	try = func(g int, lo, hi int32) bool {
		if g == len(p.groups) {
			return true
		}
		for _, h := range m.hits[p.groups[g]] {
			if skipNeg && m.negated(h.from) {
				continue
			}
			if p.ordered && g > 0 && h.from <= chosen[g-1].to || overlaps(chosen, h) {
				continue
			}
			nlo, nhi := min(lo, h.from), max(hi, h.to)
			if g > 0 && int(nhi-nlo+1) > p.within {
				continue
			}
			chosen = append(chosen, h)
			if try(g+1, nlo, nhi) {
				return true
			}
			chosen = chosen[:g]
		}
		return false
	}
	if try(0, 1<<30, -1) {
		return chosen, true
	}
	return nil, false
}

// rarestFirst orders groups by how many hits they have, so the search
// starts from the most selective one.
func (m *Matcher) rarestFirst(groups []int32) []int32 {
	m.order = append(m.order[:0], groups...)
	slices.SortStableFunc(m.order, func(a, b int32) int { return len(m.hits[a]) - len(m.hits[b]) })
	return m.order
}

// overlaps reports whether h shares a word with a hit already chosen: each
// group must be matched by words of its own ("governing law" cannot be both
// the "govern*" and the "law" of a pattern).
func overlaps(chosen []hit, h hit) bool {
	for _, c := range chosen {
		if h.from <= c.to && c.from <= h.to {
			return true
		}
	}
	return false
}

// spans turns hits into byte spans of the clause, sorted and merged.
func (m *Matcher) spans(hits []hit) []Span {
	out := make([]Span, 0, len(hits))
	for _, h := range hits {
		out = append(out, Span{m.toks[h.from].Start, m.toks[h.to].End})
	}
	slices.SortFunc(out, func(a, b Span) int { return a.Start - b.Start })
	merged := out[:1]
	for _, s := range out[1:] {
		last := &merged[len(merged)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

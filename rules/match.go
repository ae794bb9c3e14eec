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

// stateHit is a phrase that ended in a final state of the automaton: a hit
// for every list of the state.
type stateHit struct {
	state    int32
	from, to int32
}

// Matcher matches clauses against a Set. It keeps scratch buffers, so use
// one per goroutine.
type Matcher struct {
	set    *Set
	z      Tokenizer // walks the words down the language's trie as it reads them
	toks   []Token
	roles  []wordRole // per token
	neg    []int32    // per token: 0 not yet known, -1 asserted, else its negator plus one
	active []run      // phrases being matched after the previous token
	next   []run
	// Hits are logged per final state as the automaton runs: most states
	// end phrases of several lists, and few lists are ever looked at (only
	// those of candidate rules). The hits of a list are gathered from the
	// log when a rule asks for them (see listHits).
	log       []stateHit
	stateSeen []uint32   // per automaton state: stamp of the clause it was last reached in
	listSeen  []uint32   // per list: stamp of the clause it has a hit in
	listBuilt []uint32   // per list: stamp of the clause hits holds its hits for
	hits      [][]hit    // per list
	gathered  uint32     // stamp of the clause whose hits were gathered
	seen      []uint32   // per rule: stamp of the clause it became a candidate in
	cands     []int32    // rules with a pattern whose lists all have hits
	lang      string     // of the last clause
	langIndex *langIndex // of lang; nil until a clause is matched
	hitLists  []int32    // the lists with a hit in the clause
	order     []int      // scratch for groupOrder
	stamp     uint32
	units     map[string]bool // names of the document's units, and their singulars (see SetUnits)
	// minorRoles are the roles the document defines as children, singular
	// (0) and plural (1) (see SetRoles).
	minorRoles map[string]int
	uz         Tokenizer // folds a capitalised word to compare it with units and roles
}

// run is a phrase being matched: where in the automaton it went (a live
// state), and the token it started at.
type run struct {
	to    target
	start int32
}

// NewMatcher returns a Matcher over s.
func (s *Set) NewMatcher() *Matcher {
	states := 0
	for _, li := range s.langs {
		states = max(states, len(li.auto.states))
	}
	return &Matcher{
		set: s, seen: make([]uint32, len(s.Rules)),
		stateSeen: make([]uint32, states), listSeen: make([]uint32, s.nLists),
		listBuilt: make([]uint32, s.nLists), hits: make([][]hit, s.nLists),
	}
}

// maxHitsPerList bounds the work spent on one list in one clause.
const maxHitsPerList = 32

// Match returns the rules (risks and signals) that fire on text, a clause
// written in lang, in rule order.
func (m *Matcher) Match(text, lang string) []Match {
	if m.langIndex == nil || lang != m.lang {
		li := m.set.langs[lang]
		if li == nil {
			li = m.set.noLang
		}
		m.lang, m.langIndex = lang, li
		m.z.trie = &li.words
	}
	m.scan(text)
	var out []Match
	slices.Sort(m.cands)
	stated := 0 // whether text is a Statement: 1 yes, -1 no, 0 not asked yet
	for _, ri := range m.cands {
		if m.set.Rules[ri].Fallback {
			if stated == 0 {
				stated = -1
				if Statement(text) {
					stated = 1
				}
			}
			if stated < 0 {
				continue // a broad rule needs a statement
			}
		}
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
	m.hitLists = m.hitLists[:0]
	m.log = m.log[:0]
	m.toks = m.z.Tokens(text)
	if len(m.units) > 0 || len(m.minorRoles) > 0 {
		m.readNames(text)
	}
	n := len(m.toks)
	m.roles = slices.Grow(m.roles[:0], n)[:n]
	m.neg = slices.Grow(m.neg[:0], n)[:n]
	clear(m.neg)
	// The phrases being matched after the previous token (active) and
	// after this one (next) live in locals during the loop; their buffers
	// are kept for the next clause.
	a := &m.langIndex.auto
	active, next := m.active[:0], m.next[:0]
	for i := range m.toks {
		tok := &m.toks[i]
		if tok.Break == breakSentence {
			active = active[:0]
		}
		info := m.langIndex.words.infos[tok.word]
		role := info.role()
		if role.isNegator() {
			role = negationRole(text, m.toks, m.roles, i, role)
		}
		m.roles[i] = role
		// Move the phrases being matched on by the token, and start the
		// phrases that begin with it; those that end there record hits.
		// A token with one symbol, the most common, and a token with none
		// are read apart, each with its own loop over the phrases being
		// matched: a loop that does one thing keeps its values in
		// registers, and this one runs for every word.
		cur := int32(i)
		next = next[:0]
		if info.nSym() == 1 {
			sym := info.sym()
			if t := a.start(sym); t != 0 {
				next = m.enter(next, t, cur, cur)
			}
			tokSyms := symBit(sym)
			for _, r := range active {
				st := r.to.state()
				if a.syms[st]&tokSyms != 0 {
					if t := a.next(st, sym); t != 0 {
						next = m.enter(next, t, r.start, cur)
					}
				}
				if r.to.any() {
					next = m.enter(next, a.next(st, anyWord), r.start, cur)
				}
			}
		} else if info.nSym() == 0 {
			// A word in no phrase: only the phrases with a word wildcard
			// here go on.
			for _, r := range active {
				if r.to.any() {
					next = m.enter(next, a.next(r.to.state(), anyWord), r.start, cur)
				}
			}
		} else {
			syms := m.langIndex.words.syms[info.symAt():][:info.nSym()]
			var tokSyms uint64
			for _, sym := range syms {
				tokSyms |= symBit(sym)
				if t := a.start(sym); t != 0 {
					next = m.enter(next, t, cur, cur)
				}
			}
			for _, r := range active {
				st := r.to.state()
				if a.syms[st]&tokSyms != 0 {
					for _, sym := range syms {
						if t := a.next(st, sym); t != 0 {
							next = m.enter(next, t, r.start, cur)
						}
					}
				}
				if r.to.any() {
					next = m.enter(next, a.next(st, anyWord), r.start, cur)
				}
			}
		}
		active, next = next, active
	}
	m.active, m.next = active, next
	for _, e := range m.log {
		if m.stateSeen[e.state] != m.stamp {
			m.stateSeen[e.state] = m.stamp
			m.firstReached(e.state)
		}
	}
	m.candidates()
}

// symbols returns the symbols and the negation role of a token, from where
// the tokenizer's walk down the trie ended (it walks every word): what scan
// reads of the token, as a slice, for the tests.
func (m *Matcher) symbols(tok *Token) ([]int32, wordRole) {
	info, t := m.langIndex.words.infos[tok.word], &m.langIndex.words
	if info.nSym() == 1 {
		return []int32{info.sym()}, info.role()
	}
	return t.syms[info.symAt():][:info.nSym()], info.role()
}

// enter logs a hit of a phrase, started at token start, that ends at
// token cur in target t, and appends t to next if phrases go on from it.
// The lists the hits count for are noted once the clause is scanned.
func (m *Matcher) enter(next []run, t target, start, cur int32) []run {
	if t.final() {
		m.log = append(m.log, stateHit{t.state(), start, cur})
	}
	if t.live() {
		next = append(next, run{t, start})
	}
	return next
}

// firstReached notes the lists of final state st that have their first
// hit in the clause. Only the lists where the filter anchors pattern
// classes are kept in hitLists: candidates has nothing to check at the
// others, which are most of them.
func (m *Matcher) firstReached(st int32) {
	listSeen, anchor, stamp := m.listSeen, m.langIndex.anchor, m.stamp
	for _, list := range m.langIndex.auto.final(st) {
		if listSeen[list] != stamp {
			listSeen[list] = stamp
			if anchor[list] {
				m.hitLists = append(m.hitLists, list)
			}
		}
	}
}

// hasHit reports whether list has a hit in the clause.
func (m *Matcher) hasHit(list int32) bool { return m.listSeen[list] == m.stamp }

// listHits returns the hits of list in the clause, in the order they were
// found: at most maxHitsPerList, and a phrase found twice in a row over the
// same words once.
func (m *Matcher) listHits(list int32) []hit {
	if !m.hasHit(list) {
		return nil
	}
	m.gather()
	return m.hits[list]
}

// gather sorts the logged hits out by list, once per clause, when a rule
// first asks for them: most clauses have no candidate rule, and then no
// list is ever looked at. Only the lists that the candidate rules read
// are gathered, marked as built first.
func (m *Matcher) gather() {
	if m.gathered == m.stamp {
		return
	}
	m.gathered = m.stamp
	for _, ri := range m.cands {
		for _, list := range m.langIndex.wants[ri] {
			m.listBuilt[list], m.hits[list] = m.stamp, m.hits[list][:0]
		}
	}
	for _, e := range m.log {
		for _, list := range m.langIndex.auto.final(e.state) {
			if m.listBuilt[list] != m.stamp {
				continue // no candidate reads it
			}
			h := m.hits[list]
			if len(h) == maxHitsPerList || len(h) > 0 && h[len(h)-1] == (hit{e.from, e.to}) {
				continue
			}
			m.hits[list] = append(h, hit{e.from, e.to})
		}
	}
}

// candidates makes a rule a candidate when every list of one of its
// patterns has a hit, checking the pattern classes anchored at the lists
// that have one. The automaton and this check are the keyword pre-filter.
func (m *Matcher) candidates() {
	filter := m.langIndex.filter
	if len(filter) == 0 {
		return // no pattern of the language: nothing can fire
	}
	for _, list := range m.hitLists {
		for _, ci := range filter[list] {
			c := &m.set.classes[ci]
			if !slices.ContainsFunc(c.lists, func(l int32) bool { return !m.hasHit(l) }) {
				m.addCandidates(c.rules)
			}
		}
	}
}

func (m *Matcher) addCandidates(rules []int32) {
	for _, ri := range rules {
		if m.seen[ri] != m.stamp {
			m.seen[ri] = m.stamp
			m.cands = append(m.cands, ri)
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
		if !m.hasHit(g) {
			return false
		}
	}
	return true
}

// negated reports, once per token and clause, whether token i is in a
// negation scope.
func (m *Matcher) negated(i int32) bool { return m.negatorOf(i) >= 0 }

// negatorOf returns, once per token and clause, the token that opens the
// negation scope token i sits in, or -1 (see negatorAt).
func (m *Matcher) negatorOf(i int32) int32 {
	if m.neg[i] == 0 {
		m.neg[i] = int32(negatorAt(m.toks, m.roles, int(i))) + 1
		if m.neg[i] == 0 {
			m.neg[i] = -1
		}
	}
	return m.neg[i] - 1
}

// anyHit reports whether list id has a hit (a non-negated one if skipNeg).
func (m *Matcher) anyHit(id int32, skipNeg bool) bool {
	for _, h := range m.listHits(id) {
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

// satisfy looks for one hit per group within the pattern's window: a
// negated one for the denied group, and for the others one that is not
// negated when skipNeg is set, or that the denied group's negation itself
// covers: in "we will not delete your history" the history is what is not
// deleted, in "no company will be liable" the company is what is not
// liable.
func (m *Matcher) satisfy(p compiledPattern, skipNeg bool) ([]hit, bool) {
	order := m.groupOrder(p)
	chosen := make([]hit, 0, len(p.groups))
	var try func(g int, lo, hi int32) bool
	try = func(g int, lo, hi int32) bool {
		if g == len(order) {
			return !skipNeg || p.denied < 0 || m.sameNegation(order, chosen, p.denied)
		}
		gi := order[g]
		for _, h := range m.listHits(p.groups[gi]) {
			if gi == p.denied {
				if !m.negated(h.from) {
					continue
				}
			} else if skipNeg && p.denied < 0 && m.negated(h.from) {
				continue
			}
			// The groups of an ordered pattern come in order; the denied
			// group, last, may stand anywhere.
			if p.ordered && g > 0 && gi != p.denied && h.from <= chosen[g-1].to || overlaps(chosen, h) {
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

// sameNegation reports whether every hit chosen for a group other than the
// denied one is either asserted or negated by the denied hit's negation.
func (m *Matcher) sameNegation(order []int, chosen []hit, denied int) bool {
	var scope int32 = -1
	for g, gi := range order {
		if gi == denied {
			scope = m.negatorOf(chosen[g].from)
		}
	}
	for g, gi := range order {
		if n := m.negatorOf(chosen[g].from); gi != denied && n >= 0 && n != scope {
			return false
		}
	}
	return true
}

// groupOrder returns the order in which satisfy tries the groups of p, as
// indices in p.groups: the given order for an ordered pattern, else by how
// many hits they have, so that the search starts from the most selective
// one.
func (m *Matcher) groupOrder(p compiledPattern) []int {
	m.order = m.order[:0]
	for i := range p.groups {
		m.order = append(m.order, i)
	}
	if !p.ordered {
		m.gather() // every group has hits (allGroupsHit): m.hits holds them
		slices.SortStableFunc(m.order, func(a, b int) int { return len(m.hits[p.groups[a]]) - len(m.hits[p.groups[b]]) })
	}
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

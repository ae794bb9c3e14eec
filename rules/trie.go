package rules

import "slices"

// wordTrie maps a normalised word to the symbols it carries: its exact
// symbol, and the symbol of every "prefix*" wildcard it starts with; and to
// its role in negation (see negation.go). Nodes are small and keep their
// children in a dense range of one shared array, so a lookup is one array
// index per byte.
type wordTrie struct {
	nodes []wordNode
	kids  []int32 // children of all nodes: node.kids[c-node.lo]
	wilds []int32 // wildcard symbols of all nodes
}

type wordNode struct {
	kidsAt, wildAt int32
	exact          int32 // symbol of the word ending here, or 0
	lo, nKids      uint8 // children cover bytes lo … lo+nKids-1
	nWild          uint8
	role           wordRole // of the word ending here
}

// wordRole is what a word does to negation scope.
type wordRole uint8

const (
	roleNone          wordRole = iota
	roleClauseStarter          // closes a scope after a comma
	roleScopeEnder             // closes a scope
	roleModal                  // starts a new predicate ("may", "pourra")
	// Negators open a scope; the low bits hold how many words it reaches,
	// roleVerbal marks a negated verb ("not", "ne") as opposed to a negated
	// noun phrase ("nothing", "aucun").
	roleNegator wordRole = 0x10
	roleVerbal  wordRole = 0x20
)

func negatorRole(n negator) wordRole {
	r := roleNegator | wordRole(n.reach)
	if n.verbal {
		r |= roleVerbal
	}
	return r
}

func (r wordRole) isNegator() bool { return r&roleNegator != 0 }
func (r wordRole) reach() int      { return int(r & 0x0f) }
func (r wordRole) verbal() bool    { return r&roleVerbal != 0 }

// trieBuilder holds the trie while words are added.
type trieBuilder struct {
	nodes []tmpNode
}

type tmpNode struct {
	kids  map[byte]int32
	exact int32
	wild  []int32
	role  wordRole
}

func (tb *trieBuilder) walk(word string) int32 {
	if len(tb.nodes) == 0 {
		tb.nodes = []tmpNode{{kids: map[byte]int32{}}}
	}
	n := int32(0)
	for i := 0; i < len(word); i++ {
		next, ok := tb.nodes[n].kids[word[i]]
		if !ok {
			next = int32(len(tb.nodes))
			tb.nodes = append(tb.nodes, tmpNode{kids: map[byte]int32{}})
			tb.nodes[n].kids[word[i]] = next
		}
		n = next
	}
	return n
}

func (b *builder) trie() wordTrie {
	var tb trieBuilder
	tb.walk("")
	for w, sym := range b.words {
		tb.nodes[tb.walk(w)].exact = sym
	}
	for w, sym := range b.wilds {
		n := tb.walk(w)
		tb.nodes[n].wild = append(tb.nodes[n].wild, sym)
	}
	for w, n := range negators {
		tb.nodes[tb.walk(w)].role = negatorRole(n)
	}
	for w := range modals {
		tb.nodes[tb.walk(w)].role = roleModal
	}
	for w := range scopeEnders {
		tb.nodes[tb.walk(w)].role = roleScopeEnder
	}
	for w := range clauseStarters {
		tb.nodes[tb.walk(w)].role = roleClauseStarter
	}
	return tb.compact()
}

// compact packs the trie, numbering nodes breadth first so that the short
// prefixes every lookup walks through sit together in memory.
func (tb *trieBuilder) compact() wordTrie {
	order := []int32{0}
	newID := make([]int32, len(tb.nodes))
	for k := 0; k < len(order); k++ {
		n := tb.nodes[order[k]]
		for _, c := range sortedBytes(n.kids) {
			newID[n.kids[c]] = int32(len(order))
			order = append(order, n.kids[c])
		}
	}
	t := wordTrie{nodes: make([]wordNode, len(order)), kids: []int32{0}}
	for i, old := range order {
		n := tb.nodes[old]
		wn := wordNode{exact: n.exact, role: n.role, wildAt: int32(len(t.wilds)), nWild: uint8(len(n.wild))}
		t.wilds = append(t.wilds, n.wild...)
		if bytes := sortedBytes(n.kids); len(bytes) > 0 {
			lo, hi := bytes[0], bytes[len(bytes)-1]
			wn.lo, wn.nKids, wn.kidsAt = lo, uint8(int(hi-lo)+1), int32(len(t.kids))
			span := make([]int32, int(hi-lo)+1)
			for _, c := range bytes {
				span[c-lo] = newID[n.kids[c]]
			}
			t.kids = append(t.kids, span...)
		}
		t.nodes[i] = wn
	}
	return t
}

func sortedBytes(m map[byte]int32) []byte {
	out := make([]byte, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// lookup appends the symbols of word to out and returns its negation role.
func (t *wordTrie) lookup(word []byte, out []int32) ([]int32, wordRole) {
	n := &t.nodes[0]
	for _, c := range word {
		k := int(c) - int(n.lo)
		if k < 0 || k >= int(n.nKids) {
			return out, roleNone
		}
		next := t.kids[int(n.kidsAt)+k]
		if next == 0 {
			return out, roleNone
		}
		n = &t.nodes[next]
		if n.nWild > 0 {
			out = append(out, t.wilds[n.wildAt:n.wildAt+int32(n.nWild)]...)
		}
	}
	if n.exact != 0 {
		out = append(out, n.exact)
	}
	return out, n.role
}

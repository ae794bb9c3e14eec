package rules

import (
	"fmt"
	"slices"
	"strings"
)

// wordTrie maps a normalised word to the symbols it carries: its exact
// symbol, and the symbol of every "prefix*" wildcard it starts with; and to
// its role in negation (see negation.go).
//
// The trie is laid out for walking one byte at a time with one memory load
// per byte, as a double array: the children of a node cover a dense byte
// range lo … lo+span-1 and sit next to each other in nodes, so the child on
// byte c is nodes[base+c] (base is the index of the first child minus lo),
// and a node records its parent, so that the walk can tell a child from a
// node of another parent that happens to sit at base+c. Bytes of the range
// that no word continues with get a placeholder node that answers like its
// parent for a word leaving the trie there. Nodes are numbered breadth
// first, so the short prefixes every walk goes through sit together in
// memory, and what a walk reads (nodes) is kept apart from what only its
// end node needs (ends), so that more of the walk stays in cache.
//
// Each node also knows every symbol a word reaching it carries, packed in
// syms, so the node where a walk stops is all a lookup needs.
type wordTrie struct {
	nodes []wordNode
	ends  []wordEnd // per node
	syms  []int32   // symbols of all nodes, see wordEnd.symAt
	// infos holds, for each way a walk can end (see info), what the
	// matcher needs of a token whose walk ends so: its symbols and role,
	// packed to be read with one load.
	infos []wordInfo
	// camelHeads are the words that, at the end of a name written in camel
	// case, say what the named thing is (the vocabulary camel_heads):
	// "GuestPoints" is read "guest points" (see Tokenizer.camelWords).
	camelHeads map[string]bool
}

// wordInfo packs the symbols and the role of a word: the symbols'
// number in bits 32-47 and the role in bits 48-55; the low 32 bits hold
// the symbol itself when there is one, or else where the symbols start in
// syms. Most words carry one symbol, which the matcher then reads without
// going to syms.
type wordInfo uint64

// newWordInfo packs the symbols of a word, syms[at:] in the trie's syms,
// and its role.
func newWordInfo(syms []int32, at int32, role wordRole) wordInfo {
	if len(syms) == 1 {
		at = syms[0]
	}
	return wordInfo(uint32(at)) | wordInfo(len(syms))<<32 | wordInfo(role)<<48
}

func (w wordInfo) nSym() int      { return int(uint16(w >> 32)) }
func (w wordInfo) sym() int32     { return int32(uint32(w)) } // of a word with one symbol
func (w wordInfo) symAt() int     { return int(uint32(w)) }   // of a word with several
func (w wordInfo) role() wordRole { return wordRole(w >> 48) }

// info returns the index in infos of a word that walks to node n,
// staying in the trie (in) or leaving it there: n for the former, n plus
// the number of nodes for the latter.
func (t *wordTrie) info(n int32, in bool) int32 {
	if !in {
		n += int32(len(t.nodes))
	}
	return n
}

// wordNode is the part of a node a walk goes through, packed in one word
// to be read with one load: its parent in the low 32 bits, the base of its
// children in the high 32 bits (in this order the walk compares the parent
// in place and keeps the loaded word for the base: no copy, no spill). A
// node without children has base 0: the nodes at 0 … 255 have other
// parents (the root has none). No node has a
// child on byte 0 (words have no 0 byte), which Tokenizer.plainWords relies
// on to end a word.
type wordNode uint64

// noParent is the parent of the root: no node.
const noParent = 1<<32 - 1

func newWordNode(base int32, parent uint32) wordNode {
	return wordNode(parent) | wordNode(uint32(base))<<32
}

// child returns where the node's child on byte c would be: base+c, in
// 32 bits, so that a negative index becomes one far past the end of the
// nodes and indexing with it needs no sign extension. The node there is
// the child only if it is a child of the node (isChildOf).
func (nd wordNode) child(c byte) uint32 { return uint32(nd>>32) + uint32(c) }

// isChildOf reports whether the node's parent is node n.
func (nd wordNode) isChildOf(n int32) bool { return uint32(nd) == uint32(n) }

// wordEnd is the part of a node that a walk ending there reads.
type wordEnd struct {
	// syms[symAt:symAt+nSym] are the symbols of the word ending here: the
	// wildcards along the path, in path order, then the exact symbol if
	// any. A longer word that leaves the trie here carries the first nAcc
	// of them: the wildcards only.
	symAt      int32
	nSym, nAcc uint16
	role       wordRole // of the word ending here
}

// wordRole is what a word does to negation scope.
type wordRole uint8

const (
	roleNone          wordRole = iota
	roleClauseStarter          // closes a scope after a comma
	roleScopeEnder             // closes a scope
	roleModal                  // starts a new predicate ("may", "pourra")
	roleRestrictor             // "que": with "ne", restricts rather than negates
	roleRelative               // "that", "qui": a relative clause may start here
	roleRelativeOnly           // "whose", "dont": always starts a relative clause
	roleAnd                    // "and", "et": starts a new predicate, out of a negation's reach
	roleOr                     // "or", "ou": before a negator, the idiom "whether or not"
	// Negators open a scope; the low bits hold how many words it reaches,
	// roleVerbal marks a negated verb ("not", "ne") as opposed to a negated
	// noun phrase ("nothing", "aucun").
	roleNegator wordRole = 0x10
	roleVerbal  wordRole = 0x20
	// roleNeQue marks a negator that a later "que" turns into a
	// restriction: "nous ne partageons vos données qu'avec X" shares them.
	roleNeQue wordRole = 0x40
)

func negatorRole(n negator) wordRole {
	r := roleNegator | wordRole(n.reach)
	if n.verbal {
		r |= roleVerbal
	}
	if n.restrictive {
		r |= roleNeQue
	}
	return r
}

func (r wordRole) isNegator() bool { return r&roleNegator != 0 }
func (r wordRole) reach() int      { return int(r & 0x0f) }
func (r wordRole) verbal() bool    { return r&roleVerbal != 0 }
func (r wordRole) neQue() bool     { return r&roleNeQue != 0 }

// gerundStem returns the -ing form a stem ending in a silent e takes:
// "waive*" matches "waives" and "waived" by its letters, and "waiving"
// through "waiving", so a rule written with the verb's stem reads all of
// its forms. Stems shorter than four letters are left alone.
func gerundStem(stem string) (string, bool) {
	if len(stem) < 4 || !strings.HasSuffix(stem, "e") || strings.HasSuffix(stem, "ee") {
		return "", false
	}
	return stem[:len(stem)-1] + "ing", true
}

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

// trie builds the word trie of a language: the words and wildcards of
// the symbols marked in used, and every word with a role in negation.
func (b *builder) trie(used []bool) wordTrie {
	var tb trieBuilder
	tb.walk("")
	for w, sym := range b.words {
		if used[sym] {
			tb.nodes[tb.walk(w)].exact = sym
		}
	}
	for w, sym := range b.wilds {
		if !used[sym] {
			continue
		}
		n := tb.walk(w)
		tb.nodes[n].wild = append(tb.nodes[n].wild, sym)
		if g, ok := gerundStem(w); ok {
			n := tb.walk(g)
			tb.nodes[n].wild = append(tb.nodes[n].wild, sym)
		}
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
	tb.nodes[tb.walk("que")].role = roleRestrictor
	for w, only := range relatives {
		tb.nodes[tb.walk(w)].role = roleRelative
		if only {
			tb.nodes[tb.walk(w)].role = roleRelativeOnly
		}
	}
	for _, w := range []string{"and", "et"} {
		tb.nodes[tb.walk(w)].role = roleAnd
	}
	for _, w := range []string{"or", "ou"} {
		tb.nodes[tb.walk(w)].role = roleOr
	}
	t := tb.compact()
	t.infos = make([]wordInfo, 2*len(t.nodes))
	for n, e := range t.ends {
		syms, role := t.symbols(int32(n), true)
		t.infos[t.info(int32(n), true)] = newWordInfo(syms, e.symAt, role)
		syms, role = t.symbols(int32(n), false)
		t.infos[t.info(int32(n), false)] = newWordInfo(syms, e.symAt, role)
	}
	return t
}

// compact packs the trie breadth first, giving each node's children
// (placeholders included) consecutive numbers.
func (tb *trieBuilder) compact() wordTrie {
	t := wordTrie{nodes: []wordNode{newWordNode(0, noParent)}, ends: []wordEnd{{}}}
	acc := [][]int32{nil} // per new node: the wildcards along its path
	queue := []int32{0}   // builder nodes, in the order of their new numbers
	for id := 0; id < len(queue); id++ {
		if queue[id] < 0 {
			continue // a placeholder, filled in by its parent
		}
		n := tb.nodes[queue[id]]
		// The wildcards were added in map order: sorted, the trie is the
		// same from one compilation to the next.
		slices.Sort(n.wild)
		acc[id] = append(slices.Clip(acc[id]), n.wild...)
		t.ends[id] = t.pack(acc[id], n.exact, n.role)
		bytes := sortedBytes(n.kids)
		if len(bytes) == 0 {
			continue
		}
		lo, hi := bytes[0], bytes[len(bytes)-1]
		t.nodes[id] = newWordNode(int32(len(queue))-int32(lo), uint32(t.nodes[id]))
		for c := int(lo); c <= int(hi); c++ {
			kid, ok := n.kids[byte(c)]
			if !ok {
				// A placeholder: answers like its parent for a word
				// leaving the trie, and has no children.
				kid = -1
			}
			queue = append(queue, kid)
			acc = append(acc, acc[id])
			t.nodes = append(t.nodes, newWordNode(0, uint32(id)))
			e := t.ends[id]
			t.ends = append(t.ends, wordEnd{symAt: e.symAt, nSym: e.nAcc, nAcc: e.nAcc})
		}
	}
	return t
}

// pack stores the symbols of a node, the wildcards along its path then its
// exact symbol, and returns its end.
func (t *wordTrie) pack(wilds []int32, exact int32, role wordRole) wordEnd {
	e := wordEnd{symAt: int32(len(t.syms)), nAcc: uint16(len(wilds)), role: role}
	t.syms = append(t.syms, wilds...)
	if exact != 0 {
		t.syms = append(t.syms, exact)
	}
	e.nSym = uint16(int32(len(t.syms)) - e.symAt)
	if int(e.nSym) != len(t.syms)-int(e.symAt) {
		panic(fmt.Sprintf("rules: %d wildcards apply to one word", len(wilds)))
	}
	return e
}

func sortedBytes(m map[byte]int32) []byte {
	out := make([]byte, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// walk returns the node where word stops in the trie: its end node (in is
// true), or the last node of its longest prefix in the trie.
func (t *wordTrie) walk(word []byte) (n int32, in bool) {
	nodes := t.nodes
	nd := nodes[0]
	for _, c := range word {
		k := nd.child(c)
		if uint(k) >= uint(len(nodes)) || !nodes[k].isChildOf(n) {
			return n, false
		}
		n, nd = int32(k), nodes[k]
	}
	return n, true
}

// symbols returns the symbols and the negation role of a word that walks
// to node n, staying in the trie (in) or leaving it there. The symbols are
// read-only.
func (t *wordTrie) symbols(n int32, in bool) ([]int32, wordRole) {
	e := &t.ends[n]
	if !in {
		return t.syms[e.symAt : e.symAt+int32(e.nAcc)], roleNone
	}
	return t.syms[e.symAt : e.symAt+int32(e.nSym)], e.role
}

// lookup returns the symbols and the negation role of word.
func (t *wordTrie) lookup(word []byte) ([]int32, wordRole) {
	return t.symbols(t.walk(word))
}

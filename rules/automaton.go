package rules

import (
	"fmt"
	"math/bits"
	"slices"
)

// automaton is the phrase automaton in compact form: states numbered in
// breadth-first order, so the hot states near the start sit together in
// memory, and their final lists packed in a shared array. The transitions
// from the start state are a table by symbol; the others are an
// open-addressing hash table on (state, symbol), so that following one
// costs about one probe whatever the number of edges of the state.
type automaton struct {
	root   []target // transitions from the start state, by symbol
	states []state
	// syms[st] has bit symBit(s) set for every symbol s state st has an
	// edge on: a token none of whose symbols has its bit set cannot move
	// the state on, and the hash table is not probed. Kept apart from
	// states, it is read for every phrase in progress at every word.
	syms    []uint64
	finals  []int32 // list ids
	edges   []edge  // hash table of the other transitions, a power of 2 long
	shift   uint8   // 64 - log2(len(edges))
	symBits uint8   // bits of a symbol in an edge key
}

type state struct {
	finalAt, nFinal int32 // finals[finalAt:finalAt+nFinal]
}

// symBit is a symbol's bit in a state's or a token's symbol mask.
func symBit(sym int32) uint64 { return 1 << (uint32(sym) & 63) }

// edge is a transition of the phrase automaton from a state other than
// the start state, a slot of the hash table: key is edgeKey(state, symbol),
// 0 for an empty slot (the start state has no edge in the table). Eight
// bytes, so that twice as many edges stay in the cache as with a 64-bit key.
type edge struct {
	key  uint32
	next target
}

// edgeKey packs a state and a symbol into a key: the symbol plus one
// (anyWord is -1) in the low symBits bits, the state above them
// (compactAutomaton checks they fit).
func (a *automaton) edgeKey(st, sym int32) uint32 { return uint32(st)<<a.symBits | uint32(sym+1) }

// slot returns where the probe for key starts (Fibonacci hashing).
func (a *automaton) slot(key uint32) uint64 {
	return (uint64(key) * 0x9E3779B97F4A7C15) >> a.shift
}

// target is where a transition leads: the state number, and two flags that
// spare the matcher reading states it has nothing to do with (most phrases
// die one word after they start, and many states end phrases only). The
// zero target is no transition: the start state is no transition's target.
type target int32

const (
	targetFinal target = 1 << iota // a phrase ends at the state
	targetLive                     // the state has transitions
	targetAny                      // the state has a transition on anyWord
	targetShift = iota
)

func (t target) state() int32 { return int32(t >> targetShift) }
func (t target) final() bool  { return t&targetFinal != 0 }
func (t target) live() bool   { return t&targetLive != 0 }
func (t target) any() bool    { return t&targetAny != 0 }

// compactAutomaton renumbers the states built in trans (state<<32|symbol →
// state) and final (per state) and packs them.
func compactAutomaton(trans map[uint64]int32, final [][]int32, nsym int32) (automaton, error) {
	type tmpEdge struct{ sym, next int32 } // to a state of the builder
	out := make([][]tmpEdge, len(final))
	for key, next := range trans {
		st := int32(key >> 32)
		out[st] = append(out[st], tmpEdge{int32(uint32(key)), next})
	}
	for _, e := range out {
		slices.SortFunc(e, func(a, b tmpEdge) int { return int(a.sym) - int(b.sym) })
	}
	// Breadth-first renumbering from the start state.
	order := []int32{0}
	newID := make([]int32, len(final))
	for i := range newID {
		newID[i] = -1
	}
	newID[0] = 0
	for k := 0; k < len(order); k++ {
		for _, e := range out[order[k]] {
			if newID[e.next] < 0 {
				newID[e.next] = int32(len(order))
				order = append(order, e.next)
			}
		}
	}
	targetOf := func(old int32) target {
		t := target(newID[old]) << targetShift
		if len(final[old]) > 0 {
			t |= targetFinal
		}
		if len(out[old]) > 0 {
			t |= targetLive
			if out[old][0].sym == anyWord { // the smallest symbol
				t |= targetAny
			}
		}
		return t
	}
	a := automaton{root: make([]target, nsym+1), states: make([]state, len(order)), syms: make([]uint64, len(order))}
	a.symBits = uint8(bits.Len32(uint32(nsym + 1)))
	if int(a.symBits)+bits.Len32(uint32(len(order))) > 32 {
		return automaton{}, fmt.Errorf("rules: too many phrases: %d words and %d phrase states do not fit the automaton's 32-bit keys", nsym, len(order))
	}
	for _, e := range out[0] {
		if e.sym > 0 {
			a.root[e.sym] = targetOf(e.next)
		}
	}
	nEdges := len(trans) - len(out[0])
	bits := uint8(1)
	for 1<<bits < 2*nEdges { // at most half full: short probes
		bits++
	}
	a.edges, a.shift = make([]edge, 1<<bits), 64-bits
	for n, old := range order {
		st := state{finalAt: int32(len(a.finals))}
		if n > 0 {
			for _, e := range out[old] {
				a.insert(a.edgeKey(int32(n), e.sym), targetOf(e.next))
				if e.sym != anyWord {
					a.syms[n] |= symBit(e.sym)
				}
			}
		}
		a.finals = append(a.finals, final[old]...)
		st.nFinal = int32(len(a.finals)) - st.finalAt
		a.states[n] = st
	}
	return a, nil
}

// insert adds a transition to the hash table, which has room for it.
func (a *automaton) insert(key uint32, next target) {
	mask := uint64(len(a.edges) - 1)
	i := a.slot(key)
	for a.edges[i].key != 0 {
		i = (i + 1) & mask
	}
	a.edges[i] = edge{key, next}
}

// start returns where a phrase beginning with sym goes, or 0 for nowhere.
func (a *automaton) start(sym int32) target { return a.root[sym] }

// next returns where the transition from st, not the start state, on sym
// goes, or 0 for nowhere.
func (a *automaton) next(st, sym int32) target {
	key := a.edgeKey(st, sym)
	mask := uint64(len(a.edges) - 1)
	for i := a.slot(key); ; i = (i + 1) & mask {
		e := &a.edges[i]
		if e.key == key {
			return e.next
		}
		if e.key == 0 {
			return 0
		}
	}
}

// final returns the lists a phrase ending in st belongs to.
func (a *automaton) final(st int32) []int32 {
	s := a.states[st]
	return a.finals[s.finalAt : s.finalAt+s.nFinal]
}

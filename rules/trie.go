package rules

// wordTrie maps a normalised word to the symbols it carries: its exact
// symbol, and the symbol of every "prefix*" wildcard it starts with. Nodes
// keep their children in a dense array over the byte range they use, so a
// lookup is one array index per byte.
type wordTrie struct{ nodes []wordNode }

type wordNode struct {
	lo    byte
	next  []int32 // child per byte lo+i; 0 means none
	exact int32   // symbol of the word ending here, or 0
	wild  []int32 // symbols of wildcards whose prefix ends here
}

func (b *builder) trie() wordTrie {
	type tmp struct {
		kids  map[byte]int32
		exact int32
		wild  []int32
	}
	nodes := []tmp{{kids: map[byte]int32{}}}
	walk := func(word string) int32 {
		n := int32(0)
		for i := 0; i < len(word); i++ {
			next, ok := nodes[n].kids[word[i]]
			if !ok {
				next = int32(len(nodes))
				nodes = append(nodes, tmp{kids: map[byte]int32{}})
				nodes[n].kids[word[i]] = next
			}
			n = next
		}
		return n
	}
	for w, sym := range b.words {
		nodes[walk(w)].exact = sym
	}
	for w, sym := range b.wilds {
		n := walk(w)
		nodes[n].wild = append(nodes[n].wild, sym)
	}
	t := wordTrie{nodes: make([]wordNode, len(nodes))}
	for i, n := range nodes {
		t.nodes[i] = wordNode{exact: n.exact, wild: n.wild}
		if len(n.kids) == 0 {
			continue
		}
		lo, hi := byte(255), byte(0)
		for c := range n.kids {
			lo, hi = min(lo, c), max(hi, c)
		}
		next := make([]int32, int(hi-lo)+1)
		for c, k := range n.kids {
			next[c-lo] = k
		}
		t.nodes[i].lo, t.nodes[i].next = lo, next
	}
	return t
}

// lookup appends the symbols of word to out.
func (t *wordTrie) lookup(word string, out []int32) []int32 {
	n := &t.nodes[0]
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c < n.lo || int(c-n.lo) >= len(n.next) || n.next[c-n.lo] == 0 {
			return out
		}
		n = &t.nodes[n.next[c-n.lo]]
		out = append(out, n.wild...)
	}
	if n.exact != 0 {
		out = append(out, n.exact)
	}
	return out
}

package diff

import (
	"slices"
	"strings"
)

// Op says what a word diff does with a run of words.
type Op string

// The word diff's operations.
const (
	Keep   Op = "="
	Delete Op = "-"
	Insert Op = "+"
)

// Edit is a run of words the word diff keeps, deletes or inserts.
type Edit struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// maxCells bounds the word diff's table (old words × new words); longer
// clauses are shown as deleted then inserted whole.
const maxCells = 1 << 22

// Words turns the old text into the new one word by word (words split on
// white space, compared exactly), as few edits as a longest common
// subsequence allows, then tidied so that a rewritten phrase is one
// deletion and one insertion. Words of a run are joined by single spaces.
func Words(old, new string) []Edit {
	a, b := strings.Fields(old), strings.Fields(new)
	if len(a)*len(b) > maxCells {
		return edits(append(ops(Delete, a), ops(Insert, b)...))
	}
	return edits(script(a, b))
}

type wordOp struct {
	op   Op
	word string
}

func ops(op Op, words []string) []wordOp {
	out := make([]wordOp, len(words))
	for i, w := range words {
		out[i] = wordOp{op, w}
	}
	return out
}

// script walks the LCS table of a and b from the start, deleting before
// inserting where both would do.
func script(a, b []string) []wordOp {
	lcs := lcsTable(a, b)
	w := len(b) + 1
	var out []wordOp
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, wordOp{Keep, a[i]})
			i, j = i+1, j+1
		case j == len(b) || (i < len(a) && lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			out = append(out, wordOp{Delete, a[i]})
			i++
		default:
			out = append(out, wordOp{Insert, b[j]})
			j++
		}
	}
	return out
}

// lcsTable holds, at i*(len(b)+1)+j, the length of the longest common
// subsequence of a[i:] and b[j:].
func lcsTable(a, b []string) []int32 {
	w := len(b) + 1
	t := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i*w+j] = t[(i+1)*w+j+1] + 1
			} else {
				t[i*w+j] = max(t[(i+1)*w+j], t[i*w+j+1])
			}
		}
	}
	return t
}

// segment is a run of kept words, or a change: words deleted and words
// inserted in their place.
type segment struct {
	keep     []string
	del, ins []string
}

func (s segment) isKeep() bool { return s.keep != nil }
func (s segment) size() int    { return len(s.keep) + len(s.del) + len(s.ins) }

// segments groups word operations into alternating kept runs and changes.
func segments(words []wordOp) []segment {
	var out []segment
	for _, w := range words {
		n := len(out)
		if w.op == Keep {
			if n == 0 || !out[n-1].isKeep() {
				out = append(out, segment{keep: []string{}})
				n++
			}
			out[n-1].keep = append(out[n-1].keep, w.word)
			continue
		}
		if n == 0 || out[n-1].isKeep() {
			out = append(out, segment{})
			n++
		}
		if w.op == Delete {
			out[n-1].del = append(out[n-1].del, w.word)
		} else {
			out[n-1].ins = append(out[n-1].ins, w.word)
		}
	}
	return out
}

// absorb folds a kept run into the changes around it when it is no longer
// than either of them, so that a rewritten phrase reads as one change
// rather than as fragments around a stray "and" or "in".
func absorb(segs []segment) []segment {
	for i := 1; i+1 < len(segs); {
		prev, keep, next := segs[i-1], segs[i], segs[i+1]
		if !keep.isKeep() || len(keep.keep) > min(prev.size(), next.size()) {
			i++
			continue
		}
		merged := segment{
			del: slices.Concat(prev.del, keep.keep, next.del),
			ins: slices.Concat(prev.ins, keep.keep, next.ins),
		}
		segs = slices.Replace(segs, i-1, i+2, merged)
	}
	return segs
}

// edits turns the word operations into edits, one per run.
func edits(words []wordOp) []Edit {
	out := []Edit{}
	add := func(op Op, words []string) {
		if len(words) > 0 {
			out = append(out, Edit{Op: op, Text: strings.Join(words, " ")})
		}
	}
	for _, s := range absorb(segments(words)) {
		add(Keep, s.keep)
		add(Delete, s.del)
		add(Insert, s.ins)
	}
	return out
}
